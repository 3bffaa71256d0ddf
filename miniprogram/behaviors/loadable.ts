/**
 * The single-view pattern (a profile, a dashboard): load, then show it, its empty state, or the error with a
 * retry; pull-to-refresh reloads. The sibling of pagedList for pages that are not lists.
 *
 * A page adds `behaviors: [loadable]`, defines `fetchView()` — its service call turned into page data by a
 * presenter, plus whether there is nothing to show — and calls `this.reloadView()` in onLoad. It renders inside
 * <state-view status="{{status}}" error-text="{{errorMessage}}" bind:retry="onViewRetry">.
 */
import type { ViewStatus } from '../components/state-view/status';
import { errorMessage, showError } from '../services/feedback';

export interface LoadedView {
  /** True when there is nothing to show (the state-view shows its empty message). */
  empty: boolean;
  /** What to setData for the content. */
  data: Record<string, unknown>;
}

const generations = new WeakMap<object, number>();

export const loadable = Behavior({
  data: {
    status: 'loading' as ViewStatus,
    errorMessage: '',
  },
  methods: {
    /** The page's load; every page using this behavior overrides it. */
    fetchView(): Promise<LoadedView> {
      return Promise.reject(new Error('loadable: the page must define fetchView()'));
    },

    /**
     * Loads again. What is on screen stays there while it reloads (if that fails, the toast says so) — unless
     * `fresh`: the content is no longer right (another identity), so the page goes back to loading.
     */
    async reloadView(fresh = false): Promise<void> {
      const generation = (generations.get(this) ?? 0) + 1;
      generations.set(this, generation);
      const showing = !fresh && (this.data.status === 'ready' || this.data.status === 'empty');
      if (!showing) this.setData({ status: 'loading', errorMessage: '' });
      try {
        const view = await this.fetchView();
        if (generations.get(this) !== generation) return; // overtaken by a newer reload
        this.setData({ ...view.data, status: view.empty ? 'empty' : 'ready', errorMessage: '' });
      } catch (err) {
        if (generations.get(this) !== generation) return;
        showError(err);
        if (!showing) this.setData({ status: 'error', errorMessage: errorMessage(err) });
      }
    },

    async onPullDownRefresh(): Promise<void> {
      await this.reloadView();
      wx.stopPullDownRefresh();
    },

    /** bind:retry of <state-view>. */
    onViewRetry(): void {
      void this.reloadView();
    },
  },
});
