/** 打卡看板 (grid subpackage): the people who need someone first, with call buttons; completion per building. */
import { meGrid, myBuildingsGrid } from '../fixtures/community';
import { gridBoard } from '../fixtures/health';
import { FakeWx, renderPage, waitFor, type Rendered } from '../harness/render';

const PAGE = 'packages/grid/pages/check-ins/index';
const gridId = meGrid.grants[0].gridId!;
const query = { communityId: 'demo-jixing', gridId, gridName: encodeURIComponent('第一网格') };

let page: Rendered | undefined;
afterEach(() => page?.detach());

describe('打卡看板（网格员）', () => {
  it('puts the abnormal person first with call buttons, then each building’s completion in words', async () => {
    const wx = new FakeWx().ok('health', 'checkIn.gridBoard', gridBoard);
    page = renderPage(PAGE, { wx, query });
    await waitFor(() => page!.instance.data.status === 'ready');
    expect(wx.calls.map((c) => [c.action, c.data])).toEqual([['checkIn.gridBoard', { gridId }]]);

    const view = page.instance.data.view;
    expect(view.title).toBe('第一网格 打卡看板（2026-11-22）');
    expect(view.attention).toEqual([
      expect.objectContaining({ title: '王秀英 · 3号楼 3-1-301', reason: '下午 体温或症状异常：37.6 °C，咳嗽', flag: '异常' }),
    ]);
    expect(page.text()).toContain('需要马上处理（1 人）');
    expect(page.text()).not.toContain('最急');
    expect(view.buildings[0]).toEqual({
      buildingId: gridBoard.buildings[0].buildingId,
      url: `/packages/leader/pages/check-ins/index?buildingId=${gridBoard.buildings[0].buildingId}`,
      title: '3号楼 · 隔离和监测 9 人',
      lines: ['上午 9/9 已完成', '下午 1/9 进行中（异常 1，待打卡 8）'],
      alert: '1 人异常',
    });
    expect(page.text()).toContain('需要关注：1 人异常');

    await page.tap('.gridci-call >>> .t-button');
    await waitFor(() => wx.phoneCalls.length === 1);
    expect(wx.phoneCalls).toEqual(['13912345678']);

    // A building opens its own board, person by person.
    await page.tap('.gridci-building');
    expect(wx.navigations).toEqual([`/packages/leader/pages/check-ins/index?buildingId=${gridBoard.buildings[0].buildingId}`]);
  });

  it('lists the most urgent when there are more, and says where the others are', async () => {
    const wx = new FakeWx().ok('health', 'checkIn.gridBoard', { ...gridBoard, attentionTotal: 80 });
    page = renderPage(PAGE, { wx, query });
    await waitFor(() => page!.instance.data.status === 'ready');
    expect(page.text()).toContain('需要马上处理（80 人）');
    expect(page.text()).toContain('先列出最急的 1 人，还有 79 人请点开下面的楼栋逐户查看');
  });

  it('shows the error with a retry and ends pull-to-refresh', async () => {
    const wx = new FakeWx().fail('health', 'checkIn.gridBoard', 'AUTH.FORBIDDEN', '您不是这个网格的网格员');
    page = renderPage(PAGE, { wx, query });
    await waitFor(() => page!.instance.data.status === 'error');
    expect(page.textOf('.page-state')).toContain('您不是这个网格的网格员');
    wx.ok('health', 'checkIn.gridBoard', gridBoard);
    await page.tap('.page-state >>> .state-view__retry >>> .t-button');
    await waitFor(() => page!.instance.data.status === 'ready');
    await page.instance.onPullDownRefresh();
    expect(wx.pullDownStops).toBe(1);
  });

  it('is opened from 网格工作台', async () => {
    const wx = new FakeWx().ok('community', 'building.listMine', myBuildingsGrid);
    page = renderPage('packages/grid/pages/board/index', { wx, query });
    await waitFor(() => page!.instance.data.status === 'ready');
    await page.tap('.grid-check-ins >>> .t-cell');
    expect(wx.navigations).toEqual([
      `/packages/grid/pages/check-ins/index?communityId=demo-jixing&gridId=${gridId}&gridName=${encodeURIComponent('第一网格')}`,
    ]);
  });
});
