/**
 * Notices cost a fixed number of database requests whatever the size of the scope (issue 7, "Performance"; issue 9:
 * at most 5 per action, WeChat's content check counted as the emulator counts it): publishing to a grid of 12
 * households or of 30 buildings and 1,200 households is the same ≤ 5 requests and writes the notice and one batch of
 * chasers — nothing per household, and no subscribe message inside the call (the noticePush timer sends them);
 * a resident's list of 45 notices is three requests, 20 a page; the receipts of 1,200 households over 30 buildings are
 * one aggregate; a building's outstanding list is six requests. Counted by the emulator, every query served by an
 * index. The data is written directly, as an import would.
 */
import type { BuildingRecord } from '../../../server/community/records';
import { stableId, type Household } from '../../../server/household/household';
import type { UserRecord } from '../../../server/identity/users';
import { subscriptionId } from '../../../server/notifications/subscriptions';
import { templateId } from '../../../server/notifications/templates';
import { startScenario, requestId, type Scenario } from '../helpers/scenario';

let s: Scenario;
const C = 'c-notice-big';
const G = 'g-notice-big';
const BUILDINGS = 30;
const PER_BUILDING = 40;
/** A second grid of the same community: 3 buildings (31–33) of 4 households. */
const SMALL = 'g-notice-small';
const SMALL_BUILDINGS = 3;
const SMALL_PER_BUILDING = 4;
/** Who allowed the notice message (one credit each): everyone in buildings 2–3 and in the small grid. */
const subscribes = (b: number) => b === 2 || b === 3 || b > BUILDINGS;
const at = new Date('2026-11-22T08:00:00+08:00');
const bid = (b: number) => `nb-${b}`;

const households: Household[] = [];
const users: UserRecord[] = [];

