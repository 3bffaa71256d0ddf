/** 网格管理: the community's grids, their buildings and grid workers; tap one to change it, or create one. */
import { loadable, type LoadedView } from '../../../../behaviors/loadable';
import { instanceState } from '../../../../behaviors/instanceState';
import { queryValue } from '../../../../behaviors/query';
import { AppError } from '../../../../transport/index';
import { toGridRow, type GridRow } from '../../presenters/grids';
import { listGrids } from '../../services/grids';
import { reloadOnReturn } from '../../../../behaviors/reloadOnReturn';

const local = instanceState(() => ({ communityId: '' }));

Component({
  behaviors: [loadable, reloadOnReturn],
  data: {
    grids: [] as GridRow[],
  },
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      local(this).communityId = queryValue(query, 'communityId');
      void this.reloadView();
    },

    async fetchView(): Promise<LoadedView> {
      const { communityId } = local(this);
      if (!communityId) throw new AppError('CLIENT.MISSING_COMMUNITY', '缺少社区信息，请从「我的」工作台重新进入');
      const grids = (await listGrids(communityId)).map((g) => toGridRow(g, communityId));
      return { empty: grids.length === 0, data: { grids } };
    },

    onCreate(): void {
      wx.navigateTo({ url: `/packages/admin/pages/grid-edit/index?communityId=${encodeURIComponent(local(this).communityId)}` });
    },
  },
});
