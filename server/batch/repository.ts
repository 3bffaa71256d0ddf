/**
 * Batches and the reads behind the 楼道长's lists. The purchase list is one aggregate over the batch's orders (items
 * unwound and grouped per catalog item in the database), the delivery list one read of the batch's orders: a fixed
 * number of requests whatever the number of orders (a further request per thousand past the first).
 */
import type { FreeTextLine, OrderStatus } from '../../typings/contract/supply';
import type { BuildingRecord } from '../community/records';
import type { Database } from '../platform/database';
import { isDuplicateKey } from '../platform/dbErrors';
import { AppError } from '../platform/errors';
import { ACTIVE_STATUSES, ORDERS } from '../order/order';
import { BATCHES, openBatch, type Batch, type DeliveryOrder, type ItemTotalRow } from './batch';

const PAGE = 1000;

export async function batchOrFail(db: Database, id: string): Promise<Batch> {
  const b = (await db.collection<Batch>(BATCHES).where({ _id: id }).limit(1).get()).data[0];
  if (!b) throw new AppError('BATCH.NOT_FOUND', '找不到这个批次，请下拉刷新');
  return b;
}

/**
 * Counts one more order into the batch if it is still open, in one conditional update: true when it did, false when
 * the batch was cut off meanwhile. (It also marks the batch as the building's open one, for a batch opened before
 * batches carried `openFor`.)
 */
export async function joinBatch(db: Database, batch: Pick<Batch, '_id' | 'buildingId'>, at: Date): Promise<boolean> {
  const res = await db
    .collection(BATCHES)
    .where({ _id: batch._id, status: 'open' })
    .update({ data: { orderCount: db.command.inc(1), openFor: batch.buildingId, updatedAt: at } });
  return res.stats.updated === 1;
}

/** An order counted in by joinBatch that was not written after all (the same request's other copy was): uncounted. */
export async function leaveBatch(db: Database, batchId: string, at: Date): Promise<void> {
  await db
    .collection(BATCHES)
    .where({ _id: batchId })
    .update({ data: { orderCount: db.command.inc(-1), updatedAt: at } });
}

/**
 * For an order whose building had no open batch (or whose batch was cut off a moment ago): joins the latest batch if
 * it is open after all, or opens the next one with this order already counted in it. `beforeOpen` runs before the
 * batch is written (the batch's to-do item), so no batch exists without it; it must be safe to run twice.
 */
export async function joinOrOpenBatch(
  db: Database,
  building: BuildingRecord,
  at: Date,
  beforeOpen: (batch: Batch) => Promise<void>,
): Promise<Batch> {
  const batches = db.collection<Batch>(BATCHES);
  for (let attempt = 0; attempt < 3; attempt++) {
    const latest = (
      await batches.where({ communityId: building.communityId, buildingId: building._id }).orderBy('no', 'desc').limit(1).get()
    ).data[0];
    if (latest?.status === 'open') {
      if (await joinBatch(db, latest, at)) return latest;
      continue; // cut off between the read and the join: the next one
    }
    const next: Batch = {
      ...openBatch(
        { communityId: building.communityId, gridId: building.gridId, buildingId: building._id, buildingName: building.name },
        (latest?.no ?? 0) + 1,
        at,
      ),
      orderCount: 1,
    };
    await beforeOpen(next);
    try {
      await batches.add({ data: { ...next } });
      return next;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      // Another order opened it a moment ago (same id): join it, unless it is already cut off too.
      if (await joinBatch(db, next, at)) return next;
    }
  }
  throw new AppError('DATA.CONFLICT', '楼道长正在截单，请稍后重新提交');
}

/** Orders per batch and status for the given batches, in one aggregate. */
export async function statusCounts(
  db: Database,
  communityId: string,
  batchIds: string[],
): Promise<Map<string, Partial<Record<OrderStatus, number>>>> {
  const out = new Map<string, Partial<Record<OrderStatus, number>>>(batchIds.map((id) => [id, {}]));
  if (!batchIds.length) return out;
  const $ = db.command.aggregate;
  const rows = (
    await db
      .collection(ORDERS)
      .aggregate()
      .match({ communityId, batchId: db.command.in(batchIds) })
      .group({ _id: { batchId: '$batchId', status: '$status' }, n: $.sum(1) })
      .limit(PAGE)
      .end()
  ).list as { _id: { batchId: string; status: OrderStatus }; n: number }[];
  for (const r of rows) out.get(r._id.batchId)![r._id.status] = r.n;
  return out;
}

/**
 * Per catalog item of the batch's live orders: its details and each household's quantity; free-text lines one by
 * one. One aggregate: the database unwinds and groups, the function only rounds.
 */
export async function purchaseRows(
  db: Database,
  communityId: string,
  batchId: string,
): Promise<{ items: ItemTotalRow[]; freeText: FreeTextLine[] }> {
  const $ = db.command.aggregate;
  const rows = (
    await db
      .collection(ORDERS)
      .aggregate()
      .match({ communityId, batchId, status: db.command.in([...ACTIVE_STATUSES]) })
      .project({ label: 1, items: 1 })
      .unwind('$items')
      // A catalog item is one group; each free-text line is a group of its own (its name is what is bought).
      .group({
        _id: { $ifNull: ['$items.itemId', { $concat: ['free:', '$_id', ':', '$items.name'] }] },
        free: $.first('$items.freeText'),
        name: $.first('$items.name'),
        unit: $.first('$items.unit'),
        category: $.first('$items.category'),
        casePack: $.first('$items.casePack'),
        priceFen: $.first('$items.priceFen'),
        orderId: $.first('$_id'),
        wants: $.push({ label: '$label', quantity: '$items.quantity' }),
      })
      .limit(PAGE)
      .end()
  ).list as (Omit<ItemTotalRow, 'itemId'> & { _id: string; free: boolean; orderId: string })[];
  const items: ItemTotalRow[] = [];
  const freeText: FreeTextLine[] = [];
  for (const r of rows) {
    if (r.free) {
      freeText.push(...r.wants.map((w) => ({ name: r.name, unit: r.unit, quantity: w.quantity, label: w.label, orderId: r.orderId })));
    } else {
      items.push({
        itemId: r._id,
        name: r.name,
        unit: r.unit,
        category: r.category,
        casePack: r.casePack,
        ...(typeof r.priceFen === 'number' ? { priceFen: r.priceFen } : {}),
        wants: r.wants,
      });
    }
  }
  return { items, freeText };
}

/** The batch's orders with what a delivery stop shows, a thousand per request. */
export async function deliveryOrders(db: Database, communityId: string, batchId: string): Promise<DeliveryOrder[]> {
  const out: DeliveryOrder[] = [];
  for (let skip = 0; ; skip += PAGE) {
    const rows = (
      await db
        .collection<DeliveryOrder>(ORDERS)
        .where({ communityId, batchId })
        // Only what a stop shows: a line's name, quantity and unit, not its catalog details.
        .field({
          householdId: true,
          label: true,
          unit: true,
          floor: true,
          room: true,
          'items.name': true,
          'items.quantity': true,
          'items.unit': true,
          note: true,
          delivery: true,
          status: true,
          paymentStatus: true,
          payment: true,
          estimatedFen: true,
        })
        .orderBy('_id', 'asc')
        .skip(skip)
        .limit(PAGE)
        .get()
    ).data;
    out.push(...rows);
    if (rows.length < PAGE) return out;
  }
}
