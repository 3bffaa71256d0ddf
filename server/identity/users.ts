/**
 * A WeChat user's standing in the system, one document per openid in `users`: the role grants they hold and
 * the households they are linked to. It is read once per call to build the policy's Actor, so a revoked
 * grant stops working on the very next call.
 */
import type { Actor, HouseholdLink, RoleGrant } from '../policy/roles';

export interface UserRecord {
  _id: string; // the openid
  grants: RoleGrant[];
  households: HouseholdLink[];
  createdAt: Date;
  updatedAt: Date;
}

export interface UserStore {
  get(openid: string): Promise<UserRecord | null>;
}

export async function loadActor(users: UserStore, openid: string): Promise<Actor> {
  const record = await users.get(openid);
  return { openid, grants: record?.grants ?? [], households: record?.households ?? [] };
}
