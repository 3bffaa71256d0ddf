/**
 * The demo community `npm start` seeds, modelled on the field reports: 吉星新苑, 6 buildings × 2 units × 6 floors
 * × 2 rooms, one grid worker, a 楼道长 per building, a volunteer, an admin, residents with fake numbers, a few
 * households nobody answers at (蓝色「平安」贴), an elderly couple whose daughter acts for them from another city,
 * and a newcomer's binding request waiting for the 楼道长. Fourteen people of buildings 3 and 4 are under home
 * isolation (the elderly father under home monitoring), each with a 「五包一」 care team and their check-ins so far —
 * one of yesterday's was a fever nobody has dealt with yet, so that household is red and the staff have it to do.
 * Built with the same domain functions the import and the health function use, so the demo data has exactly the
 * shape real data has. Deterministic for a given `now`.
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
import type { Task } from '../../server/tasks/task';
import type { Notice } from '../../server/notice/notice';
import type { Receipt } from '../../server/receipt/receipt';
import { demoNotices } from './demoNotices';
import { demoHelp } from './demoHelp';
import type { HelpRequest } from '../../server/helpRequest/helpRequest';
import { addDays, atMinute, shanghaiDay } from '../../server/time/shanghai';
import { demoSupply, type SupplyDemo } from './demoSupply';

export const DEMO_COMMUNITY_ID = 'demo-jixing';

/** The identities a developer switches between in 我的 (local mode), with what each is for. */
export const DEMO_USERS = [
  { openid: 'demo-resident', name: '王秀英', role: '居民', what: '3-1-301 的住户：打卡、下单、求助、看通知' },
  { openid: 'demo-proxy', name: '李娜', role: '居民（子女代办）', what: '在外地，代父母管理 3-2-502' },
  { openid: 'demo-leader', name: '张建国', role: '楼道长', what: '3号楼：楼栋一览、确认绑定、标记未联系上' },
  { openid: 'demo-volunteer', name: '陈志强', role: '志愿者', what: '3号楼、4号楼：配送物资、处理求助' },
  { openid: 'demo-grid', name: '刘芳', role: '网格员', what: '第一网格（全部 6 栋）：任命楼道长、看网格' },
  { openid: 'demo-admin', name: '赵敏', role: '社区管理员', what: '吉星新苑：导入、任命网格员、管理网格' },
  { openid: 'demo-newcomer', name: '孙磊', role: '新住户', what: '刚申请绑定 3-1-602，等楼道长确认' },
] as const;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高';
const GIVEN = ['建华', '秀兰', '志强', '丽娟', '国庆', '桂英', '海燕', '明', '静', '伟', '芳', '军', '红梅', '玉兰', '子涵', '浩然', '欣怡', '宇轩'];

function person(i: number): { name: string; phone: string } {
  const name = SURNAMES[(i * 7) % SURNAMES.length] + GIVEN[(i * 5 + 3) % GIVEN.length];
  // Fake but well-formed: 139 0xxx xxxx, masked in lists as 139****xxxx.
  const phone = `1390${String(100_000_0 + ((i * 7919) % 9_000_000)).padStart(7, '0')}`;
  return { name, phone };
}

export interface DemoData extends Omit<SupplyDemo, 'tasks'> {
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
  notices: Notice[];
  noticeReceipts: Receipt[];
  helpRequests: HelpRequest[];
}

/** How many people of buildings 3 and 4 the demo has under isolation, and who in particular. */
export const DEMO_ISOLATED = 14;

interface HealthDemo {
  isolations: Isolation[];
  checkIns: CheckIn[];
  tasks: Task[];
}

/**
 * Isolations with care teams and the check-ins that were due before `now` — all made, so the boards show nobody
 * 「未打卡」 without the to-do item a real day would have left; one fever yesterday afternoon is still open.
 */
