/**
 * The check-in boards, pure: isolations, contacts and check-ins in; what the 楼道长 and the grid worker see out.
 * A person's cell for a slot says where they stand at `now` — waiting while the window is open, missing once it
 * closed (the 楼道长 chases, and may record on their behalf), escalated two hours later (the grid worker was told).
 */
import type { BoardHome, BoardPerson, CheckInClock, ContactPhone, LeaderBoard, SlotCell, SlotSummary } from '../../typings/contract/health';
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

/** A slot of the day as every cell of a board sees it: when it closes, and the state of someone who has not checked in. */
interface SlotAt {
  slot: Slot;
  closesAt: number;
  unchecked: SlotCell['state'];
}

function slotAt(ref: SlotRef, now: number, w: Windows): SlotAt {
  const phase = slotPhase(ref, now, w);
  return {
    slot: ref.slot,
    closesAt: slotTimes(ref.day, ref.slot, w).closesAt,
    unchecked: phase === 'upcoming' ? 'upcoming' : phase === 'open' ? 'waiting' : phase === 'closed' ? 'missing' : 'escalated',
  };
}

/** What a cell shows of a check-in (the 楼道长's board leaves its time out, so it need not be read). */
type CellCheckIn = Pick<BoardCheckIn, 'temperature' | 'symptoms' | 'abnormal' | 'by' | 'late'> & { at?: Date };

function cellOf(
  iso: Pick<Isolation, 'startDay' | 'lastDay' | 'releasedAt' | 'createdAt'>,
  day: Day,
  at: SlotAt,
  checkIn: CellCheckIn | undefined,
  withTime: boolean,
): SlotCell {
  if (checkIn) {
    return {
      state: checkIn.abnormal ? 'abnormal' : 'done',
      temperature: checkIn.temperature,
      symptomLabels: symptomLabels(checkIn.symptoms),
      ...(withTime && checkIn.at ? { at: checkIn.at.toISOString() } : {}),
      by: checkIn.by,
      late: checkIn.late,
    };
  }
  return expectedInSlot(iso, day, at.closesAt) ? { state: at.unchecked } : { state: 'notExpected' };
}

export function slotCell(
  iso: Pick<Isolation, 'startDay' | 'lastDay' | 'releasedAt' | 'createdAt'>,
  ref: SlotRef,
  checkIn: CellCheckIn | undefined,
  now: number,
  w: Windows,
): SlotCell {
  return cellOf(iso, ref.day, slotAt(ref, now, w), checkIn, true);
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
  /** The current check-ins of the day (their time is not shown on the board, so it need not be read). */
  checkIns: (Omit<BoardCheckIn, 'at'> & { at?: Date })[];
  slots?: readonly Slot[];
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

const isMissing = (p: BoardPerson) => Object.values(p.cells).some((c) => c?.state === 'missing' || c?.state === 'escalated');

/**
 * The 楼道长's board: the people the isolations cover on the day, each with a cell per slot, in their homes (a
 * household's people with its phones, once) by unit, floor (top first) and room; counts per slot; the missing.
 */
export function leaderBoard(building: { _id: string; name: string }, input: BoardInput): Omit<LeaderBoard, 'clock'> {
  const { day, windows } = input;
  const slots = input.slots ?? SLOTS;
  const start = dayStart(day);
  const end = dayStart(addDays(day, 1));
  const at = slots.map((slot) => slotAt({ day, slot }, input.now, windows));
  const checkIns = new Map(input.checkIns.map((c) => [`${c.residentId}/${c.slot}`, c]));
  const progress = new Map<string, string>(); // people isolated alike share one label
  const covered = input.isolations
    .filter((iso) => coversDay(iso, day, start, end))
    .sort(
      (a, b) =>
        byNumber(a.unit, b.unit) ||
        b.floor - a.floor ||
        byNumber(a.room, b.room) ||
        (a.householdId < b.householdId ? -1 : a.householdId > b.householdId ? 1 : 0) ||
        a.name.localeCompare(b.name, 'zh'),
    );

  const counts = at.map(emptyCounts);
  const units: LeaderBoard['units'] = [];
  const missing: string[] = [];
  let floor: { floor: number; homes: BoardHome[] } | undefined;
  let home: BoardHome | undefined;
  for (const iso of covered) {
    const terms = `${iso.kind}/${iso.status}/${iso.startDay}/${iso.days}/${iso.lastDay}`;
    let label = progress.get(terms);
    if (label === undefined) progress.set(terms, (label = progressLabel(iso, day)));
    const person: BoardPerson = { residentId: iso.residentId, name: iso.name, progress: label, cells: {} };
    at.forEach((s, i) => {
      const cell = cellOf(iso, day, s, checkIns.get(`${iso.residentId}/${s.slot}`), false);
      person.cells[s.slot] = cell;
      count(counts[i], cell);
    });
    if (isMissing(person)) missing.push(person.residentId);

    const unit = units.at(-1);
    if (unit?.unit !== iso.unit) {
      units.push({ unit: iso.unit, floors: [(floor = { floor: iso.floor, homes: [] })] });
      home = undefined;
    } else if (floor?.floor !== iso.floor) {
      unit.floors.push((floor = { floor: iso.floor, homes: [] }));
      home = undefined;
    }
    if (home?.householdId !== iso.householdId || home.label !== iso.label) {
      home = { householdId: iso.householdId, label: iso.label, phones: input.contacts.get(iso.householdId) ?? [], people: [] };
      floor!.homes.push(home);
    }
    home.people.push(person);
  }

  return {
    buildingId: building._id,
    buildingName: building.name,
    day,
    slots: at.map((s, i) => ({
      slot: s.slot,
      label: SLOT_LABELS[s.slot],
      window: windowsToSettings(windows)[s.slot],
      phase: slotPhase({ day, slot: s.slot }, input.now, windows),
      counts: counts[i],
    })),
    units,
    missing,
  };
}
