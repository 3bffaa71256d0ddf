/**
 * Issue 7's help requests through the function host, on the emulator's clock: an urgency-1 request at 02:00 alerts the
 * 楼道长, the grid worker and the admin at once (subscribe messages where allowed, to-do items always, all on the
 * request's alert log) and is escalated at 02:10 when nobody accepted it; two staff accepting at once, exactly one
 * wins; resolving closes every item. Then bad input, each refused with nothing written, and the inbox's cost.
 */
import { templateId } from '../../../server/notifications/templates';
import { setUpCommunity, TEST_STAFF, type TestCommunity } from '../helpers/community';
import { requestId, startScenario, type Scenario } from '../helpers/scenario';

// Clock jumps replay every minute's escalation tick in between, on a machine shared with other test runs.
jest.setTimeout(60_000);

let s: Scenario;
let c: TestCommunity;
const C = { id: 'c-help', name: '求助社区' };
const WANG = { openid: 'o-wang', name: '王独居', phone: '13911112001' };
const NEIGHBOUR = { openid: 'o-neighbour', name: '吴邻居', phone: '13911112003' };
const ADMIN = 'o-admin';
const { leader: LEADER, grid: GRID, volunteer: VOLUNTEER } = TEST_STAFF;
const HELP_ALERT = () => templateId('helpAlert');

beforeAll(async () => {
  s = await startScenario({ startAt: '2026-11-22T01:55:00+08:00' });
  c = await setUpCommunity(
    s,
    C,
    [
      ['3', '1', '301', WANG.name, WANG.phone, '本人'],
      ['3', '1', '302', NEIGHBOUR.name, NEIGHBOUR.phone, '本人'],
      ['4', '1', '101', '钱四楼', '13911112004', '本人'],
    ],
    [
      [WANG.openid, '3-1-301', WANG.name, '本人', WANG.phone],
      [NEIGHBOUR.openid, '3-1-302', NEIGHBOUR.name, '本人', NEIGHBOUR.phone],
    ],
  );
  // The 楼道长 allowed one message; the grid worker two (the 02:00 alert and the 02:10 escalation); the admin none.
  const consent = async (openid: string, times: number) => {
    for (let i = 0; i < times; i++) {
      const res = await s.as(openid)(
        'health',
        'subscription.record',
        { templateIds: [HELP_ALERT()], accepted: [HELP_ALERT()] },
        requestId('sub'),
      );
      expect(res.ok).toBe(true);
      s.cloud.openapi.recordConsent({ openid, templateId: HELP_ALERT(), accept: true });
    }
  };
  await consent(LEADER.openid, 1);
  await consent(GRID.openid, 2);
}, 120_000);
afterAll(() => s?.close());

const writes = () => s.dbWrites();
const outbox = (openid: string) => s.cloud.openapi.listOutbox({ touser: openid, templateId: HELP_ALERT() });
interface Item {
  taskId: string;
  kind: string;
  priority: number;
  title: string;
  subject: { helpRequestId?: string };
}
const inbox = async (openid: string): Promise<Item[]> => {
  const res = await s.as(openid)('health', 'tasks.listMine', {});
  expect(res.ok).toBe(true);
  return res.ok ? res.data.items : [];
};
const helpItems = async (openid: string, id: string) => (await inbox(openid)).filter((t) => t.subject.helpRequestId === id);
const get = async (openid: string, id: string) => {
  const res = await s.as(openid)('help', 'help.get', { helpRequestId: id });
  if (!res.ok) throw new Error(`${res.code}: ${res.message}`);
  return res.data;
};
const ask = (openid: string, data: Record<string, unknown>, req = requestId('help')) =>
  s.as(openid)(
    'help',
    'help.create',
    {
      householdId: c.households['3-1-301'],
      category: '就医',
      flags: ['独居老人', '慢性病'],
      urgency: 1,
      description: '老人胸口疼，喘不上气',
      ...data,
    },
    req,
  );

