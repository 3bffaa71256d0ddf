/**
 * Reading and writing 回执. Writes are by deterministic id (one per household and notice), so opening twice or two
 * members at once write one; counts are one aggregate whatever the number of buildings.
 */
import { MAX_READ } from '../community/registry';
import type { Notice } from '../notice/notice';
import type { Database } from '../platform/database';
import { isDuplicateKey } from '../platform/dbErrors';
import { newReceipt, receiptId, RECEIPTS, type AckMethod, type BuildingCount, type Receipt } from './receipt';

export interface ReceiptHousehold {
  householdId: string;
  communityId: string;
  gridId: string;
  buildingId: string;
}

const keyOf = (notice: Pick<Notice, '_id'>, h: ReceiptHousehold) => ({
  noticeId: notice._id,
  communityId: h.communityId,
  gridId: h.gridId,
  buildingId: h.buildingId,
  householdId: h.householdId,
});

export async function receiptsFor(db: Database, noticeIds: string[], householdIds: string[]): Promise<Receipt[]> {
  if (!noticeIds.length || !householdIds.length) return [];
  const _ = db.command;
  return (
    await db
      .collection<Receipt>(RECEIPTS)
      .where({ noticeId: _.in(noticeIds), householdId: _.in(householdIds) })
      .limit(MAX_READ)
      .get()
  ).data;
}

/** Marks the notice read for these households; a household that read it before keeps its first reading. */
export async function markRead(db: Database, notice: Notice, households: ReceiptHousehold[], by: string, at: Date): Promise<Receipt[]> {
  const existing = await receiptsFor(
    db,
    [notice._id],
    households.map((h) => h.householdId),
  );
  const have = new Set(existing.map((r) => r.householdId));
  const fresh = households.filter((h) => !have.has(h.householdId)).map((h) => newReceipt(keyOf(notice, h), by, at));
  for (const r of fresh) {
    try {
      await db.collection(RECEIPTS).add({ data: { ...r } });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err; // another member opened it at the same moment
    }
  }
  return [...existing, ...fresh];
}

/** Acknowledges for these households (reading it too when they had not); a second acknowledgement changes nothing. */
export async function acknowledge(
  db: Database,
  notice: Notice,
  households: ReceiptHousehold[],
  by: string,
  method: AckMethod,
  at: Date,
): Promise<ReceiptHousehold[]> {
  const changed: ReceiptHousehold[] = [];
  const done = new Set(
    (
      await receiptsFor(
        db,
        [notice._id],
        households.map((h) => h.householdId),
      )
    )
      .filter((r) => r.acknowledged === 1)
      .map((r) => r.householdId),
  );
  for (const h of households.filter((x) => !done.has(x.householdId))) {
    const _id = receiptId(notice._id, h.householdId);
    // Conditional: of two acknowledgements at once, one counts.
    const res = await db
      .collection(RECEIPTS)
      .where({ _id, acknowledged: 0 })
      .update({ data: { acknowledged: 1, acknowledgedAt: at, ackBy: by, ackMethod: method } });
    if (res.stats.updated) {
      changed.push(h);
      continue;
    }
    try {
      await db.collection(RECEIPTS).add({ data: { ...newReceipt(keyOf(notice, h), by, at, { method }) } });
      changed.push(h);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      // It existed: either acknowledged already (nothing to do) or read just now by someone else; try once more.
      const again = await db
        .collection(RECEIPTS)
        .where({ _id, acknowledged: 0 })
        .update({ data: { acknowledged: 1, acknowledgedAt: at, ackBy: by, ackMethod: method } });
      if (again.stats.updated) changed.push(h);
    }
  }
  return changed;
}

/** Read and acknowledged per building of one notice, optionally only some buildings: one aggregate. */
export async function countsByBuilding(db: Database, noticeId: string, buildingIds?: string[]): Promise<BuildingCount[]> {
  const _ = db.command;
  const res = await db
    .collection(RECEIPTS)
    .aggregate()
    .match({ noticeId, ...(buildingIds ? { buildingId: _.in(buildingIds) } : {}) })
    .group({ _id: '$buildingId', read: _.aggregate.sum(1), acknowledged: _.aggregate.sum('$acknowledged') })
    .limit(MAX_READ)
    .end();
  return res.list.map((r) => ({ buildingId: r._id as string, read: r.read as number, acknowledged: r.acknowledged as number }));
}

/** Read and acknowledged per notice, for a page of notices: one aggregate. */
export async function countsByNotice(
  db: Database,
  noticeIds: string[],
  buildingIds?: string[],
): Promise<Map<string, { read: number; acknowledged: number }>> {
  if (!noticeIds.length) return new Map();
  const _ = db.command;
  const res = await db
    .collection(RECEIPTS)
    .aggregate()
    .match({ noticeId: _.in(noticeIds), ...(buildingIds ? { buildingId: _.in(buildingIds) } : {}) })
    .group({ _id: '$noticeId', read: _.aggregate.sum(1), acknowledged: _.aggregate.sum('$acknowledged') })
    .limit(MAX_READ)
    .end();
  return new Map(res.list.map((r) => [r._id as string, { read: r.read as number, acknowledged: r.acknowledged as number }]));
}
