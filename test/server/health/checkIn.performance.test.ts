/**
 * A check-in costs the same few database requests whatever the size of the building (issue 9: at most 5): a resident
 * of a building with 200 people under isolation and one of a building with three. The last person of a building
 * still makes the building complete, and a retry still has one effect. The data is written directly, as an import
 * would, with the domain's own types.
 */
import { newCheckIn } from '../../../server/checkIn/checkIn';
import type { BuildingRecord } from '../../../server/community/records';
import { stableId, type Household, type Resident } from '../../../server/household/household';
import type { UserRecord } from '../../../server/identity/users';
import { lastDayOf, type Isolation } from '../../../server/isolation/isolation';
import { startScenario, type Scenario } from '../helpers/scenario';

let s: Scenario;
const C = 'c-ci';
const G = 'g-ci';
const DAY = '2026-11-23';
const at = new Date('2026-11-23T07:00:00+08:00');
const earlier = new Date('2026-11-20T09:00:00+08:00');

interface Person {
  openid: string;
  resident: Resident;
  isolation: Isolation;
}

/** A building of `size` people, one household each, all under isolation since the 20th unless `startDay` says later. */
function building(n: number, size: number, startDay: (i: number) => string = () => '2026-11-20') {
  const b: BuildingRecord = { _id: `b-${n}`, communityId: C, gridId: G, number: String(n), name: `${n}号楼`, createdAt: earlier };
  const households: Household[] = [];
  const people: Person[] = [];
  for (let i = 0; i < size; i++) {
    const floor = Math.floor(i / 4) + 1;
    const room = `${floor}0${(i % 4) + 1}`;
    const h: Household = {
      _id: stableId('h', C, b._id, room),
      communityId: C,
      gridId: G,
      buildingId: b._id,
      buildingName: b.name,
      unit: '1',
      floor,
      room,
      label: `${n}-1-${room}`,
      reachable: true,
      riskColour: 'orange',
      memberCount: 1,
      pendingBindings: 0,
      createdAt: earlier,
      updatedAt: earlier,
    };
    households.push(h);
    const resident: Resident = {
      _id: `r-${n}-${i}`,
      communityId: C,
      gridId: G,
      buildingId: b._id,
      householdId: h._id,
      name: `住户${n}-${i}`,
      relation: '本人',
      phone: `139${String(n * 1000 + i).padStart(8, '0')}`,
      source: 'import',
      createdAt: earlier,
    };
    const start = startDay(i);
    const isolation: Isolation = {
      _id: `iso-${n}-${i}`,
      communityId: C,
      gridId: G,
      buildingId: b._id,
      householdId: h._id,
      residentId: resident._id,
      name: resident.name,
      buildingName: b.name,
      label: h.label,
      unit: '1',
      floor,
      room,
      kind: 'homeIsolation',
      startDay: start,
      days: 14,
      lastDay: lastDayOf(start, 14),
      reason: 'returnedFromElsewhere',
      careTeam: [],
      status: 'active',
      events: [{ kind: 'started', at: earlier, by: '网格员', byOpenid: 'o-grid', note: '居家隔离 14 天' }],
      requestKey: `seed-${n}-${i}`,
      createdBy: 'o-grid',
      createdAt: earlier,
      updatedAt: earlier,
    };
    people.push({ openid: `o-${n}-${i}`, resident: { ...resident, isolationId: isolation._id } as Resident, isolation });
  }
  return { b, households, people };
}

const big = building(1, 200);
const small = building(2, 3);
// Building 3: three people now, a fourth whose isolation begins tomorrow and who is not expected today.
const later = building(3, 4, (i) => (i === 3 ? '2026-11-24' : '2026-11-20'));
const all = [big, small, later];

const user = (p: Person): UserRecord => ({
  _id: p.openid,
  name: p.resident.name,
  grants: [],
  households: [
    { householdId: p.resident.householdId, communityId: C, gridId: G, buildingId: p.resident.buildingId, kind: 'member', label: '' },
  ],
  createdAt: earlier,
  updatedAt: earlier,
});

const alreadyIn = (p: Person) => {
  const { _id, ...c } = newCheckIn(
    p.isolation,
    DAY,
    'am',
    {
      temperature: 36.5,
      symptoms: [],
      by: 'resident',
      byOpenid: p.openid,
      byName: p.resident.name,
      late: false,
      requestKey: `k-${p.openid}`,
      at,
    },
    null,
  );
  return { _id, ...c };
};