beforeAll(async () => {
  s = await startScenario({ startAt: '2026-11-22T09:00:00+08:00' });
  const buildings: BuildingRecord[] = [];
  const subscriptions: Record<string, unknown>[] = [];
  const NOTICE_TEMPLATE = templateId('noticePublished');
  for (let b = 1; b <= BUILDINGS + SMALL_BUILDINGS; b++) {
    const gridId = b <= BUILDINGS ? G : SMALL;
    buildings.push({ _id: bid(b), communityId: C, gridId, number: String(b), name: `${b}号楼`, createdAt: at });
    for (let i = 0; i < (b <= BUILDINGS ? PER_BUILDING : SMALL_PER_BUILDING); i++) {
      const unit = String((i % 2) + 1);
      const floor = Math.floor(i / 4) + 1;
      const room = `${floor}0${(Math.floor(i / 2) % 2) + 1}`;
      const h: Household = {
        _id: stableId('h', C, String(b), unit, room),
        communityId: C,
        gridId,
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
        households: [{ householdId: h._id, communityId: C, gridId, buildingId: bid(b), kind: 'member', label: h.label }],
        createdAt: at,
        updatedAt: at,
      });
      if (subscribes(b)) {
        subscriptions.push({
          _id: subscriptionId(openid, NOTICE_TEMPLATE),
          openid,
          templateId: NOTICE_TEMPLATE,
          template: 'noticePublished',
          credits: 1,
          lastAnswer: 'accept',
          lastRequestKey: `seed-${openid}`,
          createdAt: at,
          updatedAt: at,
        });
        s.cloud.openapi.recordConsent({ openid, templateId: NOTICE_TEMPLATE, accept: true });
      }
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
    _id: 'o-small-grid',
    name: '小网格员',
    grants: [{ role: 'gridWorker', communityId: C, gridId: SMALL }],
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
  await db.collection('grids').add({ data: { _id: SMALL, communityId: C, name: '小网格', createdAt: at, updatedAt: at } });
  await db.collection('buildings').add({ data: buildings });
  for (let i = 0; i < households.length; i += 200) await db.collection('households').add({ data: households.slice(i, i + 200) });
  for (let i = 0; i < users.length; i += 200) await db.collection('users').add({ data: users.slice(i, i + 200) });
  await db.collection('subscriptions').add({ data: subscriptions });
}, 120_000);
afterAll(() => s?.close());

const grid = () => s.as('o-big-grid');
/** Requests as the bench counts them: the database's, and WeChat's APIs (the content check, a message sent). */
const counted = async <T>(work: () => Promise<T>): Promise<{ requests: number; openApi: number; writes: number; result: T }> => {
  s.resetCounts();
  const result = await work();
  const r = s.cloud.emulator.stats.requests();
  const writes = (r['database.insertDocument'] ?? 0) + (r['database.modifyDocument'] ?? 0) + (r['database.removeDocument'] ?? 0);
  const openApi = r['wx.openApi'] ?? 0;
  return { requests: s.dbRequests() + openApi, openApi, writes, result };
};
const publish = (title: string, scope: Record<string, unknown>, requiresAck = false, req = requestId('big'), by = 'o-big-grid') =>
  s.as(by)(
    'notice',
    'notice.publish',
    { communityId: C, title, body: `${title}：请各位住户知悉。`, category: '防疫', scope, requiresAck },
    req,
  );

describe('at 30 buildings and 1,200 households', () => {
  let noticeId = '';

  it('publishing to a grid of 12 households or of 1,200 is the same ≤ 5 requests, however many allowed the message; the timer sends them', async () => {
    const outbox = () => s.cloud.openapi.listOutbox({ templateId: templateId('noticePublished') });
    // On a minute's first second, so the noticePush timer cannot fire between the publishing and the look at the outbox.
    await s.setClock('2026-11-22T09:05:01+08:00');
    const one = await counted(() => publish('一栋楼', { kind: 'buildings', buildings: '1' }, true));
    const small = await counted(() => publish('小网格核酸', { kind: 'grid', gridId: SMALL }, true, requestId('big'), 'o-small-grid'));
    const req = requestId('big');
    const whole = await counted(() => publish('全网格核酸', { kind: 'grid', gridId: G }, true, req));
    expect(small.result).toMatchObject({
      ok: true,
      data: { households: SMALL_BUILDINGS * SMALL_PER_BUILDING, scope: { label: '小网格' } },
    });
    expect(whole.result).toMatchObject({ ok: true, data: { households: BUILDINGS * PER_BUILDING, scope: { label: '大网格' } } });
    noticeId = whole.result.ok ? whole.result.data.noticeId : '';
    // The caller with the community's buildings and grids, the households per building, the content check, the notice,
    // the chasers in one insert (1 building, 3 or 30): the same at every size, within issue 9's budget.
    expect([one.requests, small.requests, whole.requests]).toEqual([5, 5, 5]);
    expect([one.openApi, small.openApi, whole.openApi]).toEqual([1, 1, 1]);
    expect([one.writes, small.writes, whole.writes]).toEqual([2, 2, 2]);
    expect((await s.sdk.database().collection('tasks').where({ communityId: C, status: 'open' }).count()).total).toBe(
      1 + SMALL_BUILDINGS + BUILDINGS,
    );
    expect((await s.sdk.database().collection('noticeReceipts').where({ noticeId }).count()).total).toBe(0);
    // 92 people allowed the message; none was sent inside the calls. The next minute's timer sends each one.
    expect(outbox()).toEqual([]);
    const { fired } = await s.setClock('2026-11-22T09:06:00+08:00');
    expect(fired).toContainEqual({ functionName: 'notice', triggerName: 'noticePush', at: '2026-11-22T01:06:00Z', ok: true });
    const sent = outbox();
    const subscribers = users.filter((u) => u.households.length && subscribes(Number(u.households[0].buildingId.slice(3))));
    expect(subscribers).toHaveLength(2 * PER_BUILDING + SMALL_BUILDINGS * SMALL_PER_BUILDING);
    expect(sent.map((m) => m.touser).sort()).toEqual(subscribers.map((u) => u._id).sort());
    expect(sent.filter((m) => m.data.thing1.value === '全网格核酸')).toHaveLength(2 * PER_BUILDING);
    expect(sent.filter((m) => m.data.thing1.value === '小网格核酸')).toHaveLength(SMALL_BUILDINGS * SMALL_PER_BUILDING);
    // Pushed once: a retry of the publishing answers the same notice and sends nothing, nor do the next minutes.
    const retry = await counted(() => publish('全网格核酸', { kind: 'grid', gridId: G }, true, req));
    expect(retry).toMatchObject({ writes: 0, result: { ok: true, data: { noticeId } } });
    expect(retry.requests).toBeLessThanOrEqual(5);
    await s.setClock('2026-11-22T09:08:00+08:00');
    expect(outbox()).toHaveLength(sent.length);
  }, 60_000);

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
