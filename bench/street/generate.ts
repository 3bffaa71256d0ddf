/**
 * A street office's worth of data (issue 9), deterministic for a given scale, seed and `now`: 37 communities, about
 * 220,000 residents in about 75,000 households, 1,242 people under home isolation across the street, and one
 * community under temporary lockdown (临时封控) whose 3,000 households are all isolated, person by person, checking
 * in twice a day. Documents have exactly the shapes the functions write: the structure goes through the import's
 * own `planStructure`, check-ins through `newCheckIn`, alerts through `abnormalTask`, grants through `grantsFrom`,
 * colours through `deriveRiskColour` — as emulator/seed/demoCommunity.ts does for the demo.
 *
 * The lockdown community is laid out for the board budgets: its first grid has 30 buildings of 75 households and
 * exactly 200 people each (楼道长 board at 200 isolated people; grid board over 30 buildings); the rest of its
 * households are in a second, smaller grid. Every other community has 2,000 households in 25 buildings and 3 grids.
 *
 * Pure and streaming: `streetCommunities` yields one community at a time so the writer never holds the street.
 */
import type { Assignment } from '../../server/assignment/assignment';
import { grantsFrom } from '../../server/assignment/assignment';
import type { Binding } from '../../server/binding/binding';
import { newCheckIn, type CheckIn } from '../../server/checkIn/checkIn';
import { abnormalTask } from '../../server/checkIn/ladder';
import { DEFAULT_WINDOWS, SLOTS, slotTimes } from '../../server/checkIn/slots';
import type { BuildingRecord, CommunityRecord, GridRecord } from '../../server/community/records';
import { stableId, type Household, type Resident } from '../../server/household/household';
import type { UserRecord } from '../../server/identity/users';
import { lastDayOf, type CareTeamEntry, type Isolation } from '../../server/isolation/isolation';
import { deriveRiskColour, type RiskFacts } from '../../server/riskColour/riskColour';
import { planStructure, type SheetRow } from '../../server/structure/structure';
import { prng } from '../lib/emulatorOps';
import type { Task } from '../../server/tasks/task';
import { addDays, atMinute, shanghaiDay, type Day } from '../../server/time/shanghai';

export interface StreetScale {
  /** Communities in all, the lockdown community included. */
  communities: number;
  /** Households of each community other than the lockdown one. */
  householdsPerCommunity: number;
  buildingsPerCommunity: number;
  gridsPerCommunity: number;
  /** People under isolation at once outside the lockdown community, spread over the other communities. */
  isolatedElsewhere: number;
  lockdown: {
    households: number;
    /** Buildings of its first grid (the grid board's grid); each has 75 households and exactly 200 people. */
    boardGridBuildings: number;
    /** Days the lockdown has lasted before today (its check-ins so far). */
    daysSoFar: number;
  };
  seed: number;
}

/** The street of the field reports. */
export const STREET: StreetScale = {
  communities: 37,
  householdsPerCommunity: 2_000,
  buildingsPerCommunity: 25,
  gridsPerCommunity: 3,
  isolatedElsewhere: 1_242,
  lockdown: { households: 3_000, boardGridBuildings: 30, daysSoFar: 2 },
  seed: 20_220_401,
};

/** Households per building of the lockdown community's first grid, and the people each such building holds. */
export const BOARD_BUILDING_HOUSEHOLDS = 75;
export const BOARD_BUILDING_PEOPLE = 200;
/** Households per building of the lockdown community's second grid. */
const SECOND_GRID_BUILDING_HOUSEHOLDS = 50;
export const LOCKDOWN_INDEX = 0;

export interface CommunityData {
  index: number;
  lockdown: boolean;
  communities: CommunityRecord[];
  grids: GridRecord[];
  buildings: BuildingRecord[];
  households: Household[];
  residents: Resident[];
  assignments: Assignment[];
  bindings: Binding[];
  users: UserRecord[];
  isolations: Isolation[];
  checkIns: CheckIn[];
  tasks: Task[];
}

