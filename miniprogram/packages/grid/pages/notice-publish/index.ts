/**
 * 发布通知 (网格员, 管理员, 楼道长): whom it goes to — the whole community, a grid, buildings written the way people write
 * them ("3-5, 8", previewed as buildings and households before sending), or the isolated households — the category,
 * the title and text, pinning, an expiry and whether to ask for 确认收到. The server checks the content with WeChat
 * first; its refusal (and why) shows as a toast and under the field. One submit = one request id, reused on retry.
 */
import type { NoticeCategory, NoticeComposer, NoticeScopeInput } from '../../../../../typings/contract/notice';
import { instanceState } from '../../../../behaviors/instanceState';
import type { ViewStatus } from '../../../../components/state-view/status';
import {
  EXPIRY_OPTIONS,
  expiryFrom,
  previewText,
  roomOptions,
  scopeFromForm,
  scopeOptions,
  type ExpiryChoice,
  type ScopeForm,
} from '../../../../presenters/notices';
import { errorMessage, fieldErrorsOf, showDone, showError } from '../../../../services/feedback';
import { listRooms } from '../../../../services/directory';
import { fetchComposer, previewScope, publishNotice } from '../../../../services/notices';
import { createSubmitKey } from '../../../../transport/index';
import type { ValueEvent } from '../../../../types/events';

const local = instanceState(() => ({ submitKey: createSubmitKey(), composer: null as NoticeComposer | null }));

interface Form extends ScopeForm {
  title: string;
  body: string;
  category: NoticeCategory;
  pinned: boolean;
  requiresAck: boolean;
  expiry: ExpiryChoice;
}

const emptyForm = (kind: NoticeScopeInput['kind']): Form => ({
  kind,
  gridId: '',
  buildings: '',
  householdIds: [],
  title: '',
  body: '',
  category: '防疫',
  pinned: false,
  requiresAck: false,
  expiry: 'none',
});

