/**
 * The boards take a constant number of database requests whatever the size (issue 5, "Performance"): the 楼道长's
 * board of a building with 200 people under isolation and the grid worker's board of 30 buildings each take at most
 * five, counted by the emulator — the grid board the same for a grid of 490 people and one of 1,200 (more than a
 * page of 1,000) — and no query of theirs goes unindexed. The grid board counts in the database; its numbers are
 * those of the 楼道长's boards of its buildings, which count person by person, including people registered after a
 * slot closed, released before or after it, recorded late, and isolations that do not cover the day. The data is
 * written directly, as an import would, with the same domain functions the functions use.
 */
import { newCheckIn } from '../../../server/checkIn/checkIn';
import type { BuildingRecord } from '../../../server/community/records';
import { stableId, type Household, type Resident } from '../../../server/household/household';
import type { UserRecord } from '../../../server/identity/users';
import { lastDayOf, type Isolation } from '../../../server/isolation/isolation';
import type { Page } from '../../../typings/contract/community';
import type { Envelope } from '../../../typings/contract/envelope';
import type { BoardHome, GridBuildingRow, Slot, SlotCell, TaskView } from '../../../typings/contract/health';
import { startScenario, type Scenario } from '../helpers/scenario';

let s: Scenario;
const C = 'c-big';
const G = 'g-big';
/** The second grid: more people under isolation than a page of 1,000, and the cases that make counting subtle. */
const G2 = 'g-huge';
const DAY = '2026-11-23';
const at = new Date('2026-11-23T08:00:00+08:00');
const shanghai = (time: string, day = DAY) => new Date(`${day}T${time}+08:00`);
const BUILDINGS = 30;
const BIG = 200;
const HUGE_BUILDINGS = 12;
const HUGE_PER_BUILDING = 100;

const bid = (b: number) => `b-${b}`;
/** Grid G's board before the morning's slot runs, person by person. */
let beforeRuns: unknown;

interface World {
  buildings: BuildingRecord[];
  households: Household[];
  residents: Resident[];
  isolations: Isolation[];
  checkIns: object[];
  bindings: object[];
}

/**
 * Grid G: building 1 with 200 people under isolation (100 households of two), buildings 2–30 with ten each. Grid G2:
 * buildings 31–42 with 100 each, where one person in 50 of each kind was registered today after the morning closed
 * (half of them recorded late by the 楼道长), released today before the morning closed, released after it, released
 * yesterday, or starts tomorrow.
 */
