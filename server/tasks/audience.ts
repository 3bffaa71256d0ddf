/**
 * Who, by name, is behind an audience ("the 楼道长 of 3号楼") right now: the openids a subscribe message goes to. The
 * to-do item itself is addressed by scope; this is only for the push.
 */
import type { Assignment } from '../assignment/assignment';
import { COLLECTIONS } from '../community/records';
import type { Database } from '../platform/database';
import { audienceKey, type Audience } from './task';

/** Openids of active staff per audience key, in one request. */
export async function staffOpenids(db: Database, communityId: string, audiences: Audience[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(audiences.map((a) => [audienceKey(a), []]));
  if (!audiences.length) return out;
  const roles = [...new Set(audiences.map((a) => a.role))];
  const staff = (
    await db
      .collection<Assignment>(COLLECTIONS.assignments)
      .where({ communityId, status: 'active', role: db.command.in(roles) })
      .limit(1000)
      .get()
  ).data;
  for (const a of audiences) {
    const openids = staff
      .filter(
        (s) =>
          s.openid &&
          s.role === a.role &&
          (a.role === 'communityAdmin' || (a.role === 'gridWorker' ? s.gridId === a.scopeId : (s.buildingIds ?? []).includes(a.scopeId))),
      )
      .map((s) => s.openid!);
    out.set(audienceKey(a), [...new Set(openids)]);
  }
  return out;
}
