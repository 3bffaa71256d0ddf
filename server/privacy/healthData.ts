/**
 * Health data (PIPL art. 28: sensitive personal information) over its whole life: what a resident can see of it,
 * what goes when they leave a household, and what goes when its purpose has ended.
 *
 * - Temperatures, symptoms and the to-do items that quote them are kept while the isolation runs and for
 *   `HEALTH_DATA_RETENTION_DAYS` after its last day (follow-up, a late positive test in the building), then deleted by
 *   the daily timer. The isolation record itself (who, when, why, care team) stays: it is the community's ledger.
 * - A resident who unbinds takes their check-ins with them; their past isolations stay in the ledger without a name.
 *   Someone under isolation cannot unbind themselves out of it: the grid worker releases it first.
 */
import type { HealthDataExport } from '../../typings/contract/health';
import { CHECK_INS, checkInView, type CheckIn } from '../checkIn/checkIn';
import { MAX_READ } from '../community/registry';
import { ISOLATIONS, type Isolation } from '../isolation/isolation';
import { isolationView } from '../isolation/view';
import type { Database } from '../platform/database';
import { TASKS } from '../tasks/task';
import { addDays, type Day } from '../time/shanghai';

export const HEALTH_DATA_RETENTION_DAYS = 30;

/** Isolations whose last day is before this day have had their check-ins for long enough. */
export const purgeBefore = (today: Day): Day => addDays(today, -HEALTH_DATA_RETENTION_DAYS);

export const RETENTION_NOTE = `体温与症状记录在隔离结束 ${HEALTH_DATA_RETENTION_DAYS} 天后自动删除；隔离登记本身作为社区台账保留。`;

/** Name shown for a person who has left the household, where a record of them must stay. */
export const UNBOUND_NAME = '（已解除绑定）';

async function readAll<T>(page: (skip: number) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; ; skip += MAX_READ) {
    const rows = await page(skip);
    out.push(...rows);
    if (rows.length < MAX_READ) return out;
  }
}

/** Everything kept about the household's health: its isolations and every check-in revision, oldest first. */
export async function householdHealthData(db: Database, communityId: string, householdId: string, today: Day): Promise<HealthDataExport> {
  const [isolations, checkIns] = await Promise.all([
    readAll(
      async (skip) =>
        (
          await db
            .collection<Isolation>(ISOLATIONS)
            .where({ communityId, householdId })
            .orderBy('lastDay', 'asc')
            .skip(skip)
            .limit(MAX_READ)
            .get()
        ).data,
    ),
    readAll(
      async (skip) =>
        (await db.collection<CheckIn>(CHECK_INS).where({ communityId, householdId }).orderBy('day', 'asc').skip(skip).limit(MAX_READ).get())
          .data,
    ),
  ]);
  checkIns.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.slot.localeCompare(b.slot) || a.revision - b.revision));
  return {
    isolations: isolations.map((iso) => isolationView(iso, today)),
    checkIns: checkIns.map((c) => ({ ...checkInView(c), current: c.status === 'current' })),
    retention: RETENTION_NOTE,
  };
}

/** Deletes the check-ins of the given people and the to-do items about them; their isolations lose the name. Idempotent. */
export async function eraseResidentsHealthData(
  db: Database,
  communityId: string,
  residentIds: string[],
  now: Date,
): Promise<{ checkIns: number }> {
  let checkIns = 0;
  for (const residentId of residentIds) {
    const isolations = (await db.collection<Isolation>(ISOLATIONS).where({ communityId, residentId }).limit(MAX_READ).get()).data;
    checkIns += (await db.collection(CHECK_INS).where({ communityId, residentId }).remove()).stats.removed;
    for (const iso of isolations) {
      await db.collection(TASKS).where({ communityId, 'subject.isolationId': iso._id }).remove();
      await db
        .collection(ISOLATIONS)
        .doc(iso._id)
        .update({ data: { name: UNBOUND_NAME, updatedAt: now } });
    }
  }
  return { checkIns };
}

/** The daily purge: check-ins (and their to-do items) of isolations that ended more than the retention period ago. */
export async function purgeExpiredHealthData(db: Database, today: Day, now: Date): Promise<{ isolations: number; checkIns: number }> {
  const _ = db.command;
  let isolations = 0;
  let checkIns = 0;
  for (;;) {
    const due = (
      await db
        .collection<Isolation>(ISOLATIONS)
        .where({ status: _.in(['ended', 'released']), lastDay: _.lt(purgeBefore(today)), healthDataPurgedAt: _.exists(false) })
        .limit(MAX_READ)
        .get()
    ).data;
    for (const iso of due) {
      checkIns += (
        await db.collection(CHECK_INS).where({ communityId: iso.communityId, residentId: iso.residentId, isolationId: iso._id }).remove()
      ).stats.removed;
      await db.collection(TASKS).where({ communityId: iso.communityId, 'subject.isolationId': iso._id }).remove();
      await db
        .collection(ISOLATIONS)
        .doc(iso._id)
        .update({ data: { healthDataPurgedAt: now, updatedAt: now } });
      isolations += 1;
    }
    if (due.length < MAX_READ) return { isolations, checkIns };
  }
}
