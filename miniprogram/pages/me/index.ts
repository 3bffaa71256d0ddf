import type { Role } from '../../../typings/contract/community';
import { loadable, type LoadedView } from '../../behaviors/loadable';
import { toIdentityOptions, type IdentityOption } from '../../presenters/demoIdentity';
import { heldRoles, pickActiveRole, toProfileView, type ProfileView } from '../../presenters/profile';
import { saveActiveRole, storedActiveRole } from '../../services/activeRole';
import { cancelBinding } from '../../services/binding';
import { canSwitchIdentity, currentDemoOpenid, listDemoIdentities, switchDemoIdentity } from '../../services/devIdentity';
import { showDone, showError } from '../../services/feedback';
import { fetchMyProfile, type MyProfile } from '../../services/profile';

type TapEvent<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.CustomEvent<
  WechatMiniprogram.IAnyObject,
  WechatMiniprogram.IAnyObject,
  D
>;

/** The last profile loaded, per page instance: switching roles redraws from it without a call. */
const profiles = new WeakMap<object, MyProfile>();
const shown = new WeakSet<object>();

Component({
  behaviors: [loadable],
  data: {
    profile: null as ProfileView | null,
    /** Local mode only: the emulator's demo identities. */
    identityEnabled: false,
    identities: [] as IdentityOption[],
    /** The binding request the person is about to withdraw (the confirm dialog is open while set). */
    cancelBindingId: '',
    cancelConfirmBtn: { content: '撤回申请', loading: false },
  },
  methods: {
    onLoad(): void {
      this.showIdentities();
      void this.reloadView();
    },

    /** Back from 绑定房屋, 我的房屋 or 输入任命码: what they changed shows here. */
    onShow(): void {
      if (shown.has(this)) void this.reloadView();
      shown.add(this);
    },

    async fetchView(): Promise<LoadedView> {
      const profile = await fetchMyProfile();
      profiles.set(this, profile);
      return { empty: false, data: { profile: this.present(profile) } };
    },

    present(profile: MyProfile): ProfileView {
      const active = pickActiveRole(heldRoles(profile), storedActiveRole());
      return toProfileView(profile, active);
    },

    /** The role switcher (t-tabs): the chosen role decides which workbench entries show. */
    onRoleChange(e: { detail: { value: Role } }): void {
      const role = e.detail.value;
      const profile = profiles.get(this);
      if (!profile || !profile.roles.includes(role)) return;
      saveActiveRole(role);
      this.setData({ profile: this.present(profile) });
    },

    onCancelBinding(e: TapEvent<{ bindingId?: string }>): void {
      const bindingId = e.currentTarget.dataset.bindingId;
      if (bindingId) this.setData({ cancelBindingId: bindingId });
    },

    onCancelDialogClose(): void {
      this.setData({ cancelBindingId: '' });
    },

    async onCancelConfirm(): Promise<void> {
      const bindingId = this.data.cancelBindingId;
      if (!bindingId || this.data.cancelConfirmBtn.loading) return;
      this.setData({ cancelConfirmBtn: { content: '撤回申请', loading: true } });
      try {
        await cancelBinding(bindingId);
        this.setData({ cancelBindingId: '', cancelConfirmBtn: { content: '撤回申请', loading: false } });
        showDone('已撤回申请');
        await this.reloadView();
      } catch (err) {
        this.setData({ cancelBindingId: '', cancelConfirmBtn: { content: '撤回申请', loading: false } });
        showError(err);
      }
    },

    showIdentities(): void {
      const enabled = canSwitchIdentity();
      this.setData({
        identityEnabled: enabled,
        identities: enabled ? toIdentityOptions(listDemoIdentities(), currentDemoOpenid()) : [],
      });
    },

    onPickIdentity(e: TapEvent<{ openid?: string }>): void {
      const openid = e.currentTarget.dataset.openid;
      if (!openid || openid === currentDemoOpenid()) return;
      switchDemoIdentity(openid);
      this.showIdentities();
      // Everything on screen belonged to the previous identity.
      void this.reloadView(true);
    },
  },
});
