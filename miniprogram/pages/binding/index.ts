/**
 * 绑定房屋: pick the community (searchable), the building and the room, say who you are, and ask the 楼道长 to
 * confirm. One submit = one request id, reused when the person retries after a failure (the first try may have
 * reached the server before the network dropped); a changed form is a new submit.
 */
import type { BuildingEntry, Relation, UnitEntry } from '../../../typings/contract/community';
import { instanceState } from '../../behaviors/instanceState';
import type { ViewStatus } from '../../components/state-view/status';
import {
  EMPTY_FORM,
  KIND_OPTIONS,
  roomText,
  toBindingRequest,
  toBuildingOptions,
  toCommunityOptions,
  toRoomOptions,
  toSubmittedView,
  validateBinding,
  type BindingForm,
  type BindingKind,
  type CascaderOption,
  type CommunityOption,
  type PickerOption,
  type SubmittedView,
} from '../../presenters/bindingForm';
import { relationOptions } from '../../presenters/person';
import { requestBinding } from '../../services/binding';
import { listBuildings, listRooms, searchCommunities } from '../../services/directory';
import { errorMessage, fieldErrorsOf, showError } from '../../services/feedback';
import { createSubmitKey } from '../../transport/index';
import type { CascaderChangeEvent, DatasetEvent, PickerConfirmEvent, ValueEvent } from '../../types/events';

const SEARCH_DELAY_MS = 300;

const local = instanceState(() => ({
  submitKey: createSubmitKey(),
  units: [] as UnitEntry[],
  buildings: [] as BuildingEntry[],
  searchTimer: undefined as ReturnType<typeof setTimeout> | undefined,
  searchGeneration: 0,
}));

