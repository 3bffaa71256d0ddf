/** 我的楼栋 and 楼栋一览 (楼道长 subpackage): the buildings, then one building as a grid of rooms. */
import { board3, householdUnreachableStaff, myBuildingsGrid, myBuildingsLeader } from '../fixtures/community';
import { FakeWx, renderPage, waitFor, type Rendered } from '../harness/render';

const BUILDINGS = 'packages/leader/pages/buildings/index';
const BOARD = 'packages/leader/pages/board/index';
const RETRY = '.page-state >>> .state-view__retry >>> .t-button';

let page: Rendered | undefined;
afterEach(() => page?.detach());

describe('我的楼栋', () => {
  it('lists the buildings with what needs attention, and opens a building’s board', async () => {
    const wx = new FakeWx().ok('community', 'building.listMine', myBuildingsLeader);
    page = renderPage(BUILDINGS, { wx });
    await waitFor(() => page!.instance.data.status === 'ready');

    const row = page.textOf('.building-row >>> .t-cell');
    expect(row).toContain('3号楼');
    expect(row).toContain('第一网格 · 共 24 户');
    expect(row).toContain('1 条绑定待确认 · 1 户未联系上');
    const note = page.find('.building-row >>> .t-cell').dom!.querySelector('[class*="t-cell__note"]');
    expect(note?.textContent?.trim()).toBe('1'); // the pending badge

    await page.tap('.building-row >>> .t-cell');
    expect(wx.navigations).toEqual([`/packages/leader/pages/board/index?buildingId=${myBuildingsLeader[0].buildingId}`]);
  });

  it('shows a volunteer their buildings without opening households', async () => {
    const wx = new FakeWx().ok('community', 'building.listMine', myBuildingsGrid.slice(2, 4));
    page = renderPage(BUILDINGS, { wx, query: { mode: 'volunteer' } });
    await waitFor(() => page!.instance.data.status === 'ready');
    expect(page.comp.querySelectorAll('.building-row')).toHaveLength(2);
    await page.tap('.building-row >>> .t-cell');
    expect(wx.navigations).toEqual([]);
  });

  it('shows the error state, refreshes on pull-down, and says so when nothing is assigned', async () => {
    const wx = new FakeWx().fail('community', 'building.listMine', 'INTERNAL', '服务出错了，请稍后重试');
    page = renderPage(BUILDINGS, { wx });
    await waitFor(() => page!.instance.data.status === 'error');
    expect(page.textOf('.page-state')).toContain('服务出错了，请稍后重试');
    expect(wx.toasts.map((t) => t.title)).toEqual(['服务出错了，请稍后重试']);

    wx.ok('community', 'building.listMine', []);
    await page.instance.onPullDownRefresh();
    expect(wx.pullDownStops).toBe(1);
    await waitFor(() => page!.instance.data.status === 'empty');
    expect(page.textOf('.page-state')).toBe('还没有分配给您的楼栋，请联系社区');
  });
});

describe('楼栋一览', () => {
  const query = { buildingId: board3.buildingId };

  it('renders units side by side, floors top-down and every room, coloured and marked in words', async () => {
    const wx = new FakeWx().ok('community', 'building.board', board3);
    page = renderPage(BOARD, { wx, query });
    await waitFor(() => page!.instance.data.status === 'ready');
    expect(wx.calls.map((c) => [c.action, c.data])).toEqual([['building.board', query]]);
    expect(wx.titles).toEqual(['3号楼 · 楼栋一览']);

    // Counts at the top.
    expect(page.textOf('.board-stats').replace(/\s/g, '')).toBe('24住户44居民1未联系上');
    expect(page.textOf('.board-pending-cell >>> .t-cell')).toContain('待确认绑定');

    // 2 units × 6 floors × 2 rooms, the top floor first, each floor row holding 1单元's rooms then 2单元's.
    const head = page.comp.querySelectorAll('.board-unit--head').map((n) => n.dom?.textContent?.trim());
    expect(head).toEqual(['1单元', '2单元']);
    const rows = page.comp.querySelectorAll('.board-row').slice(1);
    expect(rows.map((r) => r.dom?.textContent)).toEqual([
      '6层601正常602正常601未联602正常',
      '5层501正常502正常501正常502正常',
      '4层401正常402正常401正常402正常',
      '3层301正常302正常301正常302正常',
      '2层201正常202正常201正常202正常',
      '1层101正常102正常101正常102正常',
    ]);
    expect(page.comp.querySelectorAll('.room-cell')).toHaveLength(24);

    // Every room carries its state in words as well as colour; the one nobody answers at is blue AND says so.
    const all = board3.units.flatMap((u) => u.floors.flatMap((f) => f.rooms));
    for (const room of all) {
      const cell = page.find(`#room-${room.householdId}`).dom!;
      expect(cell.className).toContain(`risk-cell--${room.riskColour}`);
      expect(cell.textContent).toBe(`${room.room}${room.riskColour === 'blue' ? '未联' : '正常'}`);
    }
    // …and a screen reader says it in full.
    const unreachable = all.find((r) => !r.reachable)!;
    const cellOf = (id: string) =>
      page!.instance.data.board.floors
        .flatMap((f: { units: { rooms: { householdId: string }[] }[] }) => f.units.flatMap((u) => u.rooms))
        .find((r: { householdId: string }) => r.householdId === id);
    expect(cellOf(unreachable.householdId).ariaLabel).toBe('601室，蓝·未联系上，1 人');
    const legend = page.textOf('.board-legend').replace(/\s/g, '');
    expect(legend).toContain('绿·正常23户');
    expect(legend).toContain('蓝·未联系上1户');
    expect(legend).toContain('红·异常0户');

    // The room someone asks to bind to has the pending dot; the others do not.
    const pending = all.filter((r) => r.pendingBindings > 0);
    expect(pending).toHaveLength(1);
    const dots = page.comp.querySelectorAll('.room-cell__dot').filter((d) => !d.dom?.className.includes('legend'));
    expect(dots).toHaveLength(1);
    expect(page.find(`#room-${pending[0].householdId}`).dom!.innerHTML).toContain('room-cell__dot');
    expect(cellOf(pending[0].householdId).ariaLabel).toBe('602室，绿·正常，1 人，有待确认的绑定');
  });

  it('opens a room’s household when it is tapped, and the pending list from the top', async () => {
    const wx = new FakeWx().ok('community', 'building.board', board3).ok('community', 'household.get', householdUnreachableStaff);
    page = renderPage(BOARD, { wx, query });
    await waitFor(() => page!.instance.data.status === 'ready');

    await page.tap(`#room-${householdUnreachableStaff.householdId}`);
    expect(wx.navigations).toEqual([`/packages/leader/pages/household/index?householdId=${householdUnreachableStaff.householdId}`]);

    await page.tap('.board-pending-cell >>> .t-cell');
    expect(wx.navigations.at(-1)).toBe(`/packages/leader/pages/pending/index?buildingId=${board3.buildingId}`);
  });

  it('shows the refusal for a building that is not the caller’s, and retries', async () => {
    const wx = new FakeWx().fail('community', 'building.board', 'AUTH.FORBIDDEN', '这不在你负责的范围内，无法操作');
    page = renderPage(BOARD, { wx, query });
    await waitFor(() => page!.instance.data.status === 'error');
    expect(page.textOf('.page-state')).toContain('这不在你负责的范围内，无法操作');

    wx.ok('community', 'building.board', board3);
    await page.tap(RETRY);
    await waitFor(() => page!.comp.querySelectorAll('.room-cell').length === 24);
  });
});
