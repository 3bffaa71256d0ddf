/** 社区管理: the community at a glance, and the admin's work — import, grids, appointments. */
import { loadable, type LoadedView } from '../../../../behaviors/loadable';
import { instanceState } from '../../../../behaviors/instanceState';
import { queryValue } from '../../../../behaviors/query';
import { AppError } from '../../../../transport/index';
import { toOverviewView, type OverviewView } from '../../presenters/grids';
import { listGrids, listMyBuildings } from '../../services/grids';
import { reloadOnReturn } from '../../../../behaviors/reloadOnReturn';

const local = instanceState(() => ({ communityId: '' }));

Component({
  behaviors: [loadable, reloadOnReturn],
  data: {
    communityName: '',
    overview: null as OverviewView | null,
    links: {} as Record<string, string>,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      const communityId = queryValue(query, 'communityId');
      local(this).communityId = communityId;
      const c = `communityId=${encodeURIComponent(communityId)}`;
      this.setData({
        communityName: queryValue(query, 'communityName'),
        links: {
          import: `/packages/admin/pages/import/index?${c}`,
          grids: `/packages/admin/pages/grids/index?${c}`,
          appointGridWorker: `/packages/grid/pages/appoint/index?${c}&role=gridWorker`,
          appointLeader: `/packages/grid/pages/appoint/index?${c}`,
          records: `/packages/grid/pages/assignments/index?${c}`,
          helpSettings: `/packages/admin/pages/help-settings/index?${c}`,
          catalog: `/packages/admin/pages/catalog/index?${c}`,
        },
      });
      void this.reloadView();
    },

    async fetchView(): Promise<LoadedView> {
      const { communityId } = local(this);
      if (!communityId) throw new AppError('CLIENT.MISSING_COMMUNITY', '缺少社区信息，请从「我的」工作台重新进入');
      const [buildings, grids] = await Promise.all([listMyBuildings(), listGrids(communityId)]);
      const { empty, view } = toOverviewView(
        buildings.filter((b) => b.communityId === communityId),
        grids,
      );
      return { empty, data: { overview: view } };
    },

    onImport(): void {
      wx.navigateTo({ url: this.data.links.import });
    },
  },
});
