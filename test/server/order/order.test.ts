/** The order's state machine for every state × every action, and the lines checked against the catalog. */
import type { OrderAction, OrderStatus } from '../../../typings/contract/supply';
import type { CatalogItem } from '../../../server/catalog/catalog';
import { checkTemplateData } from '../../../emulator/openapi/keywords';
import { TEMPLATES } from '../../../server/notifications/templates';
import { orderDeliveredMessage } from '../../../server/order/effects';
import { AppError } from '../../../server/platform/errors';
import {
  applyTransition,
  AUTO_CONFIRM_MS,
  estimateFen,
  newOrder,
  ORDER_ACTIONS,
  ORDER_STATUSES,
  orderLines,
  orderView,
  transition,
  type OrderLine,
} from '../../../server/order/order';

/** The specification, written out by hand: every cell. `-` is refused. */
const EXPECTED: Record<OrderStatus, Record<OrderAction, OrderStatus | '-'>> = {
  submitted: { accept: 'accepted', reject: 'rejected', cancel: 'cancelled', purchase: '-', deliver: '-', confirm: '-', autoConfirm: '-' },
  accepted: { accept: '-', reject: 'rejected', cancel: '-', purchase: 'purchased', deliver: '-', confirm: '-', autoConfirm: '-' },
  purchased: { accept: '-', reject: '-', cancel: '-', purchase: '-', deliver: 'delivered', confirm: '-', autoConfirm: '-' },
  delivered: { accept: '-', reject: '-', cancel: '-', purchase: '-', deliver: '-', confirm: 'received', autoConfirm: 'received' },
  received: { accept: '-', reject: '-', cancel: '-', purchase: '-', deliver: '-', confirm: '-', autoConfirm: '-' },
  cancelled: { accept: '-', reject: '-', cancel: '-', purchase: '-', deliver: '-', confirm: '-', autoConfirm: '-' },
  rejected: { accept: '-', reject: '-', cancel: '-', purchase: '-', deliver: '-', confirm: '-', autoConfirm: '-' },
};

describe('transition: every state × every action', () => {
  it('covers every status and action', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ORDER_STATUSES].sort());
    for (const s of ORDER_STATUSES) expect(Object.keys(EXPECTED[s]).sort()).toEqual([...ORDER_ACTIONS].sort());
  });

  for (const from of ORDER_STATUSES) {
    for (const action of ORDER_ACTIONS) {
      const want = EXPECTED[from][action];
      it(`${from} × ${action} → ${want === '-' ? 'refused' : want}`, () => {
        const t = transition(from, action);
        if (want === '-') {
          expect(t.ok).toBe(false);
          if (!t.ok) {
            expect(t.code).toBe('ORDER.STATE_INVALID');
            expect(t.message).toMatch(/[\u4e00-\u9fff]/);
          }
        } else expect(t).toEqual({ ok: true, to: want });
      });
    }
  }

  it('cancelling a purchased order says why and what to do', () => {
    expect(transition('purchased', 'cancel')).toEqual({
      ok: false,
      code: 'ORDER.STATE_INVALID',
      message: '订单已采购，不能再取消；如需退换，请联系楼道长',
    });
  });
});

const at = new Date('2026-11-22T10:00:00+08:00');
const item = (over: Partial<CatalogItem>): CatalogItem => ({
  _id: 'milk',
  communityId: 'c1',
  name: '纯牛奶',
  unit: '盒',
  priceFen: 350,
  casePack: 12,
  category: '奶品',
  available: true,
  loose: false,
  createdAt: at,
  updatedAt: at,
  updatedBy: 'x',
  ...over,
});
const catalog = new Map(
  [
    item({}),
    item({ _id: 'cabbage', name: '白菜', unit: '斤', priceFen: 200, casePack: 1, category: '蔬菜', loose: true }),
    item({ _id: 'gone', name: '鸡蛋', available: false }),
    item({ _id: 'other', communityId: 'c2' }),
  ].map((i) => [i._id, i]),
);
const refused = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof AppError ? { code: e.code, message: e.message } : e;
  }
  return 'not refused';
};

