/**
 * Loading, empty and error states, the same on every page. Wrap the page's content:
 *
 *   <state-view status="{{status}}" empty-text="暂时没有通知" error-text="{{errorMessage}}" bind:retry="onRetry">
 *     …content, shown when status is 'ready'…
 *   </state-view>
 */
import type { ViewStatus } from './status';

const DEFAULT_STATUS: ViewStatus = 'loading';

/** Skeleton rows for list pages: a title line and a shorter description line, three times. */
const LIST_SKELETON = [1, 2, 3].flatMap(() => [{ width: '60%', height: '36rpx' }, { width: '90%', height: '28rpx' }]);

Component({
  properties: {
    status: { type: String, value: DEFAULT_STATUS },
    /** Lists show a skeleton while loading; other pages a spinner. */
    skeleton: { type: Boolean, value: false },
    loadingText: { type: String, value: '正在加载…' },
    emptyText: { type: String, value: '这里还没有内容' },
    errorText: { type: String, value: '加载失败，请重试' },
    retryText: { type: String, value: '重新加载' },
  },
  data: {
    skeletonRows: LIST_SKELETON,
  },
  methods: {
    onRetry(): void {
      this.triggerEvent('retry');
    },
  },
});
