/**
 * Issue 5's acceptance through the function host, on the emulator's clock: a returnee is isolated, checks in at 08:00
 * with 36.5, misses the afternoon; the 21:00 trigger puts them on the 楼道长's 「未打卡」 list, at 23:00 the grid
 * worker is alerted; the next morning 37.8 alerts the 楼道长, the grid worker and the care team at once, and the
 * household turns red. Then bad input and awkward times, each answered with nothing written.
 */
import { templateId } from '../../../server/notifications/templates';
import { setUpCommunity, TEST_STAFF, type TestCommunity } from '../helpers/community';
import { requestId, startScenario, type Scenario } from '../helpers/scenario';

let s: Scenario;
let c: TestCommunity;
const C = { id: 'c-health', name: '健康社区' };
const RETURNEE = { openid: 'o-returnee', name: '周返乡', phone: '13911110001' };
const NEIGHBOUR = { openid: 'o-neighbour', name: '吴邻居', phone: '13911110003' };
const DOCTOR = { role: '社区医生', name: '王医生', phone: '13933330001' };

beforeAll(async () => {
  s = await startScenario({ startAt: '2026-11-22T07:00:00+08:00' });
  c = await setUpCommunity(
    s,
    C,
    [
      ['3', '1', '301', RETURNEE.name, RETURNEE.phone, '本人'],
      ['3', '1', '301', '周母', '13911110002', '父母'],
      ['3', '1', '302', NEIGHBOUR.name, NEIGHBOUR.phone, '本人'],
      ['4', '1', '101', '钱监测', '13911110004', '本人'],
    ],
    [
      [RETURNEE.openid, '3-1-301', RETURNEE.name, '本人', RETURNEE.phone],
      [NEIGHBOUR.openid, '3-1-302', NEIGHBOUR.name, '本人', NEIGHBOUR.phone],
      ['o-qian', '4-1-101', '钱监测', '本人', '13911110004'],
    ],
  );
  // Who allowed which messages: in the app (subscription.record) and on the phone (what WeChat knows).
  const consent = async (openid: string, keys: ('checkInReminder' | 'abnormalAlert' | 'missedAlert')[]) => {
    const ids = keys.map((k) => templateId(k));
    expect(await s.as(openid)('health', 'subscription.record', { templateIds: ids, accepted: ids }, requestId('sub'))).toMatchObject({
      ok: true,
    });
    for (const id of ids) s.cloud.openapi.recordConsent({ openid, templateId: id, accept: true });
  };
  await consent(RETURNEE.openid, ['checkInReminder']);
  await consent(TEST_STAFF.leader.openid, ['abnormalAlert']);
  await consent(TEST_STAFF.grid.openid, ['missedAlert', 'abnormalAlert']);
  await consent(TEST_STAFF.volunteer.openid, ['abnormalAlert']);
}, 120_000);
afterAll(() => s?.close());

const writes = () => s.dbWrites();
const outbox = (openid: string, key: 'checkInReminder' | 'abnormalAlert' | 'missedAlert') =>
  s.cloud.openapi.listOutbox({ touser: openid, templateId: templateId(key) });
const colourOf = async (label: string) => {
  const h = await s.as('o-admin')('community', 'household.get', { householdId: c.households[label] });
  return h.ok ? h.data.riskColour : h.code;
};
const tasksOf = async (openid: string) => {
  const res = await s.as(openid)('health', 'tasks.listMine', {});
  expect(res.ok).toBe(true);
  return res.ok
    ? (res.data.items as { taskId: string; kind: string; title: string; subject: { residentId?: string; slot?: string; day?: string } }[])
    : [];
};
const submit = (openid: string, data: Record<string, unknown>, req = requestId('ci')) =>
  s.as(openid)('health', 'checkIn.submit', { residentId: c.residents[RETURNEE.name], temperature: 36.5, symptoms: [], ...data }, req);

