/**
 * The check-in boards, pure: isolations, contacts and check-ins in; what the 楼道长 and the grid worker see out.
 * A person's cell for a slot says where they stand at `now` — waiting while the window is open, missing once it
 * closed (the 楼道长 chases, and may record on their behalf), escalated two hours later (the grid worker was told).
 */
import type { BoardPerson, CheckInClock, ContactPhone, LeaderBoard, SlotCell, SlotSummary } from '../../typings/contract/health';
import type { Binding } from '../binding/binding';
import type { Resident } from '../household/household';
import { coversDay, expectedInSlot, progressLabel, type Isolation } from '../isolation/isolation';
import { addDays, dayStart, shanghaiDay, type Day } from '../time/shanghai';
import type { CheckIn } from './checkIn';
import {
  openingLabel,
  openSlotAt,
  SLOT_LABELS,
  SLOTS,
  slotPhase,
  slotTimes,
  windowsToSettings,
  type Slot,
  type SlotRef,
  type Windows,
} from './slots';
import { symptomLabels } from './symptoms';

/** What a board reads of an isolation (boards project only these fields: not its history nor its care team). */
export type BoardIsolation = Pick<
  Isolation,
  | 'residentId'
  | 'name'
  | 'householdId'
  | 'label'
  | 'unit'
  | 'floor'
  | 'room'
  | 'kind'
  | 'startDay'
  | 'days'
  | 'lastDay'
  | 'status'
  | 'releasedAt'
  | 'createdAt'
>;

/** What a board reads of a check-in (boards project only these fields). */
export type BoardCheckIn = Pick<CheckIn, 'residentId' | 'slot' | 'temperature' | 'symptoms' | 'abnormal' | 'at' | 'by' | 'late'>;

export function checkInClock(now: number, w: Windows): CheckInClock {
  const open = openSlotAt(now, w);
  return {
    today: shanghaiDay(now),
    windows: windowsToSettings(w),
    openSlot: open?.slot ?? null,
    ...(open ? { closesAt: new Date(slotTimes(open.day, open.slot, w).closesAt).toISOString() } : {}),
    nextOpening: openingLabel(now, w),
  };
}

export function slotCell(
  iso: Pick<Isolation, 'startDay' | 'lastDay' | 'releasedAt' | 'createdAt'>,
  ref: SlotRef,
  checkIn: BoardCheckIn | undefined,
  now: number,
  w: Windows,
): SlotCell {
  if (checkIn) {
    return {
      state: checkIn.abnormal ? 'abnormal' : 'done',
      temperature: checkIn.temperature,
      symptomLabels: symptomLabels(checkIn.symptoms),
      at: checkIn.at.toISOString(),
      by: checkIn.by,
      late: checkIn.late,
    };
  }
  if (!expectedInSlot(iso, ref.day, slotTimes(ref.day, ref.slot, w).closesAt)) return { state: 'notExpected' };
  const phase = slotPhase(ref, now, w);
  return { state: phase === 'upcoming' ? 'upcoming' : phase === 'open' ? 'waiting' : phase === 'closed' ? 'missing' : 'escalated' };
}

/** The people a 楼道长 calls about someone: the household's members with a phone, and those acting for it. */
export function contactsOf(
  members: Pick<Resident, 'name' | 'relation' | 'phone'>[],
  proxies: Pick<Binding, 'name' | 'relation' | 'phone' | 'status' | 'kind'>[],
): ContactPhone[] {
  return [
    ...members.filter((m) => m.phone).map((m) => ({ name: m.name, relation: m.relation, phone: m.phone })),
    ...proxies
      .filter((p) => p.status === 'confirmed' && p.kind === 'proxy' && p.phone)
      .map((p) => ({ name: `${p.name}（代办）`, relation: '代办', phone: p.phone })),
  ];
}

