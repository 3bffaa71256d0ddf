/** 打卡记录: the temperatures over the isolation, the 37.3 °C line, abnormal points labelled in words. */
import { history, myIsolations } from '../fixtures/health';
import { FakeWx, renderPage, waitFor, type Rendered } from '../harness/render';

const PAGE = 'pages/check-in-history/index';
const query = { residentId: history.residentId };

let page: Rendered | undefined;
afterEach(() => page?.detach());

describe('打卡记录', () => {
  it('draws one bar per check-in, marks the fever line and labels the abnormal one', async () => {
    const wx = new FakeWx().ok('health', 'checkIn.history', history);
    page = renderPage(PAGE, { wx, query });
    await waitFor(() => page!.instance.data.status === 'ready');
    expect(wx.calls.map((c) => [c.action, c.data])).toEqual([['checkIn.history', query]]);

    const view = page.instance.data.view;
    expect(view.title).toBe('王秀英 的打卡记录');
    expect(view.subtitle).toBe('隔离第 5 天 / 共 14 天（11/18–12/1）');
    expect(view.bars).toHaveLength(history.points.length);
    expect(view.feverLine).toBe(40);
    const fever = view.bars.at(-1);
    expect(fever).toMatchObject({ label: '11/22 下', temperature: '37.6', abnormal: true, tag: '异常' });
    expect(view.bars[0]).toMatchObject({ label: '11/18 上', temperature: '36.2', abnormal: false, height: 15.6 });

    const text = page.textOf('.page-state');
    expect(text).toContain('37.3 发热线');
    expect(text).toContain('异常 37.6');
    expect(text).toContain('共 1 次异常（体温 ≥ 37.3 °C 或有症状）');
    // Newest first in the list, abnormal in words.
    expect(view.rows[0]).toMatchObject({ when: '11/22 下午', text: '异常 · 37.6 °C，咳嗽', abnormal: true });
    expect(view.rows[1]).toMatchObject({ when: '11/22 上午', text: '36.4 °C，无症状' });
  });

  it('shows the error with a retry, and pull-to-refresh ends', async () => {
    const wx = new FakeWx().fail('health', 'checkIn.history', 'AUTH.FORBIDDEN', '您没有权限查看这位居民的打卡');
    page = renderPage(PAGE, { wx, query });
    await waitFor(() => page!.instance.data.status === 'error');
    expect(page.textOf('.page-state')).toContain('您没有权限查看这位居民的打卡');
    wx.ok('health', 'checkIn.history', history);
    await page.tap('.page-state >>> .state-view__retry >>> .t-button');
    await waitFor(() => page!.instance.data.status === 'ready');
    await page.instance.onPullDownRefresh();
    expect(wx.pullDownStops).toBe(1);
  });

  it('is reached from 健康打卡', async () => {
    const wx = new FakeWx().ok('health', 'isolation.mine', myIsolations);
    page = renderPage('pages/check-in/index', { wx });
    await waitFor(() => page!.instance.data.status === 'ready');
    await page.tap('.checkin-history >>> .t-button');
    expect(wx.navigations).toEqual([`/pages/check-in-history/index?residentId=${myIsolations[0].residentId}`]);
  });
});
