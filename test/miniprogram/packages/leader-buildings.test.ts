/** 我的楼栋 (楼道长 subpackage): the paged-list pattern end to end — 20 a page, more on reaching the bottom,
 * pull-to-refresh, and a failed page that the footer retries. */
import type { BackendCall } from '../harness/fakeWx';
import { FakeWx, renderPage, waitFor, type Rendered } from '../harness/render';

const PAGE = 'packages/leader/pages/buildings/index';
const buildings = Array.from({ length: 45 }, (_, i) => ({
  id: `b${i + 1}`,
  name: `${i + 1} 栋`,
  households: 24,
  isolatedHouseholds: i === 2 ? 2 : 0,
}));

/** The action as the function will page: cursor = index of the next building. */
function listMine(call: BackendCall) {
  const { cursor, limit } = call.data as { cursor: string | null; limit: number };
  const start = cursor === null ? 0 : Number(cursor);
  const end = Math.min(start + limit, buildings.length);
  return { ok: true as const, data: { items: buildings.slice(start, end), nextCursor: end < buildings.length ? String(end) : null } };
}

let page: Rendered | undefined;
afterEach(() => page?.detach());

describe('我的楼栋', () => {
  it('loads 20 at a time as the leader scrolls, then says there are no more', async () => {
    const wx = new FakeWx().on('community', 'building.listMine', listMine);
    page = renderPage(PAGE, { wx });

    await waitFor(() => page!.instance.data.status === 'ready');
    expect(page.instance.data.items).toHaveLength(20);
    expect(page.text()).toContain('3 栋');
    expect(page.text()).toContain('2 户隔离中');
    expect(page.text()).not.toContain('21 栋');

    page.instance.onReachBottom();
    await waitFor(() => page!.instance.data.items.length === 40);
    page.instance.onReachBottom();
    await waitFor(() => page!.instance.data.items.length === 45);
    expect(page.text()).toContain('45 栋');
    expect(page.textOf('.page-footer')).toBe('没有更多了');

    page.instance.onReachBottom();
    await waitFor(() => !page!.instance.data.loadingMore);
    expect(wx.calls.map((c) => c.data)).toEqual([
      { cursor: null, limit: 20 },
      { cursor: '20', limit: 20 },
      { cursor: '40', limit: 20 },
    ]);
  });

  it('refreshes from the first page on pull-down and stops the spinner', async () => {
    const wx = new FakeWx().on('community', 'building.listMine', listMine);
    page = renderPage(PAGE, { wx });
    await waitFor(() => page!.instance.data.status === 'ready');
    page.instance.onReachBottom();
    await waitFor(() => page!.instance.data.items.length === 40);

    await page.instance.onPullDownRefresh();
    expect(page.instance.data.items).toHaveLength(20);
    expect(wx.pullDownStops).toBe(1);
    expect(wx.calls.at(-1)?.data).toEqual({ cursor: null, limit: 20 });
  });

  it('keeps the list when the next page fails, and the footer retries it', async () => {
    let failNext = false;
    const wx = new FakeWx().on('community', 'building.listMine', (call) =>
      failNext ? { ok: false, code: 'INTERNAL', message: '服务出错了，请稍后重试' } : listMine(call),
    );
    page = renderPage(PAGE, { wx });
    await waitFor(() => page!.instance.data.status === 'ready');

    failNext = true;
    page.instance.onReachBottom();
    await waitFor(() => page!.textOf('.page-footer') === '加载失败，点击重试');
    expect(page.instance.data.items).toHaveLength(20);
    expect(wx.toasts.map((t) => t.title)).toEqual(['服务出错了，请稍后重试']);

    failNext = false;
    await page.tap('.page-footer >>> .list-footer__retry');
    await waitFor(() => page!.instance.data.items.length === 40);
    expect(wx.calls.at(-1)?.data).toEqual({ cursor: '20', limit: 20 });
  });

  it('says so when no building is assigned yet', async () => {
    const wx = new FakeWx().ok('community', 'building.listMine', { items: [], nextCursor: null });
    page = renderPage(PAGE, { wx });
    await waitFor(() => page!.instance.data.status === 'empty');
    expect(page.textOf('.page-state')).toBe('还没有分配给您的楼栋，请联系社区');
  });
});
