/** 新建 / 编辑网格: its name and which buildings it holds (a building checked here moves from its old grid). */
import { loadable, type LoadedView } from '../../../../behaviors/loadable';
import { instanceState } from '../../../../behaviors/instanceState';
import { queryValue } from '../../../../behaviors/query';
import { compactErrors, textProblem } from '../../../../presenters/person';
import { fieldErrorsOf, showDone, showError } from '../../../../services/feedback';
import { AppError, createSubmitKey } from '../../../../transport/index';
import type { ValueEvent } from '../../../../types/events';
import { toBuildingChoices, type BuildingChoice } from '../../presenters/grids';
import { listCommunityBuildings, listGrids, saveGrid } from '../../services/grids';

const local = instanceState(() => ({ communityId: '', gridId: '', submitKey: createSubmitKey() }));

Component({
  behaviors: [loadable],
  data: {
    name: '',
    buildingIds: [] as string[],
    choices: [] as BuildingChoice[],
    errors: {} as Record<string, string>,
    saving: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      const state = local(this);
      state.communityId = queryValue(query, 'communityId');
      state.gridId = queryValue(query, 'gridId');
      wx.setNavigationBarTitle({ title: state.gridId ? '编辑网格' : '新建网格' });
      void this.reloadView();
    },

    async fetchView(): Promise<LoadedView> {
      const { communityId, gridId } = local(this);
      if (!communityId) throw new AppError('CLIENT.MISSING_COMMUNITY', '缺少社区信息，请从「我的」工作台重新进入');
      const [buildings, grids] = await Promise.all([listCommunityBuildings(communityId), listGrids(communityId)]);
      const grid = grids.find((g) => g.gridId === gridId);
      if (gridId && !grid) throw new AppError('GRID.NOT_FOUND', '找不到这个网格，可能已被修改，请返回刷新');
      return {
        empty: false,
        data: {
          choices: toBuildingChoices(buildings, grids, gridId),
          name: grid?.name ?? '',
          buildingIds: grid?.buildings.map((b) => b.buildingId) ?? [],
        },
      };
    },

    onNameChange(e: ValueEvent<string>): void {
      local(this).submitKey.renew();
      this.setData({ name: e.detail.value, 'errors.name': '' });
    },

    onBuildingsChange(e: ValueEvent<string[]>): void {
      local(this).submitKey.renew();
      this.setData({ buildingIds: e.detail.value, 'errors.buildingIds': '' });
    },

    async onSave(): Promise<void> {
      if (this.data.saving) return;
      const errors = compactErrors({ name: textProblem('网格名称', this.data.name, 20, true) });
      if (errors.name) {
        this.setData({ errors });
        wx.showToast({ title: errors.name, icon: 'none', duration: 2500 });
        return;
      }
      const state = local(this);
      this.setData({ saving: true, errors: {} });
      try {
        await saveGrid(
          {
            communityId: state.communityId,
            ...(state.gridId ? { gridId: state.gridId } : {}),
            name: this.data.name.trim(),
            buildingIds: this.data.buildingIds,
          },
          state.submitKey.requestId,
        );
        state.submitKey.renew();
        this.setData({ saving: false });
        showDone('已保存');
        wx.navigateBack({ delta: 1 });
      } catch (err) {
        this.setData({ saving: false, errors: fieldErrorsOf(err) });
        showError(err);
      }
    },
  },
});
