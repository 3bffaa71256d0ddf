/**
 * 通知管理 (staff): the notices reaching the buildings, grid or community the caller looks after — what they
 * published and what they have to chase — with how many households read and acknowledged, 20 at a time. A notice
 * opens its read receipts; 发布通知 opens the form. Coming back refreshes the counts.
 */
import { pagedList } from '../../../../behaviors/pagedList';
import { managedRow, type ManagedRow } from '../../../../presenters/notices';
import { fetchManagedNotices } from '../../../../services/notices';
import type { Page } from '../../../../services/paging';
import { reloadOnReturn } from '../../../../behaviors/reloadOnReturn';
import { openUrl } from '../../../../behaviors/openUrl';

Component({
  behaviors: [pagedList, reloadOnReturn, openUrl],
  methods: {
    onLoad(): void {
      void this.reloadList();
    },

    async fetchPage(cursor: string | null): Promise<Page<ManagedRow>> {
      const page = await fetchManagedNotices(cursor);
      return { items: page.items.map(managedRow), nextCursor: page.nextCursor };
    },

    onPublish(): void {
      wx.navigateTo({ url: '/packages/grid/pages/notice-publish/index' });
    },
  },
});
