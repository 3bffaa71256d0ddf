/**
 * The `supply` cloud function: 物资订单 — the community's catalog, orders by households (or on their behalf),
 * per-building batches with the 楼道长's purchase and delivery lists, and payments recorded (not processed).
 * Money is integer fen; instants are ISO 8601 strings.
 */
import type { Page } from './community';

// ── Catalog ────────────────────────────────────────────────────────────────────────────────────────

export type CatalogCategory = '蔬菜' | '肉蛋' | '粮油' | '奶品' | '药品' | '日用' | '其他';

export interface CatalogItemView {
  itemId: string;
  communityId: string;
  name: string;
  /** What one of it is: 斤, 盒, 袋, 瓶. */
  unit: string;
  /** Indicative price of one unit; absent when it varies (market price). */
  priceFen?: number;
  /** Sold only by a case of this many units (milk by the box of 12); 1 when sold singly. */
  casePack: number;
  category: CatalogCategory;
  available: boolean;
  /** Weighed loose (vegetables by the 斤): half units allowed; otherwise whole units only. */
  loose: boolean;
}

export interface CatalogItemInput {
  communityId: string;
  /** Absent: a new item. */
  itemId?: string;
  name: string;
  unit: string;
  priceFen?: number;
  casePack?: number;
  category: CatalogCategory;
  available: boolean;
  loose?: boolean;
}

// ── Orders ─────────────────────────────────────────────────────────────────────────────────────────

export type OrderStatus = 'submitted' | 'accepted' | 'purchased' | 'delivered' | 'received' | 'cancelled' | 'rejected';
export type OrderAction = 'accept' | 'reject' | 'cancel' | 'purchase' | 'deliver' | 'confirm' | 'autoConfirm';
/** 放门口（敲门或电话告知）/ 当面交给我 / 送前先打电话. */
export type DeliveryPreference = 'leaveAtDoor' | 'handToMe' | 'callFirst';
export type PaymentMethod = 'wechat' | 'alipay' | 'cash' | 'other';

/** A line from the catalog, or a free-text line (a medicine, a milk-powder brand) when `itemId` is absent. */
export type OrderLineInput = { itemId: string; quantity: number } | { name: string; quantity: number; unit?: string };

export interface OrderLineView {
  itemId?: string;
  name: string;
  unit: string;
  quantity: number;
  priceFen?: number;
  casePack: number;
  category: CatalogCategory;
  freeText: boolean;
}

export interface OrderEventView {
  action: 'create' | OrderAction | 'payment';
  at: string;
  /** 居民 王秀英, 楼道长 张建国, 系统. */
  by: string;
  note?: string;
}

export interface PaymentView {
  status: 'paid' | 'unpaid';
  amountFen?: number;
  method?: PaymentMethod;
  /** 微信转账 / 支付宝 / 现金 / 其他 */
  methodLabel?: string;
  recordedBy?: string;
  at?: string;
}

export interface OrderView {
  orderId: string;
  communityId: string;
  buildingId: string;
  buildingName: string;
  householdId: string;
  /** 3-1-301 */
  label: string;
  batchId: string;
  /** 第 n 批 of the building. */
  batchNo: number;
  status: OrderStatus;
  /** 待接单, 已接单, 已采购, 已送达, 已收货, 已取消, 已退回 */
  statusLabel: string;
  items: OrderLineView[];
  note?: string;
  delivery: DeliveryPreference;
  deliveryLabel: string;
  /** The priced lines added up; free-text and unpriced lines not included. */
  estimatedFen: number;
  /** Someone ordered for the household (a 楼道长 after a phone call): who. */
  onBehalfBy?: string;
  createdBy: string;
  createdAt: string;
  acceptedBy?: string;
  rejectReason?: string;
  deliveredAt?: string;
  receivedAt?: string;
  /** When a delivered order counts as received if nobody confirms. */
  autoConfirmAt?: string;
  payment: PaymentView;
  history: OrderEventView[];
}

export interface OrderCreateInput {
  householdId: string;
  items: OrderLineInput[];
  note?: string;
  delivery: DeliveryPreference;
}

// ── Batches and the 楼道长's lists ─────────────────────────────────────────────────────────────────

export interface BatchView {
  batchId: string;
  buildingId: string;
  buildingName: string;
  no: number;
  status: 'open' | 'closed';
  openedAt: string;
  closedAt?: string;
  closedBy?: string;
  /** Orders per status (cancelled and rejected included). */
  counts: Partial<Record<OrderStatus, number>>;
  /** Orders still to be filled: not cancelled, rejected. */
  activeOrders: number;
}