Component({
  data: {
    status: 'loading' as ViewStatus,
    errorMessage: '',
    communityName: '',
    kindOptions: [] as { value: string; label: string }[],
    gridOptions: [] as { value: string; label: string }[],
    buildingHint: '',
    buildingOptions: [] as { value: string; label: string }[],
    roomBuildingId: '',
    roomsStatus: 'empty' as ViewStatus,
    roomsError: '',
    roomOptions: [] as { value: string; label: string }[],
    categoryOptions: [] as { value: string; label: string }[],
    expiryOptions: EXPIRY_OPTIONS,
    form: emptyForm('buildings'),
    errors: {} as Record<string, string>,
    preview: '',
    previewing: false,
    submitting: false,
  },
  methods: {
    onLoad(): void {
      void this.load();
    },

    async load(): Promise<void> {
      this.setData({ status: 'loading', errorMessage: '' });
      try {
        const composer = await fetchComposer();
        local(this).composer = composer;
        const c = composer.communities[0];
        if (!c) {
          this.setData({ status: 'empty' });
          return;
        }
        const kinds = scopeOptions(c);
        this.setData({
          status: 'ready',
          communityName: c.name,
          kindOptions: kinds,
          gridOptions: c.grids.map((g) => ({ value: g.gridId, label: g.name })),
          buildingOptions: c.buildings.map((b) => ({ value: b.buildingId, label: b.name })),
          buildingHint: `可发送的楼栋：${c.buildings.map((b) => b.number).join('、')}号楼`,
          categoryOptions: composer.categories.map((x) => ({ value: x, label: x })),
          form: {
            ...emptyForm(kinds.some((k) => k.value === 'buildings') ? 'buildings' : kinds[0].value),
            gridId: c.grids[0]?.gridId ?? '',
          },
        });
      } catch (err) {
        showError(err);
        this.setData({ status: 'error', errorMessage: errorMessage(err) });
      }
    },

    onRetry(): void {
      void this.load();
    },

    /** A changed form is a new notice (a new request id); a changed scope needs a new preview. */
    patch(patch: Partial<Form>): void {
      const errors = { ...this.data.errors };
      for (const key of Object.keys(patch)) delete errors[key];
      if ('kind' in patch || 'gridId' in patch || 'buildings' in patch) {
        delete errors.scope;
        this.setData({ preview: '' });
      }
      local(this).submitKey.renew();
      this.setData({ form: { ...this.data.form, ...patch }, errors });
    },

    onKind(e: ValueEvent<NoticeScopeInput['kind']>): void {
      this.patch({ kind: e.detail.value });
    },
    onGrid(e: ValueEvent<string>): void {
      this.patch({ gridId: e.detail.value });
    },
    onBuildings(e: ValueEvent<string>): void {
      this.patch({ buildings: e.detail.value });
    },
    /** 指定住户: the rooms of one building to tick; ticks in other buildings are kept. */
    async onRoomBuilding(e: ValueEvent<string>): Promise<void> {
      const buildingId = e.detail.value;
      this.setData({ roomBuildingId: buildingId, roomsStatus: 'loading', roomsError: '', roomOptions: [] });
      try {
        const options = roomOptions(await listRooms(buildingId));
        if (this.data.roomBuildingId === buildingId)
          this.setData({ roomOptions: options, roomsStatus: options.length ? 'ready' : 'empty' });
      } catch (err) {
        showError(err);
        this.setData({ roomsStatus: 'error', roomsError: errorMessage(err) });
      }
    },
    onRoomsRetry(): void {
      if (this.data.roomBuildingId) void this.onRoomBuilding({ detail: { value: this.data.roomBuildingId } });
    },
    onRooms(e: ValueEvent<string[]>): void {
      const shown = new Set(this.data.roomOptions.map((o) => o.value));
      const elsewhere = this.data.form.householdIds.filter((id) => !shown.has(id));
      this.patch({ householdIds: [...new Set([...elsewhere, ...e.detail.value])] });
    },
    onTitle(e: ValueEvent<string>): void {
      this.patch({ title: e.detail.value });
    },
    onBody(e: ValueEvent<string>): void {
      this.patch({ body: e.detail.value });
    },
    onCategory(e: ValueEvent<NoticeCategory>): void {
      this.patch({ category: e.detail.value });
    },
    onPinned(e: ValueEvent<boolean>): void {
      this.patch({ pinned: e.detail.value });
    },
    onAck(e: ValueEvent<boolean>): void {
      this.patch({ requiresAck: e.detail.value });
    },
    onExpiry(e: ValueEvent<ExpiryChoice>): void {
      this.patch({ expiry: e.detail.value });
    },

    scopeOrShow(): NoticeScopeInput | null {
      const scope = scopeFromForm(this.data.form);
      if (scope.ok) return scope.scope;
      this.setData({ errors: { ...this.data.errors, scope: scope.message } });
      wx.showToast({ title: scope.message, icon: 'none', duration: 2500 });
      return null;
    },

    /** 预览范围: which buildings and how many households, or why the scope cannot be used. */
    async onPreview(): Promise<void> {
      const composer = local(this).composer;
      const scope = this.scopeOrShow();
      if (!composer || !scope || this.data.previewing) return;
      this.setData({ previewing: true });
      try {
        const preview = await previewScope(composer.communities[0].communityId, scope);
        this.setData({ previewing: false, preview: previewText(preview) });
      } catch (err) {
        this.setData({ previewing: false, preview: '', errors: { ...this.data.errors, scope: errorMessage(err) } });
        showError(err);
      }
    },

    async onSubmit(): Promise<void> {
      const composer = local(this).composer;
      if (this.data.submitting || !composer) return;
      const form = this.data.form;
      const scope = this.scopeOrShow();
      if (!scope) return;
      const errors: Record<string, string> = {};
      if (!form.title.trim()) errors.title = '请填写标题';
      if (!form.body.trim()) errors.body = '请填写正文';
      const first = Object.values(errors)[0];
      if (first) {
        this.setData({ errors });
        wx.showToast({ title: first, icon: 'none', duration: 2500 });
        return;
      }
      const state = local(this);
      this.setData({ submitting: true, errors: {} });
      try {
        const expiresAt = expiryFrom(form.expiry, Date.now());
        const published = await publishNotice(
          {
            communityId: composer.communities[0].communityId,
            title: form.title.trim(),
            body: form.body.trim(),
            category: form.category,
            scope,
            pinned: form.pinned,
            requiresAck: form.requiresAck,
            ...(expiresAt ? { expiresAt } : {}),
          },
          state.submitKey.requestId,
        );
        state.submitKey.renew();
        this.setData({ submitting: false });
        showDone('已发布');
        wx.redirectTo({ url: `/packages/leader/pages/notice-receipts/index?noticeId=${encodeURIComponent(published.noticeId)}` });
      } catch (err) {
        const fields = fieldErrorsOf(err);
        const scopeProblem = fields['scope.buildings'] ?? fields.scope;
        this.setData({ submitting: false, errors: { ...fields, ...(scopeProblem ? { scope: scopeProblem } : {}) } });
        showError(err);
      }
    },
  },
});
