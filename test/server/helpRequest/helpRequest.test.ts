/** 求助, pure: the state machine for every state × command, the ladder and its clock, who is told, the items, the views. */
import { checkTemplateData } from '../../../emulator/openapi/keywords';
import { verdictOf } from '../../../server/contentSafety/contentSafety';
import { helpAlertMessage } from '../../../server/helpRequest/alerts';
import { TEMPLATES } from '../../../server/notifications/templates';
import {
  actionsFor,
  creationAudience,
  DEFAULT_RESPONSE_TIMES,
  helpView,
  isDue,
  newHelpRequest,
  responseTimesOf,
  transition,
  type HelpCommand,
  type HelpRequest,
} from '../../../server/helpRequest/helpRequest';
import { acceptedTaskChange, allTaskIds, escalatedTask, openTask } from '../../../server/helpRequest/helpTasks';
import { AppError } from '../../../server/platform/errors';
import type { HelpStatus } from '../../../typings/contract/help';

const at = (hhmm: string) => new Date(`2026-11-22T${hhmm}:00+08:00`);
const LEADER = { openid: 'o-leader', name: '楼道长 张建国' };
const GRID = { openid: 'o-grid', name: '网格员 刘芳' };

function request(urgency: 1 | 2 | 3 | 4 = 1, createdAt = new Date('2026-11-22T02:00:37+08:00')): HelpRequest {
  return newHelpRequest({
    _id: 'help_1',
    household: { _id: 'h1', communityId: 'c1', gridId: 'g1', buildingId: 'b3', buildingName: '3号楼', label: '3-1-301' },
    category: '就医',
    flags: ['独居老人', '独居老人', '慢性病'],
    urgency,
    description: '老人胸口疼',
    photos: [],
    requestedByOpenid: 'o-wang',
    requestedBy: '王秀英',
    contacts: [{ name: '王秀英', relation: '本人', phone: '13900000001' }],
    contentUnchecked: false,
    at: createdAt,
    times: DEFAULT_RESPONSE_TIMES,
  });
}

function inState(status: HelpStatus): HelpRequest {
  const r = request();
  if (status === 'open') return r;
  const accepted = transition(r, { kind: 'accept', by: LEADER }, at('02:05'));
  if (status === 'accepted') return accepted;
  if (status === 'resolved') return transition(accepted, { kind: 'resolve', by: LEADER, note: '已送医' }, at('02:30'));
  return transition(r, { kind: 'cancel', by: { openid: 'o-wang', name: '王秀英' }, reason: '不需要了' }, at('02:03'));
}

const escalate: HelpCommand = { kind: 'escalate', times: DEFAULT_RESPONSE_TIMES };

function outcome(r: HelpRequest, cmd: HelpCommand): string {
  try {
    const next = transition(r, cmd, at('02:40'));
    return next === r ? 'unchanged' : next.status === r.status ? `${r.status} (${next.level})` : next.status;
  } catch (err) {
    return (err as AppError).code;
  }
}

