/**
 * 任命: a grid worker appoints 楼道长 and volunteers for buildings of their grid; an admin also appoints grid
 * workers (`?role=gridWorker`). The appointment is an invitation code, valid 72 hours, that the appointee types
 * in 我的 → 输入任命码; the code is shown big here, with a copy button, to send on WeChat.
 */
import type { StaffRole } from '../../../../../typings/contract/community';
import { instanceState } from '../../../../behaviors/instanceState';
import { queryValue } from '../../../../behaviors/query';
import type { ViewStatus } from '../../../../components/state-view/status';
import { inviteView, type InviteView } from '../../../../presenters/appointment';
import { copyText } from '../../../../services/device';
import { errorMessage, fieldErrorsOf, showDone, showError } from '../../../../services/feedback';
import { createSubmitKey } from '../../../../transport/index';
import type { ValueEvent } from '../../../../types/events';
import {
  buildingOptions,
  gridOptions,
  LEADER_ROLES,
  validateAppointment,
  type AppointForm,
  type ScopeOption,
} from '../../presenters/appointForm';
import { appoint, listGrids, listScopeBuildings } from '../../services/appointments';

const local = instanceState(() => ({ submitKey: createSubmitKey(), communityId: '', gridId: '', query: '' }));

const emptyForm = (role: StaffRole): AppointForm => ({ role, name: '', phone: '', gridId: '', buildingIds: [] });

Component({
  data: {
    gridWorker: false,
    roleOptions: LEADER_ROLES,
    form: emptyForm('buildingLeader'),
    errors: {} as Record<string, string>,
    scopeStatus: 'loading' as ViewStatus,
    scopeError: '',
    scopeOptions: [] as ScopeOption[],
    submitting: false,
    invite: null as InviteView | null,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      const state = local(this);
      state.communityId = queryValue(query, 'communityId');
      state.gridId = queryValue(query, 'gridId');
      state.query = ['communityId', 'gridId']
        .filter((k) => query[k])
        .map((k) => `${k}=${encodeURIComponent(queryValue(query, k))}`)
        .join('&');
      const gridWorker = query.role === 'gridWorker';
      wx.setNavigationBarTitle({ title: gridWorker ? '任命网格员' : '任命楼道长、志愿者' });
      this.setData({ gridWorker, form: emptyForm(gridWorker ? 'gridWorker' : 'buildingLeader') });
      void this.loadScope();
    },

    /** The grids (for a grid worker) or the buildings (for a 楼道长 / volunteer) the appointment can cover. */
    async loadScope(): Promise<void> {
      const { communityId, gridId } = local(this);
      this.setData({ scopeStatus: 'loading', scopeError: '' });
      try {
        let options: ScopeOption[];
        if (this.data.gridWorker) options = gridOptions(await listGrids(communityId));
        else {
          const buildings = (await listScopeBuildings()).filter((b) => !communityId || b.communityId === communityId);
          options = buildingOptions(buildings);
        }
        this.setData({ scopeOptions: options, scopeStatus: options.length ? 'ready' : 'empty' });
        if (gridId && this.data.gridWorker && options.some((o) => o.value === gridId)) this.patch({ gridId });
      } catch (err) {
        showError(err);
        this.setData({ scopeStatus: 'error', scopeError: errorMessage(err) });
      }
    },

    onScopeRetry(): void {
      void this.loadScope();
    },

    /** A changed form is a new appointment (a new request id). */
    patch(patch: Partial<AppointForm>): void {
      const errors = { ...this.data.errors };
      for (const key of Object.keys(patch)) delete errors[key];
      local(this).submitKey.renew();
      this.setData({ form: { ...this.data.form, ...patch }, errors });
    },

    onRoleChange(e: ValueEvent<StaffRole>): void {
      this.patch({ role: e.detail.value });
    },

    onNameChange(e: ValueEvent<string>): void {
      this.patch({ name: e.detail.value });
    },

    onPhoneChange(e: ValueEvent<string>): void {
      this.patch({ phone: e.detail.value });
    },

    onGridChange(e: ValueEvent<string>): void {
      this.patch({ gridId: e.detail.value });
    },

    onBuildingsChange(e: ValueEvent<string[]>): void {
      this.patch({ buildingIds: e.detail.value });
    },

    async onSubmit(): Promise<void> {
      if (this.data.submitting) return;
      const form = this.data.form;
      const errors = validateAppointment(form);
      const first = Object.values(errors)[0];
      if (first) {
        this.setData({ errors });
        wx.showToast({ title: first, icon: 'none', duration: 2500 });
        return;
      }
      const state = local(this);
      this.setData({ submitting: true, errors: {} });
      try {
        const assignment = await appoint(
          {
            communityId: state.communityId,
            role: form.role,
            name: form.name.trim(),
            phone: form.phone.trim(),
            ...(form.role === 'gridWorker' ? { gridId: form.gridId } : { buildingIds: form.buildingIds }),
          },
          state.submitKey.requestId,
        );
        state.submitKey.renew();
        this.setData({ submitting: false, invite: inviteView(assignment) });
      } catch (err) {
        this.setData({ submitting: false, errors: fieldErrorsOf(err) });
        showError(err);
      }
    },

    async onCopy(): Promise<void> {
      const invite = this.data.invite;
      if (!invite) return;
      try {
        await copyText(invite.code);
        showDone('已复制任命码');
      } catch (err) {
        showError(err);
      }
    },

    onAnother(): void {
      local(this).submitKey.renew();
      this.setData({ invite: null, form: emptyForm(this.data.form.role), errors: {} });
    },

    onRecords(): void {
      wx.redirectTo({ url: `/packages/grid/pages/assignments/index?${local(this).query}` });
    },
  },
});
