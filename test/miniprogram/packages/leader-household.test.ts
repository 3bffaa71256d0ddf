/** The 楼道长's household page and 待确认绑定: calling people, marking a household not reached, reviewing bindings. */
import {
  household601Staff,
  householdUnreachableStaff,
  pending3,
  reachableAgain,
  reviewedReject,
  unreachableMarked,
} from '../fixtures/community';
import { FakeWx, renderPage, waitFor, type Rendered } from '../harness/render';

const HOUSEHOLD = 'packages/leader/pages/household/index';
const PENDING = 'packages/leader/pages/pending/index';

let page: Rendered | undefined;
afterEach(() => page?.detach());

async function typeInto(p: Rendered, selector: string, value: string): Promise<void> {
  p.find(`${selector} >>> .t-textarea__wrapper-inner`).dispatchEvent('input', { detail: { value, cursor: value.length } });
  await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('住户详情（楼道长）', () => {
  const query = { householdId: household601Staff.householdId };

  it('shows full numbers with a call button that dials through the phone', async () => {
    const wx = new FakeWx().ok('community', 'household.get', household601Staff);
    page = renderPage(HOUSEHOLD, { wx, query });
    await waitFor(() => page!.instance.data.status === 'ready');

    const text = page.textOf('.page-state');
    expect(text).toContain('3-1-601');
    expect(text).toContain('张军（本人）');
    expect(text).toContain('手机：13901839414');
    expect(page.textOf('.staff-household-risk')).toBe('绿·正常');
    expect(page.comp.querySelectorAll('.staff-member__call')).toHaveLength(3);

    await page.tap('.staff-member__call >>> .t-button');
    expect(wx.phoneCalls).toEqual(['13901839414']);
  });

  it('marks the household 未联系上 with a note, and the page shows it in blue and in words', async () => {
    const wx = new FakeWx()
      .ok('community', 'household.get', household601Staff)
      .ok('community', 'household.setReachability', unreachableMarked);
    page = renderPage(HOUSEHOLD, { wx, query });
    await waitFor(() => page!.instance.data.status === 'ready');
    expect(page.textOf('.staff-reachability >>> .t-button')).toBe('标记未联系上');

    await page.tap('.staff-reachability >>> .t-button');
    expect(page.textOf('.staff-reachability-dialog >>> .t-dialog__header')).toBe('标记为未联系上？');
    await typeInto(page, '.staff-note', '敲门无人应答，已贴蓝色「平安」贴');
    await page.tap('.staff-reachability-dialog >>> .t-dialog__button--confirm >>> .t-button');

    await waitFor(() => page!.textOf('.staff-household-risk') === '蓝·未联系上');
    expect(wx.callsTo('community', 'household.setReachability').map((c) => c.data)).toEqual([
      { householdId: query.householdId, reachable: false, note: '敲门无人应答，已贴蓝色「平安」贴' },
    ]);
    expect(page.find('.staff-household-risk').dom?.className).toContain('risk-chip--blue');
    expect(page.textOf('.staff-household-reach')).toBe('未联系上：敲门无人应答，已贴蓝色「平安」贴');
    expect(page.textOf('.page-state')).toContain('标记为未联系上：敲门无人应答');
    expect(page.textOf('.staff-reachability >>> .t-button')).toBe('已联系上');
    expect(wx.toasts.at(-1)?.title).toBe('已标记未联系上');
  });

  it('restores contact without a note, and keeps the dialog open with a toast when it fails', async () => {
    const wx = new FakeWx()
      .ok('community', 'household.get', householdUnreachableStaff)
      .fail('community', 'household.setReachability', 'AUTH.FORBIDDEN', '这不在你负责的范围内，无法操作');
    page = renderPage(HOUSEHOLD, { wx, query: { householdId: householdUnreachableStaff.householdId } });
    await waitFor(() => page!.instance.data.status === 'ready');
    expect(page.textOf('.staff-household-reach')).toBe('未联系上：敲门无人应答，已贴蓝色「平安」贴');

    await page.tap('.staff-reachability >>> .t-button');
    await page.tap('.staff-reachability-dialog >>> .t-dialog__button--confirm >>> .t-button');
    await waitFor(() => wx.toasts.at(-1)?.title === '这不在你负责的范围内，无法操作');
    expect(page.instance.data.dialogVisible).toBe(true);

    wx.ok('community', 'household.setReachability', reachableAgain);
    await page.tap('.staff-reachability-dialog >>> .t-dialog__button--confirm >>> .t-button');
    await waitFor(() => page!.textOf('.staff-household-risk') === '绿·正常');
    expect(wx.callsTo('community', 'household.setReachability').at(-1)?.data).toEqual({
      householdId: householdUnreachableStaff.householdId,
      reachable: true,
    });
    expect(page.exists('.staff-household-reach')).toBe(false);
  });

  it('shows the error state', async () => {
    const wx = new FakeWx().fail('community', 'household.get', 'HOUSEHOLD.NOT_FOUND', '找不到这户房屋');
    page = renderPage(HOUSEHOLD, { wx, query });
    await waitFor(() => page!.instance.data.status === 'error');
    expect(page.textOf('.page-state')).toContain('找不到这户房屋');
  });
});

describe('待确认绑定', () => {
  const query = { buildingId: 'b_3307df9140674cf6b76fe107' };
  const request = pending3[0];

  it('lists who asks, with their number to call back, and confirms one', async () => {
    const wx = new FakeWx()
      .ok('community', 'binding.pending', pending3)
      .ok('community', 'binding.review', { ...reviewedReject, status: 'confirmed', reason: undefined });
    page = renderPage(PENDING, { wx, query });
    await waitFor(() => page!.instance.data.status === 'ready');

    const text = page.textOf('.page-state');
    expect(text).toContain('3-1-602');
    expect(text).toContain('孙磊（租户）');
    expect(text).toContain('本人住这里');
    expect(text).toContain('手机：13987654321');
    await page.tap('.pending-call >>> .t-button');
    expect(wx.phoneCalls).toEqual(['13987654321']);

    await page.tap('.pending-confirm >>> .t-button');
    await waitFor(() => page!.instance.data.status === 'empty');
    expect(wx.callsTo('community', 'binding.review').map((c) => c.data)).toEqual([{ bindingId: request.bindingId, decision: 'confirm' }]);
    expect(page.textOf('.page-state')).toBe('没有待确认的绑定申请');
    expect(wx.toasts.at(-1)?.title).toBe('已确认 3-1-602');
  });

  it('asks for a reason before rejecting', async () => {
    const wx = new FakeWx().ok('community', 'binding.pending', pending3).ok('community', 'binding.review', reviewedReject);
    page = renderPage(PENDING, { wx, query });
    await waitFor(() => page!.instance.data.status === 'ready');

    await page.tap('.pending-reject >>> .t-button');
    expect(page.textOf('.pending-reject-dialog >>> .t-dialog__header')).toBe('驳回 3-1-602 的申请？');
    await page.tap('.pending-reject-dialog >>> .t-dialog__button--confirm >>> .t-button');
    expect(page.textOf('.pending-reason-error')).toBe('请填写驳回原因');
    expect(wx.callsTo('community', 'binding.review')).toHaveLength(0);

    await typeInto(page, '.pending-reason', '房主说不认识此人');
    await page.tap('.pending-reject-dialog >>> .t-dialog__button--confirm >>> .t-button');
    await waitFor(() => page!.instance.data.status === 'empty');
    expect(wx.callsTo('community', 'binding.review').map((c) => c.data)).toEqual([
      { bindingId: request.bindingId, decision: 'reject', reason: '房主说不认识此人' },
    ]);
    expect(wx.toasts.at(-1)?.title).toBe('已驳回');
  });

  it('shows the error state with a toast', async () => {
    const wx = new FakeWx().fail('community', 'binding.pending', 'BUILDING.NOT_FOUND', '找不到这栋楼');
    page = renderPage(PENDING, { wx, query });
    await waitFor(() => page!.instance.data.status === 'error');
    expect(page.textOf('.page-state')).toContain('找不到这栋楼');
    expect(wx.toasts.map((t) => t.title)).toEqual(['找不到这栋楼']);
  });
});