describe('the returnee’s first day and the escalation ladder', () => {
  let isolationId = '';

  it('07:00 the grid worker isolates the returnee for 14 days with a care team; the household turns orange', async () => {
    const req = requestId('iso');
    const start = {
      residentId: c.residents[RETURNEE.name],
      kind: 'homeIsolation',
      reason: 'returnedFromElsewhere',
      careTeam: [DOCTOR, { role: '志愿者', name: TEST_STAFF.volunteer.name, phone: TEST_STAFF.volunteer.phone }],
    };
    const res = await s.as(TEST_STAFF.grid.openid)('health', 'isolation.start', start, req);
    expect(res).toMatchObject({
      ok: true,
      data: {
        name: RETURNEE.name,
        label: '3-1-301',
        status: 'active',
        startDay: '2026-11-22',
        endDay: '2026-12-05',
        days: 14,
        progress: '隔离第 1 天 / 共 14 天',
        careTeam: [
          { role: '社区医生', name: '王医生', phone: DOCTOR.phone, usesApp: false },
          { role: '志愿者', name: TEST_STAFF.volunteer.name, phone: TEST_STAFF.volunteer.phone, usesApp: true },
        ],
        history: [{ kind: 'started', by: `网格员 ${TEST_STAFF.grid.name}` }],
      },
    });
    if (res.ok) isolationId = res.data.isolationId;
    // A retry with the same request id: the same isolation, nothing more written.
    const before = writes();
    expect(await s.as(TEST_STAFF.grid.openid)('health', 'isolation.start', start, req)).toMatchObject({ ok: true, data: { isolationId } });
    expect(writes()).toBe(before);
    // A second isolation of the same person is refused.
    expect(await s.as(TEST_STAFF.grid.openid)('health', 'isolation.start', start, requestId('iso2'))).toMatchObject({
      ok: false,
      code: 'ISOLATION.ALREADY_ACTIVE',
      message: expect.stringContaining('隔离第 1 天 / 共 14 天'),
    });
    expect(writes()).toBe(before);
    expect(await colourOf('3-1-301')).toBe('orange');
  });

  it('the 楼道长 cannot isolate anyone; the resident sees day 1 of 14, the end day and the care team in full', async () => {
    expect(
      await s.as(TEST_STAFF.leader.openid)(
        'health',
        'isolation.start',
        { residentId: c.residents['周母'], kind: 'homeMonitoring', reason: 'closeContact' },
        requestId('x'),
      ),
    ).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    const mine = await s.as(RETURNEE.openid)('health', 'isolation.mine', {});
    expect(mine).toMatchObject({
      ok: true,
      data: [
        {
          name: RETURNEE.name,
          kindLabel: '居家隔离',
          progress: '隔离第 1 天 / 共 14 天',
          endDay: '2026-12-05',
          careTeam: [{ name: '王医生', phone: DOCTOR.phone }, { phone: TEST_STAFF.volunteer.phone }],
          today: { am: { state: 'waiting' }, pm: { state: 'upcoming' } },
          clock: { openSlot: 'am', windows: { am: { start: '06:00', end: '12:00' }, pm: { start: '14:00', end: '21:00' } } },
        },
      ],
    });
    expect(await s.as(NEIGHBOUR.openid)('health', 'isolation.mine', {})).toEqual({ ok: true, data: [] });
  });

  it('08:00 the returnee checks in 36.5; a double tap has one effect; the building is reported complete', async () => {
    await s.setClock('2026-11-22T08:00:00+08:00');
    const req = requestId('am');
    const res = await submit(RETURNEE.openid, { temperature: 36.5 }, req);
    expect(res).toMatchObject({
      ok: true,
      data: {
        day: '2026-11-22',
        slot: 'am',
        temperature: 36.5,
        abnormal: false,
        by: 'resident',
        byName: RETURNEE.name,
        late: false,
        revision: 1,
      },
    });
    const snapshot = async () => ({
      checkIns: (await s.sdk.database().collection('checkIns').where({ communityId: C.id, residentId: c.residents[RETURNEE.name] }).get())
        .data,
      tasks: (await s.sdk.database().collection('tasks').where({ communityId: C.id, status: 'open' }).get()).data,
    });
    const before = await snapshot();
    const again = await submit(RETURNEE.openid, { temperature: 36.5 }, req);
    expect(again).toMatchObject({ ok: true, data: { checkInId: res.ok && res.data.checkInId, revision: 1 } });
    // The retry's insert is refused (the slot's id is taken by its own first attempt): nothing changed.
    expect(await snapshot()).toEqual(before);
    expect(before.checkIns).toHaveLength(1);
    const leaderTasks = await tasksOf(TEST_STAFF.leader.openid);
    expect(leaderTasks.filter((t) => t.kind === 'building.complete')).toEqual([
      expect.objectContaining({ title: '3号楼上午打卡已全部完成' }),
    ]);
    expect(outbox(RETURNEE.openid, 'checkInReminder')).toEqual([]);
  });

  it('21:00 the trigger closes the afternoon: a reminder, the 楼道长’s 「未打卡」 list with phones, and a to-do item', async () => {
    const { fired } = await s.setClock('2026-11-22T21:00:00+08:00');
    expect(fired.filter((f) => f.functionName === 'health').every((f) => f.ok)).toBe(true);
    expect(fired.some((f) => f.triggerName === 'slotTick' && f.at === '2026-11-22T13:00:00Z')).toBe(true);

    const board = await s.as(TEST_STAFF.leader.openid)('health', 'checkIn.leaderBoard', { buildingId: c.buildings['3号楼'] });
    expect(board).toMatchObject({
      ok: true,
      data: {
        day: '2026-11-22',
        slots: [
          { slot: 'am', phase: 'escalated', counts: { expected: 1, done: 1, missing: 0 } },
          { slot: 'pm', phase: 'closed', counts: { expected: 1, done: 0, missing: 1 } },
        ],
        units: [
          {
            unit: '1',
            floors: [
              {
                floor: 3,
                homes: [
                  {
                    label: '3-1-301',
                    phones: expect.arrayContaining([
                      { name: RETURNEE.name, relation: '本人', phone: RETURNEE.phone },
                      { name: '周母', relation: '父母', phone: '13911110002' },
                    ]),
                    people: [{ name: RETURNEE.name, cells: { am: { state: 'done', temperature: 36.5 }, pm: { state: 'missing' } } }],
                  },
                ],
              },
            ],
          },
        ],
        missing: [c.residents[RETURNEE.name]],
      },
    });
    const missed = (await tasksOf(TEST_STAFF.leader.openid)).filter((t) => t.kind === 'checkIn.missed');
    expect(missed).toEqual([
      expect.objectContaining({
        title: `未打卡：3-1-301 ${RETURNEE.name}（下午）`,
        subject: expect.objectContaining({ slot: 'pm', day: '2026-11-22' }),
      }),
    ]);
    expect(outbox(RETURNEE.openid, 'checkInReminder')).toEqual([
      expect.objectContaining({
        data: { thing1: { value: `${RETURNEE.name}下午未打卡` }, time2: { value: '2026-11-22 21:00' }, thing3: expect.any(Object) },
      }),
    ]);
    // Not yet the grid worker's business.
    expect((await tasksOf(TEST_STAFF.grid.openid)).filter((t) => t.kind === 'checkIn.escalated')).toEqual([]);
    expect(outbox(TEST_STAFF.grid.openid, 'missedAlert')).toEqual([]);
    // And it is too late for the resident to check in.
    expect(await submit(RETURNEE.openid, {})).toMatchObject({
      ok: false,
      code: 'CHECKIN.OUTSIDE_WINDOW',
      message: '现在不在打卡时间，下一次打卡 明天 06:00 开始',
    });
  });

  it('the trigger running again changes nothing', async () => {
    const before = await tasksOf(TEST_STAFF.leader.openid);
    const res = await fetch(`${s.cloud.url}/triggers/health/slotTick`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await tasksOf(TEST_STAFF.leader.openid)).toEqual(before);
    expect(outbox(RETURNEE.openid, 'checkInReminder')).toHaveLength(1);
  });

  it('23:00 still missing: escalated to the grid worker, with a message (the 楼道长 is not given that item)', async () => {
    await s.setClock('2026-11-22T23:00:00+08:00');
    const escalated = (await tasksOf(TEST_STAFF.grid.openid)).filter((t) => t.kind === 'checkIn.escalated');
    expect(escalated).toEqual([expect.objectContaining({ title: `超时未打卡：3-1-301 ${RETURNEE.name}（下午）` })]);
    expect((await tasksOf(TEST_STAFF.leader.openid)).some((t) => t.kind === 'checkIn.escalated')).toBe(false);
    expect(outbox(TEST_STAFF.grid.openid, 'missedAlert')).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({ thing1: { value: '3号楼1人下午超时未打卡' }, time2: { value: '2026-11-22 21:00' } }),
      }),
    ]);
    const grid = await s.as(TEST_STAFF.grid.openid)('health', 'checkIn.gridBoard', { gridId: c.gridId });
    expect(grid).toMatchObject({
      ok: true,
      data: {
        buildings: [
          { buildingName: '3号楼', isolated: 1, slots: { am: { done: 1, complete: true }, pm: { missing: 1, complete: false } } },
        ],
        attention: [{ name: RETURNEE.name, reason: 'escalated', slot: 'pm' }],
      },
    });
  });

  it('the next morning 37.8 alerts the 楼道长, the grid worker and the care team at once; the household turns red', async () => {
    await s.setClock('2026-11-23T07:30:00+08:00');
    const res = await submit(RETURNEE.openid, { temperature: 37.8, symptoms: ['cough'] });
    expect(res).toMatchObject({
      ok: true,
      data: { day: '2026-11-23', slot: 'am', temperature: 37.8, abnormal: true, symptomLabels: ['咳嗽'] },
    });
    for (const who of [TEST_STAFF.leader.openid, TEST_STAFF.grid.openid, TEST_STAFF.volunteer.openid]) {
      const abnormal = (await tasksOf(who)).filter((t) => t.kind === 'checkIn.abnormal');
      expect(abnormal).toEqual([expect.objectContaining({ title: `异常打卡：3-1-301 ${RETURNEE.name} 37.8℃` })]);
      // Most urgent first.
      expect((await tasksOf(who))[0].kind).toBe('checkIn.abnormal');
      expect(outbox(who, 'abnormalAlert')).toEqual([
        expect.objectContaining({
          data: {
            name1: { value: RETURNEE.name },
            thing2: { value: '3-1-301 体温37.8℃' },
            thing3: { value: '咳嗽' },
            time4: { value: '2026-11-23 07:30' },
          },
        }),
      ]);
    }
    expect(await colourOf('3-1-301')).toBe('red');
    // Each consent was one message, as WeChat counts them: used up now.
    const left = await s.as(TEST_STAFF.leader.openid)('health', 'subscription.mine', {});
    expect(left.ok && left.data.find((t: { key: string }) => t.key === 'abnormalAlert')).toMatchObject({
      templateId: templateId('abnormalAlert'),
      remaining: 0,
    });
    const me = await s.as(RETURNEE.openid)('community', 'me.get', {});
    expect(me).toMatchObject({ ok: true, data: { households: [{ label: '3-1-301', riskColour: 'red' }] } });
  });

  it('the 楼道长 marks the alert handled: done for everyone, and the household is orange again', async () => {
    const [alert] = (await tasksOf(TEST_STAFF.leader.openid)).filter((t) => t.kind === 'checkIn.abnormal');
    expect(await s.as(NEIGHBOUR.openid)('health', 'tasks.done', { taskId: alert.taskId })).toMatchObject({
      ok: false,
      code: 'TASK.NOT_FOUND',
    });
    expect(
      await s.as(TEST_STAFF.leader.openid)('health', 'tasks.done', { taskId: alert.taskId, note: '已电话联系，社区医生上门复测' }),
    ).toMatchObject({
      ok: true,
      data: { status: 'done', doneBy: `楼道长 ${TEST_STAFF.leader.name}`, doneNote: '已电话联系，社区医生上门复测' },
    });
    expect((await tasksOf(TEST_STAFF.grid.openid)).some((t) => t.kind === 'checkIn.abnormal')).toBe(false);
    expect(await colourOf('3-1-301')).toBe('orange');
  });

  it('marking the household reachable again keeps the orange of the isolation', async () => {
    const leader = s.as(TEST_STAFF.leader.openid);
    expect(
      await leader('community', 'household.setReachability', { householdId: c.households['3-1-301'], reachable: false }),
    ).toMatchObject({ ok: true, data: { riskColour: 'orange' } });
    expect(await leader('community', 'household.setReachability', { householdId: c.households['3-1-301'], reachable: true })).toMatchObject(
      { ok: true, data: { riskColour: 'orange' } },
    );
  });

  it('the history has one point per slot for a small chart', async () => {
    const res = await s.as(RETURNEE.openid)('health', 'checkIn.history', { residentId: c.residents[RETURNEE.name] });
    expect(res).toMatchObject({
      ok: true,
      data: {
        isolation: { isolationId, startDay: '2026-11-22', endDay: '2026-12-05', progress: '隔离第 2 天 / 共 14 天' },
        points: [
          { day: '2026-11-22', slot: 'am', temperature: 36.5, abnormal: false },
          { day: '2026-11-23', slot: 'am', temperature: 37.8, abnormal: true, symptomLabels: ['咳嗽'] },
        ],
      },
    });
  });
});

