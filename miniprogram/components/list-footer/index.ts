/**
 * The end of a paged list: loading the next page, "load failed, tap to retry", or "no more".
 * Bind it to the pagedList behavior's data:
 *   <list-footer loading="{{loadingMore}}" failed="{{loadMoreFailed}}" no-more="{{nextCursor === null}}" bind:retry="onListRetry" />
 */
Component({
  properties: {
    loading: { type: Boolean, value: false },
    failed: { type: Boolean, value: false },
    noMore: { type: Boolean, value: false },
  },
  methods: {
    onRetry(): void {
      this.triggerEvent('retry');
    },
  },
});
