/** 通知管理, 已读回执 and 发布通知 (staff subpackages): counts, 「还有 N 户未确认」 with call buttons, confirming, publishing. */
import {
  composerGrid,
  confirmed,
  managedLeader,
  outstanding,
  preview,
  previewBackwards,
  published,
  receiptsGrid,
  receiptsLeader,
  rejected,
} from '../fixtures/notice';
import { rooms3 } from '../fixtures/community';
import { FakeWx, renderPage, waitFor, type Rendered } from '../harness/render';

let page: Rendered | undefined;
afterEach(() => page?.detach());

const noticeId = receiptsLeader.notice.noticeId;

describe('通知管理', () => {
  it('lists the notices with read and acknowledged counts; a notice opens its receipts, 发布通知 the form', async () => {
    const wx = new FakeWx().ok('notice', 'notice.listManaged', managedLeader);
    page = renderPage('packages/leader/pages/notices/index', { wx });
    await waitFor(() => page!.instance.data.status === 'ready');
    const first = page.instance.data.items[0];
    expect(first).toMatchObject({ title: '明天（周一）全员核酸检测', pinned: true, expired: false });
    expect(first.progress).toBe(
      `已读 ${managedLeader.items[0].read}/${managedLeader.items[0].households} 户 · 已确认 ${managedLeader.items[0].acknowledged} 户`,
    );
    expect(page.textOf('.page-state')).toContain(first.progress);
    await page.tap('.managed-card');
    await page.tap('.notices-publish__button >>> .t-button');
    expect(wx.navigations).toEqual([
      `/packages/leader/pages/notice-receipts/index?noticeId=${noticeId}`,
      '/packages/grid/pages/notice-publish/index',
    ]);
  });
});

describe('已读回执', () => {
  it('opens the 楼道长’s only building: 「还有 N 户未确认」, call buttons, and 已电话告知 for one household', async () => {
    const wx = new FakeWx()
      .ok('notice', 'notice.receipts', receiptsLeader)
      .ok('notice', 'notice.outstanding', outstanding)
      .ok('notice', 'notice.confirmFor', confirmed);
    page = renderPage('packages/leader/pages/notice-receipts/index', { wx, query: { noticeId } });
    await waitFor(() => page!.instance.data.outstandingStatus === 'ready');
    const building = receiptsLeader.buildings[0];
    expect(page.instance.data.buildings).toEqual([
      expect.objectContaining({ buildingName: '3号楼', outstandingText: `还有 ${building.outstanding} 户未确认`, done: false }),
    ]);
    expect(wx.callsTo('notice', 'notice.outstanding').map((c) => c.data)).toEqual([{ noticeId, buildingId: building.buildingId }]);
    expect(page.textOf('.receipts-summary')).toBe(`3号楼：${outstanding.summary}`);
    const cards = page.comp.querySelectorAll('.outstanding-card');
    expect(cards).toHaveLength(outstanding.households.length);

    const firstWithPhone = outstanding.households.findIndex((h) => h.phones.length);
    const calls = page.comp.querySelectorAll('.outstanding-call');
    const before = outstanding.households.slice(0, firstWithPhone).reduce((n, h) => n + h.phones.length, 0);
    calls[before].querySelector('.t-button')!.dispatchEvent('tap');
    await waitFor(() => wx.phoneCalls.length === 1);
    expect(wx.phoneCalls).toEqual([outstanding.households[firstWithPhone].phones[0].phone]);

    page.comp.querySelectorAll('.outstanding-phone')[0].querySelector('.t-button')!.dispatchEvent('tap');
    await waitFor(() => page!.instance.data.summary === confirmed.summary);
    expect(wx.callsTo('notice', 'notice.confirmFor').map((c) => c.data)).toEqual([
      { noticeId, householdId: outstanding.households[0].householdId, method: 'phone' },
    ]);
    expect(page.comp.querySelectorAll('.outstanding-card')).toHaveLength(confirmed.households.length);
    expect(wx.toasts.at(-1)).toEqual({ title: '已代为确认', icon: 'success' });
  });

  it('for the grid worker lists every building; a tap on one lists its households; a 待办 opens the building directly', async () => {
    const wx = new FakeWx().ok('notice', 'notice.receipts', receiptsGrid).ok('notice', 'notice.outstanding', outstanding);
    page = renderPage('packages/leader/pages/notice-receipts/index', { wx, query: { noticeId } });
    await waitFor(() => page!.instance.data.status === 'ready');
    expect(page.instance.data.buildings.map((b: { buildingName: string }) => b.buildingName)).toEqual([
      '1号楼',
      '2号楼',
      '3号楼',
      '4号楼',
      '5号楼',
      '6号楼',
    ]);
    expect(page.instance.data.header.progress).toBe(
      `已读 ${receiptsGrid.totals.read}/${receiptsGrid.totals.households} 户 · 已确认 ${receiptsGrid.totals.acknowledged} 户`,
    );
    expect(wx.callsTo('notice', 'notice.outstanding')).toEqual([]);
    page.comp.querySelectorAll('.receipt-building')[2].dispatchEvent('tap');
    await waitFor(() => page!.instance.data.outstandingStatus === 'ready');
    expect(wx.callsTo('notice', 'notice.outstanding').map((c) => c.data)).toEqual([
      { noticeId, buildingId: receiptsGrid.buildings[2].buildingId },
    ]);
    page.detach();

    const fromTask = new FakeWx().ok('notice', 'notice.receipts', receiptsGrid).ok('notice', 'notice.outstanding', outstanding);
    page = renderPage('packages/leader/pages/notice-receipts/index', {
      wx: fromTask,
      query: { noticeId, buildingId: receiptsGrid.buildings[2].buildingId },
    });
    await waitFor(() => page!.instance.data.outstandingStatus === 'ready');
    expect(page.instance.data.buildingName).toBe('3号楼');
  });

  it('says what went wrong, with a retry', async () => {
    const wx = new FakeWx().fail('notice', 'notice.receipts', 'AUTH.FORBIDDEN', '这条通知没有发到你负责的楼栋');
    page = renderPage('packages/leader/pages/notice-receipts/index', { wx, query: { noticeId } });
    await waitFor(() => page!.instance.data.status === 'error');
    expect(page.textOf('.page-state')).toContain('这条通知没有发到你负责的楼栋');
  });
});

