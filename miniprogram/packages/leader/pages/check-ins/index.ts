/**
 * 今日打卡 (楼道长): per slot done / missing / abnormal; the people missing first, each with call buttons and
 * 代为打卡 (the check-in form on their behalf); then everyone by unit and floor. Reloads on return from the form.
 */
import { loadable, type LoadedView } from '../../../../behaviors/loadable';
import type { DatasetEvent } from '../../../../types/events';
import { toLeaderCheckInView, type LeaderCheckInView } from '../../presenters/checkIns';
import { fetchLeaderBoard } from '../../services/checkIns';
import { phoneCall } from '../../../../behaviors/phoneCall';
import { reloadOnReturn } from '../../../../behaviors/reloadOnReturn';

Component({
  behaviors: [loadable, phoneCall, reloadOnReturn],
  data: {
    buildingId: '',
    view: null as LeaderCheckInView | null,
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}): void {
      this.setData({ buildingId: query.buildingId ?? '' });
      void this.reloadView();
    },

    async fetchView(): Promise<LoadedView> {
      const view = toLeaderCheckInView(await fetchLeaderBoard(this.data.buildingId));
      return { empty: view.people === 0, data: { view } };
    },

    onBehalf(e: DatasetEvent<{ url?: string }>): void {
      const url = e.currentTarget.dataset.url;
      if (url) wx.navigateTo({ url });
    },
  },
});
