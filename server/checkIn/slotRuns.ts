/**
 * The timer that closes slots (every 10 minutes, Shanghai time): for each community with people under isolation, each
 * slot phase that fell due — a window closing, two hours after it — runs exactly once. A `slotRuns` document with a
 * deterministic id (community, day, slot, phase) is claimed before the work and marked done after it; a run that died
 * half-way is claimed again after ten minutes, and since its to-do items have deterministic ids, it only adds what is
 * missing and only sends messages for items it created.
 */
import type { Slot } from '../../typings/contract/health';
import { COLLECTIONS, type CommunityRecord } from '../community/records';
import { MAX_READ } from '../community/registry';
import type { HealthDeps } from '../health/deps';
import type { UserRecord } from '../identity/users';
import { ISOLATIONS, type Isolation } from '../isolation/isolation';
import { checkInReminder, missedAlert } from '../notifications/messages';
import { notify } from '../notifications/notifier';
import { isDuplicateKey } from '../platform/dbErrors';
import { staffOpenids } from '../tasks/audience';
import { insertNewTasks } from '../tasks/repository';
import { audienceKey, type Task } from '../tasks/task';
import { addDays, shanghaiDay } from '../time/shanghai';
import { buildingCompleteTask, escalatedTask, isComplete, missedTask, slotOutcome } from './ladder';
import { currentCheckIns, isolationsCovering } from './repository';
import { duePhases, slotTimes, windowsOf, type SlotRef, type SlotRunPhase, type Windows } from './slots';

export const SLOT_RUNS = 'slotRuns';
/** A run not marked done after this long is taken to have died, and is run again. */
const STALE_CLAIM_MS = 10 * 60_000;

export interface SlotRun {
  _id: string;
  communityId: string;
  day: string;
  slot: Slot;
  phase: SlotRunPhase;
  status: 'running' | 'done';
  claimedAt: Date;
  doneAt?: Date;
  /** What the run found and did, for whoever looks into a complaint later. */
  result?: { expected: number; missing: number; tasksCreated: number; messagesSent: number };
}

export const slotRunId = (communityId: string, ref: SlotRef, phase: SlotRunPhase): string =>
  `run_${communityId}_${ref.day}_${ref.slot}_${phase}`;

async function claim(deps: HealthDeps, run: Omit<SlotRun, 'status' | 'claimedAt'>, now: Date): Promise<boolean> {
  const runs = deps.db.collection(SLOT_RUNS);
  try {
    const { _id, ...data } = run;
    await runs.add({ data: { _id, ...data, status: 'running', claimedAt: now } });
    return true;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const stale = new Date(now.getTime() - STALE_CLAIM_MS);
    const res = await runs
      .where({ _id: run._id, status: 'running', claimedAt: deps.db.command.lt(stale) })
      .update({ data: { claimedAt: now } });
    return res.stats.updated === 1;
  }
}

/** Openids of the users linked to each household (members and proxies), in one request. */
async function householdUsers(deps: HealthDeps, householdIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!householdIds.length) return out;
  const users = (
    await deps.db
      .collection<UserRecord>(COLLECTIONS.users)
      .where({ 'households.householdId': deps.db.command.in(householdIds) })
      .limit(MAX_READ)
      .get()
  ).data;
  for (const u of users)
    for (const h of u.households)
      if (householdIds.includes(h.householdId)) out.set(h.householdId, [...(out.get(h.householdId) ?? []), u._id]);
  return out;
}

const groupBy = <T>(items: T[], key: (t: T) => string) =>
  items.reduce((m, t) => m.set(key(t), [...(m.get(key(t)) ?? []), t]), new Map<string, T[]>());

