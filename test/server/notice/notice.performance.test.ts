/**
 * Notices cost a fixed number of database requests whatever the size of the scope (issue 7, "Performance"): publishing
 * to a grid of 30 buildings and 1,200 households writes the notice and one batch of chasers — nothing per household;
 * a resident's list of 45 notices is three requests, 20 a page; the receipts of 1,200 households over 30 buildings are
 * one aggregate; a building's outstanding list is six requests. Counted by the emulator, every query served by an
 * index. The data is written directly, as an import would.
 */
import type { BuildingRecord } from '../../../server/community/records';
import { stableId, type Household } from '../../../server/household/household';
import type { UserRecord } from '../../../server/identity/users';
import { startScenario, requestId, type Scenario } from '../helpers/scenario';

let s: Scenario;
const C = 'c-notice-big';
const G = 'g-notice-big';
const BUILDINGS = 30;
const PER_BUILDING = 40;
const at = new Date('2026-11-22T08:00:00+08:00');
const bid = (b: number) => `nb-${b}`;

const households: Household[] = [];
const users: UserRecord[] = [];

beforeAll(async () => {
  s = await startScenario({ startAt: '2026-11-22T09:00:00+08:00' });
  const buildings: BuildingRecord[] = [];
  for (let b = 1; b <= BUILDINGS; b++) {
    buildings.push({ _id: bid(b), communityId: C, gridId: G, number: String(b), name: `${b}号楼`, createdAt: at });
    for (let i = 0; i < PER_BUILDING; i++) {
      const unit = String((i % 2) + 1);
      const floor = Math.floor(i / 4) + 1;
      const room = `${floor}0${(Math.floor(i / 2) % 2) + 1}`;
      const h: Household = {
        _id: stableId('h', C, String(b), unit, room),
        communityId: C,
        gridId: G,
        buildingId: bid(b),
        buildingName: `${b}号楼`,
        unit,
        floor,
        room,
        label: `${b}-${unit}-${room}`,
        reachable: true,
        riskColour: 'green',
        memberCount: 1,
        pendingBindings: 0,
        createdAt: at,
        updatedAt: at,
      };
      households.push(h);
      const openid = `o-big-${b}-${i}`;
      users.push({
        _id: openid,
        name: `住户${b}-${i}`,
        grants: [],
        households: [{ householdId: h._id, communityId: C, gridId: G, buildingId: bid(b), kind: 'member', label: h.label }],
        createdAt: at,
        updatedAt: at,
      });
    }
  }
  users.push({
    _id: 'o-big-grid',
    name: '网格员',
    grants: [{ role: 'gridWorker', communityId: C, gridId: G }],
    households: [],
    createdAt: at,
    updatedAt: at,
  });
  users.push({
    _id: 'o-big-leader',
    name: '楼长',
    grants: [{ role: 'buildingLeader', communityId: C, buildingIds: [bid(1)] }],
    households: [],
    createdAt: at,
    updatedAt: at,
  });
  const db = s.sdk.database();
  await db.collection('communities').add({ data: { _id: C, name: '大社区', address: '测试路 9 号', createdAt: at } });
  await db.collection('grids').add({ data: { _id: G, communityId: C, name: '大网格', createdAt: at, updatedAt: at } });
  await db.collection('buildings').add({ data: buildings });
  for (let i = 0; i < households.length; i += 200) await db.collection('households').add({ data: households.slice(i, i + 200) });
  for (let i = 0; i < users.length; i += 200) await db.collection('users').add({ data: users.slice(i, i + 200) });
}, 120_000);
afterAll(() => s?.close());

const grid = () => s.as('o-big-grid');
const counted = async <T>(work: () => Promise<T>): Promise<{ requests: number; writes: number; result: T }> => {
  s.resetCounts();
  const result = await work();
  const r = s.cloud.emulator.stats.requests();
  const writes = (r['database.insertDocument'] ?? 0) + (r['database.modifyDocument'] ?? 0) + (r['database.removeDocument'] ?? 0);
  return { requests: s.dbRequests(), writes, result };
};
const publish = (title: string, scope: Record<string, unknown>, requiresAck = false) =>
  grid()(
    'notice',
    'notice.publish',
    { communityId: C, title, body: `${title}：请各位住户知悉。`, category: '防疫', scope, requiresAck },
    requestId('big'),
  );