describe('bad input and awkward times: a clear Chinese message, and nothing written', () => {
  beforeAll(async () => {
    await s.setClock('2026-11-23T09:00:00+08:00');
  });

  it.each([
    ['a temperature that is not a number', { temperature: 'abc' }, /^体温请填写数字，如 36\.5$/],
    ['99 °C', { temperature: 99 }, /^体温 99°C 不在 35\.0–42\.0°C 之间，请重新测量后填写$/],
    ['34.9 °C', { temperature: 34.9 }, /体温 34\.9°C 不在 35\.0–42\.0°C 之间/],
    ['42.1 °C', { temperature: 42.1 }, /体温 42\.1°C 不在 35\.0–42\.0°C 之间/],
    ['two decimals', { temperature: 36.55 }, /^体温只保留一位小数（如 36\.5），「36\.55」多了一位$/],
    ['no temperature', { temperature: undefined }, /体温请填写数字/],
    [
      'an unknown symptom',
      { symptoms: ['headache'] },
      /^症状「headache」不在可选范围内，可选：发热、咳嗽、乏力、咽痛、腹泻、嗅觉味觉减退、其他$/,
    ],
    ['the same symptom twice', { symptoms: ['cough', 'cough'] }, /症状有重复项/],
    ['「其他」 without saying what', { symptoms: ['other'] }, /请在备注里写明是什么症状/],
    ['a 201-character note', { note: '咳'.repeat(201) }, /备注最多 200 个字/],
    ['an openid in the payload', { openid: TEST_STAFF.leader.openid }, /不支持的字段「openid」/],
  ])('refuses %s', async (_what, data, message) => {
    const before = writes();
    expect(await submit(RETURNEE.openid, data)).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      message: expect.stringMatching(message),
    });
    expect(writes()).toBe(before);
  });

  it('refuses someone not under isolation, someone not in the caller’s household, someone unknown, and a missing request id', async () => {
    const before = writes();
    const forNeighbour = { residentId: c.residents[NEIGHBOUR.name] };
    expect(await submit(NEIGHBOUR.openid, forNeighbour)).toMatchObject({
      ok: false,
      code: 'CHECKIN.NOT_ISOLATED',
      message: `${NEIGHBOUR.name}现在不在居家隔离或健康监测中，不需要打卡`,
    });
    expect(await submit(NEIGHBOUR.openid, {})).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(await submit(RETURNEE.openid, { residentId: 'r_nobody' })).toMatchObject({ ok: false, code: 'RESIDENT.NOT_FOUND' });
    expect(
      await s.as(RETURNEE.openid)('health', 'checkIn.submit', { residentId: c.residents[RETURNEE.name], temperature: 36.5, symptoms: [] }),
    ).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      message: '缺少请求编号，请更新小程序后重试',
    });
    expect(writes()).toBe(before);
  });

  it('on someone’s behalf: staff must say how (door or phone); a resident cannot claim to be staff', async () => {
    const before = writes();
    expect(await submit(TEST_STAFF.leader.openid, {})).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      message: '代为打卡请选择方式：上门还是电话',
    });
    expect(await submit(RETURNEE.openid, { method: 'door' })).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
      message: '只有楼道长、网格员和社区工作人员可以代为打卡',
    });
    expect(await submit(TEST_STAFF.leader.openid, { method: 'fax' })).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      message: '代为打卡的方式不在可选范围内',
    });
    expect(writes()).toBe(before);
  });

  it('refuses isolations that cannot be right', async () => {
    const before = writes();
    const start = (data: Record<string, unknown>) =>
      s.as(TEST_STAFF.grid.openid)(
        'health',
        'isolation.start',
        { residentId: c.residents['周母'], kind: 'homeIsolation', reason: 'closeContact', ...data },
        requestId('bad'),
      );
    expect(await start({ days: 61 })).toMatchObject({ ok: false, code: 'INPUT.INVALID', message: '天数应在 1 到 60 之间' });
    expect(await start({ startDay: '2026-11-24' })).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      message: expect.stringContaining('开始日期不能晚于今天'),
    });
    expect(await start({ startDay: '2026-02-30' })).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      message: '开始日期请写成 2026-11-22 这样的日期',
    });
    expect(await start({ startDay: '2026-11-01', days: 14 })).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      message: '从 11月1日起 14 天，已于 11月14日结束，无需登记',
    });
    expect(await start({ reason: 'other' })).toMatchObject({ ok: false, code: 'INPUT.INVALID', message: '原因选了「其他」，请写明原因' });
    expect(await start({ kind: 'hotel' })).toMatchObject({ ok: false, code: 'INPUT.INVALID', message: '类型不在可选范围内' });
    const six = Array.from({ length: 6 }, (_, i) => ({ role: '志愿者', name: `志愿者${i}`, phone: `1390000000${i}` }));
    expect(await start({ careTeam: six })).toMatchObject({ ok: false, code: 'INPUT.INVALID', message: '「五包一」人员最多 5 项' });
    expect(await start({ careTeam: [{ role: '医生', name: '王', phone: '123' }] })).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      message: '「五包一」职责不在可选范围内',
    });
    expect(await start({ residentId: 'r_nobody' })).toMatchObject({ ok: false, code: 'RESIDENT.NOT_FOUND' });
    expect(
      await s.as(TEST_STAFF.leader.openid)('health', 'checkIn.leaderBoard', { buildingId: c.buildings['3号楼'], day: '2026-11-24' }),
    ).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      message: '还没到这一天，不能查看',
    });
    expect(await s.as(TEST_STAFF.leader.openid)('health', 'checkIn.leaderBoard', { buildingId: c.buildings['4号楼'] })).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    expect(await s.as(TEST_STAFF.leader.openid)('health', 'checkIn.gridBoard', { gridId: c.gridId })).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    expect(writes()).toBe(before);
  });

  it('12:00 Shanghai is after the morning window: refused, saying when the afternoon opens', async () => {
    await s.setClock('2026-11-23T12:00:00+08:00');
    const before = writes();
    expect(await submit(RETURNEE.openid, {})).toMatchObject({
      ok: false,
      code: 'CHECKIN.OUTSIDE_WINDOW',
      message: '现在不在打卡时间，下一次打卡 14:00 开始',
    });
    expect(writes()).toBe(before);
  });
});

