/**
 * 物资订单: what a household asks for, and the one state machine it moves through —
 * submitted → accepted → purchased → delivered → received; submitted → cancelled by the household; rejected with a
 * reason by the 楼道长 before anything is bought. Pure: time, ids and the people acting come in as arguments.
 */
import type {
  CatalogCategory,
  DeliveryPreference,
  OrderAction,
  OrderEventView,
  OrderLineInput,
  OrderLineView,
  OrderStatus,
  OrderView,
  PaymentMethod,
  PaymentView,
} from '../../typings/contract/supply';
import type { CatalogItem } from '../catalog/catalog';
import { AppError } from '../platform/errors';

export const ORDERS = 'orders';

export const ORDER_STATUSES: readonly OrderStatus[] = [
  'submitted',
  'accepted',
  'purchased',
  'delivered',
  'received',
  'cancelled',
  'rejected',
];
export const ORDER_ACTIONS: readonly OrderAction[] = ['accept', 'reject', 'cancel', 'purchase', 'deliver', 'confirm', 'autoConfirm'];
export const ACTIVE_STATUSES: readonly OrderStatus[] = ['submitted', 'accepted', 'purchased', 'delivered', 'received'];

export const STATUS_LABELS: Record<OrderStatus, string> = {
  submitted: '待接单',
  accepted: '已接单',
  purchased: '已采购',
  delivered: '已送达',
  received: '已收货',
  cancelled: '已取消',
  rejected: '已退回',
};

export const DELIVERY_LABELS: Record<DeliveryPreference, string> = {
  leaveAtDoor: '放门口，敲门告知',
  handToMe: '当面交给我',
  callFirst: '送前先打电话',
};

export const PAYMENT_LABELS: Record<PaymentMethod, string> = { wechat: '微信转账', alipay: '支付宝', cash: '现金', other: '其他' };

/** A delivered order nobody confirms counts as received after this long. */
export const AUTO_CONFIRM_MS = 24 * 3600_000;

/** At most this many of one thing in one order: a household's need, not a wholesale order. */
export const MAX_QUANTITY = 99;
export const MAX_LINES = 30;

export interface OrderLine {
  itemId?: string;
  name: string;
  unit: string;
  quantity: number;
  priceFen?: number;
  casePack: number;
  category: CatalogCategory;
  freeText: boolean;
}

export interface OrderEvent {
  action: OrderEventView['action'];
  at: Date;
  by: string;
  byOpenid?: string;
  note?: string;
}

export interface Order {
  _id: string;
  communityId: string;
  gridId: string;
  buildingId: string;
  buildingName: string;
  householdId: string;
  label: string;
  unit: string;
  floor: number;
  room: string;
  batchId: string;
  batchNo: number;
  status: OrderStatus;
  items: OrderLine[];
  note?: string;
  delivery: DeliveryPreference;
  estimatedFen: number;
  createdBy: string;
  createdByOpenid: string;
  onBehalf: boolean;
  acceptedBy?: string;
  acceptedByOpenid?: string;
  rejectReason?: string;
  deliveredAt?: Date;
  autoConfirmAt?: Date;
  receivedAt?: Date;
  paymentStatus: 'paid' | 'unpaid';
  payment?: { amountFen?: number; method?: PaymentMethod; recordedBy: string; at: Date };
  history: OrderEvent[];
  createdAt: Date;
  updatedAt: Date;
}

// ── The state machine ───────────────────────────────────────────────────────────────────────────────

const TRANSITIONS: Record<OrderStatus, Partial<Record<OrderAction, OrderStatus>>> = {
  submitted: { accept: 'accepted', reject: 'rejected', cancel: 'cancelled' },
  accepted: { purchase: 'purchased', reject: 'rejected' },
  purchased: { deliver: 'delivered' },
  delivered: { confirm: 'received', autoConfirm: 'received' },
  received: {},
  cancelled: {},
  rejected: {},
};

export type Transition = { ok: true; to: OrderStatus } | { ok: false; code: 'ORDER.STATE_INVALID'; message: string };

