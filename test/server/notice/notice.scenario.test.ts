/**
 * Issue 7's notices through the function host on the emulator's clock: the grid worker publishes to "3-5" asking for
 * 确认收到; residents open and acknowledge; the author sees read counts per building and the 楼道长 of 4号楼 sees
 * 「还有 2 户未确认」 with the households and their phones, confirms one after a phone call, and their to-do item closes
 * when the building is done. Then every bad input, each refused with nothing written, and the request counts that do
 * not grow with the size of the scope.
 */
import { templateId } from '../../../server/notifications/templates';
import { setUpCommunity, TEST_STAFF, type TestCommunity } from '../helpers/community';
import { requestId, startScenario, type Scenario } from '../helpers/scenario';

let s: Scenario;
let c: TestCommunity;
const C = { id: 'c-notice', name: '通知社区' };
const LEADER4 = { openid: 'o-leader4', name: '钱楼长', phone: '13922220004' };
const W3 = { openid: 'o-w3', name: '王三', phone: '13911110031' };
const Z4 = { openid: 'o-z4', name: '赵四', phone: '13911110041' };
const Z5 = { openid: 'o-z5', name: '周五', phone: '13911110051' };
const W6 = { openid: 'o-w6', name: '吴六', phone: '13911110061' };
const grid = () => s.as(TEST_STAFF.grid.openid);

beforeAll(async () => {
  s = await startScenario({ startAt: '2026-11-22T09:00:00+08:00' });
  c = await setUpCommunity(
    s,
    C,
    [
      ['3', '1', '301', W3.name, W3.phone, '本人'],
      ['3', '1', '302', '李三', '13911110032', '本人'],
      ['4', '1', '101', Z4.name, Z4.phone, '本人'],
      ['4', '1', '102', '钱四', '13911110042', '本人'],
      ['4', '2', '201', '孙四', '13911110043', '本人'],
      ['4', '2', '201', '孙小四', '', '子女'],
      ['5', '1', '101', Z5.name, Z5.phone, '本人'],
      ['6', '1', '101', W6.name, W6.phone, '本人'],
    ],
    [
      [W3.openid, '3-1-301', W3.name, '本人', W3.phone],
      [Z4.openid, '4-1-101', Z4.name, '本人', Z4.phone],
      [Z5.openid, '5-1-101', Z5.name, '本人', Z5.phone],
      [W6.openid, '6-1-101', W6.name, '本人', W6.phone],
    ],
  );
  const a = await grid()(
    'community',
    'role.appoint',
    { communityId: C.id, name: LEADER4.name, phone: LEADER4.phone, role: 'buildingLeader', buildingIds: [c.buildings['4号楼']] },
    requestId('apt'),
  );
  expect(a.ok).toBe(true);
  expect(await s.as(LEADER4.openid)('community', 'role.accept', { inviteCode: a.ok ? a.data.inviteCode : '' })).toMatchObject({ ok: true });
  // 赵四 allowed the notice message in the app and on the phone; 王三 did not.
  const id = templateId('noticePublished');
  expect(await s.as(Z4.openid)('health', 'subscription.record', { templateIds: [id], accepted: [id] }, requestId('sub'))).toMatchObject({
    ok: true,
  });
  s.cloud.openapi.recordConsent({ openid: Z4.openid, templateId: id, accept: true });
}, 120_000);
afterAll(() => s?.close());

const writes = () => s.dbWrites();
const stored = async (collection: string) => (await s.sdk.database().collection(collection).count()).total as number;

const NOTICE = {
  title: '3-5号楼明日核酸检测',
  body: '明天（11月23日）上午 8:00–11:00 在各楼楼下做核酸，请带好身份证，按单元排队，保持两米间距。',
  category: '核酸',
};
const publish = (openid: string, data: Record<string, unknown>, req = requestId('pub')) =>
  s.as(openid)('notice', 'notice.publish', { communityId: C.id, ...NOTICE, ...data }, req);

