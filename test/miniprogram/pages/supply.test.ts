/**
 * 买菜买药 and 我的订单 (resident subpackage): the catalog by category with a cart (whole boxes of milk, half 斤 of
 * potatoes), a free-text item, one request id per submit reused on a lost answer; the order's steps, 确认收货 and
 * 取消; the home entries.
 */
import { meResident } from '../fixtures/community';
import { myIsolations } from '../fixtures/health';
import { countsResident } from '../fixtures/help';
import { catalog, orderConfirmed, orderCreated, orderItemUnknown, ordersProxy, ordersResident } from '../fixtures/supply';
import { FakeWx, renderPage, waitFor, type Rendered } from '../harness/render';

let page: Rendered | undefined;
afterEach(() => page?.detach());

const SHOP = 'packages/supply/pages/shop/index';
const ORDERS = 'packages/supply/pages/orders/index';
const itemId = (name: string) => catalog.find((i) => i.name === name)!.itemId;

/** Taps 「+」 of the stepper of the item called `name` in the category on screen. */
async function plus(p: Rendered, name: string, times = 1): Promise<void> {
  const index = p.instance.data.rows.findIndex((r: { name: string }) => r.name === name);
  expect(index).toBeGreaterThanOrEqual(0);
  for (let i = 0; i < times; i++) {
    p.comp.querySelectorAll('.shop-stepper')[index].querySelector('.t-stepper__plus')!.dispatchEvent('tap');
    await waitFor(() => true);
  }
}

async function category(p: Rendered, c: string): Promise<void> {
  const tab = p.comp.querySelectorAll('.shop-tab').find((t) => t.dom!.textContent!.startsWith(c));
  expect(tab).toBeDefined();
  tab!.dispatchEvent('tap');
  await waitFor(() => p.instance.data.category === c);
}

describe('买菜买药', () => {
  it('orders from the catalog by category with a free-text item; a lost answer is retried with the same request id', async () => {
    const wx = new FakeWx()
      .ok('community', 'me.get', meResident)
      .ok('supply', 'catalog.list', catalog)
      .ok('supply', 'order.create', orderCreated)
      .loseAnswer('supply', 'order.create');
    page = renderPage(SHOP, { wx });
    await waitFor(() => page!.instance.data.status === 'ready');
    expect(wx.callsTo('supply', 'catalog.list')[0].data).toEqual({ communityId: 'demo-jixing' });
    expect(page.instance.data.tabs.map((t: { category: string }) => t.category)).toEqual(['蔬菜', '肉蛋', '粮油', '奶品', '药品', '日用']);
    expect(page.instance.data.summary).toMatchObject({ empty: true, text: '还没有选物资' });

    // Half a 斤 at a time for potatoes, whole boxes of milk (bought by the case of 12: the row says so).
    await plus(page, '土豆', 3);
    await category(page, '奶品');
    const milk = page.instance.data.rows.find((r: { name: string }) => r.name === '纯牛奶 250ml');
    expect(milk.meta).toBe('¥3.50 / 盒 · 整箱 12 盒采购');
    await plus(page, '纯牛奶 250ml', 2);
    expect(page.instance.data.tabs.find((t: { category: string }) => t.category === '奶品').label).toBe('奶品（1）');
    expect(page.instance.data.summary.text).toBe(`已选 2 样 · 约 ¥${((1.5 * 250 + 2 * 350) / 100).toFixed(2)}`);

    await page.tap('.shop-add-free >>> .t-button');
    page.find('.shop-free__name >>> .t-input__control').dispatchEvent('input', { detail: { value: '感冒灵颗粒' } });
    page.find('.shop-free__unit >>> .t-input__control').dispatchEvent('input', { detail: { value: '盒' } });
    await waitFor(() => page!.instance.data.free[0].unit === '盒');
    expect(page.instance.data.summary.text).toContain('已选 3 样');
    expect(page.instance.data.summary.text).toContain('另有 1 样按实价');

    await page.tap('.shop-submit >>> .t-button');
    await waitFor(() => wx.toasts.length === 1);
    await page.tap('.shop-submit >>> .t-button');
    await waitFor(() => page!.instance.data.result !== null);
    const [first, second] = wx.callsTo('supply', 'order.create');
    expect(first.data).toEqual({
      householdId: meResident.households[0].householdId,
      items: [
        { itemId: itemId('土豆'), quantity: 1.5 },
        { itemId: itemId('纯牛奶 250ml'), quantity: 2 },
        { name: '感冒灵颗粒', quantity: 1, unit: '盒' },
      ],
      delivery: 'leaveAtDoor',
    });
    expect(second.requestId).toBe(first.requestId);
    expect(page.textOf('.shop-result >>> .t-result')).toContain(`进入3号楼第 ${orderCreated.batchNo} 批`);
    await page.tap('.shop-orders >>> .t-button');
    expect(wx.navigations.at(-1)).toBe('/packages/supply/pages/orders/index');
  });

  it('says what is missing before sending, and shows the function’s refusal', async () => {
    const wx = new FakeWx()
      .ok('community', 'me.get', meResident)
      .ok('supply', 'catalog.list', catalog)
      .fail('supply', 'order.create', orderItemUnknown.code, orderItemUnknown.message);
    page = renderPage(SHOP, { wx });
    await waitFor(() => page!.instance.data.status === 'ready');
    await page.tap('.shop-add-free >>> .t-button');
    await page.tap('.shop-submit >>> .t-button');
    expect(wx.toasts.at(-1)?.title).toBe('自填物资请写上名称');
    expect(wx.callsTo('supply', 'order.create')).toHaveLength(0);
    await plus(page, '大白菜');
    page.find('.shop-free__name >>> .t-input__control').dispatchEvent('input', { detail: { value: '布洛芬' } });
    await waitFor(() => page!.instance.data.free[0].name === '布洛芬');
    await page.tap('.shop-submit >>> .t-button');
    await waitFor(() => wx.toasts.at(-1)?.title === orderItemUnknown.message);
    expect(page.instance.data.result).toBeNull();
    expect(page.instance.data.submitting).toBe(false);
  });

  it('a staff member orders on a household’s behalf', async () => {
    const wx = new FakeWx().ok('supply', 'catalog.list', catalog);
    page = renderPage(SHOP, { wx, query: { householdId: 'h1', communityId: 'demo-jixing', label: encodeURIComponent('3-1-302') } });
    await waitFor(() => page!.instance.data.status === 'ready');
    expect(wx.callsTo('community', 'me.get')).toHaveLength(0);
    expect(page.textOf('.shop-behalf')).toBe('为 3-1-302 代为下单');
    expect(wx.titles).toContain('代为下单');
  });

  it('a person with no home bound is told to bind one first', async () => {
    const wx = new FakeWx().ok('community', 'me.get', { ...meResident, households: [] });
    page = renderPage(SHOP, { wx });
    await waitFor(() => page!.instance.data.status === 'empty');
    expect(page.textOf('.page-state')).toContain('请先在「我的」里绑定房屋');
  });
});

