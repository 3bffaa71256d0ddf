/**
 * Who someone is in a community. A WeChat user may hold several roles at once (a 楼道长 is also a resident);
 * each grant carries the scope it covers. This is the identity the policy reasons about — loaded from the
 * user's record on every call, so a revocation takes effect on the next call.
 */
export type Role = 'communityAdmin' | 'gridWorker' | 'buildingLeader' | 'volunteer' | 'resident';

export const STAFF_ROLES = ['communityAdmin', 'gridWorker', 'buildingLeader', 'volunteer'] as const satisfies readonly Role[];
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  communityAdmin: '社区管理员',
  gridWorker: '网格员',
  buildingLeader: '楼道长',
  volunteer: '志愿者',
  resident: '居民',
};

export type RoleGrant =
  | { role: 'communityAdmin'; communityId: string }
  | { role: 'gridWorker'; communityId: string; gridId: string }
  | { role: 'buildingLeader' | 'volunteer'; communityId: string; buildingIds: string[] };

/** A confirmed link between a WeChat user and a household: as a member living there, or as a proxy (a child elsewhere). */
export interface HouseholdLink {
  householdId: string;
  communityId: string;
  gridId: string;
  buildingId: string;
  kind: 'member' | 'proxy';
  /** For display in 我的, kept with the link: 3-2-301, 吉星新苑. */
  label?: string;
  communityName?: string;
}

export interface Actor {
  openid: string;
  /** The name they gave when appointed or bound: for "楼道长 张三" in histories. Not used by the policy. */
  name?: string;
  grants: RoleGrant[];
  households: HouseholdLink[];
}

/** Where an action lands. The finer fields are filled in as far as the target goes (a grid board has no building). */
export interface Target {
  communityId: string;
  gridId?: string;
  buildingId?: string;
  householdId?: string;
}

export function rolesOf(actor: Actor): Role[] {
  const roles = new Set<Role>(actor.grants.map((g) => g.role));
  if (actor.households.length) roles.add('resident');
  return [...roles];
}