function healthDemo(now: Date, households: Household[], residents: Resident[], careTeams: Record<number, CareTeamEntry[]>): HealthDemo {
  const today = shanghaiDay(now.getTime());
  const home = households.find((h) => h.label === '3-1-301')!;
  const parents = households.find((h) => h.label === '3-2-502')!;
  const byLabel = (a: Household, b: Household) => a.label.localeCompare(b.label, 'en', { numeric: true });
  // The demo resident herself (back from another city), the elderly father (home monitoring), and one person from
  // every third other household of buildings 3 and 4.
  const chosen: Resident[] = [
    residents.find((r) => r.householdId === home._id && r.openid === 'demo-resident')!,
    residents.find((r) => r.householdId === parents._id && r.name === '李德明')!,
  ];
  const others = households.filter((h) => (h.label.startsWith('3-') || h.label.startsWith('4-')) && h !== home && h !== parents && h.memberCount > 0).sort(byLabel);
  for (let i = 0; chosen.length < DEMO_ISOLATED && i < others.length; i += 3) chosen.push(residents.find((r) => r.householdId === others[i]._id)!);

  const isolations = chosen.map((r, i): Isolation => {
    const h = households.find((x) => x._id === r.householdId)!;
    // Day 5 of 14 for the demo resident, as the issue shows it; the others spread over their fortnight.
    const startDay = addDays(today, -(i === 0 ? 4 : (i * 3) % 12));
    const days = i === 1 ? 7 : 14;
    const createdAt = new Date(atMinute(startDay, 9 * 60));
    return {
      _id: stableId('iso', 'seed', r._id),
      communityId: r.communityId,
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
      kind: i === 1 ? 'homeMonitoring' : 'homeIsolation',
      startDay,
      days,
      lastDay: lastDayOf(startDay, days),
      reason: i === 1 ? 'secondaryContact' : 'returnedFromElsewhere',
      careTeam: careTeams[h.label.startsWith('3-') ? 3 : 4],
      status: 'active',
      events: [{ kind: 'started', at: createdAt, by: '网格员 刘芳', byOpenid: 'demo-grid', note: `${i === 1 ? '居家健康监测' : '居家隔离'} ${days} 天` }],
      requestKey: stableId('iso', 'seed', r._id),
      createdBy: 'demo-grid',
      createdAt,
      updatedAt: createdAt,
    };
  });

  const checkIns: CheckIn[] = [];
  const tasks: Task[] = [];
  isolations.forEach((iso, i) => {
    for (let day = iso.startDay; day <= today; day = addDays(day, 1)) {
      for (const slot of SLOTS) {
        const t = slotTimes(day, slot, DEFAULT_WINDOWS);
        if (t.closesAt > now.getTime()) continue; // the open or coming slots are for the demo
        const fever = i === 2 && day === addDays(today, -1) && slot === 'pm';
        const at = new Date(t.opensAt + (60 + ((i * 17) % 120)) * 60_000);
        const temperature = fever ? 37.9 : 36.2 + ((i * 3 + day.charCodeAt(9) + (slot === 'pm' ? 2 : 0)) % 8) / 10;
        const c = newCheckIn(iso, day, slot, {
          temperature: Math.round(temperature * 10) / 10,
          symptoms: fever ? ['fever', 'cough'] : [],
          by: iso.kind === 'homeMonitoring' ? 'leader' : 'resident',
          ...(iso.kind === 'homeMonitoring' ? { byRole: 'buildingLeader' as const, method: 'door' as const } : {}),
          byOpenid: iso.kind === 'homeMonitoring' ? 'demo-leader' : `seed-${iso.householdId}`,
          byName: iso.kind === 'homeMonitoring' ? '楼道长 张建国' : iso.name,
          late: false,
          requestKey: stableId('cireq', 'seed', iso.residentId, day, slot),
          at,
        }, null);
        checkIns.push(c);
        if (fever) tasks.push(abnormalTask(c, iso.careTeam.flatMap((m) => (m.openid ? [m.openid] : []))));
      }
    }
  });
  return { isolations, checkIns, tasks };
}