/** Why an action cannot happen from a state, in words a resident or volunteer can act on. */
function refusal(from: OrderStatus, action: OrderAction): string {
  const now = `订单${STATUS_LABELS[from]}`;
  switch (action) {
    case 'cancel':
      return from === 'cancelled' ? '订单已经取消了' : `${now}，不能再取消；如需退换，请联系楼道长`;
    case 'accept':
      return `${now}，不能接单`;
    case 'reject':
      return from === 'rejected' ? '订单已经退回了' : `${now}，已经采购的订单不能退回`;
    case 'purchase':
      return from === 'submitted' ? '订单还没有人接单，请先接单' : `${now}，不能标记为已采购`;
    case 'deliver':
      return from === 'submitted' || from === 'accepted' ? '订单还没有采购，不能标记送达' : `${now}，不能标记送达`;
    case 'confirm':
    case 'autoConfirm':
      return from === 'received' ? '已经确认收货了' : `${now}，送达后才能确认收货`;
  }
}

/** The rule, for every state and every action. */
export function transition(from: OrderStatus, action: OrderAction): Transition {
  const to = TRANSITIONS[from][action];
  return to ? { ok: true, to } : { ok: false, code: 'ORDER.STATE_INVALID', message: refusal(from, action) };
}

export function applyTransition(order: Order, action: OrderAction, by: { name: string; openid?: string }, at: Date, note?: string): Order {
  const t = transition(order.status, action);
  if (!t.ok) throw new AppError(t.code, t.message);
  const event: OrderEvent = { action, at, by: by.name, ...(by.openid ? { byOpenid: by.openid } : {}), ...(note ? { note } : {}) };
  return {
    ...order,
    status: t.to,
    updatedAt: at,
    history: [...order.history, event],
    ...(action === 'accept' ? { acceptedBy: by.name, acceptedByOpenid: by.openid } : {}),
    ...(action === 'reject' ? { rejectReason: note } : {}),
    ...(action === 'deliver' ? { deliveredAt: at, autoConfirmAt: new Date(at.getTime() + AUTO_CONFIRM_MS) } : {}),
    ...(t.to === 'received' ? { receivedAt: at } : {}),
  };
}

// ── Lines: what was asked for, checked against the community's catalog ─────────────────────────────

const isHalfStep = (q: number) => Number.isInteger(q * 2);

/** Turns the submitted lines into order lines; refuses, naming the line, what a shop could not fill. */
export function orderLines(input: OrderLineInput[], catalog: Map<string, CatalogItem>, communityId: string): OrderLine[] {
  if (!input.length) throw new AppError('INPUT.INVALID', '请至少选择一样物资');
  if (input.length > MAX_LINES) throw new AppError('INPUT.INVALID', `一次最多订 ${MAX_LINES} 样物资，请分两次下单`);
  const seen = new Set<string>();
  return input.map((line, i): OrderLine => {
    const n = `第 ${i + 1} 项`;
    if (!('itemId' in line)) {
      if (!Number.isInteger(line.quantity)) throw new AppError('INPUT.INVALID', `${n}「${line.name}」的数量必须是整数`);
      return { name: line.name, unit: line.unit ?? '份', quantity: line.quantity, casePack: 1, category: '其他', freeText: true };
    }
    const item = catalog.get(line.itemId);
    if (!item || item.communityId !== communityId) {
      throw new AppError('ORDER.ITEM_UNKNOWN', `${n}不在本社区的物资目录里，请刷新目录后重新选择`);
    }
    if (!item.available) throw new AppError('ORDER.ITEM_UNAVAILABLE', `「${item.name}」暂时缺货，请去掉后再提交`);
    if (seen.has(item._id)) throw new AppError('INPUT.INVALID', `「${item.name}」选了两次，请合并成一项`);
    seen.add(item._id);
    if (item.loose ? !isHalfStep(line.quantity) : !Number.isInteger(line.quantity)) {
      throw new AppError(
        'INPUT.INVALID',
        item.loose ? `「${item.name}」按半${item.unit}起订，数量请填 0.5 的倍数` : `「${item.name}」按${item.unit}卖，数量必须是整数`,
      );
    }
    return {
      itemId: item._id,
      name: item.name,
      unit: item.unit,
      quantity: line.quantity,
      ...(item.priceFen !== undefined ? { priceFen: item.priceFen } : {}),
      casePack: item.casePack,
      category: item.category,
      freeText: false,
    };
  });
}

