/**
 * 健康打卡: one check-in per person per slot. Check-ins are events and are kept: the one that counts for a slot has a
 * deterministic id (person, day, slot), and submitting again in the same slot moves the earlier one to an archive
 * copy (`status: 'superseded'`, `supersededBy`) before writing the new one — so a slot can never hold two, and a
 * daily reset never overwrites anything.
 */
import type { CheckInView, Slot, Symptom } from '../../typings/contract/health';
import { stableId } from '../household/household';
import type { Isolation } from '../isolation/isolation';
import type { StaffRole } from '../policy/roles';
import type { Day } from '../time/shanghai';
import { isAbnormal } from './temperature';
import { symptomLabels } from './symptoms';

export const CHECK_INS = 'checkIns';

export interface CheckIn {
  _id: string;
  communityId: string;
  gridId: string;
  buildingId: string;
  householdId: string;
  residentId: string;
  isolationId: string;
  // Copied from the isolation so boards read one collection: who, and where.
  name: string;
  label: string;
  unit: string;
  floor: number;
  room: string;
  day: Day;
  slot: Slot;
  temperature: number;
  symptoms: Symptom[];
  note?: string;
  abnormal: boolean;
  /** An abnormal check-in nobody has dealt with yet: the household stays red until staff mark its alert done. */
  alertOpen: boolean;
  resolvedAt?: Date;
  resolvedBy?: string;
  by: 'resident' | 'leader';
  byRole?: StaffRole;
  method?: 'door' | 'phone';
  byOpenid: string;
  byName: string;
  late: boolean;
  status: 'current' | 'superseded';
  supersededBy?: string;
  supersededAt?: Date;
  revision: number;
  /** Caller and request id: a retried submit finds its own check-in instead of writing a second. */
  requestKey: string;
  at: Date;
}

/** The id of the check-in that counts for a person's slot. */
export const slotCheckInId = (residentId: string, day: Day, slot: Slot): string => stableId('ci', residentId, day, slot);

/** The id of an earlier revision once it has been replaced. */
export const archivedCheckInId = (residentId: string, day: Day, slot: Slot, revision: number): string =>
  stableId('ci', residentId, day, slot, `r${revision}`);

export interface Submission {
  temperature: number;
  symptoms: Symptom[];
  note?: string;
  by: 'resident' | 'leader';
  byRole?: StaffRole;
  method?: 'door' | 'phone';
  byOpenid: string;
  byName: string;
  late: boolean;
  requestKey: string;
  at: Date;
}

/** The new check-in for the slot, replacing `previous` when there is one. */
export function newCheckIn(iso: Isolation, day: Day, slot: Slot, s: Submission, previous: CheckIn | null): CheckIn {
  const abnormal = isAbnormal(s.temperature, s.symptoms);
  return {
    _id: slotCheckInId(iso.residentId, day, slot),
    communityId: iso.communityId,
    gridId: iso.gridId,
    buildingId: iso.buildingId,
    householdId: iso.householdId,
    residentId: iso.residentId,
    isolationId: iso._id,
    name: iso.name,
    label: iso.label,
    unit: iso.unit,
    floor: iso.floor,
    room: iso.room,
    day,
    slot,
    temperature: s.temperature,
    symptoms: s.symptoms,
    ...(s.note ? { note: s.note } : {}),
    abnormal,
    alertOpen: abnormal,
    by: s.by,
    ...(s.byRole ? { byRole: s.byRole } : {}),
    ...(s.method ? { method: s.method } : {}),
    byOpenid: s.byOpenid,
    byName: s.byName,
    late: s.late,
    status: 'current',
    revision: (previous?.revision ?? 0) + 1,
    requestKey: s.requestKey,
    at: s.at,
  };
}

/** The earlier revision as it is kept: same content, its own id, pointing at what replaced it. An open alert stays open. */
export function archived(previous: CheckIn, replacedAt: Date): CheckIn {
  return {
    ...previous,
    _id: archivedCheckInId(previous.residentId, previous.day, previous.slot, previous.revision),
    status: 'superseded',
    supersededBy: previous._id,
    supersededAt: replacedAt,
  };
}

export function checkInView(c: CheckIn): CheckInView {
  return {
    checkInId: c._id,
    residentId: c.residentId,
    name: c.name,
    day: c.day,
    slot: c.slot,
    temperature: c.temperature,
    symptoms: c.symptoms,
    symptomLabels: symptomLabels(c.symptoms),
    ...(c.note ? { note: c.note } : {}),
    abnormal: c.abnormal,
    by: c.by,
    ...(c.method ? { method: c.method } : {}),
    byName: c.byName,
    late: c.late,
    at: c.at.toISOString(),
    revision: c.revision,
  };
}
