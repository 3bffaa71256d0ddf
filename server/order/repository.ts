/** Reading orders and the people behind a household. Each read is one request, bounded by a household or a batch. */
import { COLLECTIONS } from '../community/records';
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
