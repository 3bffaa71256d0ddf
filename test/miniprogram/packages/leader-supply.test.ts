/**
 * 物资订单 (楼道长 / 志愿者 subpackage): a building's batches, one batch's purchase list (the milk rounded up to
 * whole boxes, the rounding shown, who wants what, free-text items apart) and delivery list (by unit, floor and room,
 * 送达打勾, 记为已付款), 截单 and 本批已采购; linked from 我的楼栋. Confirmations are the platform's modal and action
 * sheet, answered here as the person would.
 */
import { meLeader, meVolunteer, myBuildingsLeader } from '../fixtures/community';
import {
  acceptTaken,
  batch2Closed,
  batches3,
  deliveryList1,
  deliveryList1After,
  orderDelivered,
  purchaseList1,
  purchaseList2,
  unpaid3,
} from '../fixtures/supply';
import { FakeWx, renderPage, waitFor, type Rendered } from '../harness/render';

let page: Rendered | undefined;
afterEach(() => page?.detach());

const BATCH = 'packages/leader/pages/batch/index';
const [open, closed] = batches3.items;

/** The person confirms the modal (typing `typed` where it asks for text) and picks `sheetIndex` in an action sheet. */
const answering =
  (modals: string[], sheetIndex = 0, typed = '') =>
  () => {
    const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
    wx.showModal = (o: { title: string; success?: (r: { confirm: boolean; cancel: boolean; content?: string }) => void }) => {
      modals.push(o.title);
      o.success?.({ confirm: true, cancel: false, content: typed });
    };
    wx.showActionSheet = (o: { itemList: string[]; success?: (r: { tapIndex: number }) => void }) => {
      modals.push(o.itemList.join('|'));
      o.success?.({ tapIndex: sheetIndex });
    };
  };