Component({
  data: {
    form: { ...EMPTY_FORM } as BindingForm,
    errors: {} as Record<string, string>,

    keyword: '',
    communityStatus: 'loading' as ViewStatus,
    communityError: '',
    communities: [] as CommunityOption[],
    communityName: '',

    buildingOptions: [] as PickerOption[],
    buildingName: '',
    buildingPickerVisible: false,

    roomOptions: [] as CascaderOption[],
    roomText: '',
    roomPickerVisible: false,
    loadingRooms: false,

    relationOptions: relationOptions(),
    relationPickerVisible: false,
    kindOptions: KIND_OPTIONS,

    submitting: false,
    submitted: null as SubmittedView | null,
  },
  methods: {
    onLoad(): void {
      void this.loadCommunities('');
    },

    onUnload(): void {
      const state = local(this);
      if (state.searchTimer) clearTimeout(state.searchTimer);
    },

    /** Every change to what would be submitted makes it a new submit (a new request id). */
    patchForm(patch: Partial<BindingForm>, extra: Record<string, unknown> = {}): void {
      const form = { ...this.data.form, ...patch };
      const errors = { ...this.data.errors };
      for (const key of Object.keys(patch)) delete errors[key];
      local(this).submitKey.renew();
      this.setData({ form, errors, ...extra });
    },

    // ── 社区 ──
    async loadCommunities(keyword: string): Promise<void> {
      const state = local(this);
      const generation = ++state.searchGeneration;
      this.setData({ communityStatus: 'loading', communityError: '' });
      try {
        const found = await searchCommunities(keyword);
        if (generation !== state.searchGeneration) return; // a newer search is on its way
        const communities = toCommunityOptions(found);
        this.setData({ communities, communityStatus: communities.length ? 'ready' : 'empty' });
      } catch (err) {
        if (generation !== state.searchGeneration) return;
        showError(err);
        this.setData({ communityStatus: 'error', communityError: errorMessage(err) });
      }
    },

    onSearchChange(e: ValueEvent<string>): void {
      const keyword = e.detail.value ?? '';
      this.setData({ keyword });
      const state = local(this);
      if (state.searchTimer) clearTimeout(state.searchTimer);
      state.searchTimer = setTimeout(() => void this.loadCommunities(keyword), SEARCH_DELAY_MS);
    },

    onSearchSubmit(): void {
      const state = local(this);
      if (state.searchTimer) clearTimeout(state.searchTimer);
      void this.loadCommunities(this.data.keyword);
    },

    onCommunityRetry(): void {
      void this.loadCommunities(this.data.keyword);
    },

    async onPickCommunity(e: DatasetEvent<{ communityId?: string }>): Promise<void> {
      const communityId = e.currentTarget.dataset.communityId;
      const picked = this.data.communities.find((c) => c.communityId === communityId);
      if (!picked || picked.communityId === this.data.form.communityId) return;
      local(this).units = [];
      this.patchForm(
        { communityId: picked.communityId, buildingId: '', householdId: '' },
        { communityName: picked.name, buildingName: '', buildingOptions: [], roomText: '', roomOptions: [] },
      );
      await this.loadBuildings();
    },

    /** 更换社区: back to the list. */
    onChangeCommunity(): void {
      local(this).units = [];
      this.patchForm(
        { communityId: '', buildingId: '', householdId: '' },
        { communityName: '', buildingName: '', buildingOptions: [], roomText: '', roomOptions: [] },
      );
    },

    // ── 楼栋 ──
    async loadBuildings(): Promise<boolean> {
      const communityId = this.data.form.communityId;
      try {
        const buildings = await listBuildings(communityId);
        if (communityId !== this.data.form.communityId) return false;
        local(this).buildings = buildings;
        this.setData({ buildingOptions: toBuildingOptions(buildings) });
        return true;
      } catch (err) {
        showError(err);
        return false;
      }
    },

    async onOpenBuildings(): Promise<void> {
      if (!this.data.form.communityId) return;
      if (!this.data.buildingOptions.length && !(await this.loadBuildings())) return;
      if (!this.data.buildingOptions.length) {
        wx.showToast({ title: '这个社区还没有登记楼栋，请联系社区', icon: 'none' });
        return;
      }
      this.setData({ buildingPickerVisible: true });
    },

    onBuildingPicked(e: PickerConfirmEvent): void {
      const buildingId = e.detail.value[0];
      this.setData({ buildingPickerVisible: false });
      const building = local(this).buildings.find((b) => b.buildingId === buildingId);
      if (!building || buildingId === this.data.form.buildingId) return;
      local(this).units = [];
      this.patchForm({ buildingId, householdId: '' }, { buildingName: building.name, roomText: '', roomOptions: [] });
    },

    onBuildingPickerClose(): void {
      this.setData({ buildingPickerVisible: false });
    },

    // ── 单元和房号 ──
    async onOpenRooms(): Promise<void> {
      const buildingId = this.data.form.buildingId;
      if (!buildingId || this.data.loadingRooms) return;
      if (!this.data.roomOptions.length) {
        this.setData({ loadingRooms: true });
        try {
          const units = await listRooms(buildingId);
          if (buildingId !== this.data.form.buildingId) return;
          local(this).units = units;
          this.setData({ roomOptions: toRoomOptions(units), loadingRooms: false });
        } catch (err) {
          this.setData({ loadingRooms: false });
          showError(err);
          return;
        }
      }
      this.setData({ roomPickerVisible: true });
    },

    onRoomPicked(e: CascaderChangeEvent): void {
      const householdId = e.detail.value;
      const text = roomText(local(this).units, householdId);
      this.setData({ roomPickerVisible: false });
      if (!text) return; // a unit, not a room
      this.patchForm({ householdId }, { roomText: text });
    },

    onRoomPickerClose(): void {
      this.setData({ roomPickerVisible: false });
    },

    // ── 本人 ──
    onKindChange(e: ValueEvent<BindingKind>): void {
      this.patchForm({ kind: e.detail.value });
    },

    onNameChange(e: ValueEvent<string>): void {
      this.patchForm({ name: e.detail.value });
    },

    onPhoneChange(e: ValueEvent<string>): void {
      this.patchForm({ phone: e.detail.value });
    },

    onOpenRelations(): void {
      this.setData({ relationPickerVisible: true });
    },

    onRelationPicked(e: PickerConfirmEvent): void {
      this.setData({ relationPickerVisible: false });
      this.patchForm({ relation: e.detail.value[0] as Relation });
    },

    onRelationPickerClose(): void {
      this.setData({ relationPickerVisible: false });
    },

    // ── 提交 ──
    async onSubmit(): Promise<void> {
      if (this.data.submitting) return;
      const errors = validateBinding(this.data.form);
      const first = Object.values(errors)[0];
      if (first) {
        this.setData({ errors });
        wx.showToast({ title: first, icon: 'none', duration: 2500 });
        return;
      }
      const key = local(this).submitKey;
      this.setData({ submitting: true, errors: {} });
      try {
        const summary = await requestBinding(toBindingRequest(this.data.form), key.requestId);
        key.renew();
        this.setData({ submitting: false, submitted: toSubmittedView(summary) });
      } catch (err) {
        // The server is the authority: its field problems show under the fields, its message in the toast.
        this.setData({ submitting: false, errors: fieldErrorsOf(err) });
        showError(err);
      }
    },

    onBackToMe(): void {
      wx.switchTab({ url: '/pages/me/index' });
    },
  },
});
