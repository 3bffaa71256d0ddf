/**
 * The daily timer (00:05 Shanghai): isolations whose last day has passed are stored as ended, with an event in their
 * history, the residents' pointers cleared and the households' colours recomputed. Status is derived from the dates
 * everywhere anyway; storing it keeps "who is isolated now" a cheap indexed query. Running it twice changes nothing.
 */
import { COLLECTIONS } from '../community/records';
import { MAX_READ } from '../community/registry';
import type { HealthDeps } from '../health/deps';
import { purgeExpiredHealthData } from '../privacy/healthData';
import { refreshRiskColours } from '../riskColour/refresh';
import { shanghaiDay } from '../time/shanghai';
import { endIsolation, ISOLATIONS, type Isolation } from './isolation';

/** The daily timer: ends isolations past their last day, then deletes health data past its retention period. */
export async function runIsolationDaily(
  deps: HealthDeps,
  now: Date,
): Promise<{ ended: number; purged: { isolations: number; checkIns: number } }> {
  const { ended } = await endDueIsolations(deps, now);
  const purged = await purgeExpiredHealthData(deps.db, shanghaiDay(now.getTime()), now);
  return { ended, purged };
}

export async function endDueIsolations(deps: HealthDeps, now: Date): Promise<{ ended: number }> {
  const _ = deps.db.command;
  const today = shanghaiDay(now.getTime());
  let ended = 0;
  for (;;) {
    const due = (
      await deps.db
        .collection<Isolation>(ISOLATIONS)
        .where({ status: 'active', lastDay: _.lt(today) })
        .limit(MAX_READ)
        .get()
    ).data;
    for (const iso of due) {
      const next = endIsolation(iso, now);
      // Conditional on still being active: a release at the same moment wins, and is not overwritten.
      const res = await deps.db
        .collection(ISOLATIONS)
        .where({ _id: iso._id, status: 'active' })
        .update({ data: { status: 'ended', endedAt: now, updatedAt: now, events: _.push([next.events[next.events.length - 1]]) } });
      if (!res.stats.updated) continue;
      ended += 1;
      await deps.db
        .collection(COLLECTIONS.residents)
        .where({ _id: iso.residentId, isolationId: iso._id })
        .update({ data: { isolationId: _.remove() } });
    }
    const byCommunity = new Map<string, string[]>();
    for (const iso of due) byCommunity.set(iso.communityId, [...(byCommunity.get(iso.communityId) ?? []), iso.householdId]);
    for (const [communityId, households] of byCommunity) await refreshRiskColours(deps.db, communityId, households, today, now);
    if (due.length < MAX_READ) return { ended };
  }
}
