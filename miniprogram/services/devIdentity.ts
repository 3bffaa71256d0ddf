/** The local-mode demo identity (see config/demoIdentities.ts); cloud mode has none. */
import { DEMO_IDENTITIES, type DemoIdentity } from '../config/demoIdentities';
import { getDevOpenid, isLocalMode, setDevOpenid } from '../transport/index';

export type { DemoIdentity };

export function canSwitchIdentity(): boolean {
  return isLocalMode();
}

export function listDemoIdentities(): readonly DemoIdentity[] {
  return DEMO_IDENTITIES;
}

export function currentDemoOpenid(): string {
  return getDevOpenid();
}

export function switchDemoIdentity(openid: string): void {
  if (!DEMO_IDENTITIES.some((identity) => identity.openid === openid)) return;
  setDevOpenid(openid);
}
