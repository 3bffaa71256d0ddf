/**
 * 打卡看板 (网格员): abnormal and escalated people first with call buttons (the most urgent 50), then completion per
 * building; a building opens its own board, person by person.
 */
import { loadable, type LoadedView } from '../../../../behaviors/loadable';
import { queryValue } from '../../../../behaviors/query';
import { toGridCheckInView, type GridCheckInView } from '../../presenters/checkIns';
import { fetchGridBoard } from '../../services/checkIns';
import { openUrl } from '../../../../behaviors/openUrl';
import { phoneCall } from '../../../../behaviors/phoneCall';

Component({
  behaviors: [loadable, phoneCall, openUrl],
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
  },
});
