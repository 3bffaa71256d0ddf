/** 首页 and 通知 until their features land: honest empty states, and no call to a backend that has nothing yet. */
import { FakeWx, renderPage, waitFor, type Rendered } from '../harness/render';

let page: Rendered | undefined;
afterEach(() => page?.detach());

describe('首页', () => {
  it('greets by the time of day and says there is nothing to do today', async () => {
    jest.useFakeTimers({ now: new Date(2026, 10, 22, 8, 30), doNotFake: ['setTimeout', 'setImmediate', 'nextTick', 'queueMicrotask'] });
    const wx = new FakeWx();
    page = renderPage('pages/home/index', { wx });
    jest.useRealTimers();

    await waitFor(() => page!.instance.data.status === 'empty');
    expect(page.text()).toContain('早上好');
    expect(page.textOf('.page-state')).toBe('今天没有需要您处理的事项');
    expect(wx.calls).toEqual([]);
  });
});

describe('通知', () => {
  it('shows the empty state and pull-to-refresh still ends', async () => {
    const wx = new FakeWx();
    page = renderPage('pages/notices/index', { wx });

    await waitFor(() => page!.instance.data.status === 'empty');
    expect(page.textOf('.page-state')).toBe('暂时没有通知，社区发布后会出现在这里');
    await page.instance.onPullDownRefresh();
    expect(wx.pullDownStops).toBe(1);
    expect(wx.calls).toEqual([]);
  });
});
