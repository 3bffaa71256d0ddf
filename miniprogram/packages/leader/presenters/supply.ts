/** 楼道长 / 志愿者: a building's batches, a batch's purchase list and delivery list, in words. Pure. */
import type { BatchView, DeliveryList, DeliveryStop, OrderStatus, PurchaseList, UnpaidOrder } from '../../../../typings/contract/supply';

const yuan = (fen: number): string => `¥${(fen / 100).toFixed(2)}`;
const fmt = (n: number) => String(Math.round(n * 10) / 10);

const COUNT_WORDS: [OrderStatus, string][] = [
  ['submitted', '待接单'],
  ['accepted', '已接单'],
  ['purchased', '已采购'],
  ['delivered', '已送达'],
  ['received', '已收货'],
];

export interface BatchRow {
  batchId: string;
  title: string;
  statusLabel: string;
  statusTheme: 'primary' | 'default';
  /** 3 单 · 待接单 1 · 已采购 2 */
  summary: string;
  url: string;
}

export function batchSummary(b: BatchView): string {
  const parts = COUNT_WORDS.filter(([s]) => (b.counts[s] ?? 0) > 0).map(([s, w]) => `${w} ${b.counts[s]}`);
  return [`${b.activeOrders} 单`, ...parts].join(' · ');
}

export function batchRow(b: BatchView): BatchRow {
  return {
    batchId: b.batchId,
    title: `${b.buildingName} 第 ${b.no} 批`,
    statusLabel: b.status === 'open' ? '收单中' : '已截单',
    statusTheme: b.status === 'open' ? 'primary' : 'default',
    summary: batchSummary(b),
    url: `/packages/leader/pages/batch/index?batchId=${encodeURIComponent(b.batchId)}`,
  };
}

export interface BatchHeader {
  title: string;
  statusLabel: string;
  summary: string;
  canClose: boolean;
  /** Accepted orders wait to be marked bought together. */
  canMarkPurchased: boolean;
}

export function batchHeader(b: BatchView): BatchHeader {
  return {
    title: `${b.buildingName} 第 ${b.no} 批`,
    statusLabel: b.status === 'open' ? '收单中：截单前的新订单都进这一批' : `已截单${b.closedBy ? `（${b.closedBy}）` : ''}`,
    summary: batchSummary(b),
    canClose: b.status === 'open',
    canMarkPurchased: b.status === 'closed' && (b.counts.accepted ?? 0) > 0,
  };
}

export interface PurchaseRow {
  itemId: string;
  name: string;
  /** 共需 15 盒 → 买 2 箱（每箱 12 盒，共 24 盒，多 9 盒） */
  rounding: string;
  /** 约 ¥84.00 */
  price: string;
  /** 3-1-301 ×5、3-1-302 ×4 */
  households: string;
  rounded: boolean;
}

export interface PurchaseView {
  rows: PurchaseRow[];
  freeText: { key: string; text: string; label: string }[];
  /** 3 户 · 约 ¥120.00 */
  total: string;
  empty: boolean;
}

export function purchaseView(list: PurchaseList): PurchaseView {
  return {
    rows: list.lines.map((l) => ({
      itemId: l.itemId,
      name: l.name,
      rounding: l.rounding,
      price: l.estimatedFen !== undefined ? `约 ${yuan(l.estimatedFen)}` : '时价',
      households: l.households.map((h) => `${h.label} ×${fmt(h.quantity)}`).join('、'),
      rounded: l.surplus > 0,
    })),
    freeText: list.freeText.map((f) => ({
      key: `${f.orderId}-${f.name}`,
      text: `${f.name} ×${fmt(f.quantity)} ${f.unit}`,
      label: f.label,
    })),
    total: `${list.households} 户 · 约 ${yuan(list.estimatedFen)}${list.freeText.length ? '（另有自填物资按实价）' : ''}`,
    empty: list.lines.length === 0 && list.freeText.length === 0,
  };
}

export interface StopRow {
  orderId: string;
  label: string;
  itemsText: string;
  /** 送前先打电话 · 备注：… */
  meta: string;
  statusLabel: string;
  delivered: boolean;
  tickable: boolean;
  acceptable: boolean;
  /** Not bought yet: the 楼道长 may still send it back with a reason. */
  rejectable: boolean;
  /** 未付款 约 ¥35.00 / 已付款 ¥35.00（微信转账）/ '' before anything is bought. */
  payment: string;
  canRecordPayment: boolean;
  /** The amount a 已付款 tap records: what the household paid as estimated. */
  amountFen: number;
}

export function stopRow(s: DeliveryStop): StopRow {
  const bought = s.status === 'purchased' || s.status === 'delivered' || s.status === 'received';
  const paid = s.payment.status === 'paid';
  return {
    orderId: s.orderId,
    label: s.label,
    itemsText: s.items.map((i) => `${i.name} ×${fmt(i.quantity)} ${i.unit}`).join('、'),
    meta: [s.deliveryLabel, s.note ? `备注：${s.note}` : ''].filter(Boolean).join(' · '),
    statusLabel: s.statusLabel,
    delivered: s.delivered,
    tickable: s.tickable,
    acceptable: s.status === 'submitted',
    rejectable: s.status === 'submitted' || s.status === 'accepted',
    payment: !bought
      ? ''
      : paid
        ? `已付款${s.payment.amountFen !== undefined ? ` ${yuan(s.payment.amountFen)}` : ''}${s.payment.methodLabel ? `（${s.payment.methodLabel}）` : ''}`
        : `未付款 · 约 ${yuan(s.estimatedFen)}`,
    canRecordPayment: bought && !paid,
    amountFen: s.estimatedFen,
  };
}

export function deliveryView(list: DeliveryList): { stops: StopRow[]; progress: string; total: number; empty: boolean } {
  return {
    stops: list.stops.map(stopRow),
    progress: `已送达 ${list.delivered} / ${list.total} 户`,
    total: list.total,
    empty: list.total === 0,
  };
}

export const PAYMENT_METHODS: { value: 'wechat' | 'alipay' | 'cash' | 'other'; label: string }[] = [
  { value: 'wechat', label: '微信转账' },
  { value: 'alipay', label: '支付宝' },
  { value: 'cash', label: '现金' },
  { value: 'other', label: '其他' },
];

export interface UnpaidRow {
  orderId: string;
  /** 3-1-302 · 第 1 批 */
  title: string;
  /** 约 ¥49.00 */
  amount: string;
  /** 已送达 · 11月21日下单 */
  meta: string;
  /** The batch's delivery list, where 记为已付款 is. */
  url: string;
}

export function unpaidRow(u: UnpaidOrder): UnpaidRow {
  const d = new Date(Date.parse(u.createdAt) + 8 * 3600_000);
  return {
    orderId: u.orderId,
    title: `${u.label} · 第 ${u.batchNo} 批`,
    amount: `约 ${yuan(u.estimatedFen)}`,
    meta: `${u.statusLabel} · ${d.getUTCMonth() + 1}月${d.getUTCDate()}日下单`,
    url: `/packages/leader/pages/batch/index?batchId=${encodeURIComponent(u.batchId)}&tab=delivery`,
  };
}