describe('物资订单（楼道长）', () => {
  it('lists the building’s batches with their counts and opens one', async () => {
    const wx = new FakeWx().ok('supply', 'batch.list', batches3);
    page = renderPage('packages/leader/pages/batches/index', { wx, query: { buildingId: open.buildingId } });
    await waitFor(() => page!.instance.data.status === 'ready');
    expect(wx.callsTo('supply', 'batch.list')[0].data).toEqual({ buildingId: open.buildingId });
    expect(
      page.instance.data.items.map((b: { title: string; statusLabel: string; summary: string }) => [b.title, b.statusLabel, b.summary]),
    ).toEqual([
      ['3号楼 第 2 批', '收单中', '2 单 · 待接单 1 · 已接单 1'],
      ['3号楼 第 1 批', '已截单', '3 单 · 已采购 2 · 已送达 1'],
    ]);
    page.comp.querySelectorAll('.batch-row')[1].dispatchEvent('tap');
    await waitFor(() => wx.navigations.length === 1);
    expect(wx.navigations[0]).toBe(`/packages/leader/pages/batch/index?batchId=${closed.batchId}`);
  });

  it('the purchase list shows each total with its case-pack rounding and who wants it; free text apart', async () => {
    const wx = new FakeWx().ok('supply', 'batch.purchaseList', purchaseList1);
    page = renderPage(BATCH, { wx, query: { batchId: closed.batchId } });
    await waitFor(() => page!.instance.data.status === 'ready');
    const view = page.instance.data.purchase;
    const milk = view.rows.find((r: { name: string }) => r.name === '纯牛奶 250ml');
    expect(milk).toMatchObject({
      rounding: '共需 13 盒 → 买 2 箱（每箱 12 盒，共 24 盒，多 11 盒）',
      price: '约 ¥84.00',
      households: '3-1-301 ×6、3-1-302 ×4、3-1-401 ×3',
      rounded: true,
    });
    expect(view.freeText).toEqual([expect.objectContaining({ text: '硝苯地平缓释片 ×1 盒', label: '3-1-302' })]);
    expect(page.text()).toContain('共需 13 盒 → 买 2 箱');
    expect(page.text()).toContain('自填物资（按户采购）');
    // Closed and nothing left to mark bought: no batch actions.
    expect(page.instance.data.header).toMatchObject({ title: '3号楼 第 1 批', canClose: false, canMarkPurchased: false });
    expect(page.exists('.batch-close')).toBe(false);
  });

  it('the delivery list goes door to door; a tick is sent and the list reloads; payment is recorded', async () => {
    const modals: string[] = [];
    const wx = new FakeWx().ok('supply', 'batch.deliveryList', deliveryList1).ok('supply', 'order.markDelivered', orderDelivered);
    page = renderPage(BATCH, { wx, query: { batchId: closed.batchId, tab: 'delivery' }, beforeMount: answering(modals, 2) });
    await waitFor(() => page!.instance.data.status === 'ready');
    const stops = page.instance.data.stops;
    expect(stops.map((s: { label: string; delivered: boolean; tickable: boolean }) => [s.label, s.delivered, s.tickable])).toEqual([
      ['3-1-301', true, false],
      ['3-1-302', false, true],
      ['3-1-401', false, true],
    ]);
    expect(page.instance.data.delivery.progress).toBe('已送达 1 / 3 户');
    expect(stops[1].meta).toBe('送前先打电话');

    wx.ok('supply', 'batch.deliveryList', deliveryList1After);
    page.comp.querySelectorAll('.stop-deliver')[0].querySelector('.t-button')!.dispatchEvent('tap');
    await waitFor(() => page!.instance.data.delivery.progress === '已送达 2 / 3 户');
    expect(wx.callsTo('supply', 'order.markDelivered')[0].data).toEqual({ orderId: stops[1].orderId });
    expect(wx.toasts.at(-1)).toMatchObject({ title: '已送达，已通知住户' });

    // 记为已付款: the way is picked in an action sheet; the estimated amount is recorded.
    wx.ok('supply', 'order.recordPayment', orderDelivered);
    page.comp.querySelectorAll('.stop-paid')[0].querySelector('.t-button')!.dispatchEvent('tap');
    await waitFor(() => wx.callsTo('supply', 'order.recordPayment').length === 1);
    expect(modals).toContain('微信转账收款|支付宝收款|现金收款|其他收款');
    expect(wx.callsTo('supply', 'order.recordPayment')[0].data).toEqual({
      orderId: stops[0].orderId,
      paid: true,
      amountFen: deliveryList1.stops[0].estimatedFen,
      method: 'cash',
    });
  });

  it('截单 after a confirmation; a volunteer too slow to accept is told who took it', async () => {
    const modals: string[] = [];
    const openPurchase = { ...purchaseList2, batch: open };
    const wx = new FakeWx().ok('supply', 'batch.purchaseList', openPurchase).ok('supply', 'batch.close', batch2Closed);
    page = renderPage(BATCH, { wx, query: { batchId: open.batchId }, beforeMount: answering(modals) });
    await waitFor(() => page!.instance.data.status === 'ready');
    expect(page.instance.data.header).toMatchObject({ canClose: true, statusLabel: '收单中：截单前的新订单都进这一批' });
    wx.ok('supply', 'batch.purchaseList', purchaseList2);
    await page.tap('.batch-close >>> .t-button');
    await waitFor(() => page!.instance.data.header.canClose === false);
    expect(modals).toEqual(['截单']);
    expect(wx.callsTo('supply', 'batch.close')[0].data).toEqual({ batchId: open.batchId });
    expect(page.instance.data.header.statusLabel).toBe('已截单（楼道长 张建国）');

    // 配送清单 of the same batch: the order a volunteer took a moment ago.
    const submitted = {
      ...deliveryList1,
      stops: [{ ...deliveryList1.stops[1], status: 'submitted' as const, statusLabel: '待接单', tickable: false }],
    };
    wx.ok('supply', 'batch.deliveryList', submitted).fail('supply', 'order.accept', acceptTaken.code, acceptTaken.message);
    page.comp.querySelectorAll('.batch-tab')[1].dispatchEvent('tap');
    await waitFor(() => page!.instance.data.delivery !== null && page!.instance.data.stops.length === 1);
    page.comp.querySelectorAll('.stop-accept')[0].querySelector('.t-button')!.dispatchEvent('tap');
    await waitFor(() => wx.toasts.some((t) => t.title === acceptTaken.message));
    expect(acceptTaken.message).toBe('这单已被志愿者 陈志强接单，请看看别的订单');
  });

  it('a building’s whole delivery list reaches the view 20 stops at a time', async () => {
    const many = {
      ...deliveryList1,
      stops: Array.from({ length: 45 }, (_, i) => ({ ...deliveryList1.stops[1], orderId: `order_${i}`, label: `3-1-${100 + i}` })),
      total: 45,
      delivered: 0,
    };
    const wx = new FakeWx().ok('supply', 'batch.deliveryList', many);
    page = renderPage(BATCH, { wx, query: { batchId: closed.batchId, tab: 'delivery' } });
    await waitFor(() => page!.instance.data.status === 'ready');
    expect(page.instance.data.stops).toHaveLength(20);
    expect(page.text()).toContain('已显示 20 / 45 户');
    page.instance.onReachBottom();
    page.instance.onReachBottom();
    await waitFor(() => page!.instance.data.stops.length === 45);
    expect(page.instance.data.stops[44].label).toBe('3-1-144');
    expect(page.exists('.stop-more')).toBe(false);
  });

  it('未付款: the orders to chase, each opening its batch’s delivery list; linked from the batches', async () => {
    let wx = new FakeWx().ok('supply', 'batch.list', batches3);
    page = renderPage('packages/leader/pages/batches/index', { wx, query: { buildingId: open.buildingId } });
    await waitFor(() => page!.instance.data.status === 'ready');
    await page.tap('.batches-unpaid');
    expect(wx.navigations).toEqual([`/packages/leader/pages/unpaid/index?buildingId=${open.buildingId}`]);
    page.detach();

    wx = new FakeWx().ok('supply', 'payment.unpaid', unpaid3);
    page = renderPage('packages/leader/pages/unpaid/index', { wx, query: { buildingId: open.buildingId } });
    await waitFor(() => page!.instance.data.status === 'ready');
    expect(wx.callsTo('supply', 'payment.unpaid')[0].data).toEqual({ buildingId: open.buildingId });
    const first = unpaid3.items[0];
    expect(page.instance.data.items[0]).toMatchObject({
      title: `${first.label} · 第 ${first.batchNo} 批`,
      amount: `约 ¥${(first.estimatedFen / 100).toFixed(2)}`,
    });
    expect(page.instance.data.items).toHaveLength(unpaid3.items.length);
    page.comp.querySelectorAll('.unpaid-row')[0].dispatchEvent('tap');
    await waitFor(() => wx.navigations.length === 1);
    expect(wx.navigations[0]).toBe(`/packages/leader/pages/batch/index?batchId=${first.batchId}&tab=delivery`);
  });

  it('the 楼道长 sends an order back with a reason; a volunteer is not offered 退回', async () => {
    const modals: string[] = [];
    const waiting = {
      ...deliveryList1,
      stops: [{ ...deliveryList1.stops[1], status: 'submitted' as const, statusLabel: '待接单', tickable: false }],
    };
    let wx = new FakeWx()
      .ok('community', 'me.get', meLeader)
      .ok('supply', 'batch.deliveryList', waiting)
      .ok('supply', 'order.reject', orderDelivered);
    page = renderPage(BATCH, {
      wx,
      query: { batchId: closed.batchId, tab: 'delivery' },
      beforeMount: answering(modals, 0, '本批不供应奶粉'),
    });
    await waitFor(() => page!.instance.data.status === 'ready' && page!.instance.data.canReject === true);
    page.comp.querySelectorAll('.stop-reject')[0].querySelector('.t-button')!.dispatchEvent('tap');
    await waitFor(() => wx.callsTo('supply', 'order.reject').length === 1);
    expect(modals).toEqual(['退回订单']);
    expect(wx.callsTo('supply', 'order.reject')[0].data).toEqual({ orderId: waiting.stops[0].orderId, reason: '本批不供应奶粉' });
    page.detach();

    wx = new FakeWx().ok('community', 'me.get', meVolunteer).ok('supply', 'batch.deliveryList', waiting);
    page = renderPage(BATCH, { wx, query: { batchId: closed.batchId, tab: 'delivery' } });
    await waitFor(() => page!.instance.data.status === 'ready' && wx.callsTo('community', 'me.get').length === 1);
    await waitFor(() => true);
    expect(page.instance.data.canReject).toBe(false);
    expect(page.comp.querySelectorAll('.stop-reject')).toHaveLength(0);
    expect(page.comp.querySelectorAll('.stop-accept')).toHaveLength(1);
  });

  it('shows the error with a retry', async () => {
    const wx = new FakeWx().fail('supply', 'batch.purchaseList', 'AUTH.FORBIDDEN', '这不在你负责的范围内，无法操作');
    page = renderPage(BATCH, { wx, query: { batchId: closed.batchId } });
    await waitFor(() => page!.instance.data.status === 'error');
    expect(page.textOf('.page-state')).toContain('这不在你负责的范围内');
    wx.ok('supply', 'batch.purchaseList', purchaseList1);
    await page.tap('.page-state >>> .state-view__retry >>> .t-button');
    await waitFor(() => page!.instance.data.status === 'ready');
  });

  it('is linked from 我的楼栋', async () => {
    const wx = new FakeWx().ok('community', 'building.listMine', myBuildingsLeader);
    page = renderPage('packages/leader/pages/buildings/index', { wx });
    await waitFor(() => page!.instance.data.status === 'ready');
    await page.tap('.building-orders >>> .t-cell');
    expect(wx.navigations).toEqual([`/packages/leader/pages/batches/index?buildingId=${myBuildingsLeader[0].buildingId}`]);
  });
});
