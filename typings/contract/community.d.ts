/** The `community` cloud function: the registry of grids, buildings and households, roles and bindings. */

export type Role = 'communityAdmin' | 'gridWorker' | 'buildingLeader' | 'volunteer' | 'resident';

export interface RoleSummary {
  role: Role;
  communityId: string;
  /** For a grid worker: the grid. */
  gridId?: string;
  /** For a 楼道长 or volunteer: the buildings. */
  buildingIds?: string[];
}

export interface HouseholdSummary {
  householdId: string;
  communityId: string;
  buildingId: string;
  kind: 'member' | 'proxy';
}

export interface MyProfile {
  /** Every role the user holds; `resident` when linked to a household. The role switcher offers these. */
  roles: Role[];
  grants: RoleSummary[];
  households: HouseholdSummary[];
}

export interface CommunityApi {
  /** 我的：当前微信用户的角色与绑定的房屋。 */
  'me.get': { input: Record<string, never>; output: MyProfile };
}