describe('an urgent request at 2 a.m.', () => {
  let id = '';

  it('02:00: alerts the 楼道长, the grid worker and the admin at once — messages where allowed, to-do items always — and logs it', async () => {
    await s.setClock('2026-11-22T02:00:00+08:00');
    const req = requestId('urgent');
    const res = await ask(WANG.openid, {}, req);
    expect(res).toMatchObject({
      ok: true,
      data: {
        label: '3-1-301',
        category: '就医',
        flags: ['独居老人', '慢性病'],
        urgency: 1,
        urgencyLabel: '危及生命',
        status: 'open',
        statusLabel: '等待接单',
        level: 'buildingLeader',
        requestedBy: WANG.name,
        createdAt: expect.stringMatching(/^2026-11-21T18:00:/),
        escalatesAt: '2026-11-21T18:10:00.000Z',
        contacts: [],
        actions: ['cancel'],
      },
    });
    if (!res.ok) return;
    id = res.data.helpRequestId;
    const at = res.data.createdAt;
    expect(res.data.alerts).toEqual([
      { at, who: `楼道长 ${LEADER.name}`, role: 'buildingLeader', reason: 'created', pushed: true },
      { at, who: `网格员 ${GRID.name}`, role: 'gridWorker', reason: 'created', pushed: true },
      { at, who: '社区管理员 管理员', role: 'communityAdmin', reason: 'created', pushed: false },
    ]);
    // WeChat messages to the two who allowed them, at 02:00.
    for (const openid of [LEADER.openid, GRID.openid]) {
      expect(outbox(openid)).toEqual([
        expect.objectContaining({
          page: 'pages/tasks/index',
          data: {
            thing1: { value: '3-1-301 就医' },
            thing2: { value: '独居老人、慢性病：老人胸口疼，喘不上气' },
            time3: { value: '2026-11-22 02:00' },
            thing4: { value: '危及生命，请立即接单' },
          },
        }),
      ]);
    }
    expect(outbox(ADMIN)).toEqual([]);
    // The to-do item is in all three inboxes, first, whether or not a message arrived; not with the volunteer.
    for (const openid of [LEADER.openid, GRID.openid, ADMIN]) {
      const [first] = await inbox(openid);
      expect(first).toMatchObject({
        kind: 'help.open',
        priority: 1,
        title: '求助（危及生命）：3-1-301 就医',
        subject: { helpRequestId: id },
      });
    }
    expect(await helpItems(VOLUNTEER.openid, id)).toEqual([]);

    // A retry of the same submit (the answer was lost): the same request, nothing written, nobody alerted twice.
    const before = writes();
    expect(await ask(WANG.openid, {}, req)).toMatchObject({ ok: true, data: { helpRequestId: id } });
    expect(writes()).toBe(before);
    expect(outbox(LEADER.openid)).toHaveLength(1);
  });

  it('staff see the household phones and can accept; the resident sees the request in 我的求助', async () => {
    const view = await get(LEADER.openid, id);
    expect(view.contacts).toEqual([{ name: WANG.name, relation: '本人', phone: WANG.phone }]);
    expect(view.actions).toEqual(['accept', 'cancel']);
    const mine = await s.as(WANG.openid)('help', 'help.mine', {});
    expect(mine).toMatchObject({
      ok: true,
      data: { items: [{ helpRequestId: id, status: 'open', statusLabel: '等待接单' }], nextCursor: null },
    });
    // The neighbour does not learn it exists.
    expect(await s.as(NEIGHBOUR.openid)('help', 'help.get', { helpRequestId: id })).toMatchObject({ ok: false, code: 'HELP.NOT_FOUND' });
  });

  it('02:09 nothing yet; 02:10 the timer escalates it to the grid worker, says so on the request and alerts again', async () => {
    await s.setClock('2026-11-22T02:09:00+08:00');
    expect((await get(WANG.openid, id)).level).toBe('buildingLeader');
    const { fired } = await s.setClock('2026-11-22T02:10:00+08:00');
    expect(fired).toContainEqual({ functionName: 'help', triggerName: 'escalationTick', at: '2026-11-21T18:10:00Z', ok: true });
    const view = await get(WANG.openid, id);
    expect(view).toMatchObject({ level: 'gridWorker', levelLabel: '网格员', status: 'open', escalatesAt: '2026-11-21T18:20:00.000Z' });
    // The timer runs at the minute it was due (to within the host's millisecond).
    const at1010 = expect.stringMatching(/^2026-11-21T18:10:00\./);
    expect(view.history.at(-1)).toEqual({ at: at1010, kind: 'escalated', by: '系统', note: '无人接单，已升级至网格员 02:10' });
    expect(view.alerts.at(-1)).toEqual({
      at: at1010,
      who: `网格员 ${GRID.name}`,
      role: 'gridWorker',
      reason: 'escalated',
      pushed: true,
    });
    expect(outbox(GRID.openid).map((m) => m.data.thing4.value)).toEqual(['危及生命，请立即接单', '无人接单，已升级至网格员']);
    const escalated = (await helpItems(GRID.openid, id)).find((t) => t.kind === 'help.escalated');
    expect(escalated).toMatchObject({ priority: 1, title: '求助无人接单，已升级至网格员：3-1-301 就医' });
    // The timer running again at the same time (a retried trigger) changes nothing and tells nobody twice.
    const [before, pushed] = [writes(), outbox(GRID.openid).length];
    expect(await s.cloud.triggers.fire('help', 'escalationTick')).toMatchObject({ ok: true });
    expect(writes()).toBe(before);
    expect(outbox(GRID.openid)).toHaveLength(pushed);
    // A user cannot pose as the timer.
    expect(await s.cloud.call('help', { Type: 'Timer', TriggerName: 'escalationTick', Time: '' }, WANG.openid)).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    // The 楼道长 keeps the request itself, not the escalation; it now says when it climbs next.
    const own = await helpItems(LEADER.openid, id);
    expect(own.map((t) => t.kind)).toEqual(['help.open']);
    expect((own[0] as Item & { detail: string }).detail).toContain('02:20 前无人接单将上报社区管理员');
  });

  it('02:12 the 楼道长 and the grid worker accept at once: exactly one wins, the other is told who took it', async () => {
    await s.setClock('2026-11-22T02:12:00+08:00');
    const [a, b] = await Promise.all([
      s.as(LEADER.openid)('help', 'help.accept', { helpRequestId: id }),
      s.as(GRID.openid)('help', 'help.accept', { helpRequestId: id }),
    ]);
    const answers = [a, b];
    const winners = answers.filter((r) => r.ok);
    expect(answers.map((r) => (r.ok ? 'ok' : r.code)).sort()).toEqual(['HELP.ALREADY_TAKEN', 'ok']);
    const losers = answers.filter((r) => !r.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    const winner = winners[0].ok ? (winners[0].data.acceptedBy as string) : '';
    expect([`楼道长 ${LEADER.name}`, `网格员 ${GRID.name}`]).toContain(winner);
    expect(losers[0]).toMatchObject({ ok: false, code: 'HELP.ALREADY_TAKEN', message: `这条求助已由${winner}于 02:12 接单，无需重复处理` });
    const view = await get(WANG.openid, id);
    expect(view).toMatchObject({ status: 'accepted', acceptedBy: winner, acceptedAt: expect.stringMatching(/^2026-11-21T18:12:/) });
    expect(view.escalatesAt).toBeUndefined();
    expect(view.history.filter((e: { kind: string }) => e.kind === 'accepted')).toHaveLength(1);

    // The winner keeps one item, 「待解决」; the other staff have none; accepting again is a no-op for the winner.
    const winnerOpenid = winner.startsWith('楼道长') ? LEADER.openid : GRID.openid;
    const loserOpenid = winnerOpenid === LEADER.openid ? GRID.openid : LEADER.openid;
    expect((await helpItems(winnerOpenid, id)).map((t) => [t.kind, t.title])).toEqual([['help.open', '待解决（危及生命）：3-1-301 就医']]);
    expect(await helpItems(loserOpenid, id)).toEqual([]);
    expect(await helpItems(ADMIN, id)).toEqual([]);
    const before = writes();
    expect(await s.as(winnerOpenid)('help', 'help.accept', { helpRequestId: id })).toMatchObject({
      ok: true,
      data: { status: 'accepted' },
    });
    expect(writes()).toBe(before);
  });

  it('accepted, it climbs no further; the item cannot be ticked off in the inbox; resolving with a note closes it', async () => {
    await s.setClock('2026-11-22T02:40:00+08:00');
    const view = await get(WANG.openid, id);
    expect(view.level).toBe('gridWorker');
    const winnerOpenid = view.acceptedBy.startsWith('楼道长') ? LEADER.openid : GRID.openid;
    const [item] = await helpItems(winnerOpenid, id);
    expect(await s.as(winnerOpenid)('health', 'tasks.done', { taskId: item.taskId }, requestId('done'))).toMatchObject({
      ok: false,
      code: 'TASK.DONE_BY_SUBJECT',
    });
    expect(await s.as(winnerOpenid)('help', 'help.resolve', { helpRequestId: id, note: '' })).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      message: '请填写处理结果',
    });
    const res = await s.as(winnerOpenid)('help', 'help.resolve', { helpRequestId: id, note: '已叫 120 送医，女儿已赶到' });
    expect(res).toMatchObject({
      ok: true,
      data: { status: 'resolved', statusLabel: '已解决', resolutionNote: '已叫 120 送医，女儿已赶到', actions: [] },
    });
    expect(await helpItems(winnerOpenid, id)).toEqual([]);
    expect(await s.as(WANG.openid)('help', 'help.cancel', { helpRequestId: id })).toMatchObject({ ok: false, code: 'HELP.CLOSED' });
  });
});

