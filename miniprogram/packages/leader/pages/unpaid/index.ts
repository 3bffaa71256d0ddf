/**
 * 未付款 (楼道长, 志愿者): the building's orders bought but not recorded as paid, oldest first, 20 at a time — the
 * list to chase; each opens its batch's delivery list, where 记为已付款 is.
 */
import { pagedList } from '../../../../behaviors/pagedList';
import { queryValue } from '../../../../behaviors/query';
import type { Page } from '../../../../services/paging';
import { fetchUnpaid } from '../../../../services/supply';
import { unpaidRow, type UnpaidRow } from '../../presenters/supply';
import { openUrl } from '../../../../behaviors/openUrl';

Component({
  behaviors: [pagedList, openUrl],
  data: {
    buildingId: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}): void {
      this.setData({ buildingId: queryValue(query, 'buildingId') });
      void this.reloadList();
    },

    async fetchPage(cursor: string | null): Promise<Page<UnpaidRow>> {
      const page = await fetchUnpaid(this.data.buildingId, cursor);
      return { items: page.items.map(unpaidRow), nextCursor: page.nextCursor };
    },
  },
});