/** The priced lines added up, in whole fen. */
export const estimateFen = (lines: OrderLine[]): number =>
  lines.reduce((sum, l) => sum + (l.priceFen !== undefined ? Math.round(l.priceFen * l.quantity) : 0), 0);

export interface NewOrder {
  id: string;
  household: {
    _id: string;
    communityId: string;
    gridId: string;
    buildingId: string;
    buildingName: string;
    label: string;
    unit: string;
    floor: number;
    room: string;
  };
  batch: { _id: string; no: number };
  lines: OrderLine[];
  note?: string;
  delivery: DeliveryPreference;
  by: { name: string; openid: string; onBehalf: boolean };
  at: Date;
}

export function newOrder(o: NewOrder): Order {
  const h = o.household;
  return {
    _id: o.id,
    communityId: h.communityId,
    gridId: h.gridId,
    buildingId: h.buildingId,
    buildingName: h.buildingName,
    householdId: h._id,
    label: h.label,
    unit: h.unit,
    floor: h.floor,
    room: h.room,
    batchId: o.batch._id,
    batchNo: o.batch.no,
    status: 'submitted',
    items: o.lines,
    ...(o.note ? { note: o.note } : {}),
    delivery: o.delivery,
    estimatedFen: estimateFen(o.lines),
    createdBy: o.by.name,
    createdByOpenid: o.by.openid,
    onBehalf: o.by.onBehalf,
    paymentStatus: 'unpaid',
    history: [{ action: 'create', at: o.at, by: o.by.name, byOpenid: o.by.openid, ...(o.by.onBehalf ? { note: '代下单' } : {}) }],
    createdAt: o.at,
    updatedAt: o.at,
  };
}

export function paymentView(o: Pick<Order, 'paymentStatus' | 'payment'>): PaymentView {
  const p = o.payment;
  return {
    status: o.paymentStatus,
    ...(p?.amountFen !== undefined ? { amountFen: p.amountFen } : {}),
    ...(p?.method ? { method: p.method, methodLabel: PAYMENT_LABELS[p.method] } : {}),
    ...(p ? { recordedBy: p.recordedBy, at: p.at.toISOString() } : {}),
  };
}

const lineView = (l: OrderLine): OrderLineView => ({
  ...(l.itemId ? { itemId: l.itemId } : {}),
  name: l.name,
  unit: l.unit,
  quantity: l.quantity,
  ...(l.priceFen !== undefined ? { priceFen: l.priceFen } : {}),
  casePack: l.casePack,
  category: l.category,
  freeText: l.freeText,
});

export function orderView(o: Order): OrderView {
  return {
    orderId: o._id,
    communityId: o.communityId,
    buildingId: o.buildingId,
    buildingName: o.buildingName,
    householdId: o.householdId,
    label: o.label,
    batchId: o.batchId,
    batchNo: o.batchNo,
    status: o.status,
    statusLabel: STATUS_LABELS[o.status],
    items: o.items.map(lineView),
    ...(o.note ? { note: o.note } : {}),
    delivery: o.delivery,
    deliveryLabel: DELIVERY_LABELS[o.delivery],
    estimatedFen: o.estimatedFen,
    ...(o.onBehalf ? { onBehalfBy: o.createdBy } : {}),
    createdBy: o.createdBy,
    createdAt: o.createdAt.toISOString(),
    ...(o.acceptedBy ? { acceptedBy: o.acceptedBy } : {}),
    ...(o.rejectReason ? { rejectReason: o.rejectReason } : {}),
    ...(o.deliveredAt ? { deliveredAt: o.deliveredAt.toISOString() } : {}),
    ...(o.receivedAt ? { receivedAt: o.receivedAt.toISOString() } : {}),
    ...(o.autoConfirmAt && o.status === 'delivered' ? { autoConfirmAt: o.autoConfirmAt.toISOString() } : {}),
    payment: paymentView(o),
    history: o.history.map((e) => ({ action: e.action, at: e.at.toISOString(), by: e.by, ...(e.note ? { note: e.note } : {}) })),
  };
}