describe('bad input: a clear refusal and nothing written', () => {
  // Every refused request below would have been for 3-1-301.
  const count = async () =>
    (await s.sdk.database().collection('helpRequests').where({ householdId: c.households['3-1-301'] }).count()).total as number;

  it.each([
    ['a request for someone else’s household', NEIGHBOUR.openid, {}, 'AUTH.FORBIDDEN', '这不在你负责的范围内，无法操作'],
    ['urgency 7', WANG.openid, { urgency: 7 }, 'INPUT.INVALID', '紧急程度应在 1 到 4 之间'],
    ['an empty description', WANG.openid, { description: '  ' }, 'INPUT.INVALID', '请填写情况说明'],
    [
      'a 20,000-character description',
      WANG.openid,
      { description: '帮'.repeat(20_000) },
      'INPUT.INVALID',
      '情况说明最多 500 个字，现在有 20000 个字',
    ],
    ['an unknown category', WANG.openid, { category: '借钱' }, 'INPUT.INVALID', '求助类型不在可选范围内'],
    [
      'a photo that is not an upload',
      WANG.openid,
      { photos: ['https://example.com/a.jpg'] },
      'INPUT.INVALID',
      '照片上传不完整，请重新选择',
    ],
    [
      'a photo uploaded for another household',
      WANG.openid,
      { photos: ['cloud://env.bucket/help/h_someone-else/1.jpg'] },
      'INPUT.INVALID',
      '照片不属于这一户，请重新选择照片',
    ],
    ['a volunteer asking in a household’s name', VOLUNTEER.openid, {}, 'AUTH.FORBIDDEN', '这不在你负责的范围内，无法操作'],
    [
      'text the content check rejects',
      WANG.openid,
      { urgency: 3, description: '有人在楼里搞网络赌博，帮我看看' },
      'HELP.CONTENT_REJECTED',
      '情况说明含有不适宜发布的内容（违法犯罪），请修改后再提交',
    ],
  ])('%s', async (_what, openid, data, code, message) => {
    const [rows, before, sent] = [await count(), writes(), s.cloud.openapi.listOutbox({ templateId: HELP_ALERT() }).length];
    expect(await ask(openid, data)).toMatchObject({ ok: false, code, message });
    expect(writes()).toBe(before);
    expect(await count()).toBe(rows);
    expect(s.cloud.openapi.listOutbox({ templateId: HELP_ALERT() })).toHaveLength(sent);
  });

  it('a request without a request id is refused', async () => {
    const res = await s.as(WANG.openid)('help', 'help.create', {
      householdId: c.households['3-1-301'],
      category: '买药',
      flags: [],
      urgency: 3,
      description: '降压药吃完了',
    });
    expect(res).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
  });
});

