/**
 * A household as its 楼道长 sees it: members with full phone numbers to call, its state, and the one thing to do
 * here — mark it 未联系上 when nobody answers at the door (a blue 「平安」 sticker goes up), or 已联系上 again.
 */
import { loadable, type LoadedView } from '../../../../behaviors/loadable';
import { instanceState } from '../../../../behaviors/instanceState';
import { toHouseholdPageView, type HouseholdPageView } from '../../../../presenters/household';
import { textProblem } from '../../../../presenters/person';
import { fieldErrorsOf, showDone, showError } from '../../../../services/feedback';
import { fetchHousehold } from '../../../../services/household';
import { AppError } from '../../../../transport/index';
import type { ValueEvent } from '../../../../types/events';
import { setReachability } from '../../services/reachability';
import { phoneCall } from '../../../../behaviors/phoneCall';
import { queryValue } from '../../../../behaviors/query';

const local = instanceState(() => ({ householdId: '' }));

const NOTE_MAX = 100;

Component({
  behaviors: [loadable, phoneCall],
  data: {
    household: null as HouseholdPageView | null,
    dialogVisible: false,
    note: '',
    noteError: '',
    saving: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      local(this).householdId = queryValue(query, 'householdId');
      void this.reloadView();
    },

    async fetchView(): Promise<LoadedView> {
      const householdId = local(this).householdId;
      if (!householdId) throw new AppError('CLIENT.MISSING_HOUSEHOLD', '没有找到这户，请从楼栋一览重新进入');
      return { empty: false, data: { household: toHouseholdPageView(await fetchHousehold(householdId)) } };
    },

    /** 代为求助: the help form for this household (they called, or the 楼道长 saw it at the door). */
    onHelp(): void {
      const household = this.data.household;
      if (household)
        wx.navigateTo({ url: `/pages/help/index?householdId=${household.householdId}&label=${encodeURIComponent(household.label)}` });
    },

    onOpenReachability(): void {
      this.setData({ dialogVisible: true, note: '', noteError: '' });
    },

    onNoteChange(e: ValueEvent<string>): void {
      this.setData({ note: e.detail.value, noteError: '' });
    },

    onDialogClose(): void {
      if (!this.data.saving) this.setData({ dialogVisible: false });
    },

    async onReachabilityConfirm(): Promise<void> {
      const household = this.data.household;
      if (!household || this.data.saving) return;
      const noteError = textProblem('说明', this.data.note, NOTE_MAX, false);
      if (noteError) {
        this.setData({ noteError });
        return;
      }
      const reachable = !household.reachable;
      this.setData({ saving: true });
      try {
        const updated = await setReachability(household.householdId, reachable, this.data.note);
        this.setData({ household: toHouseholdPageView(updated), saving: false, dialogVisible: false });
        showDone(reachable ? '已恢复联系' : '已标记未联系上');
      } catch (err) {
        this.setData({ saving: false, noteError: fieldErrorsOf(err).note ?? '' });
        showError(err);
      }
    },
  },
});
