/**
 * The demo community `npm start` seeds: written once through the real SDK, and usable at once by the demo
 * identities through the real community and health functions.
 */
import { seedDemoCommunity } from '../../../emulator/seed';
import { DEMO_ISOLATED, DEMO_USERS } from '../../../emulator/seed/demoCommunity';
import { requestId, startScenario, type Scenario } from '../../server/helpers/scenario';

let s: Scenario;
// A Sunday morning, the morning check-in window open.
const NOW = '2026-11-22T10:00:00+08:00';
beforeAll(async () => {
  s = await startScenario({ startAt: NOW });
}, 60_000);
afterAll(() => s?.close());

describe('the demo community', () => {
  it('is seeded once per data directory', async () => {
    await expect(seedDemoCommunity(s.cloud.url, new Date(NOW))).resolves.toBe('seeded');
    await expect(seedDemoCommunity(s.cloud.url, new Date(NOW))).resolves.toBe('already');
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

  it('has people under isolation in buildings 3 and 4, with care teams and their check-ins so far', async () => {
    // The demo resident, back from another city: day 5 of 14, and this morning's check-in still to do.
    const mine = await s.as('demo-resident')('health', 'isolation.mine', {});
    expect(mine).toMatchObject({
      ok: true,
      data: [
        {
          name: '王秀英',
          label: '3-1-301',
          kindLabel: '居家隔离',
          progress: '隔离第 5 天 / 共 14 天',
          careTeam: [{ role: '社区干部', name: '刘芳' }, { role: '社区医生' }, { role: '民警' }, { role: '楼道长', name: '张建国' }, { role: '志愿者', name: '陈志强' }],
          today: { am: { state: 'waiting' }, pm: { state: 'upcoming' } },
        },
      ],
    });
    const me = mine.ok ? mine.data[0] : undefined;
    expect(await s.as('demo-resident')('health', 'checkIn.submit', { residentId: me.residentId, temperature: 36.6, symptoms: [] }, requestId('demo'))).toMatchObject({
      ok: true,
      data: { slot: 'am', day: '2026-11-22' },
    });
    // The elderly father is under home monitoring; his daughter sees it from another city.
    expect(await s.as('demo-proxy')('health', 'isolation.mine', {})).toMatchObject({ ok: true, data: [{ name: '李德明', kindLabel: '居家健康监测', label: '3-2-502' }] });

    const profile = await s.as('demo-grid')('community', 'me.get', {});
    const gridId = profile.ok ? profile.data.grants[0].gridId : '';
    const grid = await s.as('demo-grid')('health', 'checkIn.gridBoard', { gridId });
    expect(grid).toMatchObject({ ok: true, data: { buildings: [{ buildingName: '3号楼' }, { buildingName: '4号楼' }] } });
    const isolated = grid.ok ? grid.data.buildings.reduce((n: number, b: { isolated: number }) => n + b.isolated, 0) : 0;
    expect(isolated).toBe(DEMO_ISOLATED);
    expect(DEMO_ISOLATED).toBeGreaterThanOrEqual(10);
    expect(DEMO_ISOLATED).toBeLessThanOrEqual(20);
    // Yesterday every check-in was made, one of them with a fever.
    const yesterday = await s.as('demo-grid')('health', 'checkIn.gridBoard', { gridId, day: '2026-11-21' });
    expect(yesterday.ok && yesterday.data.attention).toEqual([expect.objectContaining({ reason: 'abnormal', temperature: 37.9, slot: 'pm' })]);
  });

  it('has yesterday’s fever still open: the household is red and it tops the staff’s and the care team’s to-do lists', async () => {
    for (const who of ['demo-leader', 'demo-grid', 'demo-volunteer']) {
      const tasks = await s.as(who)('health', 'tasks.listMine', {});
      // It tops the list; other features' items (a notice to chase, a help request) come after it.
      expect(tasks.ok && tasks.data.items[0]).toMatchObject({ kind: 'checkIn.abnormal', title: expect.stringContaining('37.9℃') });
    }
    const tasks = await s.as('demo-leader')('health', 'tasks.listMine', {});
    const householdId = tasks.ok ? tasks.data.items[0].householdId : '';
    expect(await s.as('demo-leader')('community', 'household.get', { householdId })).toMatchObject({ ok: true, data: { riskColour: 'red' } });
    const board = await s.as('demo-leader')('community', 'building.board', { buildingId: tasks.ok ? tasks.data.items[0].buildingId : '' });
    expect(board.ok && board.data.counts.orange).toBeGreaterThan(0);
    expect(board.ok && board.data.counts.yellow).toBe(1);
    expect(s.cloud.logs.filter((l) => l.includes('WARN query on'))).toEqual([]);
  });

  it('has notices: the pinned 核酸 notice unread by the demo resident (badge 2), and 3号楼 still to acknowledge it for its 楼道长', async () => {
    const list = await s.as('demo-resident')('notice', 'notice.listMine', {});
    expect(list.ok && list.data.items.map((n: { title: string; pinned: boolean; read: boolean }) => [n.title, n.pinned, n.read])).toEqual([
      ['明天（周一）全员核酸检测', true, false],
      ['3号楼明早停水检修', false, false],
      ['社区蔬菜包今日下午发放', false, true],
    ]);
    expect(await s.as('demo-resident')('notice', 'notice.unreadCount', {})).toEqual({ ok: true, data: { count: 2, more: false } });
    const managed = await s.as('demo-leader')('notice', 'notice.listManaged', {});
    const noticeId = managed.ok ? managed.data.items[0].noticeId : '';
    const receipts = await s.as('demo-leader')('notice', 'notice.receipts', { noticeId });
    expect(receipts).toMatchObject({ ok: true, data: { buildings: [{ buildingName: '3号楼', households: 24, read: 4, acknowledged: 3, outstanding: 21 }] } });
    const buildingId = receipts.ok ? receipts.data.buildings[0].buildingId : '';
    expect(await s.as('demo-leader')('notice', 'notice.outstanding', { noticeId, buildingId })).toMatchObject({ ok: true, data: { summary: '还有 21 户未确认' } });
    const tasks = await s.as('demo-leader')('health', 'tasks.listMine', {});
    expect(tasks.ok && tasks.data.items.some((t: { kind: string }) => t.kind === 'notice.unread')).toBe(true);
    expect(s.cloud.logs.filter((l) => l.includes('WARN query on'))).toEqual([]);
  });
});
