/**
 * 今日打卡 (楼道长 subpackage): counts per slot, the people abnormal with call buttons, the people missing with call
 * buttons and 代为打卡, all by floor.
 */
import { myBuildingsLeader } from '../fixtures/community';
import { leaderBoard, leaderBoardMissing } from '../fixtures/health';
import { FakeWx, renderPage, waitFor, type Rendered } from '../harness/render';

const PAGE = 'packages/leader/pages/check-ins/index';
const query = { buildingId: leaderBoard.buildingId };

/** A person on the board with their home (label, phones): the board lists the missing by residentId. */
function personOf(board: typeof leaderBoard, residentId: string) {
  for (const unit of board.units)
    for (const floor of unit.floors)
      for (const home of floor.homes) {
        const person = home.people.find((p) => p.residentId === residentId);
        if (person) return { ...person, label: home.label, phones: home.phones };
      }
  throw new Error(`${residentId} is not on the board`);
}

let page: Rendered | undefined;
afterEach(() => page?.detach());

describe('今日打卡（楼道长）', () => {
  it('lists the people missing a closed slot with call buttons and 代为打卡', async () => {
    const wx = new FakeWx().ok('health', 'checkIn.leaderBoard', leaderBoardMissing);
    page = renderPage(PAGE, { wx, query });
    await waitFor(() => page!.instance.data.status === 'ready');
    expect(wx.calls.map((c) => [c.action, c.data])).toEqual([['checkIn.leaderBoard', query]]);

    const slots = page.comp.querySelectorAll('.checkins-slot').map((s) => s.dom!.textContent!.replace(/\s+/g, ''));
    expect(slots[1]).toContain('下午07:00–08:00·已截止，未打卡的已上报网格员');
    expect(slots[1]).toContain('应打卡7·已打卡0·异常0·未打卡7·待打卡0');
    expect(slots[1]).toContain('需要处理：7人未打卡');

    const missing = page.comp.querySelectorAll('.checkins-missing');
    expect(missing).toHaveLength(leaderBoardMissing.missing.length);
    const missingPeople = leaderBoardMissing.missing.map((id) => personOf(leaderBoardMissing, id));
    const first = missingPeople[0];
    const firstText = missing[0].dom!.textContent!.replace(/\s+/g, '');
    expect(firstText).toContain(`${first.name}·${first.label}未打卡`);
    expect(firstText).toContain('下午未打卡，已上报网格员');

    // Plain views hold no components in j-component's tree: the buttons are found from the page, in order.
    const allCalls = page.comp.querySelectorAll('.checkins-call');
    expect(allCalls).toHaveLength(missingPeople.reduce((n, p) => n + p.phones.length, 0));
    const calls = allCalls.slice(0, first.phones.length);
    expect(calls[0].querySelector('.t-button')!.dom!.textContent!.trim()).toBe(
      `打给${first.phones[0].name}（${first.phones[0].relation}）`,
    );
    calls[1].querySelector('.t-button')!.dispatchEvent('tap');
    await waitFor(() => wx.phoneCalls.length === 1);
    expect(wx.phoneCalls).toEqual([first.phones[1].phone]);

    const behalf = page.comp.querySelectorAll('.checkins-behalf');
    expect(behalf).toHaveLength(leaderBoardMissing.missing.length);
    behalf[0].querySelector('.t-button')!.dispatchEvent('tap');
    await waitFor(() => wx.navigations.length === 1);
    expect(wx.navigations[0]).toBe(
      `/pages/check-in/index?residentId=${first.residentId}&name=${encodeURIComponent(first.name)}&label=${first.label}&behalf=1`,
    );
  });

  it('puts the people with an abnormal check-in first, with their call buttons', async () => {
    // The captured board with one person's afternoon check-in turned abnormal (38.6 °C and a cough).
    const board: typeof leaderBoard = JSON.parse(JSON.stringify(leaderBoard));
    const home = board.units[0].floors[0].homes[0];
    home.people[0].cells.pm = { state: 'abnormal', temperature: 38.6, symptomLabels: ['咳嗽'] };
    const sick = personOf(board, home.people[0].residentId);
    const wx = new FakeWx().ok('health', 'checkIn.leaderBoard', board);
    page = renderPage(PAGE, { wx, query });
    await waitFor(() => page!.instance.data.status === 'ready');

    const abnormal = page.comp.querySelectorAll('.checkins-abnormal');
    expect(abnormal).toHaveLength(1);
    const text = abnormal[0].dom!.textContent!.replace(/\s+/g, '');
    expect(text).toContain(`${sick.name}·${sick.label}异常`);
    expect(text).toContain('下午异常38.6°C，咳嗽');
    expect(page.text()).toContain('体温或症状异常（1 人）：请先打电话问问情况');
    const calls = page.comp.querySelectorAll('.checkins-abnormal-call');
    expect(calls).toHaveLength(sick.phones.length);
    calls[0].querySelector('.t-button')!.dispatchEvent('tap');
    await waitFor(() => wx.phoneCalls.length === 1);
    expect(wx.phoneCalls).toEqual([sick.phones[0].phone]);
  });

  it('shows no abnormal section when nobody is abnormal', async () => {
    const wx = new FakeWx().ok('health', 'checkIn.leaderBoard', leaderBoard);
    page = renderPage(PAGE, { wx, query });
    await waitFor(() => page!.instance.data.status === 'ready');
    expect(page.instance.data.view.abnormal).toEqual([]);
    expect(page.exists('.checkins-abnormal')).toBe(false);
  });

  it('groups everyone by unit and floor, top floor first, with today in words', async () => {
    const wx = new FakeWx().ok('health', 'checkIn.leaderBoard', leaderBoard);
    page = renderPage(PAGE, { wx, query });
    await waitFor(() => page!.instance.data.status === 'ready');
    const view = page.instance.data.view;
    expect(view.title).toBe('3号楼 今日打卡（2026-11-22）');
    expect(view.clockText).toBe('下午打卡进行中');
    expect(view.missing).toEqual([]);
    expect(page.text()).toContain('已截止的时段没有人漏打卡');
    expect(view.floors[0].title).toBe('1单元 6层');
    expect(view.floors[0].people[0]).toMatchObject({ name: '张军', today: '上午 已打卡 36.3 °C · 下午 待打卡', flag: '' });
    expect(page.comp.querySelectorAll('.checkins-row').length).toBe(view.people);
  });

  it('shows the error with a retry, and reloads when coming back from 代为打卡', async () => {
    const wx = new FakeWx().fail('health', 'checkIn.leaderBoard', 'AUTH.FORBIDDEN', '您不是这栋楼的楼道长');
    page = renderPage(PAGE, { wx, query });
    await waitFor(() => page!.instance.data.status === 'error');
    expect(page.textOf('.page-state')).toContain('您不是这栋楼的楼道长');
    expect(wx.toasts.at(-1)).toEqual({ title: '您不是这栋楼的楼道长', icon: 'none' });
    wx.ok('health', 'checkIn.leaderBoard', leaderBoard);
    await page.tap('.page-state >>> .state-view__retry >>> .t-button');
    await waitFor(() => page!.instance.data.status === 'ready');
    page.instance.onShow();
    await waitFor(() => wx.callsTo('health', 'checkIn.leaderBoard').length === 3);
  });

  it('is linked from 我的楼栋', async () => {
    const wx = new FakeWx().ok('community', 'building.listMine', myBuildingsLeader);
    page = renderPage('packages/leader/pages/buildings/index', { wx });
    await waitFor(() => page!.instance.data.status === 'ready');
    await page.tap('.building-checkins >>> .t-cell');
    expect(wx.navigations).toEqual([`/packages/leader/pages/check-ins/index?buildingId=${myBuildingsLeader[0].buildingId}`]);
  });
});
