import type { CommunityApi, MyProfile, Role } from '../../typings/contract/community';
import { functionClient } from '../transport/index';

export type { MyProfile, Role };

const community = functionClient<CommunityApi>('community');

/** 我的: the caller's roles and linked households (`community` → `me.get`). */
export function fetchMyProfile(): Promise<MyProfile> {
  return community('me.get', {});
}
