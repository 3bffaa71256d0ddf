/** 通知 (tab) and 通知详情: unread dots and the tab badge, pinned and categories, paging, opening marks read, 确认收到. */
import {
  acknowledged,
  composerGrid,
  composerResident,
  myNotices,
  opened,
  subscriptions,
  subscriptionsNoticeAccepted,
  unreadCount,
} from '../fixtures/notice';
import { FakeWx, renderPage, waitFor, type Rendered } from '../harness/render';

let page: Rendered | undefined;
afterEach(() => page?.detach());

const residentWx = () =>
  new FakeWx()
    .ok('notice', 'notice.listMine', myNotices)
    .ok('notice', 'notice.unreadCount', unreadCount)
    .ok('notice', 'notice.composer', composerResident);

describe('通知 tab', () => {
  it('lists pinned first with categories, unread dots, 需确认收到, and sets the tab badge to the unread count', async () => {
    const wx = residentWx();
    page = renderPage('pages/notices/index', { wx });
    await waitFor(() => page!.instance.data.status === 'ready');
    await waitFor(() => wx.tabBarBadges.get(1) === '2');

    const items = page.instance.data.items;
    expect(
      items.map((n: { title: string; unread: boolean; pinned: boolean; category: string; ackLabel: string }) => [
        n.title,
        n.pinned,
        n.unread,
        n.category,
        n.ackLabel,
      ]),
    ).toEqual([
      ['明天（周一）全员核酸检测', true, true, '核酸', '需确认收到'],
      ['3号楼明早停水检修', false, true, '生活', ''],
      ['社区蔬菜包今日下午发放', false, false, '物资', ''],
    ]);
    expect(items[0].meta).toBe('网格员 刘芳 · 11月22日 08:00');
    const cards = page.comp.querySelectorAll('.notice-card');
    expect(cards).toHaveLength(3);
    expect(cards[0].dom!.textContent!.replace(/\s+/g, '')).toContain('置顶核酸需确认收到');
    // Two unread dots, none on the one already read.
    expect(page.comp.querySelectorAll('.notice-card--unread')).toHaveLength(2);
    // A resident has nowhere to publish: no 通知管理.
    expect(page.instance.data.canManage).toBe(false);
    expect(page.exists('.notice-manage__button')).toBe(false);

    await page.tap('.notice-card');
    expect(wx.navigations).toEqual([`/pages/notice-detail/index?noticeId=${myNotices.items[0].noticeId}`]);
  });

  it('clears the badge when everything is read, and refreshes on coming back', async () => {
    const wx = residentWx();
    page = renderPage('pages/notices/index', { wx });
    await waitFor(() => wx.tabBarBadges.get(1) === '2');
    page.instance.onShow();
    wx.ok('notice', 'notice.listMine', { items: myNotices.items.map((n) => ({ ...n, read: true })), nextCursor: null }).ok(
      'notice',
      'notice.unreadCount',
      {
        count: 0,
        more: false,
      },
    );
    page.instance.onShow();
    await waitFor(() => !wx.tabBarBadges.has(1));
    expect(page.instance.data.items.every((n: { unread: boolean }) => !n.unread)).toBe(true);
  });

  it('pages 20 at a time with the cursor the server gave', async () => {
    const twenty = Array.from({ length: 20 }, (_, i) => ({ ...myNotices.items[2], noticeId: `n${i}`, title: `通知 ${i}` }));
    const wx = new FakeWx()
      .on('notice', 'notice.listMine', (call) => ({
        ok: true,
        data:
          (call.data as { cursor?: string }).cursor === 'c20'
            ? { items: [myNotices.items[1]], nextCursor: null }
            : { items: twenty, nextCursor: 'c20' },
      }))
      .ok('notice', 'notice.unreadCount', unreadCount)
      .ok('notice', 'notice.composer', composerResident);
    page = renderPage('pages/notices/index', { wx });
    await waitFor(() => page!.instance.data.status === 'ready');
    expect(page.instance.data.items).toHaveLength(20);
    page.instance.onReachBottom();
    await waitFor(() => page!.instance.data.items.length === 21);
    expect(wx.callsTo('notice', 'notice.listMine').map((c) => c.data)).toEqual([{}, { cursor: 'c20' }]);
    expect(page.instance.data.nextCursor).toBeNull();
  });

  it('staff who may publish see 通知管理', async () => {
    const wx = new FakeWx()
      .ok('notice', 'notice.listMine', { items: [], nextCursor: null })
      .ok('notice', 'notice.unreadCount', { count: 0, more: false })
      .ok('notice', 'notice.composer', composerGrid);
    page = renderPage('pages/notices/index', { wx });
    await waitFor(() => page!.instance.data.canManage === true);
    await waitFor(() => page!.instance.data.status === 'empty');
    expect(page.textOf('.page-state')).toBe('暂时没有通知，社区发布后会出现在这里');
    await page.tap('.notice-manage__button >>> .t-button');
    expect(wx.navigations).toEqual(['/packages/leader/pages/notices/index']);
  });

  it('shows the error with a retry and ends pull-to-refresh', async () => {
    const wx = new FakeWx()
      .fail('notice', 'notice.listMine', 'SYSTEM.BUSY', '系统繁忙，请稍后重试')
      .ok('notice', 'notice.unreadCount', unreadCount)
      .ok('notice', 'notice.composer', composerResident);
    page = renderPage('pages/notices/index', { wx });
    await waitFor(() => page!.instance.data.status === 'error');
    expect(page.textOf('.page-state')).toContain('系统繁忙，请稍后重试');
    expect(wx.toasts.at(-1)).toEqual({ title: '系统繁忙，请稍后重试', icon: 'none' });
    wx.ok('notice', 'notice.listMine', myNotices);
    await page.tap('.page-state >>> .state-view__retry >>> .t-button');
    await waitFor(() => page!.instance.data.status === 'ready');
    await page.instance.onPullDownRefresh();
    expect(wx.pullDownStops).toBe(1);
  });
});