/** One phase of one slot in one community; answers what it did. */
async function runPhase(
  deps: HealthDeps,
  communityId: string,
  ref: SlotRef,
  phase: SlotRunPhase,
  w: Windows,
  now: Date,
): Promise<SlotRun['result']> {
  const scope = { communityId };
  const [isolations, checkIns] = await Promise.all([
    isolationsCovering(deps.db, scope, ref.day),
    currentCheckIns(deps.db, { ...scope, slot: ref.slot }, ref.day),
  ]);
  const outcome = slotOutcome(isolations, checkIns, ref, w);
  const closedAt = slotTimes(ref.day, ref.slot, w).closesAt;
  let sent = 0;

  if (phase === 'close') {
    const tasks: Task[] = [
      ...outcome.missing.map((iso) => missedTask(iso, ref, w)),
      ...outcome.buildings.filter(isComplete).map((b) => buildingCompleteTask(b, ref, now)),
    ];
    const created = await insertNewTasks(deps.db, tasks);
    const newlyMissing = outcome.missing.filter((iso) =>
      created.some((t) => t.kind === 'checkIn.missed' && t.subject.residentId === iso.residentId),
    );
    // A reminder to each household with someone missing (one message, naming them), and one to each 楼道长 per building.
    const byHousehold = groupBy(newlyMissing, (iso) => iso.householdId);
    const users = await householdUsers(deps, [...byHousehold.keys()]);
    for (const [householdId, people] of byHousehold) {
      sent += (
        await notify(
          deps,
          users.get(householdId) ?? [],
          checkInReminder({ names: people.map((p) => p.name), slot: ref.slot, closedAt }),
          now,
        )
      ).length;
    }
    sent += await tellStaff(deps, communityId, newlyMissing, 'buildingLeader', ref, closedAt, false, now);
    return { expected: outcome.expected.length, missing: outcome.missing.length, tasksCreated: created.length, messagesSent: sent };
  }

  const created = await insertNewTasks(
    deps.db,
    outcome.missing.map((iso) => escalatedTask(iso, ref, w)),
  );
  const newlyEscalated = outcome.missing.filter((iso) => created.some((t) => t.subject.residentId === iso.residentId));
  sent += await tellStaff(deps, communityId, newlyEscalated, 'gridWorker', ref, closedAt, true, now);
  return { expected: outcome.expected.length, missing: outcome.missing.length, tasksCreated: created.length, messagesSent: sent };
}

/** One message per staff member, summing up their people: a grid worker with five late in three buildings gets one. */
async function tellStaff(
  deps: HealthDeps,
  communityId: string,
  people: Isolation[],
  role: 'buildingLeader' | 'gridWorker',
  ref: SlotRef,
  closedAt: number,
  escalated: boolean,
  now: Date,
): Promise<number> {
  if (!people.length) return 0;
  const scopeOf = (iso: Isolation) => (role === 'gridWorker' ? iso.gridId : iso.buildingId);
  const scopes = groupBy(people, scopeOf);
  const openids = await staffOpenids(
    deps.db,
    communityId,
    [...scopes.keys()].map((scopeId) => ({ role, scopeId })),
  );
  let sent = 0;
  for (const [scopeId, ps] of scopes) {
    const buildings = [...new Set(ps.map((p) => p.buildingName))];
    const where = buildings.length > 1 ? `${buildings[0]}等${buildings.length}栋楼` : buildings[0];
    const message = missedAlert({ buildingName: where, count: ps.length, slot: ref.slot, closedAt, escalated });
    sent += (await notify(deps, openids.get(audienceKey({ role, scopeId })) ?? [], message, now)).length;
  }
  return sent;
}

/** The timer: runs every slot phase that fell due and has not run yet, in every community with people under isolation. */
export async function runDueSlots(deps: HealthDeps, now: Date): Promise<{ ran: string[] }> {
  const _ = deps.db.command;
  const yesterday = addDays(shanghaiDay(now.getTime()), -1);
  // Only communities with someone whose isolation has not ended before yesterday have anything to close.
  const active = await deps.db
    .collection(ISOLATIONS)
    .aggregate()
    .match({ lastDay: _.gte(yesterday) })
    .group({ _id: '$communityId' })
    .limit(MAX_READ)
    .end();
  const ids = active.list.map((c) => c._id as string);
  if (!ids.length) return { ran: [] };
  const communities = (
    await deps.db
      .collection<CommunityRecord>(COLLECTIONS.communities)
      .where({ _id: _.in(ids) })
      .limit(MAX_READ)
      .get()
  ).data;
  const due = communities.flatMap((c) =>
    duePhases(now.getTime(), windowsOf(c)).map((d) => ({ community: c, ...d, runId: slotRunId(c._id, d, d.phase) })),
  );
  if (!due.length) return { ran: [] };
  const done = new Set(
    (
      await deps.db
        .collection<SlotRun>(SLOT_RUNS)
        .where({ _id: _.in(due.map((d) => d.runId)), status: 'done' })
        .field({ _id: true })
        .limit(MAX_READ)
        .get()
    ).data.map((r) => r._id),
  );
  const ran: string[] = [];
  for (const d of due.sort((a, b) => a.dueAt - b.dueAt)) {
    if (done.has(d.runId)) continue;
    const ref = { day: d.day, slot: d.slot };
    if (!(await claim(deps, { _id: d.runId, communityId: d.community._id, day: d.day, slot: d.slot, phase: d.phase }, now))) continue;
    const result = await runPhase(deps, d.community._id, ref, d.phase, windowsOf(d.community), now);
    await deps.db
      .collection(SLOT_RUNS)
      .doc(d.runId)
      .update({ data: { status: 'done', doneAt: now, result } });
    ran.push(d.runId);
  }
  return { ran };
}