describe('a notice to "3-5" asking for 确认收到', () => {
  let noticeId = '';

  it('the grid worker previews the scope and publishes; a double tap publishes once; 赵四 gets the message', async () => {
    expect(await grid()('notice', 'notice.previewScope', { communityId: C.id, scope: { kind: 'buildings', buildings: '3-5' } })).toEqual({
      ok: true,
      data: {
        scope: { kind: 'buildings', label: '3–5号楼' },
        buildings: [
          { buildingId: c.buildings['3号楼'], name: '3号楼' },
          { buildingId: c.buildings['4号楼'], name: '4号楼' },
          { buildingId: c.buildings['5号楼'], name: '5号楼' },
        ],
        households: 6,
      },
    });
    const req = requestId('pub');
    const res = await publish(
      TEST_STAFF.grid.openid,
      { scope: { kind: 'buildings', buildings: '3-5' }, requiresAck: true, pinned: true },
      req,
    );
    expect(res).toMatchObject({
      ok: true,
      data: {
        title: NOTICE.title,
        category: '核酸',
        pinned: true,
        requiresAck: true,
        author: `网格员 ${TEST_STAFF.grid.name}`,
        scope: { kind: 'buildings', label: '3–5号楼' },
        households: 6,
        read: 0,
        acknowledged: 0,
        expired: false,
      },
    });
    noticeId = res.ok ? res.data.noticeId : '';
    const before = writes();
    expect(
      await publish(TEST_STAFF.grid.openid, { scope: { kind: 'buildings', buildings: '3-5' }, requiresAck: true, pinned: true }, req),
    ).toMatchObject({
      ok: true,
      data: { noticeId },
    });
    expect(writes()).toBe(before);
    expect(await stored('notices')).toBe(1);
    // The message goes out from the noticePush timer within the minute; once, whatever the double tap did.
    await s.setClock('2026-11-22T09:03:00+08:00');
    expect(s.cloud.openapi.listOutbox({ touser: Z4.openid, templateId: templateId('noticePublished') })).toMatchObject([
      { page: 'pages/notices/index', data: { thing1: { value: NOTICE.title }, thing4: { value: '请打开查看并点「确认收到」' } } },
    ]);
    expect(s.cloud.openapi.listOutbox({ touser: W3.openid })).toEqual([]);
    // Nothing is written per household at publishing: receipts appear when households read.
    expect(await stored('noticeReceipts')).toBe(0);
  });

  it('residents of 3, 4 and 5 see it unread (badge 1), 6号楼 does not see it', async () => {
    for (const who of [W3, Z4, Z5]) {
      expect(await s.as(who.openid)('notice', 'notice.listMine', {})).toMatchObject({
        ok: true,
        data: { items: [{ noticeId, read: false, acknowledged: false, pinned: true, requiresAck: true }], nextCursor: null },
      });
      expect(await s.as(who.openid)('notice', 'notice.unreadCount', {})).toEqual({ ok: true, data: { count: 1, more: false } });
    }
    expect(await s.as(W6.openid)('notice', 'notice.listMine', {})).toEqual({ ok: true, data: { items: [], nextCursor: null } });
    expect(await s.as(W6.openid)('notice', 'notice.open', { noticeId })).toMatchObject({ ok: false, code: 'NOTICE.NOT_FOUND' });
  });

  it('opening marks the household read once; 赵四 acknowledges; 王三 only reads', async () => {
    expect(await s.as(Z4.openid)('notice', 'notice.open', { noticeId })).toMatchObject({
      ok: true,
      data: { noticeId, body: NOTICE.body, read: true, acknowledged: false, scope: { label: '3–5号楼' } },
    });
    const before = await stored('noticeReceipts');
    expect(await s.as(Z4.openid)('notice', 'notice.open', { noticeId })).toMatchObject({ ok: true, data: { read: true } });
    expect(await stored('noticeReceipts')).toBe(before);
    expect(await s.as(Z4.openid)('notice', 'notice.acknowledge', { noticeId })).toMatchObject({
      ok: true,
      data: { read: true, acknowledged: true, acknowledgedAt: expect.any(String) },
    });
    const w = writes();
    expect(await s.as(Z4.openid)('notice', 'notice.acknowledge', { noticeId })).toMatchObject({ ok: true, data: { acknowledged: true } });
    expect(writes()).toBe(w);
    expect(await s.as(W3.openid)('notice', 'notice.open', { noticeId })).toMatchObject({
      ok: true,
      data: { read: true, acknowledged: false },
    });
    expect(await s.as(W3.openid)('notice', 'notice.unreadCount', {})).toEqual({ ok: true, data: { count: 0, more: false } });
    expect(await s.as(Z4.openid)('notice', 'notice.listMine', {})).toMatchObject({
      ok: true,
      data: { items: [{ read: true, acknowledged: true }] },
    });
  });

  it('the author sees read and acknowledged per building', async () => {
    const res = await grid()('notice', 'notice.receipts', { noticeId });
    expect(res).toMatchObject({
      ok: true,
      data: {
        notice: { noticeId, households: 6, read: 2, acknowledged: 1, body: NOTICE.body },
        buildings: [
          { buildingName: '3号楼', households: 2, read: 1, acknowledged: 0, outstanding: 2 },
          { buildingName: '4号楼', households: 3, read: 1, acknowledged: 1, outstanding: 2 },
          { buildingName: '5号楼', households: 1, read: 0, acknowledged: 0, outstanding: 1 },
        ],
        totals: { households: 6, read: 2, acknowledged: 1, outstanding: 5 },
      },
    });
    expect(await grid()('notice', 'notice.listManaged', {})).toMatchObject({
      ok: true,
      data: { items: [{ noticeId, households: 6, read: 2, acknowledged: 1 }], nextCursor: null },
    });
  });

  it('the 楼道长 of 4号楼 sees only 4号楼, 「还有 2 户未确认」 with the households and phones, and a to-do item', async () => {
    const leader4 = s.as(LEADER4.openid);
    expect(await leader4('notice', 'notice.receipts', { noticeId })).toMatchObject({
      ok: true,
      data: { buildings: [{ buildingName: '4号楼', households: 3, outstanding: 2 }], totals: { households: 3, read: 1, acknowledged: 1 } },
    });
    expect(await leader4('notice', 'notice.listManaged', {})).toMatchObject({
      ok: true,
      data: { items: [{ noticeId, households: 3, read: 1 }] },
    });
    expect(await leader4('notice', 'notice.outstanding', { noticeId, buildingId: c.buildings['4号楼'] })).toEqual({
      ok: true,
      data: {
        noticeId,
        buildingId: c.buildings['4号楼'],
        buildingName: '4号楼',
        summary: '还有 2 户未确认',
        households: [
          {
            householdId: c.households['4-1-102'],
            label: '4-1-102',
            read: false,
            phones: [{ name: '钱四', relation: '本人', phone: '13911110042' }],
          },
          {
            householdId: c.households['4-2-201'],
            label: '4-2-201',
            read: false,
            phones: [{ name: '孙四', relation: '本人', phone: '13911110043' }],
          },
        ],
      },
    });
    // Someone else's building: refused.
    expect(await leader4('notice', 'notice.outstanding', { noticeId, buildingId: c.buildings['3号楼'] })).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    const tasks = await leader4('health', 'tasks.listMine', {});
    expect(tasks).toMatchObject({
      ok: true,
      data: {
        items: [{ kind: 'notice.unread', title: `通知待确认：${NOTICE.title}`, buildingId: c.buildings['4号楼'], subject: { noticeId } }],
      },
    });
    // The 3号楼 楼道长 has 3号楼's item, not 4号楼's.
    const leader3 = await s.as(TEST_STAFF.leader.openid)('health', 'tasks.listMine', {});
    expect(
      leader3.ok &&
        leader3.data.items.filter((t: { kind: string }) => t.kind === 'notice.unread').map((t: { buildingId: string }) => t.buildingId),
    ).toEqual([c.buildings['3号楼']]);
  });

  it('after phoning the last two households the 楼道长 confirms for them; 4号楼 is done and its to-do item closes by itself', async () => {
    const leader4 = s.as(LEADER4.openid);
    expect(await leader4('notice', 'notice.confirmFor', { noticeId, householdId: c.households['4-1-102'], method: 'phone' })).toMatchObject(
      {
        ok: true,
        data: { summary: '还有 1 户未确认', households: [{ label: '4-2-201' }] },
      },
    );
    // Not in this notice's reach / not their building: refused, nothing written.
    const w = writes();
    expect(await leader4('notice', 'notice.confirmFor', { noticeId, householdId: c.households['6-1-101'], method: 'door' })).toMatchObject({
      ok: false,
    });
    expect(await leader4('notice', 'notice.confirmFor', { noticeId, householdId: c.households['3-1-302'], method: 'door' })).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    expect(writes()).toBe(w);
    expect(await leader4('notice', 'notice.confirmFor', { noticeId, householdId: c.households['4-2-201'], method: 'door' })).toMatchObject({
      ok: true,
      data: { summary: '全部已确认', households: [] },
    });
    const tasks = await leader4('health', 'tasks.listMine', {});
    expect(tasks.ok && tasks.data.items.filter((t: { kind: string }) => t.kind === 'notice.unread')).toEqual([]);
    expect(await grid()('notice', 'notice.receipts', { noticeId })).toMatchObject({
      ok: true,
      data: { buildings: [{ outstanding: 2 }, { buildingName: '4号楼', read: 3, acknowledged: 3, outstanding: 0 }, { outstanding: 1 }] },
    });
  });

  it('without acknowledgement, the 楼道长 sees 「还有 N 户未读」; pinned notices come first; an expired one leaves the list', async () => {
    const res = await publish(TEST_STAFF.leader.openid, {
      title: '3号楼今晚停水',
      body: '今晚 22:00–24:00 3号楼停水检修，请提前储水。',
      category: '生活',
      scope: { kind: 'buildings', buildings: '3' },
      expiresAt: '2026-11-22T10:00:00+08:00',
    });
    expect(res).toMatchObject({
      ok: true,
      data: { author: `楼道长 ${TEST_STAFF.leader.name}`, scope: { label: '3号楼' }, households: 2, requiresAck: false },
    });
    const id = res.ok ? res.data.noticeId : '';
    expect(
      await s.as(TEST_STAFF.leader.openid)('notice', 'notice.outstanding', { noticeId: id, buildingId: c.buildings['3号楼'] }),
    ).toMatchObject({
      ok: true,
      data: { summary: '还有 2 户未读', households: [{ label: '3-1-301' }, { label: '3-1-302' }] },
    });
    // No chaser for a notice that does not ask for acknowledgement.
    expect(await stored('tasks')).toBe(3);
    const list = await s.as(W3.openid)('notice', 'notice.listMine', {});
    expect(list.ok && list.data.items.map((n: { title: string; read: boolean }) => [n.title, n.read])).toEqual([
      [NOTICE.title, true],
      ['3号楼今晚停水', false],
    ]);
    expect(await s.as(W3.openid)('notice', 'notice.unreadCount', {})).toEqual({ ok: true, data: { count: 1, more: false } });
    await s.setClock('2026-11-22T10:01:00+08:00');
    const later = await s.as(W3.openid)('notice', 'notice.listMine', {});
    expect(later.ok && later.data.items.map((n: { title: string }) => n.title)).toEqual([NOTICE.title]);
    expect(await s.as(W3.openid)('notice', 'notice.unreadCount', {})).toEqual({ ok: true, data: { count: 0, more: false } });
    expect(await grid()('notice', 'notice.listManaged', {})).toMatchObject({
      ok: true,
      data: { items: [{ expired: false }, { expired: true }] },
    });
  }, 60_000);
});

