/**
 * The boards take a constant number of database requests whatever the size (issue 5, "Performance"): the 楼道长's
 * board of a building with 200 people under isolation and the grid worker's board of 30 buildings each take at most
 * five, counted by the emulator, and no query of theirs goes unindexed. The data is written directly, as an import
 * would, with the same domain functions the functions use.
 */
import { newCheckIn } from '../../../server/checkIn/checkIn';
import type { BuildingRecord } from '../../../server/community/records';
import { stableId, type Household, type Resident } from '../../../server/household/household';
import type { UserRecord } from '../../../server/identity/users';
import { lastDayOf, type Isolation } from '../../../server/isolation/isolation';
import type { Page } from '../../../typings/contract/community';
import type { Envelope } from '../../../typings/contract/envelope';
import type { TaskView } from '../../../typings/contract/health';
import { startScenario, type Scenario } from '../helpers/scenario';

let s: Scenario;
const C = 'c-big';
const G = 'g-big';
const DAY = '2026-11-23';
const at = new Date('2026-11-23T08:00:00+08:00');
const BUILDINGS = 30;
const BIG = 200;

const bid = (b: number) => `b-${b}`;

interface World {
  buildings: BuildingRecord[];
  households: Household[];
  residents: Resident[];
  isolations: Isolation[];
  checkIns: object[];
  bindings: object[];
}

/** Building 1: 200 people under isolation (100 households of two); buildings 2–30: ten each. */
function world(): World {
  const w: World = { buildings: [], households: [], residents: [], isolations: [], checkIns: [], bindings: [] };
  let n = 0;
  for (let b = 1; b <= BUILDINGS; b++) {
    w.buildings.push({ _id: bid(b), communityId: C, gridId: G, number: String(b), name: `${b}号楼`, createdAt: at });
    const households = b === 1 ? BIG / 2 : 5;
    for (let i = 0; i < households; i++) {
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
        riskColour: 'orange',
        memberCount: 2,
        pendingBindings: 0,
        createdAt: at,
        updatedAt: at,
      };
      w.households.push(h);
      if (i % 10 === 0) {
        w.bindings.push({
          _id: `bind-${h._id}`,
          communityId: C,
          gridId: G,
          buildingId: h.buildingId,
          householdId: h._id,
          label: h.label,
          communityName: '大社区',
          openid: `o-child-${n}`,
          kind: 'proxy',
          name: '代办人',
          relation: '子女',
          phone: '13800000000',
          status: 'confirmed',
          createdAt: at,
          updatedAt: at,
        });
      }
      for (const relation of ['本人', '配偶'] as const) {
        n += 1;
        const r: Resident = {
          _id: `r-${n}`,
          communityId: C,
          gridId: G,
          buildingId: h.buildingId,
          householdId: h._id,
          name: `住户${n}`,
          relation,
          phone: `139${String(n).padStart(8, '0')}`,
          source: 'import',
          createdAt: at,
        };
        w.residents.push(r);
        const iso: Isolation = {
          _id: `iso-${n}`,
          communityId: C,
          gridId: G,
          buildingId: h.buildingId,
          householdId: h._id,
          residentId: r._id,
          name: r.name,
          buildingName: h.buildingName,
          label: h.label,
          unit,
          floor,
          room,
          kind: n % 7 === 0 ? 'homeMonitoring' : 'homeIsolation',
          startDay: '2026-11-20',
          days: 14,
          lastDay: lastDayOf('2026-11-20', 14),
          reason: 'returnedFromElsewhere',
          careTeam: [],
          status: 'active',
          events: [],
          requestKey: `seed-${n}`,
          createdBy: 'o-grid',
          createdAt: new Date('2026-11-20T09:00:00+08:00'),
          updatedAt: at,
        };
        w.isolations.push(iso);
        // Most checked in this morning, one in nine with a fever; the rest are missing.
        if (n % 5 !== 0) {
          const { _id, ...c } = newCheckIn(
            iso,
            DAY,
            'am',
            {
              temperature: n % 9 === 0 ? 37.9 : 36.4,
              symptoms: [],
              by: 'resident',
              byOpenid: `o-${n}`,
              byName: r.name,
              late: false,
              requestKey: `k-${n}`,
              at,
            },
            null,
          );
          w.checkIns.push({ _id, ...c });
        }
      }
    }
  }
  return w;
}

const w = world();

beforeAll(async () => {
  s = await startScenario({ startAt: '2026-11-23T15:00:00+08:00' });
  const db = s.sdk.database();
  const users: UserRecord[] = [
    {
      _id: 'o-leader',
      name: '楼长',
      grants: [{ role: 'buildingLeader', communityId: C, buildingIds: [bid(1), bid(2)] }],
      households: [],
      createdAt: at,
      updatedAt: at,
    },
    {
      _id: 'o-grid',
      name: '网格员',
      grants: [{ role: 'gridWorker', communityId: C, gridId: G }],
      households: [],
      createdAt: at,
      updatedAt: at,
    },
  ];
  const plan: [string, object[]][] = [
    ['communities', [{ _id: C, name: '大社区', address: '测试路 2 号', createdAt: at }]],
    ['grids', [{ _id: G, communityId: C, name: '大网格', createdAt: at, updatedAt: at }]],
    ['buildings', w.buildings],
    ['households', w.households],
    ['residents', w.residents],
    ['bindingRequests', w.bindings],
    ['isolations', w.isolations],
    ['checkIns', w.checkIns],
    ['users', users],
  ];
  for (const [collection, docs] of plan)
    for (let i = 0; i < docs.length; i += 200) await db.collection(collection).add({ data: docs.slice(i, i + 200) });
}, 120_000);
afterAll(() => s?.close());

