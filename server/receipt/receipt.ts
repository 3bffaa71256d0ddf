/**
 * 回执: one per household and notice, written when someone of the household first opens it (never fanned out at
 * publishing), acknowledged when the notice asks for 确认收到 — by the household itself, or by the 楼道长 after a
 * phone call or a knock on the door. Ids are deterministic, so opening twice, or two members at once, write one.
 * Pure: counting and "who is still outstanding" over plain data.
 */
import type { BuildingReceipts, OutstandingHousehold } from '../../typings/contract/notice';
import { stableId } from '../household/household';
import type { BuildingReach } from '../notice/notice';

export const RECEIPTS = 'noticeReceipts';

export type AckMethod = 'self' | 'phone' | 'door';

export interface Receipt {
  _id: string;
  noticeId: string;
  communityId: string;
  gridId: string;
  buildingId: string;
  householdId: string;
  readAt: Date;
  readBy: string;
  /** 0 or 1: summed per building in one aggregate. */
  acknowledged: 0 | 1;
  acknowledgedAt?: Date;
  ackBy?: string;
  ackMethod?: AckMethod;
}

export const receiptId = (noticeId: string, householdId: string): string => stableId('rcpt', noticeId, householdId);

export function newReceipt(
  p: { noticeId: string; communityId: string; gridId: string; buildingId: string; householdId: string },
  by: string,
  at: Date,
  ack?: { method: AckMethod },
): Receipt {
  return {
    _id: receiptId(p.noticeId, p.householdId),
    ...p,
    readAt: at,
    readBy: by,
    acknowledged: ack ? 1 : 0,
    ...(ack ? { acknowledgedAt: at, ackBy: by, ackMethod: ack.method } : {}),
  };
}

/** Per building: what one aggregate over the receipts answers. */
export interface BuildingCount {
  buildingId: string;
  read: number;
  acknowledged: number;
}

/** What still has to happen in a building: reading, or acknowledging when it is asked for. */
export const outstandingOf = (households: number, c: { read: number; acknowledged: number }, requiresAck: boolean): number =>
  Math.max(0, households - (requiresAck ? c.acknowledged : c.read));

export function buildingRows(reach: readonly BuildingReach[], counts: readonly BuildingCount[], requiresAck: boolean): BuildingReceipts[] {
  const byBuilding = new Map(counts.map((c) => [c.buildingId, c]));
  return reach
    .map((r) => {
      const c = byBuilding.get(r.buildingId) ?? { read: 0, acknowledged: 0 };
      // A household added to a building after publishing may read it too: never show more read than reached.
      const households = Math.max(r.households, c.read);
      return {
        buildingId: r.buildingId,
        buildingName: r.buildingName,
        households,
        read: c.read,
        acknowledged: c.acknowledged,
        outstanding: outstandingOf(households, c, requiresAck),
      };
    })
    .sort((a, b) => a.buildingName.localeCompare(b.buildingName, 'zh', { numeric: true }));
}

export function totalsOf(rows: readonly BuildingReceipts[]): {
  households: number;
  read: number;
  acknowledged: number;
  outstanding: number;
} {
  return rows.reduce(
    (t, r) => ({
      households: t.households + r.households,
      read: t.read + r.read,
      acknowledged: t.acknowledged + r.acknowledged,
      outstanding: t.outstanding + r.outstanding,
    }),
    { households: 0, read: 0, acknowledged: 0, outstanding: 0 },
  );
}

/** 还有 3 户未读 / 还有 2 户未确认 / 全部已读 / 全部已确认 */
export function outstandingSummary(count: number, requiresAck: boolean): string {
  if (count === 0) return requiresAck ? '全部已确认' : '全部已读';
  return `还有 ${count} 户${requiresAck ? '未确认' : '未读'}`;
}

export interface HouseholdRow {
  householdId: string;
  label: string;
}

/** The households of a building the notice reached that are still outstanding, in door order (3-1-101 before 3-1-102). */
export function outstandingHouseholds(
  reached: readonly HouseholdRow[],
  receipts: readonly Pick<Receipt, 'householdId' | 'acknowledged'>[],
  requiresAck: boolean,
  phones: ReadonlyMap<string, OutstandingHousehold['phones']>,
): OutstandingHousehold[] {
  const byHousehold = new Map(receipts.map((r) => [r.householdId, r]));
  return reached
    .filter((h) => {
      const r = byHousehold.get(h.householdId);
      return !r || (requiresAck && r.acknowledged !== 1);
    })
    .sort((a, b) => a.label.localeCompare(b.label, 'en', { numeric: true }))
    .map((h) => ({
      householdId: h.householdId,
      label: h.label,
      read: byHousehold.has(h.householdId),
      phones: phones.get(h.householdId) ?? [],
    }));
}
