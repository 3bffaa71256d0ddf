/**
 * 批次: a building's orders collected until the 楼道长's cut-off (截单), bought in one trip and delivered door to door.
 * A building has at most one open batch; an order arriving after the cut-off opens the next one. The purchase list
 * and the delivery list are computed here from rows the repository reads in a fixed number of requests. Pure.
 */
import type {
  BatchView,
  DeliveryList,
  DeliveryStop,
  FreeTextLine,
  OrderStatus,
  PurchaseLine,
  PurchaseList,
} from '../../typings/contract/supply';
import { CATEGORIES } from '../catalog/catalog';
import { stableId } from '../household/household';
import { DELIVERY_LABELS, paymentView, STATUS_LABELS, type Order, type OrderLine } from '../order/order';

export const BATCHES = 'batches';

export interface Batch {
  _id: string;
  communityId: string;
  gridId: string;
  buildingId: string;
  buildingName: string;
  no: number;
  status: 'open' | 'closed';
  openedAt: Date;
  closedAt?: Date;
  closedBy?: string;
  /**
   * Orders placed into it. An order joins the batch by counting itself in with a conditional update (`status` still
   * open) before it is written, so once the batch is closed the count no longer moves and the cut-off can wait until
   * that many orders carry the batch's id.
   */
  orderCount: number;
  /** The building's id while the batch is open, absent once closed: how an order finds the open batch by an index. */
  openFor?: string;
  updatedAt: Date;
}

/** The n-th batch of a building has one id, so two orders opening it at once open it once. */
export const batchId = (buildingId: string, no: number): string => stableId('batch', buildingId, String(no));

export function openBatch(
  b: { communityId: string; gridId: string; buildingId: string; buildingName: string },
  no: number,
  at: Date,
): Batch {
  return { _id: batchId(b.buildingId, no), ...b, no, status: 'open', openedAt: at, orderCount: 0, openFor: b.buildingId, updatedAt: at };
}

export function closeBatch(batch: Batch, by: string, at: Date): Batch {
  const { openFor: _open, ...rest } = batch;
  return { ...rest, status: 'closed', closedAt: at, closedBy: by, updatedAt: at };
}

export function batchView(b: Batch, counts: Partial<Record<OrderStatus, number>> = {}): BatchView {
  const active = (['submitted', 'accepted', 'purchased', 'delivered', 'received'] as const).reduce((n, s) => n + (counts[s] ?? 0), 0);
  return {
    batchId: b._id,
    buildingId: b.buildingId,
    buildingName: b.buildingName,
    no: b.no,
    status: b.status,
    openedAt: b.openedAt.toISOString(),
    ...(b.closedAt ? { closedAt: b.closedAt.toISOString() } : {}),
    ...(b.closedBy ? { closedBy: b.closedBy } : {}),
    counts,
    activeOrders: active,
  };
}

// ── Purchase list ───────────────────────────────────────────────────────────────────────────────────

/** One catalog item as the database groups it: every household's quantity of it. */
export interface ItemTotalRow {
  itemId: string;
  name: string;
  unit: string;
  category: OrderLine['category'];
  casePack: number;
  priceFen?: number;
  wants: { label: string; quantity: number }[];
}

const fmt = (n: number) => String(Math.round(n * 10) / 10);

/** Rounds the total up to whole cases and says so: 共需 15 盒 → 买 2 箱（每箱 12 盒，共 24 盒，多 9 盒）. */
export function caseRounding(wanted: number, casePack: number, unit: string): Pick<PurchaseLine, 'cases' | 'buy' | 'surplus' | 'rounding'> {
  if (casePack <= 1) return { buy: wanted, surplus: 0, rounding: `共需 ${fmt(wanted)} ${unit}` };
  const cases = Math.ceil(wanted / casePack - 1e-9);
  const buy = cases * casePack;
  const surplus = Math.round((buy - wanted) * 10) / 10;
  const extra = surplus > 0 ? `，多 ${fmt(surplus)} ${unit}` : '，正好';
  return {
    cases,
    buy,
    surplus,
    rounding: `共需 ${fmt(wanted)} ${unit} → 买 ${cases} 箱（每箱 ${casePack} ${unit}，共 ${buy} ${unit}${extra}）`,
  };
}

