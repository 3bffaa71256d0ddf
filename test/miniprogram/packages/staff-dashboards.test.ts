/** 网格看板 and 社区管理: the single-view pattern (loadable) — data, empty, error and retry. */
import { FakeWx, renderPage, waitFor, type Rendered } from '../harness/render';

const RETRY = '.page-state >>> .state-view__retry >>> .t-button';

let page: Rendered | undefined;
afterEach(() => page?.detach());

describe('网格看板', () => {
  const board = {
    gridName: '第一网格',
    households: 298,
    isolatedHouseholds: 12,
    missedCheckIns: 3,
    riskCounts: { red: 1, orange: 2, yellow: 4, blue: 5, green: 286 },
  };

  it('shows the grid at a glance, the missed check-ins flagged', async () => {
    const wx = new FakeWx().ok('community', 'grid.board', board);
    page = renderPage('packages/grid/pages/board/index', { wx });

    await waitFor(() => page!.instance.data.status === 'ready');
    const text = page.textOf('.page-state');
    expect(text).toContain('第一网格');
    expect(text).toContain('298住户');
    expect(text).toContain('3本时段未打卡');
    expect(text).toContain('红色1');
    expect(page.exists('.stat--alert')).toBe(true);
  });

  it('says so when the grid has no households yet', async () => {
    const wx = new FakeWx().ok('community', 'grid.board', { ...board, households: 0, isolatedHouseholds: 0, missedCheckIns: 0 });
    page = renderPage('packages/grid/pages/board/index', { wx });
    await waitFor(() => page!.instance.data.status === 'empty');
    expect(page.textOf('.page-state')).toBe('网格内还没有登记的住户');
  });
});

describe('社区管理', () => {
  it('shows the error until the function answers, then the overview', async () => {
    const wx = new FakeWx().fail('community', 'community.overview', 'AUTH.FORBIDDEN', '只有社区管理员可以查看');
    page = renderPage('packages/admin/pages/overview/index', { wx });

    await waitFor(() => page!.instance.data.status === 'error');
    expect(page.textOf('.page-state')).toContain('只有社区管理员可以查看');

    wx.ok('community', 'community.overview', {
      communityName: '幸福里社区',
      grids: 5,
      buildings: 32,
      households: 1490,
      isolatedResidents: 17,
    });
    await page.tap(RETRY);
    await waitFor(() => page!.instance.data.status === 'ready');
    expect(page.textOf('.page-state')).toContain('幸福里社区');
    expect(page.textOf('.page-state')).toContain('1490住户');
    expect(wx.callsTo('community', 'community.overview')).toHaveLength(2);
  });
});
