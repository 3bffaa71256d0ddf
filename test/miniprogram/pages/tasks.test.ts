/** 我的待办 (staff): most urgent first, urgency in words, marked done once even when the answer is lost. */
import { meGrid } from '../fixtures/community';
import { taskDone, tasksGrid } from '../fixtures/health';
import { subscriptionsStaff, subscriptionsStaffRecorded, tasksGridWithHelp } from '../fixtures/help';
import { FakeWx, renderPage, waitFor, type Rendered } from '../harness/render';

const PAGE = 'pages/tasks/index';

let page: Rendered | undefined;
afterEach(() => page?.detach());

describe('我的待办', () => {
  it('lists the items with urgency in words and marks one done, retrying a lost answer with the same request id', async () => {
    const wx = new FakeWx()
      .ok('health', 'tasks.listMine', tasksGrid)
      .ok('health', 'tasks.done', taskDone)
      .loseAnswer('health', 'tasks.done');
    page = renderPage(PAGE, { wx });
    await waitFor(() => page!.instance.data.status === 'ready');
    expect(wx.callsTo('health', 'tasks.listMine').map((c) => c.data)).toEqual([{}]);

    const items = page.instance.data.items;
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({
      title: '异常打卡：3-1-101 刘欣怡 37.9℃',
      urgency: '紧急',
      urgent: true,
      meta: '11月21日 15:34 提出 · 待处理',
      done: false,
    });
    expect(page.textOf('.page-state')).toContain('紧急');

    await page.tap('.task-done >>> .t-button');
    await waitFor(() => wx.toasts.some((t) => t.title === '网络不给力，请检查网络后重试'));
    await waitFor(() => page!.instance.data.busyId === '');
    await page.tap('.task-done >>> .t-button');
    await waitFor(() => page!.instance.data.items[0].done);

    const calls = wx.callsTo('health', 'tasks.done');
    expect(calls.map((c) => c.data)).toEqual([{ taskId: tasksGrid.items[0].taskId }, { taskId: tasksGrid.items[0].taskId }]);
    expect(calls[1].requestId).toBe(calls[0].requestId);
    expect(page.instance.data.items[0].meta).toBe('11月21日 15:34 提出 · 已处理（网格员 刘芳：已电话联系，社区医生上门）');
    expect(wx.toasts.at(-1)).toEqual({ title: '已标记处理', icon: 'success' });
    expect(page.comp.querySelectorAll('.task-done')).toHaveLength(1);
  });

  it('a help request opens its detail to act on (no 标记已处理); a check-in alert opens the person’s record', async () => {
    const wx = new FakeWx().ok('health', 'tasks.listMine', tasksGridWithHelp);
    page = renderPage(PAGE, { wx });
    await waitFor(() => page!.instance.data.status === 'ready');
    const [abnormal, help] = page.instance.data.items;
    expect(help).toMatchObject({ kind: 'help.open', urgency: '紧急', urgent: true, doneThere: true });
    expect(help.url).toBe(`/pages/help-detail/index?helpRequestId=${tasksGridWithHelp.items[1].subject.helpRequestId}`);
    expect(abnormal.url).toBe(`/pages/check-in-history/index?residentId=${tasksGridWithHelp.items[0].subject.residentId}`);
    // Two cards: both open a page, only the check-in alert can be ticked off here.
    expect(page.comp.querySelectorAll('.task-go')).toHaveLength(2);
    expect(page.comp.querySelectorAll('.task-done')).toHaveLength(1);
    expect(page.textOf('.page-state')).toContain('去处理');
    await page.comp.querySelectorAll('.task-go')[1].querySelector('.t-button')!.dispatchEvent('tap');
    await page.tap('.task-open');
    await waitFor(() => wx.navigations.length === 2);
    expect(wx.navigations).toEqual([help.url, abnormal.url]);

    // Back from accepting it: the list is loaded again.
    wx.ok('health', 'tasks.listMine', { items: [tasksGridWithHelp.items[0]], nextCursor: null });
    page.instance.onShow();
    await waitFor(() => page!.instance.data.items.length === 1);
  });

  it('开启微信提醒: one prompt for the three staff templates, 求助 first; the answers recorded; what is left shown', async () => {
    const wx = new FakeWx()
      .ok('health', 'tasks.listMine', tasksGridWithHelp)
      .ok('health', 'subscription.mine', subscriptionsStaff)
      .ok('health', 'subscription.record', subscriptionsStaffRecorded);
    page = renderPage(PAGE, { wx });
    await waitFor(() => page!.instance.data.reminders !== null);
    expect(page.textOf('.task-reminders')).toContain('还没有开启微信提醒');
    await page.tap('.task-subscribe >>> .t-button');
    await waitFor(() => !page!.instance.data.reminders.empty);
    expect(wx.subscribeRequests).toEqual([['local-help-alert', 'local-abnormal-alert', 'local-missed-alert']]);
    expect(wx.callsTo('health', 'subscription.record')[0].data).toEqual({
      templateIds: ['local-help-alert', 'local-abnormal-alert', 'local-missed-alert'],
      accepted: ['local-help-alert', 'local-abnormal-alert', 'local-missed-alert'],
    });
    expect(page.textOf('.task-reminders')).toContain('微信提醒已开启，每种还可接收 1 条');
    expect(wx.toasts.at(-1)).toEqual({ title: '已开启提醒', icon: 'success' });
  });

  it('shows the error with a retry, the empty state, and ends pull-to-refresh', async () => {
    const wx = new FakeWx().fail('health', 'tasks.listMine', 'SYSTEM.BUSY', '系统繁忙，请稍后重试');
    page = renderPage(PAGE, { wx });
    await waitFor(() => page!.instance.data.status === 'error');
    expect(page.textOf('.page-state')).toContain('系统繁忙，请稍后重试');
    wx.ok('health', 'tasks.listMine', { items: [], nextCursor: null });
    await page.tap('.page-state >>> .state-view__retry >>> .t-button');
    await waitFor(() => page!.instance.data.status === 'empty');
    expect(page.textOf('.page-state')).toBe('没有待办事项');
    await page.instance.onPullDownRefresh();
    expect(wx.pullDownStops).toBe(1);
  });

  it('is reached from the staff workbench in 我的', async () => {
    const wx = new FakeWx().ok('community', 'me.get', meGrid);
    page = renderPage('pages/me/index', { wx });
    await waitFor(() => page!.textOf('.page-state').includes('我的待办'));
    const entries = page.comp.querySelectorAll('.me-workbench');
    await entries.at(-1)!.querySelector('.t-cell')!.dispatchEvent('tap');
    await waitFor(() => wx.navigations.length === 1);
    expect(wx.navigations).toEqual(['/pages/tasks/index']);
  });
});
