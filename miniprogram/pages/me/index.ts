import { loadable, type LoadedView } from '../../behaviors/loadable';
import { toIdentityOptions, type IdentityOption } from '../../presenters/demoIdentity';
import { toProfileView, type ProfileView } from '../../presenters/profile';
import {
  canSwitchIdentity,
  currentDemoOpenid,
  listDemoIdentities,
  switchDemoIdentity,
} from '../../services/devIdentity';
import { fetchMyProfile } from '../../services/profile';

Component({
  behaviors: [loadable],
  data: {
    profile: null as ProfileView | null,
    /** Local mode only: the emulator's demo identities. */
    identityEnabled: false,
    identities: [] as IdentityOption[],
  },
  methods: {
    onLoad(): void {
      this.showIdentities();
      void this.reloadView();
    },

    async fetchView(): Promise<LoadedView> {
      const profile = await fetchMyProfile();
      return { empty: false, data: { profile: toProfileView(profile) } };
    },

    showIdentities(): void {
      const enabled = canSwitchIdentity();
      this.setData({
        identityEnabled: enabled,
        identities: enabled ? toIdentityOptions(listDemoIdentities(), currentDemoOpenid()) : [],
      });
    },

    onPickIdentity(e: WechatMiniprogram.CustomEvent<WechatMiniprogram.IAnyObject, WechatMiniprogram.IAnyObject, { openid?: string }>): void {
      const openid = e.currentTarget.dataset.openid;
      if (!openid || openid === currentDemoOpenid()) return;
      switchDemoIdentity(openid);
      this.showIdentities();
      // Everything on screen belonged to the previous identity.
      void this.reloadView(true);
    },
  },
});
