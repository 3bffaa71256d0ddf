import { DEFAULT_DEMO_OPENID } from '../config/demoIdentities';

/** Local mode only: which demo openid the emulator should treat as the caller (sent as `x-wx-openid`). */
const STORAGE_KEY = 'shouwang.devOpenid';

export function getDevOpenid(): string {
  const stored: unknown = wx.getStorageSync(STORAGE_KEY);
  return typeof stored === 'string' && stored ? stored : DEFAULT_DEMO_OPENID;
}

export function setDevOpenid(openid: string): void {
  wx.setStorageSync(STORAGE_KEY, openid);
}
