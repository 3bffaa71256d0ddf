/**
 * The escalation ladder, pure. When a slot's window closes, everyone expected who has not checked in gets a reminder
 * and lands on the 楼道长's 「未打卡」 list with a to-do item; a building where everyone checked in is reported
 * complete. Two hours later, whoever is still missing is escalated to the grid worker. An abnormal check-in skips the
 * ladder: it goes at once to the 楼道长, the grid worker and the care team.
 */
import { expectedInSlot, type Isolation } from '../isolation/isolation';
import { makeTask, taskId, type Task, type TaskSubject } from '../tasks/task';
import { formatMinutes, minuteOfDay, monthDayLabel } from '../time/shanghai';
import type { CheckIn } from './checkIn';
import { SLOT_LABELS, slotTimes, type SlotRef, type Windows } from './slots';
import { describeSymptoms } from './symptoms';
import { formatTemperature } from './temperature';

export interface BuildingTally {
  communityId: string;
  gridId: string;
  buildingId: string;
  buildingName: string;
  expected: number;
  done: number;
  abnormal: number;
}

export interface SlotOutcome {
  expected: Isolation[];
  missing: Isolation[];
  buildings: BuildingTally[];
}

/** Who was expected in a slot, who is missing, and each building's tally. */
export function slotOutcome(
  isolations: Isolation[],
  checkIns: Pick<CheckIn, 'residentId' | 'abnormal'>[],
  ref: SlotRef,
  w: Windows,
): SlotOutcome {
  const closesAt = slotTimes(ref.day, ref.slot, w).closesAt;
  const seen = new Map(checkIns.map((c) => [c.residentId, c]));
  const expected = isolations.filter((iso) => expectedInSlot(iso, ref.day, closesAt));
  const buildings = new Map<string, BuildingTally>();
  for (const iso of expected) {
    const b = buildings.get(iso.buildingId) ?? {
      communityId: iso.communityId,
      gridId: iso.gridId,
      buildingId: iso.buildingId,
      buildingName: iso.buildingName,
      expected: 0,
      done: 0,
      abnormal: 0,
    };
    buildings.set(iso.buildingId, b);
    b.expected += 1;
    const c = seen.get(iso.residentId);
    if (c) b.done += 1;
    if (c?.abnormal) b.abnormal += 1;
  }
  return { expected, missing: expected.filter((iso) => !seen.has(iso.residentId)), buildings: [...buildings.values()] };
}

const slotName = (ref: SlotRef) => `${monthDayLabel(ref.day)}${SLOT_LABELS[ref.slot]}`;
const clock = (ms: number) => formatMinutes(minuteOfDay(ms));

/** Whom a missed check-in's item is about, named so that lists of them sort by building and door without a join. */
const personSubject = (iso: Isolation, ref: SlotRef): TaskSubject => ({
  residentId: iso.residentId,
  isolationId: iso._id,
  day: ref.day,
  slot: ref.slot,
  name: iso.name,
  label: iso.label,
  buildingName: iso.buildingName,
});

export function missedTask(iso: Isolation, ref: SlotRef, w: Windows): Task {
  const t = slotTimes(ref.day, ref.slot, w);
  return makeTask({
    _id: taskId('checkIn.missed', iso.residentId, ref.day, ref.slot),
    communityId: iso.communityId,
    gridId: iso.gridId,
    buildingId: iso.buildingId,
    householdId: iso.householdId,
    kind: 'checkIn.missed',
    audience: [{ role: 'buildingLeader', scopeId: iso.buildingId }],
    title: `未打卡：${iso.label} ${iso.name}（${SLOT_LABELS[ref.slot]}）`,
    detail: `${slotName(ref)}打卡 ${clock(t.closesAt)} 截止仍未完成。请电话或上门确认，${clock(t.escalatesAt)} 前可代为补录，之后将上报网格员。`,
    subject: personSubject(iso, ref),
    createdAt: new Date(t.closesAt),
    dueAt: new Date(t.escalatesAt),
  });
}

export function escalatedTask(iso: Isolation, ref: SlotRef, w: Windows): Task {
  const t = slotTimes(ref.day, ref.slot, w);
  return makeTask({
    _id: taskId('checkIn.escalated', iso.residentId, ref.day, ref.slot),
    communityId: iso.communityId,
    gridId: iso.gridId,
    buildingId: iso.buildingId,
    householdId: iso.householdId,
    kind: 'checkIn.escalated',
    audience: [{ role: 'gridWorker', scopeId: iso.gridId }],
    title: `超时未打卡：${iso.label} ${iso.name}（${SLOT_LABELS[ref.slot]}）`,
    detail: `${slotName(ref)}打卡 ${clock(t.closesAt)} 截止，两小时后仍未完成，楼道长未能补录。请立即电话联系，必要时安排上门。`,
    subject: personSubject(iso, ref),
    createdAt: new Date(t.escalatesAt),
  });
}

export function buildingCompleteTask(b: BuildingTally, ref: SlotRef, at: Date): Task {
  return makeTask({
    _id: taskId('building.complete', b.buildingId, ref.day, ref.slot),
    communityId: b.communityId,
    gridId: b.gridId,
    buildingId: b.buildingId,
    kind: 'building.complete',
    audience: [{ role: 'buildingLeader', scopeId: b.buildingId }],
    title: `${b.buildingName}${SLOT_LABELS[ref.slot]}打卡已全部完成`,
    detail: `${slotName(ref)}：应打卡 ${b.expected} 人，全部完成${b.abnormal ? `，其中异常 ${b.abnormal} 人，请留意待办中的异常提醒` : '，均无异常'}。`,
    subject: { day: ref.day, slot: ref.slot },
    createdAt: at,
  });
}

/** One abnormal check-in (one revision of a slot): to the 楼道长, the grid worker and the care team who use the app. */
export function abnormalTask(c: CheckIn, careTeam: string[]): Task {
  return makeTask({
    _id: taskId('checkIn.abnormal', c._id, String(c.revision)),
    communityId: c.communityId,
    gridId: c.gridId,
    buildingId: c.buildingId,
    householdId: c.householdId,
    kind: 'checkIn.abnormal',
    audience: [
      { role: 'buildingLeader', scopeId: c.buildingId },
      { role: 'gridWorker', scopeId: c.gridId },
    ],
    recipients: careTeam,
    title: `异常打卡：${c.label} ${c.name} ${formatTemperature(c.temperature)}`,
    detail: `${slotName(c)}打卡：体温 ${formatTemperature(c.temperature)}，${describeSymptoms(c.symptoms)}${c.note ? `（${c.note}）` : ''}。请尽快电话联系，必要时联系社区医生；处理后标记完成。`,
    subject: { residentId: c.residentId, checkInId: c._id, isolationId: c.isolationId, day: c.day, slot: c.slot },
    createdAt: c.at,
  });
}

export function isComplete(b: BuildingTally): boolean {
  return b.expected > 0 && b.done === b.expected;
}
