/**
 * The one place that decides, for every action, which role in which scope may do it. Handlers resolve the
 * target (the community, grid, building or household the action lands on) and ask `authorize`; nothing else
 * in the code base compares roles.
 *
 * Each role covers its natural scope: an admin the community, a grid worker their grid, a 楼道长 or volunteer
 * their buildings, a resident the households they are linked to (as a member or a proxy). An action names the
 * level of its target and the roles allowed; the actor passes when one of their grants is such a role and
 * covers the target. A community-level action covers the whole community for every role it names.
 */
import { CommonErrors } from '../platform/errors';
import type { Actor, Role, Target } from './roles';

export type TargetLevel = 'none' | 'community' | 'grid' | 'building' | 'household';

export interface Rule {
  /** The level of the target the handler resolves; `none` means anyone signed in may call it. */
  target: TargetLevel;
  roles: readonly Role[];
}

const STAFF_OF_BUILDING = ['communityAdmin', 'gridWorker', 'buildingLeader'] as const;
const anyone: Rule = { target: 'none', roles: [] };

export const POLICY = {
  // Registry and roles
  'me.get': anyone,
  'directory.communities': anyone,
  'directory.buildings': anyone,
  'directory.rooms': anyone,
  'binding.request': anyone,
  'binding.cancel': anyone,
  'role.accept': anyone,
  'building.listMine': anyone,
  'structure.import': { target: 'community', roles: ['communityAdmin'] },
  'structure.importStatus': { target: 'community', roles: ['communityAdmin'] },
  'grid.save': { target: 'community', roles: ['communityAdmin'] },
  'grid.list': { target: 'community', roles: ['communityAdmin'] },
  'role.appointGridWorker': { target: 'grid', roles: ['communityAdmin'] },
  'role.appointBuildingStaff': { target: 'building', roles: ['communityAdmin', 'gridWorker'] },
  'role.list': { target: 'grid', roles: ['communityAdmin', 'gridWorker'] },
  'binding.review': { target: 'household', roles: STAFF_OF_BUILDING },
  'binding.pending': { target: 'building', roles: STAFF_OF_BUILDING },
  'household.get': { target: 'household', roles: [...STAFF_OF_BUILDING, 'resident'] },
  'household.addMember': { target: 'household', roles: [...STAFF_OF_BUILDING, 'resident'] },
  'household.removeMember': { target: 'household', roles: [...STAFF_OF_BUILDING, 'resident'] },
  /** Phone numbers in full (PIPL: only those who need them). The person themself is decided by the handler. */
  'household.viewPhones': { target: 'household', roles: STAFF_OF_BUILDING },
  'household.setReachability': { target: 'household', roles: STAFF_OF_BUILDING },
  'household.myData': { target: 'household', roles: ['resident'] },
  'household.unbind': { target: 'household', roles: ['resident'] },
  'building.board': { target: 'building', roles: STAFF_OF_BUILDING },

  // Isolation and check-ins
  'isolation.start': { target: 'grid', roles: ['communityAdmin', 'gridWorker'] },
  'isolation.extend': { target: 'grid', roles: ['communityAdmin', 'gridWorker'] },
  'isolation.release': { target: 'grid', roles: ['communityAdmin', 'gridWorker'] },
  'isolation.setCareTeam': { target: 'grid', roles: ['communityAdmin', 'gridWorker'] },
  'isolation.get': { target: 'household', roles: STAFF_OF_BUILDING },
  'isolation.list': { target: 'grid', roles: ['communityAdmin', 'gridWorker'] },
  'isolation.listCommunity': { target: 'community', roles: ['communityAdmin'] },
  /** The caller's own households only: the handler reads them from the caller's links. */
  'isolation.mine': anyone,
  /** The household's user for its members; staff of the building on someone's behalf (the handler tells which). */
  'checkIn.submit': { target: 'household', roles: [...STAFF_OF_BUILDING, 'resident'] },
  'checkIn.history': { target: 'household', roles: [...STAFF_OF_BUILDING, 'resident'] },
  'checkIn.leaderBoard': { target: 'building', roles: STAFF_OF_BUILDING },
  'checkIn.gridBoard': { target: 'grid', roles: ['communityAdmin', 'gridWorker'] },
  'checkIn.setWindows': { target: 'community', roles: ['communityAdmin'] },
  /** Filtered by the caller's grants and identity: an item is only ever seen by its audience. */
  'tasks.listMine': anyone,
  'tasks.done': anyone,
  'subscription.mine': anyone,
  'subscription.record': anyone,
  'tasks.counts': anyone,

  // Help requests
  /** For the household by its user (member or proxy), or by staff of its building on its behalf. */
  'help.create': { target: 'household', roles: [...STAFF_OF_BUILDING, 'resident'] },
  /** The caller's own households only: the handler reads them from the caller's links. */
  'help.mine': anyone,
  'help.get': { target: 'household', roles: [...STAFF_OF_BUILDING, 'volunteer', 'resident'] },
  'help.accept': { target: 'household', roles: [...STAFF_OF_BUILDING, 'volunteer'] },
  'help.resolve': { target: 'household', roles: [...STAFF_OF_BUILDING, 'volunteer'] },
  /** The household no longer needs it, or staff close it with a reason (the handler asks for one). */
  'help.cancel': { target: 'household', roles: [...STAFF_OF_BUILDING, 'resident'] },
  'help.responseTimes': { target: 'community', roles: ['communityAdmin'] },
  'help.setResponseTimes': { target: 'community', roles: ['communityAdmin'] },
  // Supply orders
  /** The catalog is names, units and prices: nothing personal. */
  'catalog.list': anyone,
  'catalog.save': { target: 'community', roles: ['communityAdmin'] },
  /** For the household by its user (member or proxy), or by staff of its building on its behalf after a phone call. */
  'order.create': { target: 'household', roles: [...STAFF_OF_BUILDING, 'resident'] },
  /** The caller's own households only: the handler reads them from the caller's links. */
  'order.mine': anyone,
  'order.get': { target: 'household', roles: [...STAFF_OF_BUILDING, 'volunteer', 'resident'] },
  'order.cancel': { target: 'household', roles: ['resident'] },
  'order.confirmReceipt': { target: 'household', roles: ['resident'] },
  'order.accept': { target: 'building', roles: [...STAFF_OF_BUILDING, 'volunteer'] },
  'order.reject': { target: 'building', roles: STAFF_OF_BUILDING },
  'order.markPurchased': { target: 'building', roles: [...STAFF_OF_BUILDING, 'volunteer'] },
  'order.markDelivered': { target: 'building', roles: [...STAFF_OF_BUILDING, 'volunteer'] },
  'order.recordPayment': { target: 'building', roles: [...STAFF_OF_BUILDING, 'volunteer'] },
  'batch.list': { target: 'building', roles: [...STAFF_OF_BUILDING, 'volunteer'] },
  'batch.close': { target: 'building', roles: STAFF_OF_BUILDING },
  'batch.purchaseList': { target: 'building', roles: [...STAFF_OF_BUILDING, 'volunteer'] },
  'batch.deliveryList': { target: 'building', roles: [...STAFF_OF_BUILDING, 'volunteer'] },
  'batch.markPurchased': { target: 'building', roles: [...STAFF_OF_BUILDING, 'volunteer'] },
  'payment.unpaid': { target: 'building', roles: [...STAFF_OF_BUILDING, 'volunteer'] },

  // Notices
  /** Publishing is decided by where it goes: the whole community, a grid, or building by building. */
  /** Issue 7: grid workers and admins publish to the whole community. */
  'notice.publishToCommunity': { target: 'community', roles: ['communityAdmin', 'gridWorker'] },
  'notice.publishToGrid': { target: 'grid', roles: ['communityAdmin', 'gridWorker'] },
  'notice.publishToBuilding': { target: 'building', roles: STAFF_OF_BUILDING },
  /** The caller's own households only: the handler reads them from the caller's links. */
  'notice.listMine': anyone,
  'notice.unreadCount': anyone,
  'notice.open': { target: 'household', roles: ['resident'] },
  'notice.acknowledge': { target: 'household', roles: ['resident'] },
  'notice.receipts': { target: 'building', roles: STAFF_OF_BUILDING },
  'notice.outstanding': { target: 'building', roles: STAFF_OF_BUILDING },
  /** Told by phone or at the door: the 楼道长 records it for the household. */
  'notice.confirmFor': { target: 'household', roles: STAFF_OF_BUILDING },
} as const satisfies Record<string, Rule>;

