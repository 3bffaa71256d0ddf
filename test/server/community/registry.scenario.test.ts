/**
 * Issue 4's scenario through the function host: the admin imports the office's spreadsheet, appoints a grid
 * worker who appoints a 楼道长, a resident asks to bind, the 楼道长 confirms — and a resident of another building
 * is refused that building's list.
 */
import ExcelJS from 'exceljs';
import { openCommunity, requestId, startScenario, type Scenario } from '../helpers/scenario';

let s: Scenario;
const C = { id: 'c-test', name: '测试社区' };

beforeAll(async () => {
  s = await startScenario();
  await openCommunity(s, C, 'o-admin');
}, 60_000);
afterAll(() => s?.close());

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('住户');
  rows.forEach((r) => sheet.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(name: string, bytes: Buffer): Promise<string> {
  return (await s.sdk.uploadFile({ cloudPath: `imports/${Date.now()}-${name}`, fileContent: bytes })).fileID;
}

const HEADER = ['网格', '楼栋', '单元', '房号', '姓名', '手机号', '与户主关系'];
const GOOD = [
  HEADER,
  ['东区网格', '3号楼', '1单元', '301', '陈大文', '13911112222', '本人'],
  ['东区网格', '3号楼', '1单元', '301', '林小美', '13911113333', '配偶'],
  ['东区网格', '3号楼', '1单元', '302', '', '', ''],
  ['东区网格', '3号楼', '2单元', '601', '黄老伯', '', '本人'],
  ['西区网格', '4号楼', '1单元', '101', '吴小姐', '13911114444', '本人'],
];

describe('registry scenario', () => {
  const admin = () => s.as('o-admin');
  let importId: string;
  let building3 = '';
  let building4 = '';
  let grid = '';

  it('refuses a file with broken rows, naming each row, and writes nothing', async () => {
    const fileID = await upload(
      'bad.xlsx',
      await xlsx([
        HEADER,
        ['东区网格', '3号楼', '1单元', '301', '陈大文', '1391111', '本人'],
        ['东区网格', '三号楼', '1单元', '302'],
        ['东区网格', '3号楼', '1单元', '303'],
      ]),
    );
    const res = await admin()('community', 'structure.import', { communityId: C.id, fileID }, requestId('bad'));
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.data.status).toBe('failed');
    expect(res.data.problems).toEqual([
      { row: 2, message: expect.stringContaining('不是有效的大陆手机号') },
      { row: 3, message: expect.stringContaining('楼栋「三号楼」应写成数字') },
    ]);
    const dir = await s.as('o-anyone')('community', 'directory.buildings', { communityId: C.id });
    expect(dir).toEqual({ ok: true, data: [] });
  });

  it('imports a real .xlsx: grids, buildings, households and residents', async () => {
    const fileID = await upload('住户.xlsx', await xlsx(GOOD));
    const res = await admin()('community', 'structure.import', { communityId: C.id, fileID }, requestId('good'));
    expect(res).toMatchObject({
      ok: true,
      data: { status: 'done', problems: [], created: { grids: 2, buildings: 2, households: 4, residents: 4 }, unchanged: 0 },
    });
    if (res.ok) importId = res.data.importId;
    const status = await admin()('community', 'structure.importStatus', { importId });
    expect(status).toMatchObject({ ok: true, data: { status: 'done', processed: 12, total: 12 } });
    const dir = await s.as('o-anyone')('community', 'directory.buildings', { communityId: C.id });
    expect(dir.ok && dir.data.map((b: { name: string }) => b.name)).toEqual(['3号楼', '4号楼']);
    if (dir.ok) [building3, building4] = dir.data.map((b: { buildingId: string }) => b.buildingId);
  });

  it('changes nothing when the same file is imported again', async () => {
    const fileID = await upload('again.xlsx', await xlsx(GOOD));
    const res = await admin()('community', 'structure.import', { communityId: C.id, fileID }, requestId('again'));
    expect(res).toMatchObject({
      ok: true,
      data: { status: 'done', created: { grids: 0, buildings: 0, households: 0, residents: 0 }, unchanged: 12 },
    });
  });

  it('the admin appoints a grid worker, who accepts with the invitation code', async () => {
    const grids = await admin()('community', 'grid.list', { communityId: C.id });
    expect(grids.ok).toBe(true);
    if (!grids.ok) return;
    grid = grids.data.find((g: { name: string }) => g.name === '东区网格').gridId;
    const appointed = await admin()(
      'community',
      'role.appoint',
      { communityId: C.id, role: 'gridWorker', name: '刘网格', phone: '13922223333', gridId: grid },
      requestId('grid'),
    );
    expect(appointed).toMatchObject({
      ok: true,
      data: { status: 'invited', scope: '东区网格', inviteCode: expect.stringMatching(/^[A-Z2-9]{8}$/) },
    });
    if (!appointed.ok) return;
    const accepted = await s.as('o-grid')('community', 'role.accept', { inviteCode: appointed.data.inviteCode.toLowerCase() });
    expect(accepted).toMatchObject({ ok: true, data: { role: 'gridWorker', gridId: grid, gridName: '东区网格' } });
    const again = await s.as('o-other')('community', 'role.accept', { inviteCode: appointed.data.inviteCode });
    expect(again).toMatchObject({ ok: false, code: 'ROLE.INVITE_NOT_FOUND' });
  });

  it('the grid worker appoints a 楼道长 for building 3 but not for a building of another grid', async () => {
    const gw = s.as('o-grid');
    const outside = await gw(
      'community',
      'role.appoint',
      { communityId: C.id, role: 'buildingLeader', name: '吴楼长', phone: '13933334444', buildingIds: [building4] },
      requestId('out'),
    );
    expect(outside).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    const appointed = await gw(
      'community',
      'role.appoint',
      { communityId: C.id, role: 'buildingLeader', name: '张楼长', phone: '13933335555', buildingIds: [building3] },
      requestId('in'),
    );
    expect(appointed.ok).toBe(true);
    if (!appointed.ok) return;
    const accepted = await s.as('o-leader')('community', 'role.accept', { inviteCode: appointed.data.inviteCode });
    expect(accepted).toMatchObject({ ok: true, data: { role: 'buildingLeader', buildings: [{ buildingId: building3, name: '3号楼' }] } });
  });

  it('a resident binds to 3-1-301; the 楼道长 sees the request and confirms it', async () => {
    const rooms = await s.as('o-resident')('community', 'directory.rooms', { buildingId: building3 });
    expect(rooms.ok).toBe(true);
    if (!rooms.ok) return;
    const room301 = rooms.data.find((u: { unit: string }) => u.unit === '1').rooms.find((r: { room: string }) => r.room === '301');
    const req = requestId('bind');
    const asked = await s.as('o-resident')(
      'community',
      'binding.request',
      { householdId: room301.householdId, name: '陈大文', relation: '本人', phone: '139 1111 2222', kind: 'member' },
      req,
    );
    expect(asked).toMatchObject({ ok: true, data: { status: 'pending', label: '3-1-301' } });
    // A double tap with the same request id: one request.
    const tapped = await s.as('o-resident')(
      'community',
      'binding.request',
      { householdId: room301.householdId, name: '陈大文', relation: '本人', phone: '13911112222', kind: 'member' },
      req,
    );
    expect(tapped.ok && asked.ok && tapped.data.bindingId).toBe(asked.ok && asked.data.bindingId);
    // A second request of its own: refused.
    const second = await s.as('o-resident')(
      'community',
      'binding.request',
      { householdId: room301.householdId, name: '陈大文', relation: '本人', phone: '13911112222', kind: 'member' },
      requestId('bind2'),
    );
    expect(second).toMatchObject({ ok: false, code: 'BINDING.DUPLICATE' });

    const pending = await s.as('o-leader')('community', 'binding.pending', { buildingId: building3 });
    expect(pending).toMatchObject({ ok: true, data: [{ label: '3-1-301', name: '陈大文', phone: '13911112222' }] });
    const board = await s.as('o-leader')('community', 'building.board', { buildingId: building3 });
    expect(board).toMatchObject({ ok: true, data: { counts: { households: 3, pendingBindings: 1 } } });

    const confirmed = await s.as('o-leader')('community', 'binding.review', {
      bindingId: asked.ok && asked.data.bindingId,
      decision: 'confirm',
    });
    expect(confirmed).toMatchObject({ ok: true, data: { status: 'confirmed' } });
    const me = await s.as('o-resident')('community', 'me.get', {});
    expect(me).toMatchObject({ ok: true, data: { roles: ['resident'], households: [{ label: '3-1-301', kind: 'member' }] } });
    // The imported 陈大文 is the same person: no second member, and now with WeChat.
    const household = await s.as('o-resident')('community', 'household.get', { householdId: room301.householdId });
    expect(household).toMatchObject({
      ok: true,
      data: {
        members: [
          { name: '陈大文', hasWeChat: true, phone: '13911112222', phoneMasked: false },
          { name: '林小美', phone: '139****3333', phoneMasked: true },
        ],
      },
    });
    const history = household.ok ? household.data.history : [];
    expect(history[0]).toMatchObject({ kind: 'bindingConfirmed', by: '楼道长 张楼长' });
  });

  it('a resident of another building is refused that building’s list and board', async () => {
    const rooms = await s.as('o-b4')('community', 'directory.rooms', { buildingId: building4 });
    const room = rooms.ok ? rooms.data[0].rooms[0] : undefined;
    const asked = await s.as('o-b4')(
      'community',
      'binding.request',
      { householdId: room.householdId, name: '吴小姐', relation: '本人', phone: '13911114444', kind: 'member' },
      requestId('b4'),
    );
    expect(asked.ok).toBe(true);
    expect(await s.as('o-b4')('community', 'binding.pending', { buildingId: building3 })).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    expect(await s.as('o-b4')('community', 'building.board', { buildingId: building3 })).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    // and the 楼道长 of building 3 cannot answer building 4's request
    expect(
      await s.as('o-leader')('community', 'binding.review', { bindingId: asked.ok && asked.data.bindingId, decision: 'confirm' }),
    ).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
  });

  it('revoking the 楼道长 takes effect on the next call', async () => {
    const list = await s.as('o-grid')('community', 'role.list', { communityId: C.id, gridId: grid });
    const leader = list.ok && list.data.find((a: { name: string }) => a.name === '张楼长');
    expect(await s.as('o-leader')('community', 'building.board', { buildingId: building3 })).toMatchObject({ ok: true });
    expect(await s.as('o-grid')('community', 'role.revoke', { assignmentId: leader.assignmentId })).toMatchObject({
      ok: true,
      data: { status: 'revoked' },
    });
    expect(await s.as('o-leader')('community', 'building.board', { buildingId: building3 })).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
  });
});