describe('发布通知', () => {
  const type = (p: Rendered, selector: string, value: string) =>
    p.find(`${selector} >>> .t-input__control`).dispatchEvent('input', { detail: { value } });

  it('previews "5-3" (refused, saying how) and "3-5" (buildings and households), then publishes once, retrying with the same request id', async () => {
    const wx = new FakeWx()
      .ok('notice', 'notice.composer', composerGrid)
      .on('notice', 'notice.previewScope', (call) =>
        (call.data as { scope: { buildings: string } }).scope.buildings === '5-3'
          ? { ok: false, code: previewBackwards.code, message: previewBackwards.message }
          : { ok: true, data: preview },
      )
      .ok('notice', 'notice.publish', published)
      .loseAnswer('notice', 'notice.publish');
    page = renderPage('packages/grid/pages/notice-publish/index', { wx });
    await waitFor(() => page!.instance.data.status === 'ready');
    expect(page.instance.data.kindOptions.map((o: { label: string }) => o.label)).toEqual(['网格', '楼栋', '隔离户', '指定住户']);
    expect(page.instance.data.form.kind).toBe('buildings');

    type(page, '.publish-buildings', '5-3');
    await waitFor(() => page!.instance.data.form.buildings === '5-3');
    await page.tap('.publish-preview >>> .t-button');
    await waitFor(() => page!.instance.data.errors.scope === previewBackwards.message);
    expect(wx.toasts.at(-1)).toEqual({ title: previewBackwards.message, icon: 'none' });

    type(page, '.publish-buildings', '3-5');
    await waitFor(() => !page!.instance.data.errors.scope);
    await page.tap('.publish-preview >>> .t-button');
    await waitFor(() => page!.instance.data.preview === '将发送给 3–5号楼，共 72 户');

    // Title and body are required before anything is sent.
    await page.tap('.publish-submit >>> .t-button');
    expect(page.instance.data.errors.title).toBe('请填写标题');
    expect(wx.callsTo('notice', 'notice.publish')).toEqual([]);

    type(page, '.publish-title', published.title);
    page
      .find('.publish-body >>> .t-textarea__wrapper-inner')
      .dispatchEvent('input', { detail: { value: '今天 15:00 在各楼门口发放口罩，每户两包。' } });
    page.instance.onAck({ detail: { value: true } });
    page.instance.onCategory({ detail: { value: '物资' } });
    await page.tap('.publish-submit >>> .t-button');
    await waitFor(() => wx.toasts.some((t) => t.title === '网络不给力，请检查网络后重试'));
    await waitFor(() => page!.instance.data.submitting === false);
    await page.tap('.publish-submit >>> .t-button');
    await waitFor(() => wx.navigations.length === 1);

    const calls = wx.callsTo('notice', 'notice.publish');
    expect(calls).toHaveLength(2);
    expect(calls[1].requestId).toBe(calls[0].requestId);
    expect(calls[0].data).toEqual({
      communityId: 'demo-jixing',
      title: published.title,
      body: '今天 15:00 在各楼门口发放口罩，每户两包。',
      category: '物资',
      scope: { kind: 'buildings', buildings: '3-5' },
      pinned: false,
      requiresAck: true,
    });
    expect(wx.navigations).toEqual([`/packages/leader/pages/notice-receipts/index?noticeId=${published.noticeId}`]);
    expect(wx.toasts.at(-1)).toEqual({ title: '已发布', icon: 'success' });
  });

  it('指定住户: pick a building, tick rooms, and they are the scope', async () => {
    const wx = new FakeWx()
      .ok('notice', 'notice.composer', composerGrid)
      .ok('community', 'directory.rooms', rooms3)
      .ok('notice', 'notice.publish', published);
    page = renderPage('packages/grid/pages/notice-publish/index', { wx });
    await waitFor(() => page!.instance.data.status === 'ready');
    const option = (group: string, kind: 'radio' | 'checkbox', n: number) =>
      page!.comp.querySelectorAll(`${group} >>> .t-${kind}-option`)[n].querySelector(`.t-${kind}__content`)!.dispatchEvent('tap');
    option('.publish-kind', 'radio', 3);
    await waitFor(() => page!.instance.data.form.kind === 'households');
    option('.publish-room-building', 'radio', 2);
    await waitFor(() => page!.instance.data.roomsStatus === 'ready');
    expect(wx.callsTo('community', 'directory.rooms').map((c) => c.data)).toEqual([
      { buildingId: composerGrid.communities[0].buildings[2].buildingId },
    ]);
    expect(page.instance.data.roomOptions[0]).toEqual({ value: rooms3[0].rooms[0].householdId, label: `1单元 ${rooms3[0].rooms[0].room}` });
    option('.publish-rooms', 'checkbox', 0);
    option('.publish-rooms', 'checkbox', 2);
    await waitFor(() => page!.instance.data.form.householdIds.length === 2);
    expect(page.text()).toContain('已选 2 户');

    type(page, '.publish-title', '请到楼下取快递');
    page.find('.publish-body >>> .t-textarea__wrapper-inner').dispatchEvent('input', { detail: { value: '你家的快递在一楼大厅。' } });
    await page.tap('.publish-submit >>> .t-button');
    await waitFor(() => wx.navigations.length === 1);
    expect(wx.callsTo('notice', 'notice.publish')[0].data).toMatchObject({
      scope: { kind: 'households', householdIds: [rooms3[0].rooms[0].householdId, rooms3[0].rooms[2].householdId] },
    });
  });

  it('a content-check refusal says why and keeps the form', async () => {
    const wx = new FakeWx().ok('notice', 'notice.composer', composerGrid).fail('notice', 'notice.publish', rejected.code, rejected.message);
    page = renderPage('packages/grid/pages/notice-publish/index', { wx });
    await waitFor(() => page!.instance.data.status === 'ready');
    type(page, '.publish-buildings', '3');
    type(page, '.publish-title', '通知');
    page.find('.publish-body >>> .t-textarea__wrapper-inner').dispatchEvent('input', { detail: { value: '欢迎加入网络赌博群' } });
    await page.tap('.publish-submit >>> .t-button');
    await waitFor(() => wx.toasts.length === 1);
    expect(wx.toasts[0]).toEqual({ title: '内容未通过微信内容安全检查：疑似含有违法犯罪内容，请修改后再发布', icon: 'none' });
    expect(page.instance.data.form.body).toBe('欢迎加入网络赌博群');
    expect(wx.navigations).toEqual([]);
  });
});