async function measured<T>(call: () => Promise<T>): Promise<{ result: T; requests: number }> {
  s.resetCounts();
  const result = await call();
  return { result, requests: s.dbRequests() };
}

describe('the boards read a constant number of times', () => {
  it(`the 楼道长’s board of a building with ${BIG} people under isolation: at most 5 database requests`, async () => {
    const { result, requests } = await measured(() => s.as('o-leader')('health', 'checkIn.leaderBoard', { buildingId: bid(1) }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const people = result.data.units.flatMap((u: { floors: { people: unknown[] }[] }) => u.floors.flatMap((f) => f.people));
    expect(people).toHaveLength(BIG);
    expect(result.data.slots).toEqual([
      expect.objectContaining({
        slot: 'am',
        phase: 'escalated',
        counts: { expected: 200, done: 142, abnormal: 18, waiting: 0, missing: 40 },
      }),
      expect.objectContaining({ slot: 'pm', phase: 'open', counts: { expected: 200, done: 0, abnormal: 0, waiting: 200, missing: 0 } }),
    ]);
    expect(result.data.missing).toHaveLength(40);
    // Phones for the call buttons, the proxy of one household in ten among them.
    expect(result.data.missing[0].phones).toEqual(
      expect.arrayContaining([expect.objectContaining({ relation: '本人', phone: expect.stringMatching(/^139\d{8}$/) })]),
    );
    expect(people.filter((p: { phones: { relation: string }[] }) => p.phones.some((ph) => ph.relation === '代办'))).toHaveLength(20);
    expect(requests).toBeLessThanOrEqual(5);
  });

  it('the same board of a building with ten people takes the same number', async () => {
    const big = await measured(() => s.as('o-leader')('health', 'checkIn.leaderBoard', { buildingId: bid(1) }));
    const small = await measured(() => s.as('o-leader')('health', 'checkIn.leaderBoard', { buildingId: bid(2) }));
    expect(small.result).toMatchObject({ ok: true, data: { slots: [{ counts: { expected: 10 } }, { counts: { expected: 10 } }] } });
    expect(small.requests).toBe(big.requests);
  });

  it(`the grid board of ${BUILDINGS} buildings: at most 5 database requests, abnormal people first`, async () => {
    const { result, requests } = await measured(() => s.as('o-grid')('health', 'checkIn.gridBoard', { gridId: G }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.buildings).toHaveLength(BUILDINGS);
    expect(result.data.buildings[0]).toMatchObject({
      buildingName: '1号楼',
      isolated: BIG,
      slots: { am: { expected: BIG, complete: false } },
    });
    expect(result.data.buildings.map((b: { buildingName: string }) => b.buildingName).slice(0, 3)).toEqual(['1号楼', '2号楼', '3号楼']);
    const total = w.isolations.length;
    expect(result.data.slots[0].counts.expected).toBe(total);
    const reasons = result.data.attention.map((a: { reason: string }) => a.reason);
    // 15:00: the morning's missing were escalated at 14:00; they come right after the abnormal ones.
    expect(reasons.filter((r: string) => r === 'escalated')).toHaveLength(w.isolations.length - w.checkIns.length);
    expect(reasons.indexOf('escalated')).toBe(reasons.lastIndexOf('abnormal') + 1);
    expect(reasons.filter((r: string) => r === 'abnormal')).toHaveLength(
      w.checkIns.filter((c) => (c as { abnormal: boolean }).abnormal).length,
    );
    expect(requests).toBeLessThanOrEqual(5);
  });

  it('the escalation of a whole grid runs once, and its to-do items page 20 at a time, most urgent first', async () => {
    // 15:00: the morning was escalated at 14:00 — for everyone who did not check in, one item each for the grid worker.
    const missing = w.isolations.length - w.checkIns.length;
    s.resetCounts();
    expect(await (await fetch(`${s.cloud.url}/triggers/health/slotTick`, { method: 'POST' })).json()).toMatchObject({ ok: true });
    // Reads are a handful whatever the number of people; writes are one batch of items and the run's own record.
    expect(s.dbRequests()).toBeLessThanOrEqual(10);
    const seen: TaskView[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: Envelope<Page<TaskView>> = await s.as('o-grid')('health', 'tasks.listMine', cursor ? { cursor } : {});
      expect(res.ok).toBe(true);
      if (!res.ok) break;
      expect(res.data.items.length).toBeLessThanOrEqual(20);
      seen.push(...res.data.items);
      cursor = res.data.nextCursor;
      pages += 1;
    } while (cursor);
    expect(seen).toHaveLength(missing);
    expect(new Set(seen.map((t) => t.taskId)).size).toBe(missing);
    expect(pages).toBe(Math.ceil(missing / 20));
    // Running the trigger again adds nothing.
    await fetch(`${s.cloud.url}/triggers/health/slotTick`, { method: 'POST' });
    const again = await s.as('o-grid')('health', 'tasks.listMine', {});
    expect(again.ok && again.data.items.map((t: { taskId: string }) => t.taskId)).toEqual(seen.slice(0, 20).map((t) => t.taskId));
  });

  it('no query of the boards went unindexed', () => {
    expect(s.cloud.logs.filter((l) => l.includes('WARN query on'))).toEqual([]);
  });
});