describe('an ordinary request on someone’s behalf', () => {
  it('the 楼道长 asks for 3-1-302: the building’s 楼道长 and volunteer get items, no one is woken, it climbs after 2 hours', async () => {
    await s.setClock('2026-11-22T09:00:00+08:00');
    const before = s.cloud.openapi.listOutbox({ templateId: HELP_ALERT() }).length;
    const res = await s.as(LEADER.openid)(
      'help',
      'help.create',
      { householdId: c.households['3-1-302'], category: '倒垃圾', flags: [], urgency: 4, description: '家里垃圾三天没倒了' },
      requestId('trash'),
    );
    expect(res).toMatchObject({
      ok: true,
      data: { requestedBy: `楼道长 ${LEADER.name}（代为求助）`, urgencyLabel: '一般', escalatesAt: '2026-11-22T03:00:00.000Z' },
    });
    if (!res.ok) return;
    const id = res.data.helpRequestId;
    expect(res.data.alerts.map((a: { who: string; pushed: boolean }) => [a.who, a.pushed])).toEqual([
      [`楼道长 ${LEADER.name}`, false],
      [`志愿者 ${VOLUNTEER.name}`, false],
    ]);
    expect(s.cloud.openapi.listOutbox({ templateId: HELP_ALERT() })).toHaveLength(before);
    expect((await helpItems(VOLUNTEER.openid, id)).map((t) => [t.kind, t.priority])).toEqual([['help.open', 4]]);
    expect(await helpItems(GRID.openid, id)).toEqual([]);

    // The resident of 3-1-302 sees it too, and may cancel it; staff would have to say why.
    expect(await s.as(VOLUNTEER.openid)('help', 'help.cancel', { helpRequestId: id })).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    expect(await s.as(LEADER.openid)('help', 'help.cancel', { helpRequestId: id })).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      message: '工作人员取消求助请写明原因',
    });

    await s.setClock('2026-11-22T11:00:00+08:00');
    const view = await get(NEIGHBOUR.openid, id);
    expect(view.history.at(-1).note).toBe('无人接单，已升级至网格员 11:00');
    expect((await helpItems(GRID.openid, id)).map((t) => [t.kind, t.priority])).toEqual([['help.escalated', 3]]);

    const cancelled = await s.as(NEIGHBOUR.openid)('help', 'help.cancel', { helpRequestId: id, reason: '邻居帮忙倒了' });
    expect(cancelled).toMatchObject({ ok: true, data: { status: 'cancelled', cancelReason: '邻居帮忙倒了' } });
    expect(await helpItems(GRID.openid, id)).toEqual([]);
    expect(await helpItems(LEADER.openid, id)).toEqual([]);
  });

  it('the admin sets the community’s response times; the next urgent request climbs after 5 minutes', async () => {
    expect(
      await s.as(LEADER.openid)('help', 'help.setResponseTimes', { communityId: c.communityId, urgentMinutes: 5, otherMinutes: 60 }),
    ).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(
      await s.as(ADMIN)('help', 'help.setResponseTimes', { communityId: c.communityId, urgentMinutes: 90, otherMinutes: 60 }),
    ).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    expect(await s.as(ADMIN)('help', 'help.responseTimes', { communityId: c.communityId })).toMatchObject({
      ok: true,
      data: { urgentMinutes: 10, otherMinutes: 120 },
    });
    expect(
      await s.as(ADMIN)('help', 'help.setResponseTimes', { communityId: c.communityId, urgentMinutes: 5, otherMinutes: 60 }),
    ).toMatchObject({ ok: true, data: { urgentMinutes: 5, otherMinutes: 60 } });
    expect(await s.as(ADMIN)('help', 'help.responseTimes', { communityId: c.communityId })).toMatchObject({
      ok: true,
      data: { urgentMinutes: 5, otherMinutes: 60 },
    });
    expect(await s.as(GRID.openid)('help', 'help.responseTimes', { communityId: c.communityId })).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    const res = await ask(WANG.openid, { description: '老人摔倒起不来' });
    expect(res).toMatchObject({ ok: true, data: { escalatesAt: '2026-11-22T03:05:00.000Z' } });
  });
});