describe('the state machine', () => {
  // Every state × every command, with the same staff member (a repeat) and a different one (a competitor).
  const table: [HelpStatus, HelpCommand, string][] = [
    ['open', { kind: 'accept', by: LEADER }, 'accepted'],
    ['open', { kind: 'resolve', by: LEADER, note: '已送医' }, 'HELP.NOT_ACCEPTED'],
    ['open', { kind: 'cancel', by: LEADER, reason: '重复提交' }, 'cancelled'],
    ['open', escalate, 'open (gridWorker)'],
    ['accepted', { kind: 'accept', by: LEADER }, 'unchanged'],
    ['accepted', { kind: 'accept', by: GRID }, 'HELP.ALREADY_TAKEN'],
    ['accepted', { kind: 'resolve', by: LEADER, note: '已送医' }, 'resolved'],
    ['accepted', { kind: 'resolve', by: GRID, note: '已送医' }, 'resolved'],
    ['accepted', { kind: 'cancel', by: LEADER, reason: '家属已到' }, 'cancelled'],
    ['accepted', escalate, 'HELP.NOT_ESCALATABLE'],
    ['resolved', { kind: 'accept', by: LEADER }, 'HELP.CLOSED'],
    ['resolved', { kind: 'resolve', by: LEADER, note: '已送医' }, 'unchanged'],
    ['resolved', { kind: 'resolve', by: LEADER, note: '另一个结果' }, 'HELP.CLOSED'],
    ['resolved', { kind: 'cancel', by: LEADER }, 'HELP.CLOSED'],
    ['resolved', escalate, 'HELP.NOT_ESCALATABLE'],
    ['cancelled', { kind: 'accept', by: LEADER }, 'HELP.CLOSED'],
    ['cancelled', { kind: 'resolve', by: LEADER, note: '已送医' }, 'HELP.CLOSED'],
    ['cancelled', { kind: 'cancel', by: LEADER }, 'unchanged'],
    ['cancelled', escalate, 'HELP.NOT_ESCALATABLE'],
  ];

  it.each(table)('%s + %o → %s', (status, cmd, expected) => {
    expect(outcome(inState(status), cmd)).toBe(expected);
  });

  it('covers every state and every command', () => {
    const states: HelpStatus[] = ['open', 'accepted', 'resolved', 'cancelled'];
    for (const s of states)
      for (const k of ['accept', 'resolve', 'cancel', 'escalate']) expect(table.some(([st, c]) => st === s && c.kind === k)).toBe(true);
  });

  it('tells the second taker who took it and when', () => {
    expect(() => transition(inState('accepted'), { kind: 'accept', by: GRID }, at('02:06'))).toThrow(
      new AppError('HELP.ALREADY_TAKEN', '这条求助已由楼道长 张建国于 02:05 接单，无需重复处理'),
    );
  });

  it('every change bumps the version and adds one history line; accepting stops the clock', () => {
    const r = request();
    const accepted = transition(r, { kind: 'accept', by: LEADER }, at('02:05'));
    expect(accepted).toMatchObject({ version: 2, status: 'accepted', acceptedBy: '楼道长 张建国', escalatesAt: null });
    expect(accepted.history.map((e) => e.kind)).toEqual(['created', 'accepted']);
    expect(r.status).toBe('open'); // the input is not changed
    const resolved = transition(accepted, { kind: 'resolve', by: GRID, note: '已送医' }, at('02:30'));
    expect(resolved.history.at(-1)).toEqual({ at: at('02:30'), kind: 'resolved', by: '网格员 刘芳', note: '已送医' });
    expect(resolved.version).toBe(3);
  });
});

describe('the ladder', () => {
  it('urgency 1: 10 minutes a level on whole minutes, 楼道长 → 网格员 → 社区管理员, then no further', () => {
    const r = request(1);
    expect(r.escalatesAt).toEqual(at('02:10'));
    expect(isDue(r, new Date('2026-11-22T02:09:59+08:00'))).toBe(false);
    expect(isDue(r, at('02:10'))).toBe(true);
    const grid = transition(r, escalate, at('02:10'));
    expect(grid).toMatchObject({ level: 'gridWorker', escalatesAt: at('02:20') });
    expect(grid.history.at(-1)).toEqual({ at: at('02:10'), kind: 'escalated', by: '系统', note: '无人接单，已升级至网格员 02:10' });
    const admin = transition(grid, escalate, at('02:20'));
    expect(admin).toMatchObject({ level: 'communityAdmin', escalatesAt: null });
    expect(isDue(admin, at('09:00'))).toBe(false);
    expect(() => transition(admin, escalate, at('02:30'))).toThrow('这条求助无需升级');
  });

  it('the time shown is the time the timer (every 5 minutes) will climb it: asked 02:03, 10 minutes → 02:15', () => {
    expect(request(1, new Date('2026-11-22T02:03:20+08:00')).escalatesAt).toEqual(at('02:15'));
    expect(request(1, new Date('2026-11-22T02:05:59+08:00')).escalatesAt).toEqual(at('02:15'));
    const grid = transition(request(1, new Date('2026-11-22T02:03:20+08:00')), escalate, at('02:15'));
    expect(grid.escalatesAt).toEqual(at('02:25'));
  });

  it('urgency 2–4: two hours by default, per community when set; nonsense settings fall back', () => {
    expect(request(3).escalatesAt).toEqual(at('04:00'));
    expect(responseTimesOf({ helpResponseTimes: { urgentMinutes: 5, otherMinutes: 30 } })).toEqual({ urgentMinutes: 5, otherMinutes: 30 });
    expect(responseTimesOf({ helpResponseTimes: { urgentMinutes: -1, otherMinutes: 1.5 } })).toEqual(DEFAULT_RESPONSE_TIMES);
    expect(responseTimesOf(undefined)).toEqual(DEFAULT_RESPONSE_TIMES);
  });

  it('urgency 1 reaches the whole ladder at once; the rest the building’s 楼道长 and volunteers', () => {
    expect(creationAudience(request(1))).toEqual([
      { role: 'buildingLeader', scopeId: 'b3' },
      { role: 'gridWorker', scopeId: 'g1' },
      { role: 'communityAdmin', scopeId: 'c1' },
    ]);
    expect(creationAudience(request(2))).toEqual([
      { role: 'buildingLeader', scopeId: 'b3' },
      { role: 'volunteer', scopeId: 'b3' },
    ]);
  });
});

