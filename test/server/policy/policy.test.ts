/**
 * The policy as a matrix: every action × every role × in scope / out of scope, with no gaps. EXPECTED is the
 * specification, written out by hand; the test fails if an action is added to the policy without being added
 * here, or if any cell disagrees.
 */
import { POLICY, authorize, decide, type PolicyAction } from '../../../server/policy/policy';
import type { Actor, Role, Target } from '../../../server/policy/roles';

type Cell = 'anyone' | Role[];
const A: Role = 'communityAdmin';
const G: Role = 'gridWorker';
const L: Role = 'buildingLeader';
const V: Role = 'volunteer';
const R: Role = 'resident';

const EXPECTED: Record<PolicyAction, Cell> = {
  'me.get': 'anyone',
  'directory.communities': 'anyone',
  'directory.buildings': 'anyone',
  'directory.rooms': 'anyone',
  'binding.request': 'anyone',
  'binding.cancel': 'anyone',
  'role.accept': 'anyone',
  'building.listMine': 'anyone',
  'structure.import': [A],
  'structure.importStatus': [A],
  'grid.save': [A],
  'grid.list': [A],
  'role.appointGridWorker': [A],
  'role.appointBuildingStaff': [A, G],
  'role.list': [A, G],
  'binding.review': [A, G, L],
  'binding.pending': [A, G, L],
  'household.get': [A, G, L, R],
  'household.addMember': [A, G, L, R],
  'household.removeMember': [A, G, L, R],
  'household.viewPhones': [A, G, L],
  'household.setReachability': [A, G, L],
  'household.myData': [R],
  'household.unbind': [R],
  'building.board': [A, G, L],
  'isolation.start': [A, G],
  'isolation.extend': [A, G],
  'isolation.release': [A, G],
  'isolation.setCareTeam': [A, G],
  'isolation.get': [A, G, L],
  'isolation.list': [A, G],
  'isolation.listCommunity': [A],
  'isolation.mine': 'anyone',
  'checkIn.submit': [A, G, L, R],
  'checkIn.history': [A, G, L, R],
  'checkIn.leaderBoard': [A, G, L],
  'checkIn.gridBoard': [A, G],
  'checkIn.setWindows': [A],
  'tasks.listMine': 'anyone',
  'tasks.done': 'anyone',
  'subscription.mine': 'anyone',
  'subscription.record': 'anyone',
  'tasks.counts': 'anyone',
  'help.create': [A, G, L, R],
  'help.mine': 'anyone',
  'help.get': [A, G, L, V, R],
  'help.accept': [A, G, L, V],
  'help.resolve': [A, G, L, V],
  'help.cancel': [A, G, L, R],
  'help.responseTimes': [A],
  'help.setResponseTimes': [A],
  'catalog.list': 'anyone',
  'catalog.save': [A],
  'order.create': [A, G, L, R],
  'order.mine': 'anyone',
  'order.get': [A, G, L, V, R],
  'order.cancel': [R],
  'order.confirmReceipt': [R],
  'order.accept': [A, G, L, V],
  'order.reject': [A, G, L],
  'order.markPurchased': [A, G, L, V],
  'order.markDelivered': [A, G, L, V],
  'order.recordPayment': [A, G, L, V],
  'batch.list': [A, G, L, V],
  'batch.close': [A, G, L],
  'batch.purchaseList': [A, G, L, V],
  'batch.deliveryList': [A, G, L, V],
  'batch.markPurchased': [A, G, L, V],
  'payment.unpaid': [A, G, L, V],
  'notice.publishToCommunity': [A, G],
  'notice.publishToGrid': [A, G],
  'notice.publishToBuilding': [A, G, L],
  'notice.listMine': 'anyone',
  'notice.unreadCount': 'anyone',
  'notice.open': [R],
  'notice.acknowledge': [R],
  'notice.receipts': [A, G, L],
  'notice.outstanding': [A, G, L],
  'notice.confirmFor': [A, G, L],
};

const ROLES: Role[] = [A, G, L, V, R];

// Community c1: grid g1 ⊃ building b1 ⊃ household h1 (in scope); grid g2 ⊃ b2 ⊃ h2 (out of scope).
const inScope: Target = { communityId: 'c1', gridId: 'g1', buildingId: 'b1', householdId: 'h1' };
const outOfScope: Target = { communityId: 'c1', gridId: 'g2', buildingId: 'b2', householdId: 'h2' };
const otherCommunity: Target = { communityId: 'c2', gridId: 'g1', buildingId: 'b1', householdId: 'h1' };

