/** Pure presenters of 物资订单 over captured answers: the cart, the order's steps, the batch lists, the inbox route. */
import { batchRow, deliveryView, purchaseView, stopRow } from '../../../miniprogram/packages/leader/presenters/supply';
import { cartSummary, categoryTabs, checkOrder, orderCard, toOrderInput } from '../../../miniprogram/packages/supply/presenters/orders';
import { toTaskRow } from '../../../miniprogram/presenters/tasks';
import type { OrderView } from '../../../typings/contract/supply';
import { batches3, catalog, deliveryList1, orderConfirmed, ordersProxy, purchaseList1 } from '../fixtures/supply';

const id = (name: string) => catalog.find((i) => i.name === name)!.itemId;

describe('the cart', () => {
  it('counts what is chosen per category and adds up the priced lines', () => {
    const cart = { [id('纯牛奶 250ml')]: 3, [id('猪肉')]: 1.5 };
    expect(categoryTabs(catalog, cart).map((t) => t.label)).toEqual(['蔬菜', '肉蛋（1）', '粮油', '奶品（1）', '药品', '日用']);
    // 猪肉 has no price (时价): it is counted, not priced.
    expect(cartSummary(catalog, cart, [])).toEqual({ count: 2, text: '已选 2 样 · 约 ¥10.50（另有 1 样按实价）', empty: false });
  });

  it('checks before sending and builds the input the function takes', () => {
    expect(checkOrder('', {}, [], '')).toBe('请选择为哪一户下单');
    expect(checkOrder('h', {}, [], '')).toBe('请至少选择一样物资');
    expect(checkOrder('h', { a: 0 }, [{ name: ' ', quantity: 1, unit: '' }], '')).toBe('自填物资请写上名称');
    expect(checkOrder('h', { a: 1 }, [], '很'.repeat(201))).toBe('备注最多 200 个字');
    expect(toOrderInput('h', { a: 2, b: 0 }, [{ name: ' 布洛芬 ', quantity: 1, unit: '' }], ' ', 'callFirst')).toEqual({
      householdId: 'h',
      items: [
        { itemId: 'a', quantity: 2 },
        { name: '布洛芬', quantity: 1 },
      ],
      delivery: 'callFirst',
    });
  });
});

describe('an order’s card', () => {
  it('steps through 已提交 … 已收货; cancelled and rejected orders have no steps', () => {
    expect(orderCard(ordersProxy.items[0])).toMatchObject({ step: 1, statusTheme: 'primary', canCancel: false, canConfirm: false });
    expect(orderCard(orderConfirmed)).toMatchObject({ step: 4, statusTheme: 'success' });
    const rejected: OrderView = { ...ordersProxy.items[0], status: 'rejected', statusLabel: '已退回', rejectReason: '本批不供应奶粉' };
    expect(orderCard(rejected)).toMatchObject({ step: -1, statusTheme: 'danger', notes: ['退回原因：本批不供应奶粉'] });
  });
});

describe('the 楼道长’s lists', () => {
  it('a batch row, the purchase list in words, a stop with its payment', () => {
    expect(batchRow(batches3.items[1])).toMatchObject({
      title: '3号楼 第 1 批',
      statusLabel: '已截单',
      summary: '3 单 · 已采购 2 · 已送达 1',
    });
    const view = purchaseView(purchaseList1);
    expect(view.rows.filter((r) => r.rounded).map((r) => r.name)).toEqual(['纯牛奶 250ml']);
    expect(view.total).toBe(`3 户 · 约 ¥${(purchaseList1.estimatedFen / 100).toFixed(2)}（另有自填物资按实价）`);
    const [delivered, tickable] = deliveryView(deliveryList1).stops;
    expect(delivered).toMatchObject({
      delivered: true,
      tickable: false,
      canRecordPayment: true,
      payment: expect.stringMatching(/^未付款 · 约 ¥/),
    });
    expect(tickable).toMatchObject({ tickable: true });
    expect(stopRow({ ...deliveryList1.stops[0], status: 'accepted' })).toMatchObject({ payment: '', canRecordPayment: false });
  });

  it('the batch’s to-do item opens the building’s batches and closes by itself', () => {
    const row = toTaskRow({
      taskId: 't',
      kind: 'order.submitted',
      priority: 4,
      title: '3号楼第 2 批有新的物资订单',
      detail: '请接单',
      status: 'open',
      communityId: 'demo-jixing',
      buildingId: batches3.items[0].buildingId,
      subject: {},
      createdAt: '2026-11-22T02:00:00.000Z',
    });
    expect(row).toMatchObject({ url: `/packages/leader/pages/batches/index?buildingId=${batches3.items[0].buildingId}`, doneThere: true });
  });
});