export interface BoardInput {
  day: Day;
  now: number;
  windows: Windows;
  /** Isolations that may cover the day (lastDay ≥ day); those that do not are left out here. */
  isolations: BoardIsolation[];
  contacts: Map<string, ContactPhone[]>; // by householdId
  checkIns: BoardCheckIn[]; // the current check-ins of the day
  slots?: readonly Slot[];
}

interface Row {
  iso: BoardIsolation;
  person: BoardPerson;
}

const byNumber = (a: string, b: string) => Number(a) - Number(b) || a.localeCompare(b);
/** 3号楼 before 10号楼 */
export const byBuildingName = (a: string, b: string) =>
  Number(a.replace(/\D/g, '')) - Number(b.replace(/\D/g, '')) || a.localeCompare(b, 'zh');
export const emptyCounts = (): SlotSummary['counts'] => ({ expected: 0, done: 0, abnormal: 0, waiting: 0, missing: 0 });

function count(counts: SlotSummary['counts'], cell: SlotCell | undefined): void {
  if (!cell || cell.state === 'notExpected') return;
  counts.expected += 1;
  if (cell.state === 'done') counts.done += 1;
  else if (cell.state === 'abnormal') counts.abnormal += 1;
  else if (cell.state === 'waiting' || cell.state === 'upcoming') counts.waiting += 1;
  else counts.missing += 1;
}

function rows(input: BoardInput): Row[] {
  const slots = input.slots ?? SLOTS;
  const start = dayStart(input.day);
  const end = dayStart(addDays(input.day, 1));
  const checkIns = new Map(input.checkIns.map((c) => [`${c.residentId}/${c.slot}`, c]));
  return input.isolations
    .filter((iso) => coversDay(iso, input.day, start, end))
    .map((iso) => ({
      iso,
      person: {
        residentId: iso.residentId,
        name: iso.name,
        householdId: iso.householdId,
        label: iso.label,
        room: iso.room,
        kind: iso.kind,
        progress: progressLabel(iso, input.day),
        cells: Object.fromEntries(
          slots.map((slot) => [
            slot,
            slotCell(iso, { day: input.day, slot }, checkIns.get(`${iso.residentId}/${slot}`), input.now, input.windows),
          ]),
        ),
        phones: input.contacts.get(iso.householdId) ?? [],
      },
    }));
}

function summaries(input: BoardInput, people: BoardPerson[]): SlotSummary[] {
  return (input.slots ?? SLOTS).map((slot) => {
    const counts = emptyCounts();
    people.forEach((p) => count(counts, p.cells[slot]));
    return {
      slot,
      label: SLOT_LABELS[slot],
      window: windowsToSettings(input.windows)[slot],
      phase: slotPhase({ day: input.day, slot }, input.now, input.windows),
      counts,
    };
  });
}

const isMissing = (p: BoardPerson) => Object.values(p.cells).some((c) => c?.state === 'missing' || c?.state === 'escalated');

export function leaderBoard(building: { _id: string; name: string }, input: BoardInput): Omit<LeaderBoard, 'clock'> {
  const all = rows(input).sort(
    (a, b) =>
      byNumber(a.iso.unit, b.iso.unit) ||
      b.iso.floor - a.iso.floor ||
      byNumber(a.iso.room, b.iso.room) ||
      a.iso.name.localeCompare(b.iso.name, 'zh'),
  );
  const units = new Map<string, Map<number, BoardPerson[]>>();
  for (const { iso, person } of all) {
    const floors = units.get(iso.unit) ?? new Map<number, BoardPerson[]>();
    units.set(iso.unit, floors);
    floors.set(iso.floor, [...(floors.get(iso.floor) ?? []), person]);
  }
  const people = all.map((r) => r.person);
  return {
    buildingId: building._id,
    buildingName: building.name,
    day: input.day,
    slots: summaries(input, people),
    units: [...units.entries()].map(([unit, floors]) => ({
      unit,
      floors: [...floors.entries()].map(([floor, ps]) => ({ floor, people: ps })),
    })),
    missing: people.filter(isMissing),
  };
}
