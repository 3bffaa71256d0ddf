/**
 * A small community set up the way a real one is, through the community function: the office's spreadsheet
 * imported, a grid worker appointed by the admin, a 楼道长 and a volunteer appointed by the grid worker, residents
 * bound to their homes and confirmed by the 楼道长.
 */
import { openCommunity, requestId, type Scenario } from './scenario';

export interface Person {
  openid?: string;
  name: string;
  phone: string;
}

export interface TestCommunity {
  communityId: string;
  gridId: string;
  buildings: Record<string, string>; // 3号楼 → buildingId
  households: Record<string, string>; // 3-1-301 → householdId
  residents: Record<string, string>; // name → residentId
}

const STAFF = {
  grid: { openid: 'o-grid', name: '刘网格', phone: '13922220001' },
  leader: { openid: 'o-leader', name: '张楼长', phone: '13922220002' },
  volunteer: { openid: 'o-vol', name: '陈志愿', phone: '13922220003' },
} as const;
export const TEST_STAFF = STAFF;

async function ok<T>(p: Promise<{ ok: boolean; data?: T; code?: string; message?: string }>): Promise<T> {
  const res = await p;
  if (!res.ok) throw new Error(`expected ok, got ${res.code}: ${res.message}`);
  return res.data as T;
}

/**
 * Rows: [building number, unit, room, name, phone, relation]. `bind` lists who binds their own WeChat to their home:
 * [openid, label, name, relation, phone].
 */
export async function setUpCommunity(
  s: Scenario,
  c: { id: string; name: string },
  rows: [string, string, string, string, string, string][],
  bind: [string, string, string, string, string][],
): Promise<TestCommunity> {
  await openCommunity(s, c, 'o-admin');
  const csv = [
    '网格,楼栋,单元,房号,姓名,手机号,与户主关系',
    ...rows.map((r) => ['第一网格', `${r[0]}号楼`, `${r[1]}单元`, ...r.slice(2)].join(',')),
  ].join('\r\n');
  const fileID = (await s.sdk.uploadFile({ cloudPath: `imports/${c.id}.csv`, fileContent: Buffer.from(csv, 'utf8') })).fileID;
  const report = await ok<{ status: string }>(
    s.as('o-admin')('community', 'structure.import', { communityId: c.id, fileID }, requestId('imp')),
  );
  if (report.status !== 'done') throw new Error(`import: ${JSON.stringify(report)}`);
  const grids = await ok<{ gridId: string; buildings: { buildingId: string; name: string }[] }[]>(
    s.as('o-admin')('community', 'grid.list', { communityId: c.id }),
  );
  const gridId = grids[0].gridId;
  const buildings = Object.fromEntries(grids[0].buildings.map((b) => [b.name, b.buildingId]));

  const appoint = async (by: string, who: { openid: string; name: string; phone: string }, data: Record<string, unknown>) => {
    const a = await ok<{ inviteCode: string }>(
      s.as(by)('community', 'role.appoint', { communityId: c.id, name: who.name, phone: who.phone, ...data }, requestId('apt')),
    );
    await ok(s.as(who.openid)('community', 'role.accept', { inviteCode: a.inviteCode }));
  };
  await appoint('o-admin', STAFF.grid, { role: 'gridWorker', gridId });
  await appoint(STAFF.grid.openid, STAFF.leader, { role: 'buildingLeader', buildingIds: [buildings['3号楼']] });
  await appoint(STAFF.grid.openid, STAFF.volunteer, { role: 'volunteer', buildingIds: [buildings['3号楼']] });

  const households: Record<string, string> = {};
  for (const [name, id] of Object.entries(buildings)) {
    const units = await ok<{ unit: string; rooms: { householdId: string; room: string }[] }[]>(
      s.as('o-x')('community', 'directory.rooms', { buildingId: id }),
    );
    for (const u of units) for (const r of u.rooms) households[`${name.replace('号楼', '')}-${u.unit}-${r.room}`] = r.householdId;
  }
  for (const [openid, label, name, relation, phone] of bind) {
    const b = await ok<{ bindingId: string }>(
      s.as(openid)(
        'community',
        'binding.request',
        { householdId: households[label], name, relation, phone, kind: 'member' },
        requestId('bind'),
      ),
    );
    await ok(s.as('o-admin')('community', 'binding.review', { bindingId: b.bindingId, decision: 'confirm' }));
  }
  const residents: Record<string, string> = {};
  for (const id of Object.values(households)) {
    const h = await ok<{ members: { residentId: string; name: string }[] }>(
      s.as('o-admin')('community', 'household.get', { householdId: id }),
    );
    for (const m of h.members) residents[m.name] = m.residentId;
  }
  return { communityId: c.id, gridId, buildings, households, residents };
}