export function demoCommunity(now: Date): DemoData {
  const community: CommunityRecord = { _id: DEMO_COMMUNITY_ID, name: '吉星新苑', address: '江苏省南京市示例街道吉星路 88 号', createdAt: now };
  // The spreadsheet the community office would import: one row per resident.
  const rows: SheetRow[] = [];
  let n = 0;
  for (let b = 1; b <= 6; b++)
    for (let u = 1; u <= 2; u++)
      for (let f = 1; f <= 6; f++)
        for (let r = 1; r <= 2; r++) {
          const room = `${f}0${r}`;
          const size = ((b + u + f + r) % 3) + 1; // 1–3 people a household
          if ((b * 31 + u * 7 + f * 3 + r) % 11 === 0) {
            rows.push({ row: rows.length + 2, cells: { 楼栋: `${b}号楼`, 单元: `${u}单元`, 房号: room } }); // empty flat
            continue;
          }
          for (let k = 0; k < size; k++) {
            const p = person(n++);
            rows.push({ row: rows.length + 2, cells: { 楼栋: `${b}号楼`, 单元: `${u}单元`, 房号: room, 姓名: p.name, 手机号: p.phone, 与户主关系: ['本人', '配偶', '子女'][k] } });
          }
        }
  const plan = planStructure(community._id, rows);
  if (plan.problems.length) throw new Error(`demo rows do not import: ${JSON.stringify(plan.problems.slice(0, 3))}`);
  const grid = plan.grids[0];
  const hid = (b: number, u: number, room: string) => stableId('h', community._id, String(b), String(u), room);
  const bid = (b: number) => stableId('b', community._id, String(b));
  const unreachable = new Set([hid(2, 1, '402'), hid(3, 2, '601'), hid(5, 2, '102')]);

  const residents: Resident[] = plan.residents.map((r) => ({ ...r, communityId: community._id, source: 'import', createdAt: now }));
  // The demo resident lives in 3-1-301 and has bound her own WeChat; the elderly couple in 3-2-502 have no smartphone.
  const home = hid(3, 1, '301');
  const parents = hid(3, 2, '502');
  const me: Resident = { _id: stableId('r', community._id, home, '王秀英'), communityId: community._id, gridId: grid._id, buildingId: bid(3), householdId: home, name: '王秀英', relation: '本人', phone: '13912345678', openid: 'demo-resident', source: 'binding', createdAt: now };
  const elderly: Resident[] = [
    { _id: stableId('r', community._id, parents, '李德明'), communityId: community._id, gridId: grid._id, buildingId: bid(3), householdId: parents, name: '李德明', relation: '本人', phone: '', source: 'family', createdAt: now },
    { _id: stableId('r', community._id, parents, '周桂兰'), communityId: community._id, gridId: grid._id, buildingId: bid(3), householdId: parents, name: '周桂兰', relation: '配偶', phone: '', source: 'family', createdAt: now },
  ];
  const allResidents = [...residents.filter((r) => r.householdId !== parents), me, ...elderly];

  const pendingNewcomer: Binding = {
    _id: stableId('bind', 'demo-newcomer', 'seed'),
    communityId: community._id,
    gridId: grid._id,
    buildingId: bid(3),
    householdId: hid(3, 1, '602'),
    label: '3-1-602',
    communityName: community.name,
    openid: 'demo-newcomer',
    kind: 'member',
    name: '孙磊',
    relation: '租户',
    phone: '13987654321',
    status: 'pending',
    createdAt: now,
    updatedAt: now,
  };
  const confirmed = (openid: string, householdId: string, label: string, kind: 'member' | 'proxy', name: string, relation: Binding['relation'], phone: string): Binding => ({
    ...pendingNewcomer,
    _id: stableId('bind', openid, 'seed'),
    householdId,
    label,
    openid,
    kind,
    name,
    relation,
    phone,
    status: 'confirmed',
    reviewedBy: 'demo-leader',
    reviewedAt: now,
  });
  const bindings = [pendingNewcomer, confirmed('demo-resident', home, '3-1-301', 'member', '王秀英', '本人', '13912345678'), confirmed('demo-proxy', parents, '3-2-502', 'proxy', '李娜', '子女', '13811112222')];

  const households: Household[] = plan.households.map((h) => {
    const isUnreachable = unreachable.has(h._id);
    return {
      ...h,
      communityId: community._id,
      reachable: !isUnreachable,
      ...(isUnreachable ? { reachabilityNote: '敲门无人应答，已贴蓝色「平安」贴' } : {}),
      riskColour: deriveRiskColour({ unreachable: isUnreachable }),
      memberCount: allResidents.filter((r) => r.householdId === h._id).length,
      pendingBindings: bindings.filter((b) => b.status === 'pending' && b.householdId === h._id).length,
      createdAt: now,
      updatedAt: now,
    };
  });

  const appointment = (openid: string, role: Assignment['role'], name: string, phone: string, scope: Partial<Assignment>): Assignment => ({
    _id: stableId('asg', openid, 'seed', role),
    communityId: community._id,
    communityName: community.name,
    role,
    name,
    phone,
    status: 'active',
    openid,
    appointedBy: role === 'communityAdmin' ? 'street-office' : 'demo-admin',
    appointedByName: role === 'communityAdmin' ? '街道办' : '社区管理员 赵敏',
    createdAt: now,
    acceptedAt: now,
    updatedAt: now,
    scopeLabel: '',
    ...scope,
  });
  const buildingScope = (numbers: number[]) => ({ gridId: grid._id, buildingIds: numbers.map(bid), buildingNames: numbers.map((b) => `${b}号楼`), scopeLabel: numbers.map((b) => `${b}号楼`).join('、') });
  const assignments: Assignment[] = [
    appointment('demo-admin', 'communityAdmin', '赵敏', '13900000001', { scopeLabel: community.name }),
    appointment('demo-grid', 'gridWorker', '刘芳', '13900000002', { gridId: grid._id, gridName: grid.name, scopeLabel: grid.name }),
    appointment('demo-leader', 'buildingLeader', '张建国', '13900000003', buildingScope([3])),
    appointment('demo-volunteer', 'volunteer', '陈志强', '13900000004', buildingScope([3, 4])),
    ...[1, 2, 4, 5, 6].map((b, i) => appointment(`demo-leader-${b}`, 'buildingLeader', person(900 + i).name, person(900 + i).phone, buildingScope([b]))),
  ];
  const link = (householdId: string, label: string, kind: 'member' | 'proxy') => ({ householdId, communityId: community._id, gridId: grid._id, buildingId: bid(3), kind, label, communityName: community.name });
  const users: UserRecord[] = [
    ...assignments.map((a) => ({ _id: a.openid!, name: a.name, grants: grantsFrom([a]), households: [], createdAt: now, updatedAt: now })),
    { _id: 'demo-resident', name: '王秀英', grants: [], households: [link(home, '3-1-301', 'member')], createdAt: now, updatedAt: now },
    { _id: 'demo-proxy', name: '李娜', grants: [], households: [link(parents, '3-2-502', 'proxy')], createdAt: now, updatedAt: now },
  ];
  // 「五包一」: the grid worker as community cadre, the community doctor, the police officer, the 楼道长, the volunteer.
  const staff = (openid: string) => assignments.find((a) => a.openid === openid)!;
  const member = (role: CareTeamEntry['role'], a: Pick<Assignment, 'name' | 'phone' | 'openid'>): CareTeamEntry => ({ role, name: a.name, phone: a.phone, ...(a.openid ? { openid: a.openid } : {}) });
  const outside = [member('社区医生', { name: '孙医生', phone: '13900000011' }), member('民警', { name: '马警官', phone: '13900000012' })];
  const careTeams: Record<number, CareTeamEntry[]> = Object.fromEntries(
    [3, 4].map((b) => [b, [member('社区干部', staff('demo-grid')), ...outside, member('楼道长', staff(b === 3 ? 'demo-leader' : 'demo-leader-4')), member('志愿者', staff('demo-volunteer'))]]),
  );
  const health = healthDemo(now, households, allResidents, careTeams);
  // The colours follow the facts, as refreshRiskColours would have left them.
  const facts = new Map<string, RiskFacts>(households.map((h) => [h._id, { unreachable: !h.reachable }]));
  for (const iso of health.isolations) {
    const f = facts.get(iso.householdId)!;
    f.isolation = f.isolation === 'homeIsolation' ? 'homeIsolation' : iso.kind;
  }
  for (const c of health.checkIns) if (c.alertOpen) facts.get(c.householdId)!.abnormal = true;
  const isolatedResident = new Map(health.isolations.map((iso) => [iso.residentId, iso._id]));
  const notices = demoNotices(
    now,
    { _id: grid._id, communityId: community._id, name: grid.name, createdAt: now, updatedAt: now },
    plan.buildings.map((b) => ({ ...b, communityId: community._id, createdAt: now })),
    households,
  );
  const help = demoHelp(now, households, allResidents);
  const supply = demoSupply(now, community._id, households);
  return {
    communities: [community],
    grids: [{ _id: grid._id, communityId: community._id, name: grid.name, createdAt: now, updatedAt: now }],
    buildings: plan.buildings.map((b) => ({ ...b, communityId: community._id, createdAt: now })),
    households: households.map((h) => ({ ...h, riskColour: deriveRiskColour(facts.get(h._id)!) })),
    residents: allResidents.map((r) => (isolatedResident.has(r._id) ? { ...r, isolationId: isolatedResident.get(r._id) } : r)),
    assignments,
    bindings,
    users,
    ...health,
    tasks: [...health.tasks, ...notices.tasks, ...help.tasks, ...supply.tasks],
    notices: notices.notices,
    noticeReceipts: notices.receipts,
    helpRequests: help.helpRequests,
    catalogItems: supply.catalogItems,
    batches: supply.batches,
    orders: supply.orders,
  };
}