describe('every scope reaches whom it says', () => {
  const titles = async (openid: string) => {
    const res = await s.as(openid)('notice', 'notice.listMine', {});
    return res.ok ? res.data.items.map((n: { title: string }) => n.title) : [];
  };

  it('a grid worker publishes to the whole community as the admin can: every household, 6号楼 included', async () => {
    const res = await publish(TEST_STAFF.grid.openid, { title: '全社区消杀', scope: { kind: 'community' } });
    expect(res).toMatchObject({ ok: true, data: { scope: { kind: 'community', label: '全社区' }, households: 7 } });
    for (const who of [W3, Z4, Z5, W6]) expect(await titles(who.openid)).toContain('全社区消杀');
  });

  it('the isolated households only: refused while nobody is isolated, then only 周五’s household', async () => {
    const w = writes();
    expect(await publish(TEST_STAFF.grid.openid, { title: '隔离户须知', scope: { kind: 'isolated', gridId: c.gridId } })).toMatchObject({
      ok: false,
      code: 'NOTICE.SCOPE_EMPTY',
    });
    expect(writes()).toBe(w);
    const iso = await grid()(
      'health',
      'isolation.start',
      { residentId: c.residents[Z5.name], kind: 'homeIsolation', reason: 'returnedFromElsewhere' },
      requestId('iso'),
    );
    expect(iso).toMatchObject({ ok: true });
    expect(await publish(TEST_STAFF.grid.openid, { title: '隔离户须知', scope: { kind: 'isolated', gridId: c.gridId } })).toMatchObject({
      ok: true,
      data: { scope: { kind: 'isolated', label: '第一网格隔离户（1 户）' }, households: 1 },
    });
    expect(await titles(Z5.openid)).toContain('隔离户须知');
    expect(await titles(W3.openid)).not.toContain('隔离户须知');
  });

  it('named households: the 楼道长 of 3号楼 writes to one household of theirs; only it sees the notice', async () => {
    const res = await publish(TEST_STAFF.leader.openid, {
      title: '3-1-301 快递到了',
      scope: { kind: 'households', householdIds: [c.households['3-1-301']] },
    });
    expect(res).toMatchObject({ ok: true, data: { scope: { kind: 'households', label: '指定住户（1 户）' }, households: 1 } });
    expect(await titles(W3.openid)).toContain('3-1-301 快递到了');
    expect(await titles(Z4.openid)).not.toContain('3-1-301 快递到了');
    // Someone else's household: refused by name.
    expect(
      await publish(TEST_STAFF.leader.openid, { title: '不行', scope: { kind: 'households', householdIds: [c.households['4-1-101']] } }),
    ).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
      message: expect.stringContaining('4-1-101不在你负责的范围内'),
    });
  });
});

