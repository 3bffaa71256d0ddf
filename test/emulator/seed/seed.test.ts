/**
 * The demo community `npm start` seeds: written once through the real SDK, and usable at once by the demo
 * identities through the real community function.
 */
import { seedDemoCommunity } from '../../../emulator/seed';
import { DEMO_USERS } from '../../../emulator/seed/demoCommunity';
import { startScenario, type Scenario } from '../../server/helpers/scenario';

let s: Scenario;
beforeAll(async () => {
  s = await startScenario();
}, 60_000);
afterAll(() => s?.close());

describe('the demo community', () => {
  it('is seeded once per data directory', async () => {
    await expect(seedDemoCommunity(s.cloud.url, new Date())).resolves.toBe('seeded');
    await expect(seedDemoCommunity(s.cloud.url, new Date())).resolves.toBe('already');
    const board = await s.as('demo-leader')('community', 'building.listMine', {});
    expect(board).toMatchObject({ ok: true, data: [{ name: '3号楼', households: 24 }] });
  });

  it('gives every demo identity what the README says it has', async () => {
    const roles: Record<string, string[]> = {};
    for (const u of DEMO_USERS) {
      const me = await s.as(u.openid)('community', 'me.get', {});
      expect(me.ok).toBe(true);
      if (me.ok) roles[u.openid] = me.data.roles;
    }
    expect(roles).toEqual({
      'demo-resident': ['resident'],
      'demo-proxy': ['resident'],
      'demo-leader': ['buildingLeader'],
      'demo-volunteer': ['volunteer'],
      'demo-grid': ['gridWorker'],
      'demo-admin': ['communityAdmin'],
      'demo-newcomer': [],
    });
  });

  it('has the field reports in it: a blue 「平安」 household, an elderly couple with a proxy, a request to confirm', async () => {
    const mine = await s.as('demo-leader')('community', 'building.listMine', {});
    const building3 = mine.ok ? mine.data[0].buildingId : '';
    const pending = await s.as('demo-leader')('community', 'binding.pending', { buildingId: building3 });
    expect(pending).toMatchObject({ ok: true, data: [{ label: '3-1-602', name: '孙磊' }] });
    const proxy = await s.as('demo-proxy')('community', 'me.get', {});
    const parents = proxy.ok ? proxy.data.households[0] : undefined;
    expect(parents).toMatchObject({ label: '3-2-502', kind: 'proxy' });
    const household = await s.as('demo-proxy')('community', 'household.get', { householdId: parents.householdId });
    expect(household).toMatchObject({
      ok: true,
      data: { members: [{ name: '李德明', hasWeChat: false }, { name: '周桂兰' }], proxies: [{ name: '李娜', relation: '子女' }] },
    });
    const grid = await s.as('demo-grid')('community', 'building.listMine', {});
    expect(grid.ok && grid.data.reduce((n: number, b: { unreachable: number }) => n + b.unreachable, 0)).toBe(3);
  });
});
