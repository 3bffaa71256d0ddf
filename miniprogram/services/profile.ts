import { callFunction } from '../transport/index';

export type Role = 'resident' | 'buildingLeader' | 'gridWorker' | 'communityAdmin' | 'volunteer';

/** `community` → `me.get`: who the caller is in their community. */
export interface MyProfile {
  /** How the community knows this person (the name on their household registration, or a nickname). */
  name: string;
  /** null until the person has joined a community. */
  communityName: string | null;
  roles: Role[];
}

export function fetchMyProfile(): Promise<MyProfile> {
  return callFunction<MyProfile>('community', 'me.get');
}