describe('a child far away', () => {
  it('asks as the proxy of her parents’ household; the request says so', async () => {
    const b = await s.as('o-daughter')(
      'community',
      'binding.request',
      { householdId: c.households['4-1-101'], name: '钱女儿', relation: '子女', phone: '13911112009', kind: 'proxy' },
      requestId('bind'),
    );
    expect(b.ok).toBe(true);
    if (!b.ok) return;
    expect(await s.as(ADMIN)('community', 'binding.review', { bindingId: b.data.bindingId, decision: 'confirm' })).toMatchObject({
      ok: true,
    });
    const res = await s.as('o-daughter')(
      'help',
      'help.create',
      { householdId: c.households['4-1-101'], category: '买药', flags: ['独居老人'], urgency: 2, description: '父亲的胰岛素快用完了' },
      requestId('proxy'),
    );
    expect(res).toMatchObject({ ok: true, data: { requestedBy: '钱女儿（代办）', label: '4-1-101', buildingName: '4号楼' } });
    // 4号楼 has no 楼道长 or volunteer in this community: the item waits for whoever is appointed (addressed by scope).
    if (res.ok) expect(res.data.alerts).toEqual([]);
  });
});

describe('the staff inbox', () => {
  it('counts as badges, and the list costs the same number of database requests at 5 items as at 30', async () => {
    await s.setClock('2026-11-22T12:00:00+08:00');
    const measure = async () => {
      s.resetCounts();
      const list = await s.as(LEADER.openid)('health', 'tasks.listMine', {});
      const listCost = s.dbRequests();
      s.resetCounts();
      const counts = await s.as(LEADER.openid)('health', 'tasks.counts', {});
      return { list, counts, listCost, countCost: s.dbRequests() };
    };
    const small = await measure();
    expect(small.counts).toMatchObject({ ok: true, data: { staff: true } });
    for (let i = 0; i < 26; i++) {
      expect(
        await s.as(NEIGHBOUR.openid)(
          'help',
          'help.create',
          { householdId: c.households['3-1-302'], category: '取快递', flags: [], urgency: 3, description: `快递 ${i} 号在门口` },
          requestId('parcel'),
        ),
      ).toMatchObject({ ok: true });
    }
    const large = await measure();
    expect(large.listCost).toBe(small.listCost);
    expect(large.countCost).toBe(small.countCost);
    expect(large.listCost).toBeLessThanOrEqual(2);
    if (!large.list.ok || !large.counts.ok || !small.counts.ok) throw new Error('expected ok');
    expect(large.list.data.items).toHaveLength(20);
    expect(large.list.data.nextCursor).not.toBeNull();
    expect(large.counts.data.total).toBe(small.counts.data.total + 26);
    expect(large.counts.data.byKind['help.open']).toBe((small.counts.data.byKind['help.open'] ?? 0) + 26);
    // Most urgent first: the 5-minute urgent request (priority 1) before the parcels (3).
    const priorities = large.list.data.items.map((t: Item) => t.priority);
    expect(priorities).toEqual([...priorities].sort((a: number, b: number) => a - b));
    expect(priorities[0]).toBe(1);
    // A resident has no staff badge.
    expect(await s.as(WANG.openid)('health', 'tasks.counts', {})).toMatchObject({ ok: true, data: { staff: false, total: 0, urgent: 0 } });
  });
});

describe('indexes', () => {
  it('every query above was served by a declared index (the emulator warns otherwise)', () => {
    expect(s.cloud.logs.filter((l) => l.includes('WARN query on'))).toEqual([]);
  });
});