describe('at 30 buildings and 1,200 households', () => {
  let noticeId = '';

  it('publishing to the whole grid asking for 确认收到 writes the notice and one batch of 30 chasers, nothing per household', async () => {
    const one = await counted(() => publish('一栋楼', { kind: 'buildings', buildings: '1' }, true));
    const whole = await counted(() => publish('全网格核酸', { kind: 'grid', gridId: G }, true));
    expect(whole.result).toMatchObject({ ok: true, data: { households: BUILDINGS * PER_BUILDING, scope: { label: '大网格' } } });
    noticeId = whole.result.ok ? whole.result.data.noticeId : '';
    // The notice, and the chasers in one insert (1 building or 30): the same two writes.
    expect(one.writes).toBe(2);
    expect(whole.writes).toBe(2);
    // Nobody allowed a message, so nothing is sent: fixed reads (the grid list once more than for buildings).
    expect(whole.requests).toBe(one.requests + 1);
    expect(whole.requests).toBeLessThanOrEqual(12);
    expect((await s.sdk.database().collection('tasks').where({ communityId: C, status: 'open' }).count()).total).toBe(BUILDINGS + 1);
    expect((await s.sdk.database().collection('noticeReceipts').where({ noticeId }).count()).total).toBe(0);
  });

  it('a resident’s list of 45 notices is three requests, 20 a page, and the badge is three more', async () => {
    for (let i = 0; i < 43; i++) await publish(`第 ${i + 1} 条`, { kind: 'buildings', buildings: i % 2 ? '1-15' : '1' });
    const resident = s.as(users[0]._id);
    const first = await counted(() => resident('notice', 'notice.listMine', {}));
    expect(first.requests).toBe(3);
    expect(first.result).toMatchObject({ ok: true, data: { items: expect.any(Array), nextCursor: expect.any(String) } });
    const page1 = first.result.ok ? first.result.data : { items: [], nextCursor: null };
    expect(page1.items).toHaveLength(20);
    const second = await counted(() => resident('notice', 'notice.listMine', { cursor: page1.nextCursor }));
    expect(second.requests).toBe(3);
    const third = await resident('notice', 'notice.listMine', { cursor: second.result.ok ? second.result.data.nextCursor : '' });
    const all = [...page1.items, ...(second.result.ok ? second.result.data.items : []), ...(third.ok ? third.data.items : [])];
    expect(all).toHaveLength(45);
    expect(new Set(all.map((n: { noticeId: string }) => n.noticeId)).size).toBe(45);
    const badge = await counted(() => resident('notice', 'notice.unreadCount', {}));
    expect(badge).toMatchObject({ requests: 3, result: { ok: true, data: { count: 45, more: false } } });
  }, 120_000);

  it('the receipts of 1,200 households are one aggregate; a building’s outstanding list is six requests', async () => {
    // 600 households of buildings 1–15 open it: one receipt each, written as they read.
    const readers = users.filter((u) => u.households.length && Number(u.households[0].buildingId.slice(3)) <= 15);
    for (const u of readers.slice(0, 40)) expect(await s.as(u._id)('notice', 'notice.open', { noticeId })).toMatchObject({ ok: true });
    const db = s.sdk.database();
    const rest = readers.slice(40).map((u) => {
      const h = u.households[0];
      return {
        _id: stableId('rcpt', noticeId, h.householdId),
        noticeId,
        communityId: C,
        gridId: G,
        buildingId: h.buildingId,
        householdId: h.householdId,
        readAt: at,
        readBy: u._id,
        acknowledged: 1,
      };
    });
    for (let i = 0; i < rest.length; i += 200) await db.collection('noticeReceipts').add({ data: rest.slice(i, i + 200) });

    const receipts = await counted(() => grid()('notice', 'notice.receipts', { noticeId }));
    expect(receipts.requests).toBe(3);
    expect(receipts.result).toMatchObject({
      ok: true,
      data: { totals: { households: 1200, read: 600, acknowledged: 560, outstanding: 640 } },
    });
    const rows = receipts.result.ok ? receipts.result.data.buildings : [];
    expect(rows).toHaveLength(BUILDINGS);
    expect(rows[0]).toMatchObject({ buildingName: '1号楼', households: 40, read: 40, acknowledged: 0, outstanding: 40 });
    expect(rows[29]).toMatchObject({ buildingName: '30号楼', read: 0, outstanding: 40 });

    const outstanding = await counted(() => s.as('o-big-leader')('notice', 'notice.outstanding', { noticeId, buildingId: bid(1) }));
    // The caller, the notice, the building's households and receipts, the outstanding ones' members and proxies.
    expect(outstanding.requests).toBe(6);
    expect(outstanding.result).toMatchObject({ ok: true, data: { summary: '还有 40 户未确认' } });
    const list = await counted(() => grid()('notice', 'notice.listManaged', {}));
    expect(list.requests).toBe(3);
    expect(s.cloud.logs.filter((l) => l.includes('WARN query on'))).toEqual([]);
  }, 120_000);
});
