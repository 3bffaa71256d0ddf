/** Pure presenters of 求助 and 我的待办, over captured answers: steps per state, rows, the form's checks, routes, badges. */
import {
  emptyHelpForm,
  responseTimesProblem,
  stepsOf,
  toHelpDetail,
  toHelpInput,
  toResponseTimesForm,
  validateHelp,
  withCategory,
} from '../../../miniprogram/presenters/help';
import { badgeText, staffReminders, toTaskBadge, toTaskRow } from '../../../miniprogram/presenters/tasks';
import { countsGrid, helpAsLeader, helpResolved, helpUrgentCreated, subscriptionsStaff, tasksGridWithHelp } from '../fixtures/help';

describe('求助 steps', () => {
  it('open → waiting for someone, with when it climbs; resolved → who took it and what was done; cancelled → not taken', () => {
    expect(stepsOf(helpUrgentCreated).map((s) => [s.title, s.state, s.note])).toEqual([
      ['已提交', 'done', '11月22日 16:05'],
      ['等待接单', 'current', '已通知楼道长，16:15 前无人接单将继续上报'],
      ['解决', 'waiting', ''],
    ]);
    expect(stepsOf(helpResolved).map((s) => [s.title, s.state])).toEqual([
      ['已提交', 'done'],
      ['已接单', 'done'],
      ['已解决', 'done'],
    ]);
    const cancelled = {
      ...helpAsLeader,
      status: 'cancelled' as const,
      cancelledAt: '2026-11-22T08:10:00.000Z',
      cancelReason: '邻居帮忙买到了',
      actions: [],
    };
    expect(stepsOf(cancelled).map((s) => [s.title, s.state, s.note])).toEqual([
      ['已提交', 'done', '11月22日 15:25'],
      ['接单', 'skipped', '未接单'],
      ['已取消', 'done', '16:10 邻居帮忙买到了'],
    ]);
  });

  it('who was told: pushed or only the to-do item; urgent while open; staff actions from the answer', () => {
    const d = toHelpDetail(helpUrgentCreated);
    expect(d.alerts.map((a) => `${a.time} ${a.who} ${a.how}`)).toEqual([
      '16:05 楼道长 张建国 待办',
      '16:05 网格员 刘芳 待办',
      '16:05 社区管理员 赵敏 待办',
    ]);
    expect(d).toMatchObject({ urgent: true, canAccept: false, canCancel: true, title: '紧急求助 · 3-1-301' });
    expect(toHelpDetail(helpAsLeader)).toMatchObject({ canAccept: true, canResolve: false, canCancel: true });
    expect(toHelpDetail(helpResolved).history.at(-1)?.text).toBe('志愿者 陈志强 已解决：药已买到，放在门口，已电话告知');
  });
});

describe('求助 form', () => {
  it('names what is missing; 紧急求助 picks 危及生命 unless chosen; the input is trimmed', () => {
    expect(validateHelp(emptyHelpForm())).toEqual({
      householdId: '请选择为哪一户求助',
      category: '请选择求助类型',
      urgency: '请选择紧急程度',
      description: '请写明需要什么帮助',
    });
    const sos = withCategory(emptyHelpForm('h1'), '紧急求助');
    expect(sos.urgency).toBe('1');
    expect(withCategory({ ...emptyHelpForm('h1'), urgency: '3' }, '紧急求助').urgency).toBe('3');
    expect(validateHelp({ ...sos, description: '帮'.repeat(501) }).description).toBe('情况说明最多 500 个字，现在有 501 个字');
    expect(toHelpInput({ ...sos, description: '  头晕  ' }, [])).toEqual({
      householdId: 'h1',
      category: '紧急求助',
      flags: [],
      urgency: 1,
      description: '头晕',
    });
  });
});

describe('我的待办', () => {
  it('routes: help items to their detail, done there; a kind without a route is shown and ticked off here', () => {
    const help = toTaskRow(tasksGridWithHelp.items[1]);
    expect(help).toMatchObject({
      doneThere: true,
      urgent: true,
      url: `/pages/help-detail/index?helpRequestId=${tasksGridWithHelp.items[1].subject.helpRequestId}`,
    });
    const unknown = toTaskRow({ ...tasksGridWithHelp.items[1], kind: 'no.such.kind' as never });
    expect(unknown).toMatchObject({ url: '', doneThere: false });
  });

  it('badges and reminders', () => {
    expect([badgeText(0), badgeText(7), badgeText(120)]).toEqual(['', '7', '99+']);
    expect(toTaskBadge(countsGrid)).toEqual({ show: true, count: '2', description: '2 件待办，其中 2 件紧急', urgent: true });
    expect(staffReminders(subscriptionsStaff)).toEqual({
      templateIds: ['local-help-alert', 'local-abnormal-alert', 'local-missed-alert'],
      text: '还没有开启微信提醒：有紧急求助、异常打卡时，只能在这里看到',
      empty: true,
    });
  });
});

describe('求助升级时间', () => {
  it('offers the usual choices and keeps an unusual current value among them; urgent may not wait longer', () => {
    const f = toResponseTimesForm({ urgentMinutes: 7, otherMinutes: 120 });
    expect(f.urgentOptions.map((o) => o.label)).toEqual(['5 分钟', '7 分钟', '10 分钟', '15 分钟', '30 分钟']);
    expect(f.otherOptions.map((o) => o.label)).toEqual(['30 分钟', '1 小时', '2 小时', '4 小时']);
    expect(f).toMatchObject({ urgent: '7', other: '120' });
    expect(responseTimesProblem(30, 20)).toBe('危及生命的求助应当比其他求助更早升级');
    expect(responseTimesProblem(10, 10)).toBe('');
  });
});
