/** 我的求助: the requests of the person's households, newest first, 20 at a time; each opens its progress. */
import { instanceState } from '../../behaviors/instanceState';
import { pagedList } from '../../behaviors/pagedList';
import { toHelpRow, type HelpRow } from '../../presenters/help';
import { fetchMyHelpRequests } from '../../services/help';
import type { Page } from '../../services/paging';
import type { DatasetEvent } from '../../types/events';

const local = instanceState(() => ({ shown: false }));

Component({
  behaviors: [pagedList],
  methods: {
    onLoad(): void {
      void this.reloadList();
    },

    /** Back from a request (cancelled it?) or from a new one: the list shows it. */
    onShow(): void {
      const state = local(this);
      if (state.shown) void this.reloadList();
      state.shown = true;
    },

    async fetchPage(cursor: string | null): Promise<Page<HelpRow>> {
      const page = await fetchMyHelpRequests(cursor);
      return { items: page.items.map(toHelpRow), nextCursor: page.nextCursor };
    },

    onOpen(e: DatasetEvent<{ url?: string }>): void {
      const url = e.currentTarget.dataset.url;
      if (url) wx.navigateTo({ url });
    },

    onNew(): void {
      wx.navigateTo({ url: '/pages/help/index' });
    },
  },
});
