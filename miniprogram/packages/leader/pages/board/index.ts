/** 楼栋一览: the building at a glance — every room by unit and floor, coloured and marked by state; tap one to open it. */
import { loadable, type LoadedView } from '../../../../behaviors/loadable';
import { instanceState } from '../../../../behaviors/instanceState';
import { AppError } from '../../../../transport/index';
import type { DatasetEvent } from '../../../../types/events';
import { toBoardView, type BoardView } from '../../presenters/board';
import { fetchBuildingBoard } from '../../services/buildings';
import { queryValue } from '../../../../behaviors/query';
import { reloadOnReturn } from '../../../../behaviors/reloadOnReturn';

const local = instanceState(() => ({ buildingId: '' }));

Component({
  behaviors: [loadable, reloadOnReturn],
  data: {
    board: null as BoardView | null,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      local(this).buildingId = queryValue(query, 'buildingId');
      void this.reloadView();
    },

    async fetchView(): Promise<LoadedView> {
      const buildingId = local(this).buildingId;
      if (!buildingId) throw new AppError('CLIENT.MISSING_BUILDING', '没有找到这栋楼，请从「我的楼栋」重新进入');
      const { empty, view } = toBoardView(await fetchBuildingBoard(buildingId));
      wx.setNavigationBarTitle({ title: `${view.name} · 楼栋一览` });
      return { empty, data: { board: view } };
    },

    onRoomTap(e: DatasetEvent<{ householdId?: string }>): void {
      const householdId = e.currentTarget.dataset.householdId;
      if (householdId) wx.navigateTo({ url: `/packages/leader/pages/household/index?householdId=${encodeURIComponent(householdId)}` });
    },

    onPendingTap(): void {
      const { buildingId } = local(this);
      wx.navigateTo({ url: `/packages/leader/pages/pending/index?buildingId=${encodeURIComponent(buildingId)}` });
    },
  },
});
