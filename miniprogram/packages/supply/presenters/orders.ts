/** 下单 and 我的订单: the catalog by category with the cart, what is submitted, and an order's card with its steps. Pure. */
import type {
  CatalogCategory,
  CatalogItemView,
  DeliveryPreference,
  OrderCreateInput,
  OrderView,
} from '../../../../typings/contract/supply';

export const CATEGORIES: CatalogCategory[] = ['蔬菜', '肉蛋', '粮油', '奶品', '药品', '日用', '其他'];

export const DELIVERY_OPTIONS: { value: DeliveryPreference; label: string }[] = [
  { value: 'leaveAtDoor', label: '放门口，敲门告知' },
  { value: 'handToMe', label: '当面交给我' },
  { value: 'callFirst', label: '送前先打电话' },
];

export const MAX_NOTE = 200;
export const MAX_QUANTITY = 99;

/** ¥3.50 */
export const yuan = (fen: number): string => `¥${(fen / 100).toFixed(2)}`;

/** itemId → quantity chosen. */
export type Cart = Record<string, number>;

export interface FreeItem {
  name: string;
  quantity: number;
  unit: string;
}

export interface ItemRow {
  itemId: string;
  name: string;
  /** ¥3.50 / 盒 · 整箱 12 盒; 时价 when there is no price. */
  meta: string;
  quantity: number;
  step: number;
  unit: string;
}

export interface CategoryTab {
  category: CatalogCategory;
  /** 奶品 (2): how many chosen in it. */
  label: string;
}

/** The categories that have items, each with how many of its items are in the cart. */
export function categoryTabs(items: CatalogItemView[], cart: Cart): CategoryTab[] {
  return CATEGORIES.filter((c) => items.some((i) => i.category === c)).map((category) => {
    const chosen = items.filter((i) => i.category === category && (cart[i.itemId] ?? 0) > 0).length;
    return { category, label: chosen ? `${category}（${chosen}）` : category };
  });
}

export function itemRows(items: CatalogItemView[], category: CatalogCategory, cart: Cart): ItemRow[] {
  return items
    .filter((i) => i.category === category)
    .map((i) => ({
      itemId: i.itemId,
      name: i.name,
      meta: [
        i.priceFen !== undefined ? `${yuan(i.priceFen)} / ${i.unit}` : '时价',
        i.casePack > 1 ? `整箱 ${i.casePack} ${i.unit}采购` : '',
        i.loose ? '可按半斤' : '',
      ]
        .filter(Boolean)
        .join(' · '),
      quantity: cart[i.itemId] ?? 0,
      step: i.loose ? 0.5 : 1,
      unit: i.unit,
    }));
}

export interface CartSummary {
  count: number;
  /** 已选 3 样 · 约 ¥23.50 (另有 1 样时价或自填) */
  text: string;
  empty: boolean;
}

export function cartSummary(items: CatalogItemView[], cart: Cart, free: FreeItem[]): CartSummary {
  const chosen = items.filter((i) => (cart[i.itemId] ?? 0) > 0);
  const priced = chosen.filter((i) => i.priceFen !== undefined);
  const fen = priced.reduce((n, i) => n + Math.round(i.priceFen! * cart[i.itemId]), 0);
  const unpriced = chosen.length - priced.length + free.length;
  const count = chosen.length + free.length;
  if (!count) return { count, text: '还没有选物资', empty: true };
  return { count, text: `已选 ${count} 样 · 约 ${yuan(fen)}${unpriced ? `（另有 ${unpriced} 样按实价）` : ''}`, empty: false };
}

/** What the person would submit, checked before it is sent; '' when fine. */
export function checkOrder(householdId: string, cart: Cart, free: FreeItem[], note: string): string {
  if (!householdId) return '请选择为哪一户下单';
  if (!Object.values(cart).some((q) => q > 0) && !free.length) return '请至少选择一样物资';
  if (free.some((f) => !f.name.trim())) return '自填物资请写上名称';
  if (Array.from(note.trim()).length > MAX_NOTE) return `备注最多 ${MAX_NOTE} 个字`;
  return '';
}

export function toOrderInput(
  householdId: string,
  cart: Cart,
  free: FreeItem[],
  note: string,
  delivery: DeliveryPreference,
): OrderCreateInput {
  const lines: OrderCreateInput['items'] = [
    ...Object.entries(cart)
      .filter(([, q]) => q > 0)
      .map(([itemId, quantity]) => ({ itemId, quantity })),
    ...free.map((f) => ({ name: f.name.trim(), quantity: f.quantity, ...(f.unit.trim() ? { unit: f.unit.trim() } : {}) })),
  ];
  return { householdId, items: lines, delivery, ...(note.trim() ? { note: note.trim() } : {}) };
}

// ── 我的订单 ────────────────────────────────────────────────────────────────────────────────────────

export const STEP_LABELS = ['已提交', '已接单', '已采购', '已送达', '已收货'];
const STEP_OF: Record<OrderView['status'], number> = {
  submitted: 0,
  accepted: 1,
  purchased: 2,
  delivered: 3,
  received: 4,
  cancelled: -1,
  rejected: -1,
};

export interface OrderCard {
  orderId: string;
  /** 3-1-301 · 第 1 批 */
  title: string;
  statusLabel: string;
  statusTheme: 'primary' | 'success' | 'warning' | 'default' | 'danger';
  /** Index of the current step; -1 for a cancelled or rejected order (no steps shown). */
  step: number;
  /** 纯牛奶 ×6 盒、大白菜 ×2 斤 */
  itemsText: string;
  /** 约 ¥35.00 · 放门口，敲门告知 */
  meta: string;
  /** Who ordered for the household, who took it, why it was sent back, when it counts as received. */
  notes: string[];
  canCancel: boolean;
  canConfirm: boolean;
}

const fmt = (n: number) => String(Math.round(n * 10) / 10);
const shortTime = (iso: string) => {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
};

export function orderCard(o: OrderView): OrderCard {
  const theme: OrderCard['statusTheme'] =
    o.status === 'delivered'
      ? 'warning'
      : o.status === 'received'
        ? 'success'
        : o.status === 'rejected'
          ? 'danger'
          : o.status === 'cancelled'
            ? 'default'
            : 'primary';
  const notes = [
    o.onBehalfBy ? `${o.onBehalfBy} 代下单` : '',
    o.acceptedBy && o.status !== 'rejected' ? `${o.acceptedBy} 已接单` : '',
    o.rejectReason ? `退回原因：${o.rejectReason}` : '',
    o.status === 'delivered' && o.autoConfirmAt ? `已送到门口，请确认收货；${shortTime(o.autoConfirmAt)} 后自动确认` : '',
    o.payment.status === 'paid' && o.payment.amountFen !== undefined
      ? `已付款 ${yuan(o.payment.amountFen)}（${o.payment.methodLabel ?? ''}）`
      : '',
  ].filter(Boolean);
  return {
    orderId: o.orderId,
    title: `${o.label} · 第 ${o.batchNo} 批`,
    statusLabel: o.statusLabel,
    statusTheme: theme,
    step: STEP_OF[o.status],
    itemsText: o.items.map((l) => `${l.name} ×${fmt(l.quantity)} ${l.unit}`).join('、'),
    meta: [o.estimatedFen ? `约 ${yuan(o.estimatedFen)}` : '', o.deliveryLabel, o.note ? `备注：${o.note}` : '']
      .filter(Boolean)
      .join(' · '),
    notes,
    canCancel: o.status === 'submitted',
    canConfirm: o.status === 'delivered',
  };
}
