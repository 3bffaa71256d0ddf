import type { DemoIdentity } from '../services/devIdentity';

export interface IdentityOption extends DemoIdentity {
  current: boolean;
}

/** Pure: the picker's rows, the current identity marked. */
export function toIdentityOptions(identities: readonly DemoIdentity[], currentOpenid: string): IdentityOption[] {
  return identities.map((identity) => ({ ...identity, current: identity.openid === currentOpenid }));
}
