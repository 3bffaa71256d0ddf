/**
 * What follows a stored check-in. Each step is idempotent (deterministic task ids, a colour recomputed from facts),
 * so a retried submit that finds its check-in already stored runs them again safely and finishes what a crash cut
 * short; messages go out only when their to-do item was created by this run.
 */
import type { HealthDeps } from '../health/deps';
import { careTeamOpenids } from '../isolation/careTeam';
import type { Isolation } from '../isolation/isolation';
import { abnormalAlert } from '../notifications/messages';
import { notify } from '../notifications/notifier';
import { refreshRiskColours } from '../riskColour/refresh';
import { staffOpenids } from '../tasks/audience';
import { insertNewTasks } from '../tasks/repository';
import { taskId, TASKS } from '../tasks/task';
import { shanghaiDay } from '../time/shanghai';
import type { CheckIn } from './checkIn';
import { abnormalTask, buildingCompleteTask, isComplete, slotOutcome } from './ladder';
import { currentCheckIns, isolationsCovering, slotCounts } from './repository';
import { slotTimes, type Windows } from './slots';

/** A fever or a symptom: a to-do item for the 楼道长, the grid worker and the care team at once, a message where allowed, and red. */
async function raiseAbnormal(deps: HealthDeps, c: CheckIn, iso: Isolation, at: Date): Promise<void> {
  await refreshRiskColours(deps.db, c.communityId, [c.householdId], shanghaiDay(at.getTime()), at);
  const careTeam = careTeamOpenids(iso.careTeam);
  const created = await insertNewTasks(deps.db, [abnormalTask(c, careTeam)]);
  if (!created.length) return; // this alert was raised before (a retried submit)
  const staff = await staffOpenids(deps.db, c.communityId, created[0].audience);
  const recipients = [...[...staff.values()].flat(), ...careTeam];
  await notify(
    deps,
    recipients,
    abnormalAlert({ name: c.name, label: c.label, temperature: c.temperature, symptoms: c.symptoms, at: c.at.getTime() }),
    at,
  );
}

/** A 楼道长's late record resolves their 「未打卡」 item for that person. */
async function closeMissed(deps: HealthDeps, c: CheckIn, at: Date): Promise<void> {
  await deps.db
    .collection(TASKS)
    .where({ _id: taskId('checkIn.missed', c.residentId, c.day, c.slot), status: 'open' })
    .update({
      data: {
        status: 'done',
        doneAt: at,
        doneBy: c.byOpenid,
        doneByName: c.byName,
        doneNote: `已${c.method === 'phone' ? '电话' : '上门'}确认并补录打卡`,
      },
    });
}

/**
 * The last person of a building to check in for a slot: the 楼道长 is told the building is complete (once). Two counts
 * (one request) rule out the usual case — people still missing — and only a check-in that may be the last reads the
 * building.
 */
async function reportBuildingComplete(deps: HealthDeps, c: CheckIn, w: Windows, at: Date): Promise<void> {
  const scope = { communityId: c.communityId, buildingId: c.buildingId };
  const closesAt = new Date(slotTimes(c.day, c.slot, w).closesAt);
  const counts = await slotCounts(deps.db, c._id, scope, c.day, c.slot, closesAt);
  if (counts && counts.checkedIn < counts.certainlyExpected) return;
  const [isolations, checkIns] = await Promise.all([
    isolationsCovering(deps.db, scope, c.day),
    currentCheckIns(deps.db, { ...scope, slot: c.slot }, c.day),
  ]);
  const building = slotOutcome(isolations, checkIns, c, w).buildings.find((b) => b.buildingId === c.buildingId);
  if (building && isComplete(building)) await insertNewTasks(deps.db, [buildingCompleteTask(building, c, at)]);
}

export async function afterCheckIn(deps: HealthDeps, c: CheckIn, iso: Isolation, w: Windows, at: Date): Promise<void> {
  if (c.abnormal) await raiseAbnormal(deps, c, iso, at);
  if (c.late) await closeMissed(deps, c, at);
  // A replacement does not change who has checked in; only a slot's first check-in can complete a building.
  if (c.revision === 1) await reportBuildingComplete(deps, c, w, at);
}