describe('bad input: a clear Chinese message, and nothing written', () => {
  const writes = () => s.dbWrites();
  let household = '';
  beforeAll(async () => {
    const dir = await s.as('o-x')('community', 'directory.buildings', { communityId: C.id });
    const b3 = dir.ok ? dir.data[0].buildingId : '';
    const rooms = await s.as('o-x')('community', 'directory.rooms', { buildingId: b3 });
    household = rooms.ok ? rooms.data[0].rooms[1].householdId : '';
  });

  const bind = (data: Record<string, unknown>) =>
    s.as('o-newbie')(
      'community',
      'binding.request',
      { householdId: household, name: '新住户', relation: '租户', phone: '13955556666', kind: 'member', ...data },
      requestId('bad'),
    );

  it.each([
    ['an unknown room', { householdId: 'h_doesnotexist' }, 'HOUSEHOLD.NOT_FOUND', /找不到这户/],
    ['a malformed room id', { householdId: 'x; drop' }, 'INPUT.INVALID', /房屋无效/],
    ['a number that is not a mainland mobile', { phone: '02588886666' }, 'INPUT.INVALID', /11 位大陆手机号/],
    ['an empty name', { name: '  ' }, 'INPUT.INVALID', /请填写姓名/],
    ['a 200-character name', { name: '名'.repeat(200) }, 'INPUT.INVALID', /姓名最多 20 个字/],
    ['an unknown relation', { relation: '朋友' }, 'INPUT.INVALID', /与户主关系不在可选范围内/],
    ['another user’s openid in the payload', { openid: 'o-resident' }, 'INPUT.INVALID', /不支持的字段「openid」/],
  ])('refuses %s', async (_what, data, code, message) => {
    const before = writes();
    const res = await bind(data);
    expect(res).toMatchObject({ ok: false, code, message: expect.stringMatching(message) });
    expect(writes()).toBe(before);
  });

  it('refuses a binding without a request id, and a reject without a reason', async () => {
    const before = writes();
    expect(
      await s.as('o-newbie')('community', 'binding.request', {
        householdId: household,
        name: '新住户',
        relation: '租户',
        phone: '13955556666',
        kind: 'member',
      }),
    ).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
    expect(await s.as('o-admin')('community', 'binding.review', { bindingId: 'bind_x', decision: 'reject' })).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      message: expect.stringMatching(/驳回时请写明原因/),
    });
    expect(writes()).toBe(before);
  });

  it('refuses an appointment outside the appointer’s reach and a made-up role', async () => {
    const before = writes();
    expect(
      await s.as('o-resident')(
        'community',
        'role.appoint',
        { communityId: C.id, role: 'gridWorker', name: '某人', phone: '13900001111', gridId: 'g_x' },
        requestId('r'),
      ),
    ).toMatchObject({ ok: false });
    expect(
      await s.as('o-admin')(
        'community',
        'role.appoint',
        { communityId: C.id, role: 'mayor', name: '某人', phone: '13900001111' },
        requestId('r'),
      ),
    ).toMatchObject({ ok: false, code: 'INPUT.INVALID', message: '角色不在可选范围内' });
    expect(writes()).toBe(before);
  });
});

