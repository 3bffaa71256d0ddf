/** 打卡记录: one person's temperatures over the isolation — a small chart with the 37.3 °C line, then the list. */
import { loadable, type LoadedView } from '../../behaviors/loadable';
import { toHistoryView, type HistoryView } from '../../presenters/checkInChart';
import { fetchCheckInHistory } from '../../services/health';

Component({
  behaviors: [loadable],
  data: {
    residentId: '',
    view: null as HistoryView | null,
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}): void {
      this.setData({ residentId: query.residentId ?? '' });
      void this.reloadView();
    },

    async fetchView(): Promise<LoadedView> {
      const view = toHistoryView(await fetchCheckInHistory(this.data.residentId));
      return { empty: view.bars.length === 0, data: { view } };
    },
  },
});