describe('a publish cut short', () => {
  it('a retry with the same request id puts back the chasers a crash lost, and sends no second message', async () => {
    const req = requestId('cut');
    const data = { title: '4号楼明日消杀', scope: { kind: 'buildings', buildings: '4' }, requiresAck: true };
    const res = await publish(TEST_STAFF.grid.openid, data, req);
    const noticeId = res.ok ? res.data.noticeId : '';
    const db = s.sdk.database();
    const open = async () =>
      (
        (await db.collection('tasks').where({ communityId: C.id, status: 'open' }).limit(1000).get()).data as {
          _id: string;
          subject: { noticeId?: string };
        }[]
      ).filter((t) => t.subject.noticeId === noticeId);
    const [chaser] = await open();
    expect(chaser).toBeDefined();
    await db.collection('tasks').doc(chaser._id).remove();
    expect(await open()).toEqual([]);
    const outbox = s.cloud.openapi.listOutbox({ touser: Z4.openid }).length;
    expect(await publish(TEST_STAFF.grid.openid, data, req)).toMatchObject({ ok: true, data: { noticeId } });
    expect((await open()).map((t) => t._id)).toEqual([chaser._id]);
    expect(s.cloud.openapi.listOutbox({ touser: Z4.openid })).toHaveLength(outbox);
  });
});