describe('to-do items', () => {
  it('the request: priority from its urgency, the deadline in words; once taken, the taker’s own', () => {
    const t = openTask(request(1));
    expect(t).toMatchObject({
      kind: 'help.open',
      priority: 1,
      title: '求助（危及生命）：3-1-301 就医',
      detail: '独居老人、慢性病 · 老人胸口疼。02:10 前无人接单将上报网格员。请接单后电话联系。',
      seenBy: ['buildingLeader:b3', 'gridWorker:g1', 'communityAdmin:c1'],
      subject: { helpRequestId: 'help_1' },
      dueAt: at('02:10'),
    });
    expect(openTask(request(4)).priority).toBe(4);
    const atTop = transition(transition(request(1), escalate, at('02:10')), escalate, at('02:20'));
    expect(openTask(atTop).detail).toBe('独居老人、慢性病 · 老人胸口疼。请接单后电话联系。');
    const accepted = transition(request(1), { kind: 'accept', by: LEADER }, at('02:05'));
    expect(acceptedTaskChange(accepted)).toMatchObject({ seenBy: ['openid:o-leader'], title: '待解决（危及生命）：3-1-301 就医' });
  });

  it('an escalation: to the level reached, one step more urgent, one item per level', () => {
    const grid = transition(request(3), escalate, at('04:00'));
    const t = escalatedTask(grid, at('04:00'));
    expect(t).toMatchObject({
      kind: 'help.escalated',
      priority: 2,
      seenBy: ['gridWorker:g1'],
      title: '求助无人接单，已升级至网格员：3-1-301 就医',
    });
    expect(t.detail).toContain('02:00 提出（尽快），2 小时无人接单');
    expect(allTaskIds('help_1')).toContain(t._id);
    expect(escalatedTask(request(1), at('02:10')).priority).toBe(1);
  });
});

describe('views', () => {
  it('staff see phones and may accept; the household may cancel; nobody acts on a closed request', () => {
    const staff = helpView(request(), { staff: true, canCancel: true });
    expect(staff).toMatchObject({
      urgencyLabel: '危及生命',
      statusLabel: '等待接单',
      levelLabel: '楼道长',
      flags: ['独居老人', '慢性病'],
      actions: ['accept', 'cancel'],
    });
    expect(staff.contacts).toHaveLength(1);
    expect(helpView(request(), { staff: false, canCancel: true })).toMatchObject({ contacts: [], actions: ['cancel'] });
    expect(actionsFor({ status: 'accepted' }, { staff: true, canCancel: false })).toEqual(['resolve']);
    expect(actionsFor({ status: 'resolved' }, { staff: true, canCancel: true })).toEqual([]);
    expect(helpView(inState('accepted'), { staff: false, canCancel: true }).escalatesAt).toBeUndefined();
  });
});

describe('content check verdicts', () => {
  it('risky blocks with the label in words; review passes; an odd answer is "unavailable"', () => {
    expect(verdictOf({ errCode: 0, result: { suggest: 'risky', label: 20006 } })).toEqual({
      kind: 'rejected',
      label: 20006,
      reason: '违法犯罪',
    });
    expect(verdictOf({ errCode: 0, result: { suggest: 'review', label: 10001 } })).toEqual({ kind: 'pass' });
    expect(verdictOf({ errCode: 0, result: { suggest: 'pass', label: 100 } })).toEqual({ kind: 'pass' });
    expect(verdictOf({ errCode: 0 })).toEqual({ kind: 'unavailable' });
    expect(verdictOf(null)).toEqual({ kind: 'unavailable' });
  });
});

describe('the alert message', () => {
  it('fits WeChat’s keyword limits however long the description; says why it was sent', () => {
    const long = { ...request(1), description: '老人胸口疼，喘不上气，嘴唇发紫，家里没有别人，女儿在外地赶不回来' };
    const m = helpAlertMessage(long, 'created');
    expect(m.data).toEqual({
      thing1: { value: '3-1-301 就医' },
      thing2: { value: '独居老人、慢性病：老人胸口疼，喘不上气…' },
      time3: { value: '2026-11-22 02:00' },
      thing4: { value: '危及生命，请立即接单' },
    });
    expect(checkTemplateData(m.data, TEMPLATES.helpAlert.keywords)).toBeNull();
    const climbed = transition(request(3), escalate, at('04:00'));
    expect(helpAlertMessage(climbed, 'escalated').data.thing4).toEqual({ value: '无人接单，已升级至网格员' });
    expect(helpAlertMessage(request(2), 'created').data.thing4).toEqual({ value: '紧急，请尽快接单' });
  });
});
