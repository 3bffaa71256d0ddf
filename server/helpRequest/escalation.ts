/**
 * The timer that makes an unanswered request climb: every 5 minutes, each open request whose time has come goes one
 * level up (conditional on its version, so a run overlapping an accept changes nothing), gets an item in the new
 * level's inbox, and the new level is alerted and logged on the request.
 */
import type { CommunityRecord } from '../community/records';
import { insertNewTasks } from '../tasks/repository';
import { alertPeople } from './alerts';
import type { HelpDeps } from './handlers';
import { HELP_REQUESTS, levelAudience, responseTimesOf, transition, type HelpRequest } from './helpRequest';
import { escalatedTask, openTask } from './helpTasks';
import { TASKS } from '../tasks/task';

/** At most this many per run; the next run takes the rest (oldest due first). */
const BATCH = 100;

export async function escalateDue(deps: HelpDeps, now: Date): Promise<{ escalated: string[] }> {
  const _ = deps.db.command;
  const due = (
    await deps.db
      .collection<HelpRequest>(HELP_REQUESTS)
      .where({ status: 'open', escalatesAt: _.lte(now) })
      .orderBy('escalatesAt', 'asc')
      .limit(BATCH)
      .get()
  ).data;
  const communities = new Map<string, Promise<CommunityRecord | null>>();
  const escalated: string[] = [];
  for (const r of due) {
    if (!communities.has(r.communityId)) communities.set(r.communityId, deps.reg.community(r.communityId));
    const times = responseTimesOf((await communities.get(r.communityId))?.settings);
    const next = transition(r, { kind: 'escalate', times }, now);
    const res = await deps.db
      .collection(HELP_REQUESTS)
      .where({ _id: r._id, version: r.version, status: 'open' })
      .update({
        data: {
          level: next.level,
          version: next.version,
          escalatesAt: next.escalatesAt ?? null,
          history: _.push([next.history[next.history.length - 1]]),
        },
      });
    if (!res.stats.updated) continue; // accepted or cancelled meanwhile
    escalated.push(r._id);
    await insertNewTasks(deps.db, [escalatedTask(next, now)]);
    // The request's own item says when it climbs next (or no longer does).
    const open = openTask(next);
    await deps.db
      .collection(TASKS)
      .where({ _id: open._id, status: 'open' })
      .update({ data: { detail: open.detail, dueAt: next.escalatesAt ?? null } });
    const alerts = await alertPeople(deps, next, [levelAudience(next, next.level)], 'escalated', now);
    if (alerts.length)
      await deps.db
        .collection(HELP_REQUESTS)
        .where({ _id: r._id })
        .update({ data: { alerts: _.push(alerts) } });
  }
  return { escalated };
}
