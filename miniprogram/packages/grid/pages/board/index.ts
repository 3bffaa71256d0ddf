/** 网格工作台: the grid worker's buildings with what needs attention; appointing 楼道长 and volunteers from here. */
import { loadable, type LoadedView } from '../../../../behaviors/loadable';
import { instanceState } from '../../../../behaviors/instanceState';
import { queryValue } from '../../../../behaviors/query';
import { toGridBoardView, type GridBoardView } from '../../presenters/grid';
import { listScopeBuildings } from '../../services/appointments';

const local = instanceState(() => ({ query: '', gridName: '' }));

Component({
  behaviors: [loadable],
  data: {
    board: null as GridBoardView | null,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      const state = local(this);
      state.gridName = queryValue(query, 'gridName');
      state.query = ['communityId', 'gridId', 'gridName']
        .filter((k) => query[k])
        .map((k) => `${k}=${encodeURIComponent(queryValue(query, k))}`)
        .join('&');
      void this.reloadView();
    },

    async fetchView(): Promise<LoadedView> {
      const { empty, view } = toGridBoardView(local(this).gridName, await listScopeBuildings());
      return { empty, data: { board: view } };
    },

    onAppoint(): void {
      wx.navigateTo({ url: `/packages/grid/pages/appoint/index?${local(this).query}` });
    },

    onCheckIns(): void {
      wx.navigateTo({ url: `/packages/grid/pages/check-ins/index?${local(this).query}` });
    },

    onRecords(): void {
      wx.navigateTo({ url: `/packages/grid/pages/assignments/index?${local(this).query}` });
    },
  },
});
