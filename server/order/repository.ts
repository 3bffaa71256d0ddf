/** Reading orders and the people behind a household. Each read is one request, bounded by a household or a batch. */
import { BATCHES, type Batch } from '../batch/batch';
import { CATALOG, type CatalogItem } from '../catalog/catalog';
import { COLLECTIONS, type BuildingRecord } from '../community/records';
import type { Household } from '../household/household';
import type { UserRecord } from '../identity/users';
import type { Database } from '../platform/database';
import { AppError } from '../platform/errors';
import type { Target } from '../policy/roles';
import { ORDERS, type Order } from './order';

export async function orderOrFail(db: Database, id: string): Promise<Order> {
  const o = (await db.collection<Order>(ORDERS).where({ _id: id }).limit(1).get()).data[0];
  if (!o) throw new AppError('ORDER.NOT_FOUND', '找不到这个订单，可能已被删除，请下拉刷新');
  return o;
}

export async function orderIfAny(db: Database, id: string): Promise<Order | null> {
  return (await db.collection<Order>(ORDERS).where({ _id: id }).limit(1).get()).data[0] ?? null;
}

/** Everything placing an order reads, as it stood at one moment. */
export interface Placement {
  household: Household;
  user: UserRecord | null;
  building: BuildingRecord | null;
  catalog: CatalogItem[];
  /** The order this request id already placed (a retry, a double tap). */
  existing: Order | null;
  /** The building's open batch (the one carrying `openFor`), if one was open. */
  openBatch: Batch | null;
}

/**
 * The household and, joined to it in the same request, the caller's user record, the building, the catalog items
 * named, the order this request id would have placed and the building's open batch: one aggregate, each `$lookup`
 * by `_id` or by an indexed field, whatever the size of the building. Null when there is no such household.
 */
export async function placementOf(
  db: Database,
  q: { householdId: string; openid: string; orderId: string; itemIds: string[] },
): Promise<Placement | null> {
  const $ = db.command.aggregate;
  let pipeline = db
    .collection(COLLECTIONS.households)
    .aggregate()
    .match({ _id: q.householdId })
    .limit(1)
    .addFields({ placementCaller: $.literal(q.openid), placementOrder: $.literal(q.orderId), placementItems: $.literal(q.itemIds) })
    .lookup({ from: COLLECTIONS.users, localField: 'placementCaller', foreignField: '_id', as: 'placementUser' })
    .lookup({ from: COLLECTIONS.buildings, localField: 'buildingId', foreignField: '_id', as: 'placementBuilding' })
    .lookup({ from: ORDERS, localField: 'placementOrder', foreignField: '_id', as: 'placementExisting' })
    .lookup({ from: BATCHES, localField: 'buildingId', foreignField: 'openFor', as: 'placementBatch' });
  // Only with items to look up: an empty array as localField is not a lookup every database answers alike.
  if (q.itemIds.length)
    pipeline = pipeline.lookup({ from: CATALOG, localField: 'placementItems', foreignField: '_id', as: 'placementCatalog' });
  pipeline = pipeline.project({ placementCaller: 0, placementOrder: 0, placementItems: 0 });
  const row = (await pipeline.end()).list[0] as unknown as
    | (Household & {
        placementUser: UserRecord[];
        placementBuilding: BuildingRecord[];
        placementExisting: Order[];
        placementBatch: Batch[];
        placementCatalog?: CatalogItem[];
      })
    | undefined;
  if (!row) return null;
  const { placementUser, placementBuilding, placementExisting, placementBatch, placementCatalog, ...household } = row;
  return {
    household,
    user: placementUser[0] ?? null,
    building: placementBuilding[0] ?? null,
    catalog: placementCatalog ?? [],
    existing: placementExisting[0] ?? null,
    // At most one batch of a building is open; the status is checked again by the conditional update that joins it.
    openBatch: placementBatch.find((b) => b.status === 'open') ?? null,
  };
}

export const orderHouseholdTarget = (o: Pick<Order, 'communityId' | 'gridId' | 'buildingId' | 'householdId'>): Target => ({
  communityId: o.communityId,
  gridId: o.gridId,
  buildingId: o.buildingId,
  householdId: o.householdId,
});

export const orderBuildingTarget = (o: Pick<Order, 'communityId' | 'gridId' | 'buildingId'>): Target => ({
  communityId: o.communityId,
  gridId: o.gridId,
  buildingId: o.buildingId,
});

/** The app users linked to a household — members and proxies (a daughter ordering for her parents) — in one request. */
export async function householdOpenids(db: Database, householdId: string): Promise<string[]> {
  const users = (
    await db
      .collection<UserRecord>(COLLECTIONS.users)
      .where({ 'households.householdId': householdId })
      .field({ _id: true })
      .limit(100)
      .get()
  ).data;
  return users.map((u) => u._id);
}
