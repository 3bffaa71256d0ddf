/**
 * 通知 (tab): the notices that reach the caller's households, pinned first, 20 at a time, unread ones marked with a
 * dot and counted on the tab's badge — whether or not a subscribe message arrived. Staff also get the way to
 * 通知管理 (publish, read receipts). Coming back from a notice refreshes the list and the badge.
 */
import { pagedList } from '../../behaviors/pagedList';
import { noticeRow, type NoticeRow } from '../../presenters/notices';
import { fetchComposer, fetchMyNotices } from '../../services/notices';
import type { Page } from '../../services/paging';
import { reloadOnReturn } from '../../behaviors/reloadOnReturn';
import { openUrl } from '../../behaviors/openUrl';
import { noticeBadge } from '../../behaviors/noticeBadge';

Component({
  behaviors: [pagedList, reloadOnReturn, openUrl, noticeBadge],
  data: {
    canManage: false,
  },
  methods: {
    onLoad(): void {
      void this.reloadList();
      void this.loadManage();
    },

    async fetchPage(cursor: string | null): Promise<Page<NoticeRow>> {
      const page = await fetchMyNotices(cursor);
      if (cursor === null) void this.refreshNoticeBadge();
      return { items: page.items.map(noticeRow), nextCursor: page.nextCursor };
    },

    /** Staff who may publish somewhere see 通知管理. */
    async loadManage(): Promise<void> {
      try {
        const composer = await fetchComposer();
        this.setData({ canManage: composer.communities.length > 0 });
      } catch {
        this.setData({ canManage: false });
      }
    },

    onManage(): void {
      wx.navigateTo({ url: '/packages/leader/pages/notices/index' });
    },
  },
});