export type PolicyAction = keyof typeof POLICY;

const REQUIRED: Record<TargetLevel, (keyof Target)[]> = {
  none: [],
  community: ['communityId'],
  grid: ['communityId', 'gridId'],
  building: ['communityId', 'gridId', 'buildingId'],
  household: ['communityId', 'gridId', 'buildingId', 'householdId'],
};

function covers(actor: Actor, role: Role, target: Target, level: TargetLevel): boolean {
  if (role === 'resident') {
    return actor.households.some((h) => h.householdId === target.householdId && h.communityId === target.communityId);
  }
  return actor.grants.some((g) => {
    if (g.role !== role || g.communityId !== target.communityId) return false;
    // A community-wide action that names a staff role is open to everyone holding that role in the community
    // (a grid worker may publish to the whole community): the table says so, not a narrower grant.
    if (level === 'community') return true;
    switch (g.role) {
      case 'communityAdmin':
        return true;
      case 'gridWorker':
        return target.gridId !== undefined && g.gridId === target.gridId;
      case 'buildingLeader':
      case 'volunteer':
        return target.buildingId !== undefined && g.buildingIds.includes(target.buildingId);
    }
  });
}

export interface Decision {
  allowed: boolean;
  /** The roles through which it is allowed: a handler may behave per role (a 楼道长 acting for a resident). */
  via: Role[];
}

export function decide(actor: Actor, action: PolicyAction, target?: Target): Decision {
  const rule: Rule = POLICY[action];
  if (rule.target === 'none') return { allowed: true, via: [] };
  // A target resolved to less than its level is a bug in the handler, never a reason to allow.
  if (!target || REQUIRED[rule.target].some((k) => target[k] === undefined)) {
    throw new Error(`policy: ${action} needs a ${rule.target}-level target`);
  }
  const scoped: Target =
    rule.target === 'community'
      ? { communityId: target.communityId }
      : rule.target === 'grid'
        ? { communityId: target.communityId, gridId: target.gridId }
        : target;
  const via = rule.roles.filter((role) => covers(actor, role, scoped, rule.target));
  return { allowed: via.length > 0, via };
}

/** Throws AUTH.FORBIDDEN unless allowed. */
export function authorize(actor: Actor, action: PolicyAction, target?: Target): Decision {
  const decision = decide(actor, action, target);
  if (!decision.allowed) throw CommonErrors.forbidden('这不在你负责的范围内，无法操作');
  return decision;
}

/** For docs/api.md: who may call an action, in words. */
export function describeRule(action: PolicyAction): string {
  const rule: Rule = POLICY[action];
  return rule.target === 'none' ? 'anyone signed in' : `${rule.roles.join(', ')} (within the ${rule.target})`;
}