function world(grid: typeof G | typeof G2): World {
  const w: World = { buildings: [], households: [], residents: [], isolations: [], checkIns: [], bindings: [] };
  let n = grid === G ? 0 : 10_000;
  for (let b = grid === G ? 1 : BUILDINGS + 1; b <= (grid === G ? BUILDINGS : BUILDINGS + HUGE_BUILDINGS); b++) {
    const gridId = b <= BUILDINGS ? G : G2;
    w.buildings.push({ _id: bid(b), communityId: C, gridId, number: String(b), name: `${b}号楼`, createdAt: at });
    const households = b === 1 ? BIG / 2 : b <= BUILDINGS ? 5 : HUGE_PER_BUILDING / 2;
    for (let i = 0; i < households; i++) {
      const unit = String((i % 2) + 1);
      const floor = Math.floor(i / 4) + 1;
      const room = `${floor}0${(Math.floor(i / 2) % 2) + 1}`;
      const h: Household = {
        _id: stableId('h', C, String(b), unit, room, String(i)),
        communityId: C,
        gridId,
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
          gridId,
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
          gridId,
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
          gridId,
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
        const special = gridId === G2 ? n % 50 : 0;
        if (special === 1) Object.assign(iso, { startDay: DAY, lastDay: lastDayOf(DAY, 14), createdAt: shanghai('12:30:00') });
        if (special === 2) Object.assign(iso, { status: 'released', releasedAt: shanghai('11:00:00') });
        if (special === 3) Object.assign(iso, { status: 'released', releasedAt: shanghai('13:00:00') });
        if (special === 4) Object.assign(iso, { status: 'released', releasedAt: shanghai('10:00:00', '2026-11-22') });
        if (special === 5) Object.assign(iso, { startDay: '2026-11-24', lastDay: lastDayOf('2026-11-24', 14) });
        w.isolations.push(iso);
        const lateRecord = special === 1 && n % 100 === 1;
        // Most checked in this morning, one in nine with a fever; the rest are missing (and those not isolated today).
        if (lateRecord) {
          const { _id, ...c } = newCheckIn(
            iso,
            DAY,
            'am',
            {
              temperature: 36.6,
              symptoms: [],
              by: 'leader',
              byRole: 'buildingLeader',
              method: 'phone',
              byOpenid: 'o-leader',
              byName: '楼长',
              late: true,
              requestKey: `k-${n}`,
              at: shanghai('13:10:00'),
            },
            null,
          );
          w.checkIns.push({ _id, ...c });
        } else if (n % 5 !== 0 && special !== 1 && special !== 4 && special !== 5) {
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

const w = world(G);
const huge = world(G2);

beforeAll(async () => {
  s = await startScenario({ startAt: '2026-11-23T15:00:00+08:00' });
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
    ['users', users],
    ...worldPlan(w),
  ];
  await insert(plan);
}, 120_000);
afterAll(() => s?.close());

const worldPlan = (x: World): [string, object[]][] => [
  ['buildings', x.buildings],
  ['households', x.households],
  ['residents', x.residents],
  ['bindingRequests', x.bindings],
  ['isolations', x.isolations],
  ['checkIns', x.checkIns],
];

async function insert(plan: [string, object[]][]): Promise<void> {
  const db = s.sdk.database();
  for (const [collection, docs] of plan)
    for (let i = 0; i < docs.length; i += 200) await db.collection(collection).add({ data: docs.slice(i, i + 200) });
}

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
    const homes: BoardHome[] = result.data.units.flatMap((u: { floors: { homes: BoardHome[] }[] }) => u.floors.flatMap((f) => f.homes));
    const people = homes.flatMap((h) => h.people);
    expect(people).toHaveLength(BIG);
    expect(homes).toHaveLength(BIG / 2);
    expect(result.data.slots).toEqual([
      expect.objectContaining({
        slot: 'am',
        phase: 'escalated',
        counts: { expected: 200, done: 142, abnormal: 18, waiting: 0, missing: 40 },
      }),
      expect.objectContaining({ slot: 'pm', phase: 'open', counts: { expected: 200, done: 0, abnormal: 0, waiting: 200, missing: 0 } }),
    ]);
    expect(result.data.missing).toHaveLength(40);
    // Phones for the call buttons, once per home: the missing person's home has them, the proxy of one household in
    // ten among them (the two people of each such household share the home's phones).
    const homeOf = (residentId: string) => homes.find((h) => h.people.some((p) => p.residentId === residentId))!;
    expect(homeOf(result.data.missing[0]).phones).toEqual(
      expect.arrayContaining([expect.objectContaining({ relation: '本人', phone: expect.stringMatching(/^139\d{8}$/) })]),
    );
    expect(homes.filter((h) => h.phones.some((ph) => ph.relation === '代办'))).toHaveLength(10);
    expect(homes.filter((h) => h.phones.some((ph) => ph.relation === '代办')).flatMap((h) => h.people)).toHaveLength(20);
    expect(requests).toBeLessThanOrEqual(5);
  });

  it('the same board of a building with ten people takes the same number', async () => {
    const big = await measured(() => s.as('o-leader')('health', 'checkIn.leaderBoard', { buildingId: bid(1) }));
    const small = await measured(() => s.as('o-leader')('health', 'checkIn.leaderBoard', { buildingId: bid(2) }));
    expect(small.result).toMatchObject({ ok: true, data: { slots: [{ counts: { expected: 10 } }, { counts: { expected: 10 } }] } });
    expect(small.requests).toBe(big.requests);
  });

  it(`the grid board of ${BUILDINGS} buildings: at most 5 database requests, abnormal people first, the first 50 listed`, async () => {
    const { result, requests } = await measured(() => s.as('o-grid')('health', 'checkIn.gridBoard', { gridId: G }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.buildings).toHaveLength(BUILDINGS);
    expect(result.data.buildings[0]).toMatchObject({
      buildingName: '1号楼',
      isolated: BIG,
      slots: { am: { expected: BIG, done: 142, abnormal: 18, waiting: 0, missing: 40, complete: false } },
    });
    expect(result.data.buildings.map((b: { buildingName: string }) => b.buildingName).slice(0, 3)).toEqual(['1号楼', '2号楼', '3号楼']);
    const total = w.isolations.length;
    const abnormal = w.checkIns.filter((c) => (c as { abnormal: boolean }).abnormal).length;
    const escalated = w.isolations.length - w.checkIns.length;
    expect(result.data.slots[0].counts).toEqual({
      expected: total,
      done: w.checkIns.length - abnormal,
      abnormal,
      waiting: 0,
      missing: escalated,
    });
    expect(result.data.slots[1].counts).toEqual({ expected: total, done: 0, abnormal: 0, waiting: total, missing: 0 });
    // 15:00: the morning's missing were escalated at 14:00; they come right after the abnormal ones, 50 listed of all.
    expect(result.data.attentionTotal).toBe(abnormal + escalated);
    const reasons = result.data.attention.map((a: { reason: string }) => a.reason);
    expect(reasons).toEqual([...Array(abnormal).fill('abnormal'), ...Array(50 - abnormal).fill('escalated')]);
    expect(result.data.attention[0]).toMatchObject({ buildingName: '1号楼', temperature: 37.9, symptomLabels: [] });
    expect(result.data.attention[abnormal]).toMatchObject({ buildingName: '1号楼', slot: 'am', phones: expect.any(Array) });
    expect(result.data.attention[abnormal].phones.length).toBeGreaterThan(0);
    expect(requests).toBeLessThanOrEqual(5);
    beforeRuns = result.data;
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

  it('once a run of the closed slot raised its to-do items, the grid board lists the missing from them: the same list', async () => {
    // Before the run the board worked the missing out person by person; now it reads the run's 「未打卡」 items.
    const { result, requests } = await measured(() => s.as('o-grid')('health', 'checkIn.gridBoard', { gridId: G }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.attention).toHaveLength(50);
    expect(result.data).toEqual(beforeRuns);
    // The grid with the caller, the community, its runs and changes; every count and the abnormal; the missing.
    expect(requests).toBe(3);
  });

  describe(`a grid of ${HUGE_BUILDINGS * HUGE_PER_BUILDING} people under isolation, more than a page`, () => {
    beforeAll(async () => {
      await insert([
        ['grids', [{ _id: G2, communityId: C, name: '第二网格', createdAt: at, updatedAt: at }]],
        [
          'users',
          [
            {
              _id: 'o-grid2',
              name: '网格员二',
              grants: [{ role: 'gridWorker', communityId: C, gridId: G2 }],
              households: [],
              createdAt: at,
              updatedAt: at,
            },
          ],
        ],
        ...worldPlan(huge),
      ]);
    }, 120_000);

    it('the grid board takes the same number of database requests as the grid of 490', async () => {
      const small = await measured(() => s.as('o-grid')('health', 'checkIn.gridBoard', { gridId: G }));
      const big = await measured(() => s.as('o-grid2')('health', 'checkIn.gridBoard', { gridId: G2 }));
      expect(big.result).toMatchObject({ ok: true, data: { buildings: expect.any(Array) } });
      expect(big.requests).toBe(small.requests);
      expect(big.requests).toBeLessThanOrEqual(5);
    });

    it('its numbers are those of the 楼道长’s boards of its buildings, which count person by person', async () => {
      const res = await s.as('o-grid2')('health', 'checkIn.gridBoard', { gridId: G2 });
      expect(res.ok).toBe(true);
      if (!res.ok) return;
      const grid = res.data;
      expect(grid.buildings).toHaveLength(HUGE_BUILDINGS);
      let attention = 0;
      for (const row of grid.buildings) {
        const leader = await s.as('o-grid2')('health', 'checkIn.leaderBoard', { buildingId: row.buildingId });
        expect(leader.ok).toBe(true);
        if (!leader.ok) return;
        const people = leader.data.units.flatMap((u: { floors: { homes: BoardHome[] }[] }) =>
          u.floors.flatMap((f) => f.homes.flatMap((h) => h.people)),
        );
        expect(row.isolated).toBe(people.length);
        for (const summary of leader.data.slots) {
          const counts = summary.counts;
          expect(row.slots[summary.slot as Slot]).toEqual(
            counts.expected ? { ...counts, complete: counts.done + counts.abnormal === counts.expected } : undefined,
          );
        }
        for (const p of people)
          for (const cell of Object.values(p.cells) as SlotCell[])
            if (['abnormal', 'missing', 'escalated'].includes(cell.state)) attention += 1;
      }
      expect(grid.attentionTotal).toBe(attention);
      // The subtle cases are all there: fewer people than isolations (released yesterday, starting tomorrow), fewer
      // expected in the morning than on the board (registered after it closed, released before), one recorded late.
      const covered = huge.isolations.filter(
        (i) => (i as Isolation).startDay <= DAY && !(i as Isolation).releasedAt?.toISOString().startsWith('2026-11-22'),
      );
      expect(grid.buildings.reduce((n: number, b: GridBuildingRow) => n + b.isolated, 0)).toBe(covered.length);
      expect(grid.slots[0].counts.expected).toBeLessThan(covered.length);
      expect(grid.slots[1].counts.expected).toBeLessThan(covered.length);
      expect(huge.checkIns.some((c) => (c as { late: boolean }).late)).toBe(true);
      expect(grid.attention).toHaveLength(50);
      expect(grid.attentionTotal).toBeGreaterThan(1000 / 5);
    });
  });

  it('no query of the boards went unindexed', () => {
    expect(s.cloud.logs.filter((l) => l.includes('WARN query on'))).toEqual([]);
  });
});
