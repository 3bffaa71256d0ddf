/** 首页: today's 健康打卡, and honest empty and error states. (通知 has its own tests: notices.test.ts.) */
import { myIsolations } from '../fixtures/health';
import { unreadCount } from '../fixtures/notice';
import { FakeWx, renderPage, waitFor, type Rendered } from '../harness/render';

let page: Rendered | undefined;
afterEach(() => page?.detach());

describe('首页', () => {
  it('greets by the time of day and says there is nothing to do today', async () => {
    jest.useFakeTimers({ now: new Date(2026, 10, 22, 8, 30), doNotFake: ['setTimeout', 'setImmediate', 'nextTick', 'queueMicrotask'] });
    const wx = new FakeWx().ok('health', 'isolation.mine', []);
    page = renderPage('pages/home/index', { wx });
    jest.useRealTimers();

    await waitFor(() => page!.instance.data.status === 'empty');
    expect(page.text()).toContain('早上好');
    expect(page.textOf('.page-state')).toBe('今天没有需要您处理的事项');
    // Today's items, and the 通知 and 待办 badges (a failure there leaves the page as it is).
    expect(wx.calls.map((c) => [c.name, c.action]).sort()).toEqual([
      ['health', 'isolation.mine'],
      ['health', 'tasks.counts'],
      ['notice', 'notice.unreadCount'],
    ]);
  });

  it('puts the unread count on the 通知 tab as the app opens, before anyone visits that tab; none, no badge', async () => {
    const wx = new FakeWx().ok('health', 'isolation.mine', []).ok('notice', 'notice.unreadCount', unreadCount);
    page = renderPage('pages/home/index', { wx });
    await waitFor(() => wx.tabBarBadges.get(1) === '2');
    page.detach();

    const read = new FakeWx().ok('health', 'isolation.mine', []).ok('notice', 'notice.unreadCount', { count: 0, more: false });
    read.tabBarBadges.set(1, '2'); // left from before
    page = renderPage('pages/home/index', { wx: read });
    await waitFor(() => !read.tabBarBadges.has(1));
  });

  it('lists 健康打卡 for each isolated family member, with the day of isolation and where today stands', async () => {
    const wx = new FakeWx().ok('health', 'isolation.mine', myIsolations);
    page = renderPage('pages/home/index', { wx });
    await waitFor(() => page!.instance.data.status === 'ready');
    expect(page.instance.data.tasks).toEqual([
      {
        id: `checkIn-${myIsolations[0].residentId}`,
        title: '健康打卡：王秀英',
        description: '隔离第 5 天 / 共 14 天 · 下午待打卡',
        url: '/pages/check-in/index',
      },
    ]);
    expect(page.textOf('.page-state')).toContain('健康打卡：王秀英');
  });

  it('says what went wrong when the check-ins cannot be loaded', async () => {
    const wx = new FakeWx().fail('health', 'isolation.mine', 'SYSTEM.BUSY', '系统繁忙，请稍后重试');
    page = renderPage('pages/home/index', { wx });
    await waitFor(() => page!.instance.data.status === 'error');
    expect(page.textOf('.page-state')).toContain('系统繁忙，请稍后重试');
  });
});