function actorAs(role: Role): Actor {
  const base: Actor = { openid: `o-${role}`, grants: [], households: [] };
  switch (role) {
    case 'communityAdmin':
      return { ...base, grants: [{ role, communityId: 'c1' }] };
    case 'gridWorker':
      return { ...base, grants: [{ role, communityId: 'c1', gridId: 'g1' }] };
    case 'buildingLeader':
    case 'volunteer':
      return { ...base, grants: [{ role, communityId: 'c1', buildingIds: ['b1'] }] };
    case 'resident':
      return { ...base, households: [{ householdId: 'h1', communityId: 'c1', gridId: 'g1', buildingId: 'b1', kind: 'member' }] };
  }
}

const nobody: Actor = { openid: 'o-new', grants: [], households: [] };

describe('policy matrix', () => {
  it('has a row for every action and no row for an action that does not exist', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(POLICY).sort());
  });

  const cells = (Object.keys(EXPECTED) as PolicyAction[]).flatMap((action) => ROLES.map((role) => [action, role] as const));

  it.each(cells)('%s as %s', (action, role) => {
    const expected = EXPECTED[action];
    const actor = actorAs(role);
    if (expected === 'anyone') {
      expect(decide(actor, action).allowed).toBe(true);
      expect(decide(nobody, action).allowed).toBe(true);
      return;
    }
    const mayInScope = expected.includes(role);
    expect(decide(actor, action, inScope).allowed).toBe(mayInScope);
    // Out of scope: nobody but an admin (whose scope is the whole community) gets through — unless the action is
    // about the community as a whole, which every role it names covers.
    const communityWide = POLICY[action].target === 'community';
    expect(decide(actor, action, outOfScope).allowed).toBe(mayInScope && (role === A || communityWide));
    expect(decide(actor, action, otherCommunity).allowed).toBe(false);
    expect(decide(nobody, action, inScope).allowed).toBe(false);
  });
});

describe('policy details', () => {
  it('lets a proxy act for the household they are linked to', () => {
    const child: Actor = {
      openid: 'o-child',
      grants: [],
      households: [{ householdId: 'h1', communityId: 'c1', gridId: 'g1', buildingId: 'b1', kind: 'proxy' }],
    };
    expect(decide(child, 'household.get', inScope)).toEqual({ allowed: true, via: ['resident'] });
    expect(decide(child, 'household.get', outOfScope).allowed).toBe(false);
  });

  it('combines roles: a 楼道长 who also lives in the building is allowed through either', () => {
    const both: Actor = { ...actorAs(L), households: actorAs(R).households };
    expect(decide(both, 'household.get', inScope).via.sort()).toEqual([L, R].sort());
    expect(decide(both, 'household.myData', inScope).via).toEqual([R]);
  });

  it('a grid worker covers a building of their grid but not the community as a whole', () => {
    expect(decide(actorAs(G), 'building.board', { communityId: 'c1', gridId: 'g1', buildingId: 'b9' }).allowed).toBe(true);
    expect(decide(actorAs(G), 'structure.import', inScope).allowed).toBe(false);
  });

  it('a community-wide action open to grid workers is open to every grid worker of that community, and only that one', () => {
    expect(decide(actorAs(G), 'notice.publishToCommunity', { communityId: 'c1' })).toEqual({ allowed: true, via: [G] });
    expect(decide(actorAs(G), 'notice.publishToCommunity', { communityId: 'c2' }).allowed).toBe(false);
    expect(decide(actorAs(L), 'notice.publishToCommunity', { communityId: 'c1' }).allowed).toBe(false);
  });

  it('refuses with AUTH.FORBIDDEN and a Chinese message', () => {
    expect(() => authorize(actorAs(L), 'building.board', outOfScope)).toThrow(
      expect.objectContaining({ code: 'AUTH.FORBIDDEN', message: expect.stringMatching(/负责的范围/) }),
    );
  });

  it('treats a target resolved short of its level as a programming error, never as allowed', () => {
    expect(() => decide(actorAs(A), 'household.get', { communityId: 'c1' })).toThrow(/household-level/);
  });
});
