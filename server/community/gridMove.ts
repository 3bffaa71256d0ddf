/**
 * Moving buildings from one grid to another. The grid is copied onto everything that lives in a building (households,
 * residents, isolations, check-ins, …) so that a grid's boards and lists are one indexed query with no join; this is
 * the one list of those copies, and a concept that copies the grid adds its collection here. To-do items move too,
 * but keep the audience they were raised for: whoever was responsible then finishes them.
 */
import { BATCHES } from '../batch/batch';
import { CHECK_INS } from '../checkIn/checkIn';
import { HELP_REQUESTS } from '../helpRequest/helpRequest';
import { ISOLATIONS } from '../isolation/isolation';
import { ORDERS } from '../order/order';
import { TASKS } from '../tasks/task';
import type { Database } from '../platform/database';
import type { HouseholdLink } from '../policy/roles';
import { COLLECTIONS } from './records';
import { MAX_READ } from './registry';

/** Collections whose documents carry `gridId`, found by building (`_id` for the buildings themselves). */
export const GRID_COPIES: readonly { collection: string; byBuilding: '_id' | 'buildingId' }[] = [
  { collection: COLLECTIONS.buildings, byBuilding: '_id' },
  { collection: COLLECTIONS.households, byBuilding: 'buildingId' },
  { collection: COLLECTIONS.residents, byBuilding: 'buildingId' },
  { collection: COLLECTIONS.bindings, byBuilding: 'buildingId' },
  { collection: ISOLATIONS, byBuilding: 'buildingId' },
  { collection: CHECK_INS, byBuilding: 'buildingId' },
  { collection: ORDERS, byBuilding: 'buildingId' },
  { collection: BATCHES, byBuilding: 'buildingId' },
  { collection: HELP_REQUESTS, byBuilding: 'buildingId' },
  // Where a to-do item's person lives (the grid board lists the missing from them); its audience stays as raised.
  { collection: TASKS, byBuilding: 'buildingId' },
];

/** How many household ids go into one `_.in` when looking up the users linked to them. */
const LINK_BATCH = 100;

/** Every update is idempotent, so a retry after a failure finishes the move. */
export async function moveBuildingsToGrid(
  db: Database,
  communityId: string,
  buildingIds: string[],
  gridId: string,
  now: Date,
): Promise<void> {
  if (!buildingIds.length) return;
  const _ = db.command;
  for (const { collection, byBuilding } of GRID_COPIES) {
    await db
      .collection(collection)
      .where({ communityId, [byBuilding]: _.in(buildingIds) })
      .update({ data: { gridId } });
  }
  // The users' links to those households carry the grid too (what a notice to a grid reaches).
  const moved = new Set(buildingIds);
  for (let skip = 0; ; skip += MAX_READ) {
    const households = (
      await db
        .collection<{ _id: string }>(COLLECTIONS.households)
        .where({ communityId, buildingId: _.in(buildingIds) })
        .orderBy('_id', 'asc')
        .skip(skip)
        .limit(MAX_READ)
        .field({ _id: true })
        .get()
    ).data.map((h) => h._id);
    for (let i = 0; i < households.length; i += LINK_BATCH) {
      const users = (
        await db
          .collection<{ _id: string; households: HouseholdLink[] }>('users')
          .where({ 'households.householdId': _.in(households.slice(i, i + LINK_BATCH)) })
          .limit(MAX_READ)
          .get()
      ).data;
      for (const u of users) {
        const links = u.households.map((l) => (l.communityId === communityId && moved.has(l.buildingId) ? { ...l, gridId } : l));
        await db
          .collection('users')
          .doc(u._id)
          .update({ data: { households: links, updatedAt: now } });
      }
    }
    if (households.length < MAX_READ) return;
  }
}