beforeAll(async () => {
  s = await startScenario({ startAt: '2026-11-23T08:00:00+08:00' });
  const db = s.sdk.database();
  const people = all.flatMap((x) => x.people);
  const plan: [string, object[]][] = [
    ['communities', [{ _id: C, name: '打卡社区', address: '测试路 3 号', createdAt: earlier }]],
    ['grids', [{ _id: G, communityId: C, name: '网格', createdAt: earlier, updatedAt: earlier }]],
    ['buildings', all.map((x) => x.b)],
    ['households', all.flatMap((x) => x.households)],
    ['residents', people.map((p) => p.resident)],
    ['isolations', people.map((p) => p.isolation)],
    // Building 2: two of three have checked in this morning; building 3: one of the two expected.
    ['checkIns', [alreadyIn(small.people[0]), alreadyIn(small.people[1]), alreadyIn(later.people[0])]],
    [
      'users',
      [
        ...people.map(user),
        {
          _id: 'o-leader',
          name: '楼长',
          grants: [{ role: 'buildingLeader', communityId: C, buildingIds: ['b-1', 'b-2', 'b-3'] }],
          households: [],
          createdAt: earlier,
          updatedAt: earlier,
        },
      ],
    ],
  ];
  for (const [collection, docs] of plan)
    for (let i = 0; i < docs.length; i += 200) await db.collection(collection).add({ data: docs.slice(i, i + 200) });
}, 120_000);
afterAll(() => s?.close());

const submit = (p: Person, requestId: string, temperature = 36.6) =>
  s.as(p.openid)('health', 'checkIn.submit', { residentId: p.resident._id, temperature, symptoms: [] }, requestId);

async function measured<T>(call: () => Promise<T>): Promise<{ result: T; requests: number }> {
  s.resetCounts();
  const result = await call();
  return { result, requests: s.dbRequests() };
}

const slotOf = async (p: Person) =>
  (await s.sdk.database().collection('checkIns').where({ communityId: C, residentId: p.resident._id, day: DAY, slot: 'am' }).get())
    .data as { status: string; temperature: number }[];

const completeTasks = async (buildingId: string) =>
  (await s.sdk.database().collection('tasks').where({ kind: 'building.complete', buildingId }).get()).data;

describe('a check-in reads and writes a constant, small number of times', () => {
  it('a resident of a building with 200 people under isolation: at most 5 database requests', async () => {
    const { result, requests } = await measured(() => submit(big.people[17], 'req-big-17'));
    expect(result).toMatchObject({ ok: true, data: { day: DAY, slot: 'am', revision: 1, temperature: 36.6 } });
    expect(requests).toBeLessThanOrEqual(5);
    // The caller, the person, their isolations and community in one read; the insert; the building's two counts in one.
    const byAction = Object.fromEntries(Object.entries(s.cloud.emulator.stats.requests()).filter(([a]) => a.startsWith('database.')));
    expect(byAction).toEqual({ 'database.aggregateDocuments': 2, 'database.insertDocument': 1 });
  });

  it('a resident of a building with three takes the same number', async () => {
    const bigAgain = await measured(() => submit(big.people[18], 'req-big-18'));
    const few = await measured(() => submit(later.people[1], 'req-later-1-first', 36.4));
    expect(few.result).toMatchObject({ ok: true, data: { revision: 1 } });
    expect(few.requests).toBe(bigAgain.requests);
  });

  it('a retry of the same request answers the stored check-in and changes nothing', async () => {
    const first = await submit(big.people[19], 'req-big-19');
    const retry = await submit(big.people[19], 'req-big-19', 39.9);
    expect(retry).toEqual(first);
    expect((await slotOf(big.people[19])).map((c) => [c.status, c.temperature])).toEqual([['current', 36.6]]);
  });

  it('a second submit in the slot replaces the first, which is kept', async () => {
    await submit(big.people[20], 'req-big-20-a', 36.5);
    const second = await submit(big.people[20], 'req-big-20-b', 36.8);
    expect(second).toMatchObject({ ok: true, data: { revision: 2, temperature: 36.8 } });
    expect((await slotOf(big.people[20])).map((c) => [c.status, c.temperature]).sort()).toEqual([
      ['current', 36.8],
      ['superseded', 36.5],
    ]);
  });
});

describe('the building is still reported complete by its last check-in', () => {
  it('the big building is not complete after a few check-ins', async () => {
    expect(await completeTasks('b-1')).toEqual([]);
  });

  it('the third of three completes building 2: its 楼道长 is told once', async () => {
    expect(await submit(small.people[2], 'req-small-2')).toMatchObject({ ok: true });
    expect(await completeTasks('b-2')).toEqual([expect.objectContaining({ title: '2号楼上午打卡已全部完成', status: 'open' })]);
    // A replacement in the same slot changes nobody's status: no second report.
    await submit(small.people[2], 'req-small-2-again', 36.7);
    expect(await completeTasks('b-2')).toHaveLength(1);
  });

  it('building 3 is complete without the person whose isolation begins tomorrow', async () => {
    // later.people[0] and [1] have checked in (the seed, and above); [2] is the last one expected this morning.
    expect(await completeTasks('b-3')).toEqual([]);
    expect(await submit(later.people[2], 'req-later-2')).toMatchObject({ ok: true });
    expect(await completeTasks('b-3')).toEqual([expect.objectContaining({ detail: expect.stringContaining('应打卡 3 人') })]);
  });

  it('no query went unindexed', () => {
    expect(s.cloud.logs.filter((l) => l.includes('WARN query on'))).toEqual([]);
  });
});
