/** 打卡看板 (网格员): abnormal and escalated people first with call buttons, then completion per building. */
import { loadable, type LoadedView } from '../../../../behaviors/loadable';
import { queryValue } from '../../../../behaviors/query';
import { callPhone } from '../../../../services/device';
import { showError } from '../../../../services/feedback';
import type { DatasetEvent } from '../../../../types/events';
import { toGridCheckInView, type GridCheckInView } from '../../presenters/checkIns';
import { fetchGridBoard } from '../../services/checkIns';

Component({
  behaviors: [loadable],
  data: {
    gridId: '',
    view: null as GridCheckInView | null,
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}): void {
      this.setData({ gridId: queryValue(query, 'gridId') });
      void this.reloadView();
    },

    async fetchView(): Promise<LoadedView> {
      const view = toGridCheckInView(await fetchGridBoard(this.data.gridId));
      return { empty: view.buildings.length === 0, data: { view } };
    },

    async onCall(e: DatasetEvent<{ phone?: string }>): Promise<void> {
      const phone = e.currentTarget.dataset.phone;
      if (!phone) return;
      try {
        await callPhone(phone);
      } catch (err) {
        showError(err);
      }
    },
  },
});