/** Collections in the order they are written, with the property of CommunityData that holds each. */
export const STREET_COLLECTIONS = [
  ['communities', 'communities'],
  ['grids', 'grids'],
  ['buildings', 'buildings'],
  ['households', 'households'],
  ['residents', 'residents'],
  ['roleAssignments', 'assignments'],
  ['bindingRequests', 'bindings'],
  ['users', 'users'],
  ['isolations', 'isolations'],
  ['checkIns', 'checkIns'],
  ['tasks', 'tasks'],
] as const satisfies readonly (readonly [string, keyof CommunityData])[];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈';
const GIVEN = [
  '建华',
  '秀兰',
  '志强',
  '丽娟',
  '国庆',
  '桂英',
  '海燕',
  '明',
  '静',
  '伟',
  '芳',
  '军',
  '红梅',
  '玉兰',
  '子涵',
  '浩然',
  '欣怡',
  '宇轩',
  '淑珍',
  '德明',
  '晓东',
  '雨桐',
];
const RELATIONS = ['本人', '配偶', '子女', '父母', '子女'] as const;

/** A fake but well-formed name and mobile for person `n` of the street (consecutive people never share a surname). */
function person(n: number): { name: string; phone: string } {
  return {
    name: SURNAMES[(n * 7) % SURNAMES.length] + GIVEN[(n * 5 + Math.floor(n / SURNAMES.length)) % GIVEN.length],
    phone: `13${5 + (n % 5)}${String(n % 100_000_000).padStart(8, '0')}`,
  };
}

/** Household sizes 1–5 with a mean of 2.95 (about 220,000 people in 75,000 households). */
function householdSize(random: () => number): number {
  const r = random();
  return r < 0.1 ? 1 : r < 0.35 ? 2 : r < 0.7 ? 3 : r < 0.9 ? 4 : 5;
}

/** The 75 household sizes of a board building: 50 of three and 25 of two, exactly 200 people, in a fixed shuffle. */
function boardBuildingSizes(random: () => number): number[] {
  const sizes = [...Array<number>(50).fill(3), ...Array<number>(25).fill(2)];
  for (let i = sizes.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [sizes[i], sizes[j]] = [sizes[j], sizes[i]];
  }
  return sizes;
}

export const communityId = (index: number) => `street-c${String(index).padStart(2, '0')}`;
/** The openid of the member who bound household `h` (0-based within its community) of community `c`. */
export const residentOpenid = (c: number, h: number) => `street-c${c}-h${h}`;
export const adminOpenid = (c: number) => `street-c${c}-admin`;
export const gridWorkerOpenid = (c: number, g: number) => `street-c${c}-grid${g}`;
export const leaderOpenid = (c: number, b: number) => `street-c${c}-leader${b}`;

interface Layout {
  /** Per building: grid number (1-based), units, floors, rooms per floor, household sizes. */
  buildings: { grid: number; units: number; floors: number; rooms: number; sizes: number[] }[];
}

function layoutOf(scale: StreetScale, index: number, random: () => number): Layout {
  const buildings: Layout['buildings'] = [];
  if (index === LOCKDOWN_INDEX) {
    const { households, boardGridBuildings } = scale.lockdown;
    const inBoardGrid = Math.min(boardGridBuildings, Math.floor(households / BOARD_BUILDING_HOUSEHOLDS));
    for (let b = 0; b < inBoardGrid; b++) buildings.push({ grid: 1, units: 3, floors: 25, rooms: 1, sizes: boardBuildingSizes(random) });
    let rest = households - inBoardGrid * BOARD_BUILDING_HOUSEHOLDS;
    while (rest > 0) {
      const n = Math.min(rest, SECOND_GRID_BUILDING_HOUSEHOLDS);
      buildings.push({
        grid: 2,
        units: 2,
        floors: Math.ceil(n / 2),
        rooms: 1,
        sizes: Array.from({ length: n }, () => householdSize(random)),
      });
      rest -= n;
    }
    return { buildings };
  }
  const perBuilding = Math.ceil(scale.householdsPerCommunity / scale.buildingsPerCommunity);
  let rest = scale.householdsPerCommunity;
  for (let b = 0; rest > 0; b++) {
    const n = Math.min(rest, perBuilding);
    const grid = Math.min(scale.gridsPerCommunity, Math.floor((b * scale.gridsPerCommunity) / scale.buildingsPerCommunity) + 1);
    buildings.push({ grid, units: 2, floors: Math.ceil(n / 4), rooms: 2, sizes: Array.from({ length: n }, () => householdSize(random)) });
    rest -= n;
  }
  return { buildings };
}