describe('orderLines', () => {
  it('copies name, unit, price and case-pack from the catalog; free text stays apart', () => {
    const lines = orderLines(
      [
        { itemId: 'milk', quantity: 5 },
        { itemId: 'cabbage', quantity: 1.5 },
        { name: '布洛芬', quantity: 1, unit: '盒' },
      ],
      catalog,
      'c1',
    );
    expect(lines).toEqual([
      { itemId: 'milk', name: '纯牛奶', unit: '盒', quantity: 5, priceFen: 350, casePack: 12, category: '奶品', freeText: false },
      { itemId: 'cabbage', name: '白菜', unit: '斤', quantity: 1.5, priceFen: 200, casePack: 1, category: '蔬菜', freeText: false },
      { name: '布洛芬', unit: '盒', quantity: 1, casePack: 1, category: '其他', freeText: true },
    ]);
    expect(estimateFen(lines)).toBe(5 * 350 + 300);
  });

  it('refuses 1.5 of a packaged item, half steps off a loose one, unavailable, unknown and other communities’ items, duplicates', () => {
    expect(refused(() => orderLines([{ itemId: 'milk', quantity: 1.5 }], catalog, 'c1'))).toEqual({
      code: 'INPUT.INVALID',
      message: '「纯牛奶」按盒卖，数量必须是整数',
    });
    expect(refused(() => orderLines([{ itemId: 'cabbage', quantity: 1.3 }], catalog, 'c1'))).toMatchObject({
      code: 'INPUT.INVALID',
      message: expect.stringContaining('0.5 的倍数'),
    });
    expect(refused(() => orderLines([{ itemId: 'gone', quantity: 1 }], catalog, 'c1'))).toEqual({
      code: 'ORDER.ITEM_UNAVAILABLE',
      message: '「鸡蛋」暂时缺货，请去掉后再提交',
    });
    expect(refused(() => orderLines([{ itemId: 'other', quantity: 1 }], catalog, 'c1'))).toMatchObject({ code: 'ORDER.ITEM_UNKNOWN' });
    expect(refused(() => orderLines([{ itemId: 'nope', quantity: 1 }], catalog, 'c1'))).toMatchObject({ code: 'ORDER.ITEM_UNKNOWN' });
    expect(refused(() => orderLines([{ name: '药', quantity: 1.5 }], catalog, 'c1'))).toMatchObject({ code: 'INPUT.INVALID' });
    expect(
      refused(() =>
        orderLines(
          [
            { itemId: 'milk', quantity: 1 },
            { itemId: 'milk', quantity: 2 },
          ],
          catalog,
          'c1',
        ),
      ),
    ).toMatchObject({ code: 'INPUT.INVALID', message: expect.stringContaining('两次') });
    expect(refused(() => orderLines([], catalog, 'c1'))).toMatchObject({ code: 'INPUT.INVALID' });
  });
});

describe('applyTransition', () => {
  const order = newOrder({
    id: 'o1',
    household: {
      _id: 'h1',
      communityId: 'c1',
      gridId: 'g1',
      buildingId: 'b3',
      buildingName: '3号楼',
      label: '3-1-301',
      unit: '1',
      floor: 3,
      room: '301',
    },
    batch: { _id: 'batch1', no: 1 },
    lines: orderLines([{ itemId: 'milk', quantity: 2 }], catalog, 'c1'),
    delivery: 'leaveAtDoor',
    by: { name: '居民 王秀英', openid: 'o-wang', onBehalf: false },
    at,
  });

  it('records who moved it and when; delivery sets the automatic receipt time', () => {
    const accepted = applyTransition(order, 'accept', { name: '志愿者 陈志强', openid: 'o-vol' }, at);
    expect(accepted).toMatchObject({ status: 'accepted', acceptedBy: '志愿者 陈志强', acceptedByOpenid: 'o-vol' });
    const purchased = applyTransition(accepted, 'purchase', { name: '志愿者 陈志强', openid: 'o-vol' }, at);
    const later = new Date(at.getTime() + 3600_000);
    const delivered = applyTransition(purchased, 'deliver', { name: '志愿者 陈志强', openid: 'o-vol' }, later);
    expect(delivered.deliveredAt).toEqual(later);
    expect(delivered.autoConfirmAt).toEqual(new Date(later.getTime() + AUTO_CONFIRM_MS));
    const received = applyTransition(delivered, 'confirm', { name: '居民 王秀英', openid: 'o-wang' }, later);
    expect(orderView(received)).toMatchObject({
      status: 'received',
      statusLabel: '已收货',
      history: [
        { action: 'create' },
        { action: 'accept' },
        { action: 'purchase' },
        { action: 'deliver' },
        { action: 'confirm', by: '居民 王秀英' },
      ],
    });
    expect(orderView(received).autoConfirmAt).toBeUndefined();
  });

  it('a reject keeps its reason; a refused move throws ORDER.STATE_INVALID and changes nothing', () => {
    expect(applyTransition(order, 'reject', { name: '楼道长 张建国' }, at, '本批不供应奶粉')).toMatchObject({
      status: 'rejected',
      rejectReason: '本批不供应奶粉',
    });
    expect(refused(() => applyTransition(order, 'deliver', { name: 'x' }, at))).toMatchObject({ code: 'ORDER.STATE_INVALID' });
    expect(order.status).toBe('submitted');
  });
});

describe('the delivery message', () => {
  it('stays within WeChat’s keyword limits with long item names and many items', () => {
    const long = '某某品牌特级无糖全脂高钙成人奶粉罐装九百克装';
    for (const items of [[{ name: long }], [{ name: long }, { name: '白菜' }, { name: '土豆' }], [{ name: '白菜' }]]) {
      const m = orderDeliveredMessage({ items: items as OrderLine[], label: '12-3-2801' }, at);
      expect(checkTemplateData(m.data, TEMPLATES[m.template].keywords)).toBeNull();
    }
    expect(
      orderDeliveredMessage({ items: [{ name: '白菜' }, { name: '土豆' }] as OrderLine[], label: '3-1-301' }, at).data.thing1.value,
    ).toBe('白菜等2样');
  });
});