describe('on someone’s behalf, replacing, releasing, extending, ending', () => {
  let qianIsolation = '';
  const QIAN = { openid: 'o-qian', name: '钱监测' };

  it('12:10 home monitoring for 钱监测 turns 4-1-101 yellow; the morning that was over is not expected of them', async () => {
    await s.setClock('2026-11-23T12:10:00+08:00');
    const res = await s.as(TEST_STAFF.grid.openid)(
      'health',
      'isolation.start',
      { residentId: c.residents[QIAN.name], kind: 'homeMonitoring', days: 7, reason: 'secondaryContact' },
      requestId('qian'),
    );
    expect(res).toMatchObject({
      ok: true,
      data: { kindLabel: '居家健康监测', endDay: '2026-11-29', progress: '健康监测第 1 天 / 共 7 天' },
    });
    if (res.ok) qianIsolation = res.data.isolationId;
    expect(await colourOf('4-1-101')).toBe('yellow');
    expect(await s.as(QIAN.openid)('health', 'isolation.mine', {})).toMatchObject({
      ok: true,
      data: [{ today: { am: { state: 'notExpected' }, pm: { state: 'upcoming' } } }],
    });
  });

  it('21:30 the grid worker records a missed check-in after a phone call: late, marked, and it is not escalated at 23:00', async () => {
    await s.setClock('2026-11-23T21:30:00+08:00');
    expect(await submit(QIAN.openid, { residentId: c.residents[QIAN.name] })).toMatchObject({ ok: false, code: 'CHECKIN.OUTSIDE_WINDOW' });
    // The 楼道长 of 3号楼 has no business in 4号楼.
    expect(await submit(TEST_STAFF.leader.openid, { residentId: c.residents[QIAN.name], method: 'phone' })).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    // The grid worker allowed one more 未打卡 message in the app, but WeChat did not record it (say, switched off in settings).
    await s.as(TEST_STAFF.grid.openid)(
      'health',
      'subscription.record',
      { templateIds: [templateId('missedAlert')], accepted: [templateId('missedAlert')] },
      requestId('sub'),
    );
    const late = await submit(TEST_STAFF.grid.openid, { residentId: c.residents[QIAN.name], temperature: 36.8, method: 'phone' });
    expect(late).toMatchObject({
      ok: true,
      data: { day: '2026-11-23', slot: 'pm', late: true, by: 'leader', method: 'phone', byName: `网格员 ${TEST_STAFF.grid.name}` },
    });
    // Their 「未打卡」 item is resolved by the record itself.
    const missed = (await s.sdk.database().collection('tasks').where({ kind: 'checkIn.missed', communityId: C.id }).get()).data.filter(
      (t: { subject: { residentId: string } }) => t.subject.residentId === c.residents[QIAN.name],
    );
    expect(missed).toEqual([
      expect.objectContaining({ status: 'done', doneByName: `网格员 ${TEST_STAFF.grid.name}`, doneNote: '已电话确认并补录打卡' }),
    ]);
    // The grid board lists the evening's missing from that run's items, less whoever checked in since: not 钱监测.
    const board = await s.as(TEST_STAFF.grid.openid)('health', 'checkIn.gridBoard', { gridId: c.gridId });
    const listed = board.ok ? board.data.attention.map((a: { name: string; slot: string }) => `${a.name} ${a.slot}`) : [];
    expect(listed).toContain(`${RETURNEE.name} pm`);
    expect(listed).not.toContain(`${QIAN.name} pm`);
    await s.setClock('2026-11-23T23:00:00+08:00');
    const escalated = (await tasksOf(TEST_STAFF.grid.openid)).filter(
      (t) => t.kind === 'checkIn.escalated' && t.subject.day === '2026-11-23',
    );
    expect(escalated.map((t) => t.subject.residentId)).toEqual([c.residents[RETURNEE.name]]);
    // WeChat refused (43101): no second message, and our record now agrees with WeChat's.
    expect(outbox(TEST_STAFF.grid.openid, 'missedAlert')).toHaveLength(1);
    const left = await s.as(TEST_STAFF.grid.openid)('health', 'subscription.mine', {});
    expect(left.ok && left.data.find((t: { key: string }) => t.key === 'missedAlert').remaining).toBe(0);
  });

  it('a second check-in in the same slot replaces the first, which is kept', async () => {
    await s.setClock('2026-11-24T07:00:00+08:00');
    const first = await submit(QIAN.openid, { residentId: c.residents[QIAN.name], temperature: 36.6 });
    const second = await submit(QIAN.openid, { residentId: c.residents[QIAN.name], temperature: 36.7 });
    expect(first).toMatchObject({ ok: true, data: { revision: 1 } });
    expect(second).toMatchObject({ ok: true, data: { revision: 2, checkInId: first.ok && first.data.checkInId, temperature: 36.7 } });
    const kept = (
      await s.sdk
        .database()
        .collection('checkIns')
        .where({ communityId: C.id, residentId: c.residents[QIAN.name], day: '2026-11-24' })
        .get()
    ).data;
    expect(
      kept
        .map((k: { temperature: number; status: string; supersededBy?: string }) => [k.temperature, k.status, k.supersededBy ?? null])
        .sort(),
    ).toEqual([
      [36.6, 'superseded', first.ok && first.data.checkInId],
      [36.7, 'current', null],
    ]);
    const history = await s.as(QIAN.openid)('health', 'checkIn.history', { residentId: c.residents[QIAN.name] });
    expect(
      history.ok && history.data.points.map((p: { day: string; slot: string; temperature: number }) => [p.day, p.slot, p.temperature]),
    ).toEqual([
      ['2026-11-23', 'pm', 36.8],
      ['2026-11-24', 'am', 36.7],
    ]);
  });

  it('two different submits at the same moment: one after the other, never two that count', async () => {
    const qian = { residentId: c.residents[QIAN.name] };
    const [a, b] = await Promise.all([
      submit(QIAN.openid, { ...qian, temperature: 36.4 }),
      submit(TEST_STAFF.grid.openid, { ...qian, temperature: 36.5, method: 'door' }),
    ]);
    expect(a.ok && b.ok).toBe(true);
    expect([a.ok && a.data.revision, b.ok && b.data.revision].sort()).toEqual([3, 4]);
    const kept = (
      await s.sdk
        .database()
        .collection('checkIns')
        .where({ communityId: C.id, residentId: c.residents[QIAN.name], day: '2026-11-24', slot: 'am' })
        .get()
    ).data;
    expect(kept.filter((k: { status: string }) => k.status === 'current')).toHaveLength(1);
    expect(kept.map((k: { revision: number }) => k.revision).sort()).toEqual([1, 2, 3, 4]);
    // The same submit twice at once (a double tap on a bad network): one effect.
    const req = requestId('tap');
    const [x, y] = await Promise.all([
      submit(QIAN.openid, { ...qian, temperature: 36.6 }, req),
      submit(QIAN.openid, { ...qian, temperature: 36.6 }, req),
    ]);
    expect(x.ok && y.ok && x.data.revision === y.data.revision).toBe(true);
    expect(
      (
        await s.sdk
          .database()
          .collection('checkIns')
          .where({ communityId: C.id, residentId: c.residents[QIAN.name], day: '2026-11-24', slot: 'am' })
          .get()
      ).data,
    ).toHaveLength(5);
  });

  it('a consent recorded twice by the same request counts once; a refusal adds none', async () => {
    const ids = [templateId('checkInReminder'), templateId('abnormalAlert')];
    const req = requestId('sub');
    const record = () => s.as(QIAN.openid)('health', 'subscription.record', { templateIds: ids, accepted: [ids[0]] }, req);
    await record();
    const again = await record();
    // Other features add templates of their own to the list; these are the ones this prompt touched.
    expect(again).toMatchObject({
      ok: true,
      data: expect.arrayContaining([
        expect.objectContaining({ key: 'checkInReminder', remaining: 1 }),
        expect.objectContaining({ key: 'abnormalAlert', remaining: 0 }),
        expect.objectContaining({ key: 'missedAlert', remaining: 0 }),
      ]),
    });
    expect(
      await s.as(QIAN.openid)('health', 'subscription.record', { templateIds: ['tmpl-unknown'], accepted: [] }, requestId('sub')),
    ).toMatchObject({ ok: false, code: 'INPUT.INVALID', message: '有不认识的消息模板，请更新小程序后重试' });
    expect(
      await s.as(QIAN.openid)('health', 'subscription.record', { templateIds: [ids[0]], accepted: [ids[1]] }, requestId('sub')),
    ).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
  });

  it('07:59:30 Shanghai is 23:59:30 UTC the day before: the check-in belongs to Shanghai’s day', async () => {
    await s.setClock('2026-11-23T23:59:30Z');
    expect(await submit(RETURNEE.openid, { temperature: 36.6 })).toMatchObject({ ok: true, data: { day: '2026-11-24', slot: 'am' } });
  });

  it('05:59 Shanghai (21:59 UTC) is before the morning window: refused, nothing written', async () => {
    await s.setClock('2026-11-25T05:59:00+08:00');
    const before = writes();
    expect(await submit(RETURNEE.openid, {})).toMatchObject({
      ok: false,
      code: 'CHECKIN.OUTSIDE_WINDOW',
      message: '现在不在打卡时间，下一次打卡 06:00 开始',
    });
    expect(writes()).toBe(before);
  });

  it('releasing early: with a reason, kept in the history, the colour follows, and no more check-ins', async () => {
    await s.setClock('2026-11-25T09:00:00+08:00');
    const grid = s.as(TEST_STAFF.grid.openid);
    const released = await grid('health', 'isolation.release', { isolationId: qianIsolation, reason: '核酸阴性，经评估提前解除' });
    expect(released).toMatchObject({
      ok: true,
      data: {
        status: 'released',
        progress: '健康监测已提前解除',
        releaseReason: '核酸阴性，经评估提前解除',
        history: [{ kind: 'started' }, { kind: 'released', note: '核酸阴性，经评估提前解除' }],
      },
    });
    expect(await grid('health', 'isolation.release', { isolationId: qianIsolation, reason: '再来一次' })).toMatchObject({
      ok: true,
      data: { releaseReason: '核酸阴性，经评估提前解除' },
    });
    expect(await colourOf('4-1-101')).toBe('green');
    expect(await submit(QIAN.openid, { residentId: c.residents[QIAN.name] })).toMatchObject({ ok: false, code: 'CHECKIN.NOT_ISOLATED' });
    expect(await grid('health', 'isolation.extend', { isolationId: qianIsolation, addDays: 3 }, requestId('ext'))).toMatchObject({
      ok: false,
      code: 'ISOLATION.NOT_ACTIVE',
    });
  });

  it('extending: once per request, shown to the resident', async () => {
    const grid = s.as(TEST_STAFF.grid.openid);
    const list = await grid('health', 'isolation.list', { communityId: C.id, gridId: c.gridId });
    expect(list).toMatchObject({
      ok: true,
      data: { items: [{ name: RETURNEE.name, progress: '隔离第 4 天 / 共 14 天' }], nextCursor: null },
    });
    const id = list.ok ? list.data.items[0].isolationId : '';
    const req = requestId('ext');
    await grid('health', 'isolation.extend', { isolationId: id, addDays: 7, note: '出现发热，延长观察' }, req);
    const again = await grid('health', 'isolation.extend', { isolationId: id, addDays: 7, note: '出现发热，延长观察' }, req);
    expect(again).toMatchObject({ ok: true, data: { days: 21, endDay: '2026-12-12', progress: '隔离第 4 天 / 共 21 天' } });
    expect(again.ok && again.data.history.map((h: { kind: string }) => h.kind)).toEqual(['started', 'extended']);
    expect(await s.as(RETURNEE.openid)('health', 'isolation.mine', {})).toMatchObject({
      ok: true,
      data: [{ endDay: '2026-12-12', progress: '隔离第 4 天 / 共 21 天' }],
    });
    expect(await grid('health', 'isolation.list', { communityId: C.id, gridId: c.gridId, status: 'released' })).toMatchObject({
      ok: true,
      data: { items: [{ name: '钱监测', status: 'released' }] },
    });
  });

  it('after its last day the daily timer ends it: history says so, the household is green, the resident sees nothing to do', async () => {
    s.cloud.clock.set(Date.parse('2026-12-13T00:05:00+08:00'));
    const fired = await (await fetch(`${s.cloud.url}/triggers/health/isolationDaily`, { method: 'POST' })).json();
    expect(fired).toMatchObject({ ok: true });
    const list = await s.as(TEST_STAFF.grid.openid)('health', 'isolation.list', { communityId: C.id, gridId: c.gridId, status: 'ended' });
    expect(list).toMatchObject({
      ok: true,
      data: { items: [{ name: RETURNEE.name, status: 'ended', progress: '隔离已于 12月12日结束' }] },
    });
    const id = list.ok ? list.data.items[0].isolationId : '';
    const view = await s.as(TEST_STAFF.leader.openid)('health', 'isolation.get', { isolationId: id });
    expect(view.ok && view.data.history.at(-1)).toMatchObject({ kind: 'ended', by: '系统' });
    expect(await colourOf('3-1-301')).toBe('green');
    expect(await s.as(RETURNEE.openid)('health', 'isolation.mine', {})).toEqual({ ok: true, data: [] });
    const stored = (await s.sdk.database().collection('residents').where({ _id: c.residents[RETURNEE.name] }).get()).data[0];
    expect(stored.isolationId).toBeUndefined();
  });
});

