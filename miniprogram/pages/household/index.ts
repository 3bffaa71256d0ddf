/** 我的房屋: the household the resident is linked to — who lives there, its state, who acts for it, what changed. */
import { loadable, type LoadedView } from '../../behaviors/loadable';
import { instanceState } from '../../behaviors/instanceState';
import { toHouseholdPageView, type HouseholdPageView } from '../../presenters/household';
import { showDone, showError } from '../../services/feedback';
import { fetchHousehold, removeHouseholdMember, unbindHousehold } from '../../services/household';
import { AppError } from '../../transport/index';
import type { DatasetEvent } from '../../types/events';
import { queryValue } from '../../behaviors/query';
import { reloadOnReturn } from '../../behaviors/reloadOnReturn';

const local = instanceState(() => ({ householdId: '' }));

Component({
  behaviors: [loadable, reloadOnReturn],
  data: {
    household: null as HouseholdPageView | null,
    /** The member about to be removed (the dialog is open while set). */
    removing: null as { residentId: string; name: string } | null,
    unbindVisible: false,
    busy: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      local(this).householdId = queryValue(query, 'householdId');
      void this.reloadView();
    },

    async fetchView(): Promise<LoadedView> {
      const householdId = local(this).householdId;
      if (!householdId) throw new AppError('CLIENT.MISSING_HOUSEHOLD', '没有找到这户房屋，请从「我的」重新进入');
      return { empty: false, data: { household: toHouseholdPageView(await fetchHousehold(householdId)) } };
    },

    onAddMember(): void {
      wx.navigateTo({ url: `/pages/member-add/index?householdId=${encodeURIComponent(local(this).householdId)}` });
    },

    onMyData(): void {
      wx.navigateTo({ url: `/pages/household-data/index?householdId=${encodeURIComponent(local(this).householdId)}` });
    },

    onAskRemove(e: DatasetEvent<{ residentId?: string; name?: string }>): void {
      const { residentId, name } = e.currentTarget.dataset;
      if (residentId) this.setData({ removing: { residentId, name: name ?? '' } });
    },

    onRemoveClose(): void {
      this.setData({ removing: null });
    },

    async onRemoveConfirm(): Promise<void> {
      const removing = this.data.removing;
      if (!removing || this.data.busy) return;
      this.setData({ busy: true });
      try {
        const household = await removeHouseholdMember(local(this).householdId, removing.residentId);
        this.setData({ household: toHouseholdPageView(household), removing: null, busy: false });
        showDone('已移除');
      } catch (err) {
        this.setData({ removing: null, busy: false });
        showError(err);
      }
    },

    onAskUnbind(): void {
      this.setData({ unbindVisible: true });
    },

    onUnbindClose(): void {
      this.setData({ unbindVisible: false });
    },

    async onUnbindConfirm(): Promise<void> {
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        await unbindHousehold(local(this).householdId);
        this.setData({ unbindVisible: false, busy: false });
        showDone('已解除绑定');
        wx.navigateBack({ delta: 1 });
      } catch (err) {
        this.setData({ unbindVisible: false, busy: false });
        showError(err);
      }
    },
  },
});
