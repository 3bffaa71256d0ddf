/**
 * 物资订单 of one building (楼道长, 志愿者): its batches newest first, 20 at a time — the open one collecting orders,
 * the closed ones being bought and delivered; each opens its purchase and delivery lists.
 */
import { instanceState } from '../../../../behaviors/instanceState';
import { pagedList } from '../../../../behaviors/pagedList';
import { queryValue } from '../../../../behaviors/query';
import type { Page } from '../../../../services/paging';
import { fetchBatches } from '../../../../services/supply';
import type { DatasetEvent } from '../../../../types/events';
import { batchRow, type BatchRow } from '../../presenters/supply';

const local = instanceState(() => ({ shown: false }));

Component({
  behaviors: [pagedList],
  data: {
    buildingId: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}): void {
      this.setData({ buildingId: queryValue(query, 'buildingId') });
      void this.reloadList();
    },

    /** Back from a batch (cut off, ticked): the counts change. */
    onShow(): void {
      const state = local(this);
      if (state.shown) void this.reloadList();
      state.shown = true;
    },

    async fetchPage(cursor: string | null): Promise<Page<BatchRow>> {
      const page = await fetchBatches(this.data.buildingId, cursor);
      return { items: page.items.map(batchRow), nextCursor: page.nextCursor };
    },

    onOpen(e: DatasetEvent<{ url?: string }>): void {
      const url = e.currentTarget.dataset.url;
      if (url) wx.navigateTo({ url });
    },
  },
});