describe('a large import (3,000 households)', () => {
  it('reports progress while it runs, and finishes with every household', async () => {
    const lines = ['楼栋,单元,房号,姓名,手机号'];
    for (let b = 10; b < 40; b++)
      for (let u = 1; u <= 2; u++)
        for (let f = 1; f <= 25; f++)
          for (let r = 1; r <= 2; r++)
            lines.push(`${b},${u},${f}0${r},住户${b}${u}${f}${r},139${String(b * 10000 + u * 1000 + f * 10 + r).padStart(8, '0')}`);
    expect(lines.length - 1).toBe(3000);
    const fileID = (await s.sdk.uploadFile({ cloudPath: 'imports/large.csv', fileContent: Buffer.from(lines.join('\r\n'), 'utf8') }))
      .fileID;
    const req = requestId('large');
    const running = s.as('o-admin')('community', 'structure.import', { communityId: C.id, fileID }, req);
    const seen: { processed: number; total: number; status: string }[] = [];
    const { stableIdForTest } = await import('../helpers/ids');
    const importId = stableIdForTest('imp', 'o-admin', req);
    let done = false;
    void running.then(() => (done = true));
    while (!done) {
      const st = await s.as('o-admin')('community', 'structure.importStatus', { importId });
      if (st.ok) seen.push(st.data);
      await new Promise((r) => setTimeout(r, 50));
    }
    const result = await running;
    expect(result).toMatchObject({ ok: true, data: { status: 'done', created: { households: 3000, residents: 3000, buildings: 30 } } });
    expect(seen.some((p) => p.status === 'reading' && p.total > 0 && p.processed > 0 && p.processed < p.total)).toBe(true);
  }, 120_000);
});