const byLabel = (a: { label: string }, b: { label: string }) => compareLabels(a.label, b.label);

export function purchaseList(batch: BatchView, rows: ItemTotalRow[], freeText: FreeTextLine[], households: number): PurchaseList {
  const lines: PurchaseLine[] = rows
    .map((r) => {
      const wanted = Math.round(r.wants.reduce((n, w) => n + w.quantity, 0) * 10) / 10;
      const rounded = caseRounding(wanted, r.casePack, r.unit);
      return {
        itemId: r.itemId,
        name: r.name,
        unit: r.unit,
        category: r.category,
        casePack: r.casePack,
        wanted,
        ...rounded,
        ...(r.priceFen !== undefined ? { estimatedFen: Math.round(r.priceFen * rounded.buy) } : {}),
        households: mergeWants(r.wants).sort(byLabel),
      };
    })
    .sort((a, b) => CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category) || a.name.localeCompare(b.name, 'zh-Hans-CN'));
  return {
    batch,
    lines,
    freeText: [...freeText].sort(byLabel),
    households,
    estimatedFen: lines.reduce((n, l) => n + (l.estimatedFen ?? 0), 0),
  };
}

/** Two orders of one household for the same item are one entry on the list. */
function mergeWants(wants: { label: string; quantity: number }[]): { label: string; quantity: number }[] {
  const m = new Map<string, number>();
  for (const w of wants) m.set(w.label, Math.round(((m.get(w.label) ?? 0) + w.quantity) * 10) / 10);
  return [...m].map(([label, quantity]) => ({ label, quantity }));
}

// ── Delivery list ───────────────────────────────────────────────────────────────────────────────────

const numeric = (s: string) => (/^\d+$/.test(s) ? Number(s) : Number.NaN);

/** Compares two text numbers as numbers when both are (unit 2 before unit 10), otherwise as text. */
function compareNumberText(a: string, b: string): number {
  const x = numeric(a);
  const y = numeric(b);
  return !Number.isNaN(x) && !Number.isNaN(y) ? x - y : a.localeCompare(b, 'zh-Hans-CN');
}

/** 3-1-301 before 3-1-302 before 3-2-101: unit, then room as numbers. */
export function compareLabels(a: string, b: string): number {
  const pa = a.split('-');
  const pb = b.split('-');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const c = compareNumberText(pa[i] ?? '', pb[i] ?? '');
    if (c) return c;
  }
  return 0;
}

/** What a stop shows of an order: its lines' names, quantities and units only (the repository reads no more). */
export type DeliveryOrder = Pick<
  Order,
  | '_id'
  | 'householdId'
  | 'label'
  | 'unit'
  | 'floor'
  | 'room'
  | 'note'
  | 'delivery'
  | 'status'
  | 'paymentStatus'
  | 'payment'
  | 'estimatedFen'
> & { items: Pick<OrderLine, 'name' | 'quantity' | 'unit'>[] };

/** Door to door: by unit, floor and room; a household's orders in the batch are separate stops, oldest first. */
export function deliveryList(batch: BatchView, orders: DeliveryOrder[]): DeliveryList {
  const stops: DeliveryStop[] = orders
    .filter((o) => o.status !== 'cancelled' && o.status !== 'rejected')
    .sort((a, b) => compareNumberText(a.unit, b.unit) || a.floor - b.floor || compareNumberText(a.room, b.room))
    .map((o) => ({
      orderId: o._id,
      householdId: o.householdId,
      label: o.label,
      unit: o.unit,
      floor: o.floor,
      room: o.room,
      items: o.items.map((l) => ({ name: l.name, quantity: l.quantity, unit: l.unit })),
      ...(o.note ? { note: o.note } : {}),
      delivery: o.delivery,
      deliveryLabel: DELIVERY_LABELS[o.delivery],
      status: o.status,
      statusLabel: STATUS_LABELS[o.status],
      delivered: o.status === 'delivered' || o.status === 'received',
      tickable: o.status === 'purchased',
      payment: paymentView(o),
      estimatedFen: o.estimatedFen,
    }));
  return { batch, stops, delivered: stops.filter((s) => s.delivered).length, total: stops.length };
}
