/** 我的求助: the requests of the person's households, newest first, 20 at a time; each opens its progress. */
import { pagedList } from '../../behaviors/pagedList';
import { toHelpRow, type HelpRow } from '../../presenters/help';
import { fetchMyHelpRequests } from '../../services/help';
import type { Page } from '../../services/paging';
import { reloadOnReturn } from '../../behaviors/reloadOnReturn';
import { openUrl } from '../../behaviors/openUrl';

Component({
  behaviors: [pagedList, reloadOnReturn, openUrl],
  methods: {
    onLoad(): void {
      void this.reloadList();
    },

    /** Back from a request (cancelled it?) or from a new one: the list shows it. */
    async fetchPage(cursor: string | null): Promise<Page<HelpRow>> {
      const page = await fetchMyHelpRequests(cursor);
      return { items: page.items.map(toHelpRow), nextCursor: page.nextCursor };
    },

    onNew(): void {
      wx.navigateTo({ url: '/pages/help/index' });
    },
  },
});
