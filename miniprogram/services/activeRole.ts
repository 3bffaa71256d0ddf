/**
 * The role the user is acting as (the role switcher in 我的): which workbench entries show. Kept in the app's
 * globalData for this run and in storage for the next launch.
 */
import type { Role } from '../../typings/contract/community';

const STORAGE_KEY = 'shouwang.activeRole';

function app(): IAppOption | undefined {
  try {
    return getApp<IAppOption>();
  } catch {
    return undefined;
  }
}

/** The stored choice, if any; whether the user still holds it is the presenter's to decide. */
export function storedActiveRole(): string | undefined {
  const fromApp = app()?.globalData.activeRole;
  if (fromApp) return fromApp;
  const stored: unknown = wx.getStorageSync(STORAGE_KEY);
  return typeof stored === 'string' && stored ? stored : undefined;
}

export function saveActiveRole(role: Role): void {
  const current = app();
  if (current) current.globalData.activeRole = role;
  wx.setStorageSync(STORAGE_KEY, role);
}