export interface PurchaseLine {
  itemId: string;
  name: string;
  unit: string;
  category: CatalogCategory;
  casePack: number;
  /** Units the households want together. */
  wanted: number;
  /** Whole cases to buy (wanted rounded up), when sold by the case. */
  cases?: number;
  /** Units that will be bought: cases × case-pack, or `wanted` when sold singly. */
  buy: number;
  /** Bought beyond what was wanted because of the rounding. */
  surplus: number;
  /** 共需 15 盒 → 买 2 箱（每箱 12 盒，共 24 盒，多 9 盒）; 共需 6 斤. */
  rounding: string;
  /** Price of `buy` units, when the item has a price. */
  estimatedFen?: number;
  households: { label: string; quantity: number }[];
}

export interface FreeTextLine {
  name: string;
  unit: string;
  quantity: number;
  label: string;
  orderId: string;
}

export interface PurchaseList {
  batch: BatchView;
  lines: PurchaseLine[];
  freeText: FreeTextLine[];
  households: number;
  estimatedFen: number;
}

export interface DeliveryStop {
  orderId: string;
  householdId: string;
  label: string;
  unit: string;
  floor: number;
  room: string;
  items: { name: string; quantity: number; unit: string }[];
  note?: string;
  delivery: DeliveryPreference;
  deliveryLabel: string;
  status: OrderStatus;
  statusLabel: string;
  /** Ticked: delivered or received. */
  delivered: boolean;
  /** Can be ticked now (purchased). */
  tickable: boolean;
  payment: PaymentView;
  estimatedFen: number;
}

export interface DeliveryList {
  batch: BatchView;
  stops: DeliveryStop[];
  delivered: number;
  total: number;
}

export interface UnpaidOrder {
  orderId: string;
  label: string;
  batchId: string;
  batchNo: number;
  status: OrderStatus;
  statusLabel: string;
  estimatedFen: number;
  createdAt: string;
}

export interface SupplyApi {
  /** 本社区的物资目录（居民下单用；工作人员可含已下架的）。 */
  'catalog.list': { input: { communityId: string; includeUnavailable?: boolean }; output: CatalogItemView[] };
  /** 社区管理员：新增或修改一项物资（名称、单位、价格、整箱规格、分类、是否有货）。 */
  'catalog.save': { input: CatalogItemInput; output: CatalogItemView };

  /** 为本户下单（居民、代办人，或楼道长电话后代下单）；同一请求编号只生效一次。订单进入本楼当前批次。 */
  'order.create': { input: OrderCreateInput; output: OrderView };
  /** 我（及我代办的家庭）的订单，新的在前，每页 20 条。 */
  'order.mine': { input: { cursor?: string }; output: Page<OrderView> };
  'order.get': { input: { orderId: string }; output: OrderView };
  /** 居民：取消尚未接单的订单。 */
  'order.cancel': { input: { orderId: string }; output: OrderView };
  /** 志愿者 / 楼道长：接单；两人同时接单只有一人成功，另一人被告知谁接了。 */
  'order.accept': { input: { orderId: string }; output: OrderView };
  /** 楼道长：采购前退回订单（写明原因）。 */
  'order.reject': { input: { orderId: string; reason: string }; output: OrderView };
  'order.markPurchased': { input: { orderId: string }; output: OrderView };
  /** 配送打勾：通知本户及其代办人。 */
  'order.markDelivered': { input: { orderId: string }; output: OrderView };
  /** 居民：确认收货（送达后一段时间不确认则自动确认）。 */
  'order.confirmReceipt': { input: { orderId: string }; output: OrderView };
  /** 记录收款（只记录，不经手钱款）。 */
  'order.recordPayment': {
    input: { orderId: string; paid: boolean; amountFen?: number; method?: PaymentMethod };
    output: OrderView;
  };

  /** 本楼的批次，新的在前，每页 20 条。 */
  'batch.list': { input: { buildingId: string; cursor?: string }; output: Page<BatchView> };
  /** 截单：关闭当前批次，之后的订单进入下一批。 */
  'batch.close': { input: { batchId: string }; output: BatchView };
  /** 采购清单：每样物资的总数（按整箱向上取整并写明）和要它的住户；自填物资单列。 */
  'batch.purchaseList': { input: { batchId: string }; output: PurchaseList };
  /** 配送清单：按单元、楼层、房号排序，每户的物品和勾选状态。 */
  'batch.deliveryList': { input: { batchId: string }; output: DeliveryList };
  /** 本批已接单的订单全部标记为已采购。 */
  'batch.markPurchased': { input: { batchId: string }; output: BatchView };
  /** 未付款的订单（已采购及之后），待催收，每页 20 条。 */
  'payment.unpaid': { input: { buildingId: string; cursor?: string }; output: Page<UnpaidOrder> };
}
