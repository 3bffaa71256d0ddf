/**
 * The list-page pattern, once: first load with loading / empty / error states, pull-to-refresh, and the next
 * page (20 at a time, see services/paging.ts) when the person reaches the bottom.
 *
 * A page adds `behaviors: [pagedList]`, defines `fetchPage(cursor)` with its service call, calls
 * `this.reloadList()` in onLoad, and renders `items` inside <state-view status="{{status}}"> with a
 * <list-footer> below. onPullDownRefresh / onReachBottom come from here (enablePullDownRefresh in the page json).
 */
import { errorMessage, showError } from '../services/feedback';
import type { ViewStatus } from '../components/state-view/status';
import type { Page } from '../services/paging';

/** Each reload starts a generation; an answer from an older one (a slow first load overtaken by a pull-down)
 * is dropped. Kept outside `data` so it never costs a setData. */
const generations = new WeakMap<object, number>();

function startGeneration(host: object): number {
  const next = (generations.get(host) ?? 0) + 1;
  generations.set(host, next);
  return next;
}

function isCurrent(host: object, generation: number | undefined): boolean {
  return generations.get(host) === generation;
}

export const pagedList = Behavior({
  data: {
    items: [] as unknown[],
    status: 'loading' as ViewStatus,
    errorMessage: '',
    nextCursor: null as string | null,
    loadingMore: false,
    loadMoreFailed: false,
  },
  methods: {
    /** The page's service call for one page; every list page overrides this. */
    fetchPage(_cursor: string | null): Promise<Page<unknown>> {
      return Promise.reject(new Error('pagedList: the page must define fetchPage(cursor)'));
    },

    /** Loads the first page. A list already on screen stays there while it refreshes (and if that fails). */
    async reloadList(): Promise<void> {
      const generation = startGeneration(this);
      if (this.data.status !== 'ready') this.setData({ status: 'loading', errorMessage: '' });
      try {
        const page = await this.fetchPage(null);
        if (!isCurrent(this, generation)) return;
        this.setData({
          items: page.items,
          nextCursor: page.nextCursor,
          status: page.items.length > 0 ? 'ready' : 'empty',
          loadingMore: false,
          loadMoreFailed: false,
        });
      } catch (err) {
        if (!isCurrent(this, generation)) return;
        showError(err);
        if (this.data.status !== 'ready') this.setData({ status: 'error', errorMessage: errorMessage(err) });
      }
    },

    /** Appends the next page, if there is one and none is on its way. */
    async loadMore(): Promise<void> {
      const { status, nextCursor, loadingMore, items } = this.data;
      if (status !== 'ready' || nextCursor === null || loadingMore) return;
      const generation = generations.get(this);
      this.setData({ loadingMore: true, loadMoreFailed: false });
      try {
        const page = await this.fetchPage(nextCursor);
        if (!isCurrent(this, generation)) return;
        // Path updates send only the new rows to the view layer, not the whole list again.
        const patch: Record<string, unknown> = { nextCursor: page.nextCursor, loadingMore: false };
        page.items.forEach((item, i) => {
          patch[`items[${items.length + i}]`] = item;
        });
        this.setData(patch);
      } catch (err) {
        if (!isCurrent(this, generation)) return;
        showError(err);
        this.setData({ loadingMore: false, loadMoreFailed: true });
      }
    },

    async onPullDownRefresh(): Promise<void> {
      await this.reloadList();
      wx.stopPullDownRefresh();
    },

    onReachBottom(): void {
      void this.loadMore();
    },

    /** bind:retry of <state-view> and <list-footer>. */
    onListRetry(): void {
      if (this.data.status === 'ready') void this.loadMore();
      else void this.reloadList();
    },
  },
});
