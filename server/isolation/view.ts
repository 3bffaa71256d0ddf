/** What an isolation looks like to staff and to the resident: progress in words, care team in full. */
import type { IsolationListItem, IsolationView } from '../../typings/contract/health';
import type { Day } from '../time/shanghai';
import { careTeamView } from './careTeam';
import { dayOfIsolation, isolationStatus, KIND_LABELS, progressLabel, REASON_LABELS, type Isolation } from './isolation';

export function isolationView(iso: Isolation, today: Day): IsolationView {
  return {
    isolationId: iso._id,
    residentId: iso.residentId,
    name: iso.name,
    householdId: iso.householdId,
    label: iso.label,
    buildingName: iso.buildingName,
    kind: iso.kind,
    kindLabel: KIND_LABELS[iso.kind],
    status: isolationStatus(iso, today),
    startDay: iso.startDay,
    endDay: iso.lastDay,
    days: iso.days,
    dayOfIsolation: dayOfIsolation(iso, today),
    progress: progressLabel(iso, today),
    reason: iso.reason,
    reasonLabel: REASON_LABELS[iso.reason],
    ...(iso.reasonNote ? { reasonNote: iso.reasonNote } : {}),
    careTeam: careTeamView(iso.careTeam),
    ...(iso.releasedAt ? { releasedAt: iso.releasedAt.toISOString() } : {}),
    ...(iso.releaseReason ? { releaseReason: iso.releaseReason } : {}),
    history: iso.events.map((e) => ({ at: e.at.toISOString(), kind: e.kind, by: e.by, ...(e.note ? { note: e.note } : {}) })),
  };
}

export function isolationListItem(iso: Isolation, today: Day): IsolationListItem {
  return {
    isolationId: iso._id,
    residentId: iso.residentId,
    name: iso.name,
    label: iso.label,
    buildingName: iso.buildingName,
    kind: iso.kind,
    status: isolationStatus(iso, today),
    startDay: iso.startDay,
    endDay: iso.lastDay,
    progress: progressLabel(iso, today),
  };
}