describe('我的订单', () => {
  it('shows each order with its steps; a delivered one is confirmed in place', async () => {
    const wx = new FakeWx().ok('supply', 'order.mine', ordersResident).ok('supply', 'order.confirmReceipt', orderConfirmed);
    page = renderPage(ORDERS, { wx });
    await waitFor(() => page!.instance.data.status === 'ready');
    const card = page.instance.data.items[0];
    expect(card).toMatchObject({ title: '3-1-301 · 第 1 批', statusLabel: '已送达', step: 3, canConfirm: true, canCancel: false });
    expect(card.itemsText).toBe('纯牛奶 250ml ×6 盒、大白菜 ×2 斤、鸡蛋（30 枚） ×1 盒');
    expect(card.notes[0]).toBe('志愿者 陈志强 已接单');
    expect(card.notes[1]).toMatch(/^已送到门口，请确认收货；11月23日 \d\d:\d\d 后自动确认$/);
    expect(page.comp.querySelectorAll('.order-steps')).toHaveLength(1);
    await page.tap('.order-confirm >>> .t-button');
    await waitFor(() => page!.instance.data.items[0].statusLabel === '已收货');
    expect(wx.callsTo('supply', 'order.confirmReceipt')[0].data).toEqual({ orderId: card.orderId });
    expect(page.instance.data.items[0]).toMatchObject({ step: 4, canConfirm: false });
    expect(wx.toasts.at(-1)).toMatchObject({ title: '已确认收货' });
  });

  it('the proxy sees her parents’ order; an empty list says how to order; a failure shows with a retry', async () => {
    let wx = new FakeWx().ok('supply', 'order.mine', ordersProxy);
    page = renderPage(ORDERS, { wx });
    await waitFor(() => page!.instance.data.status === 'ready');
    expect(page.instance.data.items[0]).toMatchObject({ title: '3-2-502 · 第 2 批', statusLabel: '已接单', step: 1 });
    expect(page.instance.data.items[0].meta).toContain('备注：爸妈听力不好，请多敲几下门');
    page.detach();

    wx = new FakeWx().ok('supply', 'order.mine', { items: [], nextCursor: null });
    page = renderPage(ORDERS, { wx });
    await waitFor(() => page!.instance.data.status === 'empty');
    expect(page.textOf('.page-state')).toContain('还没有订单');
    page.detach();

    wx = new FakeWx().fail('supply', 'order.mine', 'NETWORK.UNAVAILABLE', '网络不可用，请检查网络后重试');
    page = renderPage(ORDERS, { wx });
    await waitFor(() => page!.instance.data.status === 'error');
    wx.ok('supply', 'order.mine', ordersProxy);
    await page.tap('.page-state >>> .state-view__retry >>> .t-button');
    await waitFor(() => page!.instance.data.status === 'ready');
  });
});

describe('首页', () => {
  it('links to 买菜买药 and 我的订单', async () => {
    const wx = new FakeWx().ok('health', 'isolation.mine', myIsolations).ok('health', 'tasks.counts', countsResident);
    page = renderPage('pages/home/index', { wx });
    await waitFor(() => page!.instance.data.inbox !== null);
    await page.tap('.home-shop >>> .t-cell');
    await page.tap('.home-orders >>> .t-cell');
    expect(wx.navigations).toEqual(['/packages/supply/pages/shop/index', '/packages/supply/pages/orders/index']);
  });
});