describe('通知详情', () => {
  const query = { noticeId: opened.noticeId };

  it('opens the notice (which marks it read) and acknowledges with 确认收到', async () => {
    const wx = new FakeWx().ok('notice', 'notice.open', opened).ok('notice', 'notice.acknowledge', acknowledged);
    page = renderPage('pages/notice-detail/index', { wx, query });
    await waitFor(() => page!.instance.data.status === 'ready');
    expect(wx.calls.map((c) => [c.action, c.data])).toEqual([['notice.open', query]]);
    const text = page.textOf('.page-state');
    expect(text).toContain('明天（周一）全员核酸检测');
    expect(text).toContain('发送范围：第一网格 · 11月23日 10:00 到期');
    expect(page.instance.data.notice.paragraphs).toHaveLength(3);
    expect(page.exists('.notice-ack')).toBe(true);

    await page.tap('.notice-ack >>> .t-button');
    await waitFor(() => !page!.instance.data.notice.canAcknowledge);
    expect(wx.callsTo('notice', 'notice.acknowledge').map((c) => c.data)).toEqual([query]);
    expect(page.instance.data.notice.acknowledgedText).toMatch(/^已于 11月22日 \d\d:\d\d 确认收到$/);
    expect(page.exists('.notice-ack')).toBe(false);
    expect(wx.toasts.at(-1)).toEqual({ title: '已确认收到', icon: 'success' });
  });

  it('keeps 确认收到 when acknowledging fails, with a toast, and works on the second tap', async () => {
    const wx = new FakeWx()
      .ok('notice', 'notice.open', opened)
      .fail('notice', 'notice.acknowledge', 'NETWORK', '网络不给力，请检查网络后重试');
    page = renderPage('pages/notice-detail/index', { wx, query });
    await waitFor(() => page!.instance.data.status === 'ready');
    await page.tap('.notice-ack >>> .t-button');
    await waitFor(() => wx.toasts.length === 1);
    expect(page.instance.data.notice.canAcknowledge).toBe(true);
    wx.ok('notice', 'notice.acknowledge', acknowledged);
    await page.tap('.notice-ack >>> .t-button');
    await waitFor(() => !page!.instance.data.notice.canAcknowledge);
  });

  it('offers 有新通知时微信提醒我: WeChat’s prompt for the notice template, the answer recorded once', async () => {
    const wx = new FakeWx()
      .ok('notice', 'notice.open', opened)
      .ok('health', 'subscription.mine', subscriptions)
      .ok('health', 'subscription.record', subscriptionsNoticeAccepted);
    page = renderPage('pages/notice-detail/index', { wx, query });
    await waitFor(() => page!.instance.data.status === 'ready');
    await page.tap('.notice-subscribe >>> .t-button');
    await waitFor(() => page!.instance.data.subscribed);
    expect(wx.subscribeRequests).toEqual([['local-notice-published']]);
    expect(wx.callsTo('health', 'subscription.record').map((c) => c.data)).toEqual([
      { templateIds: ['local-notice-published'], accepted: ['local-notice-published'] },
    ]);
    expect(wx.toasts.at(-1)).toEqual({ title: '有新通知会提醒您', icon: 'success' });
    expect(page.textOf('.notice-subscribed')).toBe('已开启：下一条通知会通过微信提醒您');
  });

  it('a notice not for this household says so, with a retry', async () => {
    const wx = new FakeWx().fail('notice', 'notice.open', 'NOTICE.NOT_FOUND', '找不到这条通知，它可能不是发给你家的，请下拉刷新');
    page = renderPage('pages/notice-detail/index', { wx, query });
    await waitFor(() => page!.instance.data.status === 'error');
    expect(page.textOf('.page-state')).toContain('找不到这条通知');
  });
});