describe('a community’s own check-in windows', () => {
  const windows = { am: { start: '07:00', end: '10:00' }, pm: { start: '15:00', end: '20:00' } };

  it('the admin sets them; others may not; bad ones are refused with nothing written', async () => {
    const before = writes();
    expect(await s.as(TEST_STAFF.grid.openid)('health', 'checkIn.setWindows', { communityId: C.id, windows })).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    expect(
      await s.as('o-admin')('health', 'checkIn.setWindows', {
        communityId: C.id,
        windows: { ...windows, am: { start: '07:05', end: '10:00' } },
      }),
    ).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      message: '上午打卡时间请取整 10 分钟（如 06:00、06:10），按时提醒才准',
      fields: { 'windows.am': expect.any(String) },
    });
    expect(writes()).toBe(before);
    s.cloud.clock.set(Date.parse('2026-12-13T10:30:00+08:00'));
    expect(await s.as('o-admin')('health', 'checkIn.setWindows', { communityId: C.id, windows })).toMatchObject({
      ok: true,
      data: { windows, openSlot: null, nextOpening: '15:00' },
    });
  });

  it('check-ins follow them at once', async () => {
    expect(await submit(RETURNEE.openid, {})).toMatchObject({
      ok: false,
      code: 'CHECKIN.OUTSIDE_WINDOW',
      message: '现在不在打卡时间，下一次打卡 15:00 开始',
    });
    s.cloud.clock.set(Date.parse('2026-12-13T09:00:00+08:00'));
    // Inside the new morning window; the isolation has ended, so there is nothing to check in.
    expect(await submit(RETURNEE.openid, {})).toMatchObject({ ok: false, code: 'CHECKIN.NOT_ISOLATED' });
  });
});

describe('indexes', () => {
  it('every query above was served by a declared index (the emulator warns otherwise)', () => {
    expect(s.cloud.logs.filter((l) => l.includes('WARN query on'))).toEqual([]);
  });
});
