/**
 * A WeChat user's standing in the system, one document per openid in `users`: the role grants they hold and
 * the households they are linked to. It is read once per call to build the policy's Actor, so a revoked
 * grant stops working on the very next call. Writers keep it in step with roleAssignments and bindings in
 * the same transaction.
 */
import type { Actor, HouseholdLink, RoleGrant } from '../policy/roles';

export interface UserRecord {
  _id: string; // the openid
  grants: RoleGrant[];
  households: HouseholdLink[];
  /** The name they gave when appointed or bound, for "楼道长 张三" in histories. */
  name?: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface UserStore {
  get(openid: string): Promise<UserRecord | null>;
}

export async function loadActor(users: UserStore, openid: string): Promise<Actor> {
  const record = await users.get(openid);
  return { openid, name: record?.name, grants: record?.grants ?? [], households: record?.households ?? [] };
}

export function emptyUser(openid: string, at: Date): UserRecord {
  return { _id: openid, grants: [], households: [], createdAt: at, updatedAt: at };
}

/** Adds or replaces the link to one household. */
export function withHousehold(user: UserRecord, link: HouseholdLink, at: Date): UserRecord {
  return { ...user, households: [...user.households.filter((h) => h.householdId !== link.householdId), link], updatedAt: at };
}

export function withoutHousehold(user: UserRecord, householdId: string, at: Date): UserRecord {
  return { ...user, households: user.households.filter((h) => h.householdId !== householdId), updatedAt: at };
}