/** How many of the people isolated outside the lockdown live in community `index` (spread evenly, the first ones get one more). */
function isolatedIn(scale: StreetScale, index: number): number {
  if (index === LOCKDOWN_INDEX) return 0;
  const others = scale.communities - 1;
  const i = index - 1;
  return Math.floor(scale.isolatedElsewhere / others) + (i < scale.isolatedElsewhere % others ? 1 : 0);
}

/** One community, with everything the functions would have written by `now`. */
export function generateCommunity(scale: StreetScale, index: number, now: Date): CommunityData {
  const random = prng(scale.seed + index * 7919);
  const lockdown = index === LOCKDOWN_INDEX;
  const cid = communityId(index);
  const community: CommunityRecord = {
    _id: cid,
    name: lockdown ? '临江花园（临时封控）' : `示例街道第${index + 1}社区`,
    address: `示例街道${index + 1}号`,
    createdAt: now,
  };
  const layout = layoutOf(scale, index, random);

  // The spreadsheet the community office would import: one row per resident, grid named.
  const rows: SheetRow[] = [];
  let n = index * 100_000;
  const bound: { label: string; name: string; phone: string }[] = []; // the member who binds each household, in order
  layout.buildings.forEach((b, bi) => {
    let h = 0;
    for (let u = 1; u <= b.units; u++)
      for (let f = 1; f <= b.floors; f++)
        for (let r = 1; r <= b.rooms && h < b.sizes.length; r++, h++) {
          const room = `${f}${String(r).padStart(2, '0')}`;
          for (let k = 0; k < b.sizes[h]; k++) {
            const p = person(n++);
            const cells = {
              网格: `第${b.grid}网格`,
              楼栋: `${bi + 1}号楼`,
              单元: `${u}单元`,
              房号: room,
              姓名: p.name,
              手机号: p.phone,
              与户主关系: RELATIONS[k],
            };
            rows.push({ row: rows.length + 2, cells });
            if (k === 0) bound.push({ label: `${bi + 1}-${u}-${room}`, name: p.name, phone: p.phone });
          }
        }
  });
  const plan = planStructure(cid, rows);
  if (plan.problems.length) throw new Error(`street rows of ${cid} do not import: ${JSON.stringify(plan.problems.slice(0, 3))}`);
  const householdIndex = new Map(plan.households.map((h, i) => [h._id, i]));
  const gridNumber = new Map(plan.grids.map((g) => [g._id, Number(/\d+/.exec(g.name)![0])]));
  const buildingNumber = new Map(plan.buildings.map((b) => [b._id, Number(b.number)]));

  // Staff: the admin, a grid worker per grid, a 楼道长 per building.
  const appointment = (
    openid: string,
    role: Assignment['role'],
    who: { name: string; phone: string },
    scope: Partial<Assignment>,
  ): Assignment => ({
    _id: stableId('asg', openid, 'street', role),
    communityId: cid,
    communityName: community.name,
    role,
    name: who.name,
    phone: who.phone,
    status: 'active',
    openid,
    appointedBy: role === 'communityAdmin' ? 'street-office' : adminOpenid(index),
    appointedByName: role === 'communityAdmin' ? '街道办' : '社区管理员',
    createdAt: now,
    acceptedAt: now,
    updatedAt: now,
    scopeLabel: '',
    ...scope,
  });
  const staffPerson = (k: number) => person(9_000_000 + index * 1_000 + k);
  const assignments: Assignment[] = [
    appointment(adminOpenid(index), 'communityAdmin', staffPerson(0), { scopeLabel: community.name }),
    ...plan.grids.map((g) =>
      appointment(gridWorkerOpenid(index, gridNumber.get(g._id)!), 'gridWorker', staffPerson(gridNumber.get(g._id)!), {
        gridId: g._id,
        gridName: g.name,
        scopeLabel: g.name,
      }),
    ),
    ...plan.buildings.map((b) =>
      appointment(leaderOpenid(index, Number(b.number)), 'buildingLeader', staffPerson(100 + Number(b.number)), {
        gridId: b.gridId,
        buildingIds: [b._id],
        buildingNames: [b.name],
        scopeLabel: b.name,
      }),
    ),
  ];

  // Every household has one member who has bound their WeChat (a lockdown makes everyone use the app).
  const residents: Resident[] = plan.residents.map((r) => ({ ...r, communityId: cid, source: 'import', createdAt: now }));
  const firstMember = new Map<string, Resident>();
  for (const r of residents) if (!firstMember.has(r.householdId)) firstMember.set(r.householdId, r);
  const bindings: Binding[] = [];
  const users: UserRecord[] = assignments.map((a) => ({
    _id: a.openid!,
    name: a.name,
    grants: grantsFrom([a]),
    households: [],
    createdAt: now,
    updatedAt: now,
  }));
  plan.households.forEach((h, hi) => {
    const member = firstMember.get(h._id)!;
    const openid = residentOpenid(index, hi);
    member.openid = openid;
    member.source = 'binding';
    bindings.push({
      _id: stableId('bind', openid, 'street'),
      communityId: cid,
      gridId: h.gridId,
      buildingId: h.buildingId,
      householdId: h._id,
      label: h.label,
      communityName: community.name,
      openid,
      kind: 'member',
      name: member.name,
      relation: member.relation,
      phone: member.phone,
      status: 'confirmed',
      reviewedBy: leaderOpenid(index, buildingNumber.get(h.buildingId)!),
      reviewedAt: now,
      residentId: member._id,
      createdAt: now,
      updatedAt: now,
    });
    users.push({
      _id: openid,
      name: member.name,
      grants: [],
      households: [
        {
          householdId: h._id,
          communityId: cid,
          gridId: h.gridId,
          buildingId: h.buildingId,
          kind: 'member',
          label: h.label,
          communityName: community.name,
        },
      ],
      createdAt: now,
      updatedAt: now,
    });
  });

  // Who is isolated: everyone in the lockdown community; elsewhere a fixed draw of people.
  const today = shanghaiDay(now.getTime());
  let chosen: Resident[];
  if (lockdown) chosen = residents;
  else {
    const want = isolatedIn(scale, index);
    const picked = new Set<number>();
    while (picked.size < Math.min(want, residents.length)) picked.add(Math.floor(random() * residents.length));
    chosen = [...picked].sort((a, b) => a - b).map((i) => residents[i]);
  }
  const household = new Map(plan.households.map((h) => [h._id, h]));
  const careTeam = (r: Resident): CareTeamEntry[] => {
    const g = assignments.find((a) => a.role === 'gridWorker' && a.gridId === r.gridId)!;
    const l = assignments.find((a) => a.role === 'buildingLeader' && a.buildingIds![0] === r.buildingId)!;
    return [
      { role: '社区干部', name: g.name, phone: g.phone, openid: g.openid },
      { role: '社区医生', name: staffPerson(900).name, phone: staffPerson(900).phone },
      { role: '民警', name: staffPerson(901).name, phone: staffPerson(901).phone },
      { role: '楼道长', name: l.name, phone: l.phone, openid: l.openid },
    ];
  };
  const isolations = chosen.map((r, i): Isolation => {
    const h = household.get(r.householdId)!;
    const kind = lockdown || i % 10 !== 0 ? 'homeIsolation' : 'homeMonitoring';
    const days = lockdown ? 7 : kind === 'homeMonitoring' ? 7 : 14;
    // Spread over their period, every one still running today.
    const startDay: Day = addDays(today, lockdown ? -scale.lockdown.daysSoFar : -Math.floor(random() * days));
    const createdAt = new Date(atMinute(startDay, 9 * 60));
    const by = assignments.find((a) => a.role === 'gridWorker' && a.gridId === r.gridId)!;
    return {
      _id: stableId('iso', 'street', r._id),
      communityId: cid,
      gridId: r.gridId,
      buildingId: r.buildingId,
      householdId: r.householdId,
      residentId: r._id,
      name: r.name,
      buildingName: h.buildingName,
      label: h.label,
      unit: h.unit,
      floor: h.floor,
      room: h.room,
      kind,
      startDay,
      days,
      lastDay: lastDayOf(startDay, days),
      reason: lockdown ? 'other' : (['returnedFromElsewhere', 'closeContact', 'secondaryContact', 'inbound'] as const)[i % 4],
      ...(lockdown ? { reasonNote: '小区临时封控，全体居家' } : {}),
      careTeam: careTeam(r),
      status: 'active',
      events: [
        {
          kind: 'started',
          at: createdAt,
          by: `网格员 ${by.name}`,
          byOpenid: by.openid!,
          note: `${kind === 'homeMonitoring' ? '居家健康监测' : '居家隔离'} ${days} 天`,
        },
      ],
      requestKey: stableId('iso', 'street', r._id),
      createdBy: by.openid!,
      createdAt,
      updatedAt: createdAt,
    };
  });

  // Check-ins of every slot that has closed by `now` (but a few of today's); about one in 300 a fever nobody has dealt with yet.
  const checkIns: CheckIn[] = [];
  const tasks: Task[] = [];
  for (const iso of isolations) {
    const hi = householdIndex.get(iso.householdId)!;
    for (let day = iso.startDay; day <= today; day = addDays(day, 1)) {
      for (const slot of SLOTS) {
        const t = slotTimes(day, slot, DEFAULT_WINDOWS);
        if (t.closesAt > now.getTime()) continue;
        // About one in 50 missed today's closed slot: the grid board lists them from the slot run's to-do items.
        if (day === today && random() < 1 / 50) continue;
        const fever = random() < 1 / 300;
        const temperature = fever ? 37.6 + Math.floor(random() * 10) / 10 : 36 + Math.floor(random() * 12) / 10;
        const c = newCheckIn(
          iso,
          day,
          slot,
          {
            temperature: Math.round(temperature * 10) / 10,
            symptoms: fever ? ['fever'] : [],
            by: 'resident',
            byOpenid: residentOpenid(index, hi),
            byName: iso.name,
            late: false,
            requestKey: stableId('cireq', 'street', iso.residentId, day, slot),
            at: new Date(t.opensAt + (30 + Math.floor(random() * 180)) * 60_000),
          },
          null,
        );
        checkIns.push(c);
        if (fever)
          tasks.push(
            abnormalTask(
              c,
              iso.careTeam.flatMap((m) => (m.openid ? [m.openid] : [])),
            ),
          );
      }
    }
  }

  const facts = new Map<string, RiskFacts>(plan.households.map((h) => [h._id, { unreachable: false }]));
  for (const iso of isolations) {
    const f = facts.get(iso.householdId)!;
    f.isolation = f.isolation === 'homeIsolation' ? 'homeIsolation' : iso.kind;
  }
  for (const c of checkIns) if (c.alertOpen) facts.get(c.householdId)!.abnormal = true;
  const memberCount = new Map<string, number>();
  for (const r of residents) memberCount.set(r.householdId, (memberCount.get(r.householdId) ?? 0) + 1);
  const isolationOf = new Map(isolations.map((iso) => [iso.residentId, iso._id]));

  return {
    index,
    lockdown,
    communities: [community],
    grids: plan.grids.map((g) => ({ _id: g._id, communityId: cid, name: g.name, createdAt: now, updatedAt: now })),
    buildings: plan.buildings.map((b) => ({ ...b, communityId: cid, createdAt: now })),
    households: plan.households.map((h) => ({
      ...h,
      communityId: cid,
      reachable: true,
      riskColour: deriveRiskColour(facts.get(h._id)!),
      memberCount: memberCount.get(h._id) ?? 0,
      pendingBindings: 0,
      createdAt: now,
      updatedAt: now,
    })),
    residents: residents.map((r) => (isolationOf.has(r._id) ? { ...r, isolationId: isolationOf.get(r._id) } : r)),
    assignments,
    bindings,
    users,
    isolations,
    checkIns,
    tasks,
  };
}

/** The whole street, one community at a time (the lockdown community first). */
export function* streetCommunities(scale: StreetScale, now: Date): Generator<CommunityData> {
  for (let index = 0; index < scale.communities; index++) yield generateCommunity(scale, index, now);
}

/** Counts per collection, and the people under isolation inside and outside the lockdown. */
export interface StreetCounts {
  documents: Record<string, number>;
  communities: number;
  households: number;
  residents: number;
  isolatedElsewhere: number;
  lockdownHouseholds: number;
  lockdownIsolated: number;
}

export function emptyCounts(): StreetCounts {
  return { documents: {}, communities: 0, households: 0, residents: 0, isolatedElsewhere: 0, lockdownHouseholds: 0, lockdownIsolated: 0 };
}

export function addCounts(counts: StreetCounts, c: CommunityData): void {
  for (const [collection, key] of STREET_COLLECTIONS) counts.documents[collection] = (counts.documents[collection] ?? 0) + c[key].length;
  counts.communities++;
  counts.households += c.households.length;
  counts.residents += c.residents.length;
  if (c.lockdown) {
    counts.lockdownHouseholds += c.households.length;
    counts.lockdownIsolated += c.isolations.length;
  } else counts.isolatedElsewhere += c.isolations.length;
}
