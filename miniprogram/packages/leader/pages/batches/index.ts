/**
 * 物资订单 of one building (楼道长, 志愿者): its batches newest first, 20 at a time — the open one collecting orders,
 * the closed ones being bought and delivered; each opens its purchase and delivery lists.
 */
import { pagedList } from '../../../../behaviors/pagedList';
import { queryValue } from '../../../../behaviors/query';
import type { Page } from '../../../../services/paging';
import { fetchBatches } from '../../../../services/supply';
import { batchRow, type BatchRow } from '../../presenters/supply';
import { reloadOnReturn } from '../../../../behaviors/reloadOnReturn';
import { openUrl } from '../../../../behaviors/openUrl';

Component({
  behaviors: [pagedList, reloadOnReturn, openUrl],
  data: {
    buildingId: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}): void {
      this.setData({ buildingId: queryValue(query, 'buildingId') });
      void this.reloadList();
    },

    /** Back from a batch (cut off, ticked): the counts change. */
    async fetchPage(cursor: string | null): Promise<Page<BatchRow>> {
      const page = await fetchBatches(this.data.buildingId, cursor);
      return { items: page.items.map(batchRow), nextCursor: page.nextCursor };
    },
  },
});