describe('bad input: a clear refusal and nothing written', () => {
  const refused: [string, string, Record<string, unknown>, Record<string, unknown>][] = [
    [
      'an empty body',
      TEST_STAFF.grid.openid,
      { body: '   ', scope: { kind: 'grid', gridId: '' } },
      { code: 'INPUT.INVALID', message: '请填写正文' },
    ],
    [
      'a 20,000-character body',
      TEST_STAFF.grid.openid,
      { body: '通'.repeat(20_000), scope: { kind: 'buildings', buildings: '3' } },
      { code: 'INPUT.INVALID', message: '正文最多 2000 个字，现在有 20000 个字' },
    ],
    [
      'an empty title',
      TEST_STAFF.grid.openid,
      { title: '', scope: { kind: 'buildings', buildings: '3' } },
      { code: 'INPUT.INVALID', message: '请填写标题' },
    ],
    ['no scope', TEST_STAFF.grid.openid, { scope: { kind: 'street' } }, { code: 'INPUT.INVALID', message: '请选择发送范围' }],
    [
      'an unknown category',
      TEST_STAFF.grid.openid,
      { category: '广告', scope: { kind: 'buildings', buildings: '3' } },
      { code: 'INPUT.INVALID' },
    ],
    [
      'a range written backwards',
      TEST_STAFF.grid.openid,
      { scope: { kind: 'buildings', buildings: '5-3' } },
      { code: 'NOTICE.BUILDINGS_INVALID', message: '「5-3」写反了：从小号写到大号，应为「3-5」' },
    ],
    [
      'a building the community does not have',
      TEST_STAFF.grid.openid,
      { scope: { kind: 'buildings', buildings: '3, 9' } },
      { code: 'NOTICE.BUILDINGS_INVALID', message: '本社区没有9号楼（有 3–6号楼）' },
    ],
    [
      'a 楼道长 writing to a building not theirs',
      TEST_STAFF.leader.openid,
      { scope: { kind: 'buildings', buildings: '3-4' } },
      { code: 'AUTH.FORBIDDEN', message: expect.stringContaining('4号楼不在你负责的范围内') },
    ],
    ['a 楼道长 writing to the grid', TEST_STAFF.leader.openid, { scope: { kind: 'grid', gridId: 'GRID' } }, { code: 'AUTH.FORBIDDEN' }],
    ['a 楼道长 writing to the whole community', TEST_STAFF.leader.openid, { scope: { kind: 'community' } }, { code: 'AUTH.FORBIDDEN' }],
    ['a volunteer', TEST_STAFF.volunteer.openid, { scope: { kind: 'buildings', buildings: '3' } }, { code: 'AUTH.FORBIDDEN' }],
    ['a resident', W3.openid, { scope: { kind: 'households', householdIds: ['HOME'] } }, { code: 'AUTH.FORBIDDEN' }],
    [
      'an expiry in the past',
      TEST_STAFF.grid.openid,
      { scope: { kind: 'buildings', buildings: '3' }, expiresAt: '2026-11-22T08:00:00+08:00' },
      { code: 'NOTICE.EXPIRY_PAST', message: expect.stringContaining('到期时间已经过去了') },
    ],
    [
      'words WeChat’s content check rejects',
      TEST_STAFF.grid.openid,
      { body: '欢迎加入网络赌博群，稳赚不赔', scope: { kind: 'buildings', buildings: '3' } },
      { code: 'NOTICE.CONTENT_REJECTED', message: expect.stringContaining('违法犯罪') },
    ],
  ];

  it.each(refused)('%s', async (_what, openid, data, expected) => {
    const scope = data.scope as { kind: string; gridId?: string; householdIds?: string[] };
    if (scope.gridId === 'GRID') scope.gridId = c.gridId;
    if (scope.householdIds) scope.householdIds = [c.households['3-1-301']];
    const [notices, receipts, tasks, w] = [await stored('notices'), await stored('noticeReceipts'), await stored('tasks'), writes()];
    const res = await publish(openid, data);
    expect(res).toMatchObject({ ok: false, ...expected });
    expect(writes()).toBe(w);
    expect([await stored('notices'), await stored('noticeReceipts'), await stored('tasks')]).toEqual([notices, receipts, tasks]);
  });

  it('a publish without a request id, and a cursor that is not ours, are refused', async () => {
    expect(
      await s.as(TEST_STAFF.grid.openid)('notice', 'notice.publish', {
        communityId: C.id,
        ...NOTICE,
        scope: { kind: 'buildings', buildings: '3' },
      }),
    ).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
    expect(await s.as(W3.openid)('notice', 'notice.listMine', { cursor: 'not-a-cursor' })).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
    expect(await s.as(W3.openid)('notice', 'notice.acknowledge', { noticeId: 'nope' })).toMatchObject({
      ok: false,
      code: 'NOTICE.NOT_FOUND',
    });
  });
});

describe('bounded work', () => {
  it('publishing to one building, to four, or to the whole grid costs the same requests, at most 5 with the content check', async () => {
    const cost = async (title: string, scope: Record<string, unknown>) => {
      s.resetCounts();
      const res = await publish(TEST_STAFF.grid.openid, { title, scope });
      expect(res).toMatchObject({ ok: true });
      return {
        requests: s.dbRequests() + (s.cloud.emulator.stats.requests()['wx.openApi'] ?? 0),
        households: res.ok ? res.data.households : 0,
      };
    };
    const one = await cost('一栋楼', { kind: 'buildings', buildings: '6' });
    const four = await cost('四栋楼', { kind: 'buildings', buildings: '3-6' });
    const whole = await cost('整个网格', { kind: 'grid', gridId: c.gridId });
    expect([one.households, four.households, whole.households]).toEqual([1, 7, 7]);
    // The caller with the community's buildings and grids, households per building, the content check, the insert.
    expect([one.requests, four.requests, whole.requests]).toEqual([4, 4, 4]);
  });

  it('a resident’s list and badge take a fixed number of requests, however many notices there are', async () => {
    s.resetCounts();
    await s.as(W6.openid)('notice', 'notice.listMine', {});
    await s.as(W6.openid)('notice', 'notice.unreadCount', {});
    // user, page of notices, their receipts — twice.
    expect(s.dbRequests()).toBe(6);
  });
});

describe('expired notices', () => {
  it('the chasers of a notice that has expired are closed by the hourly timer', async () => {
    const res = await publish(TEST_STAFF.grid.openid, {
      title: '今天 11 点前确认',
      scope: { kind: 'buildings', buildings: '4' },
      requiresAck: true,
      expiresAt: '2026-11-22T10:30:00+08:00',
    });
    expect(res).toMatchObject({ ok: true });
    const noticeId = res.ok ? res.data.noticeId : '';
    const chasers = async () => {
      const tasks = await s.as(LEADER4.openid)('health', 'tasks.listMine', {});
      return tasks.ok ? tasks.data.items.filter((t: { subject: { noticeId?: string } }) => t.subject.noticeId === noticeId) : [];
    };
    expect(await chasers()).toHaveLength(1);
    const { fired } = await s.setClock('2026-11-22T11:01:00+08:00');
    expect(fired).toEqual(
      expect.arrayContaining([expect.objectContaining({ functionName: 'notice', triggerName: 'noticeHourly', ok: true })]),
    );
    expect(await chasers()).toEqual([]);
  }, 60_000);

  it('a notice that expired before the push timer reached it sends no message; the next one does', async () => {
    const id = templateId('noticePublished');
    expect(await s.as(W6.openid)('health', 'subscription.record', { templateIds: [id], accepted: [id] }, requestId('sub'))).toMatchObject({
      ok: true,
    });
    s.cloud.openapi.recordConsent({ openid: W6.openid, templateId: id, accept: true });
    const sentToW6 = () => s.cloud.openapi.listOutbox({ touser: W6.openid, templateId: id }).map((m) => m.data.thing1.value);
    // Just after a minute began: the notice is up for 30 s, and the timer comes at the minute's end.
    await s.setClock('2026-11-22T11:10:01+08:00');
    const short = await publish(TEST_STAFF.grid.openid, {
      title: '停水半分钟',
      scope: { kind: 'buildings', buildings: '6' },
      expiresAt: '2026-11-22T11:10:31+08:00',
    });
    expect(short).toMatchObject({ ok: true });
    await s.setClock('2026-11-22T11:11:00+08:00');
    expect(sentToW6()).toEqual([]);
    const stored = (
      await s.sdk
        .database()
        .collection('notices')
        .doc(short.ok ? short.data.noticeId : '')
        .get()
    ).data;
    expect(stored).toMatchObject({ pushState: 'sent' });
    // 吴六's consent is still there: the next notice uses it.
    expect(await publish(TEST_STAFF.grid.openid, { title: '明天恢复供水', scope: { kind: 'buildings', buildings: '6' } })).toMatchObject({
      ok: true,
    });
    await s.setClock('2026-11-22T11:12:00+08:00');
    expect(sentToW6()).toEqual(['明天恢复供水']);
  }, 60_000);
});
