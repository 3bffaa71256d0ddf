/**
 * The grid worker's check-in board, pure: per-building counts and the people needing someone in; what the grid
 * worker sees out. The counts are the 楼道长 boards' cells summed (test/server/health/boards.*).
 */
import type { AttentionPerson, GridBoard, GridBuildingRow, SlotSummary } from '../../typings/contract/health';
import { coversDay, expectedInSlot, type Isolation } from '../isolation/isolation';
import { addDays, dayStart, type Day } from '../time/shanghai';
import { byBuildingName, emptyCounts } from './board';
import { SLOT_LABELS, SLOTS, slotPhase, slotTimes, windowsToSettings, type Slot, type Windows } from './slots';

const ATTENTION_ORDER: AttentionPerson['reason'][] = ['abnormal', 'escalated', 'missing'];

/** How many of the people needing someone the grid board lists; the rest are on the boards of their buildings. */
export const ATTENTION_LIMIT = 50;

/** A slot of the grid board as the database needs it: when it closes, and what a person without a check-in is now. */
export interface SlotQuery {
  slot: Slot;
  closesAt: number;
  /** Pending once the window closed: missing, then escalated; before that nobody needs chasing. */
  pending: Extract<AttentionPerson['reason'], 'missing' | 'escalated'> | null;
}

export interface BuildingSlotCounts {
  /** Checked in, not abnormal / abnormal / expected and not checked in. */
  done: number;
  abnormal: number;
  pending: number;
}

export interface BuildingCounts {
  buildingId: string;
  buildingName: string;
  isolated: number;
  slots: Partial<Record<Slot, BuildingSlotCounts>>;
}

/** An isolation covering the day that was registered or released on it: counted one by one (gridReads.ts). */
export type ChangedIsolation = Pick<
  Isolation,
  'residentId' | 'buildingId' | 'buildingName' | 'startDay' | 'lastDay' | 'createdAt' | 'releasedAt'
>;

/**
 * What the database counts for a grid's day, and the few people it lists:
 * - `steady`: per building, the isolations that may cover the day and are not released — those registered before
 *   the day are expected in every slot of it (`expectedInSlot`); those registered on or after it are among `changed`;
 * - `checkIns`: per building, slot and abnormal or not, the check-ins that count (only someone covering the day can
 *   check in, so each is one of the building's people);
 * - `changed`: the isolations that may cover the day registered on or after it, or released after it began, whose
 *   expectation depends on the slot's close — each with the slots they checked in for.
 */
export interface GridTallies {
  steady: { buildingId: string; buildingName: string; people: number }[];
  checkIns: { buildingId: string; slot: Slot; abnormal: boolean; count: number }[];
  changed: (ChangedIsolation & { checkedIn: Slot[] })[];
}

/**
 * Per building and slot, the board's counts from the tallies: checked in (abnormal or not) as counted; expected and
 * not checked in — the steady people who did not check in (the slot's check-ins less those of changed people),
 * plus, one by one, the changed people expected in the slot who did not. The same cells the 楼道长's board counts
 * person by person (test/server/health/boards.performance.test.ts compares them building by building).
 */
export function buildingCounts(t: GridTallies, day: Day, slots: SlotQuery[]): BuildingCounts[] {
  const start = dayStart(day);
  const end = dayStart(addDays(day, 1));
  const buildings = new Map<string, BuildingCounts & { steady: number }>();
  const building = (buildingId: string, buildingName: string) => {
    let b = buildings.get(buildingId);
    if (!b) {
      b = {
        buildingId,
        buildingName,
        isolated: 0,
        steady: 0,
        slots: Object.fromEntries(slots.map(({ slot }) => [slot, { done: 0, abnormal: 0, pending: 0 }])),
      };
      buildings.set(buildingId, b);
    }
    return b;
  };
  for (const row of t.steady) {
    const b = building(row.buildingId, row.buildingName);
    b.isolated += row.people;
    b.steady += row.people;
  }
  // The changed people not released are counted among the steady too: they are taken out there, and counted one by one.
  for (const iso of t.changed.filter((i) => !i.releasedAt)) {
    const b = building(iso.buildingId, iso.buildingName);
    b.isolated -= 1;
    b.steady -= 1;
  }
  const changed = t.changed.filter((iso) => coversDay(iso, day, start, end));
  for (const iso of changed) building(iso.buildingId, iso.buildingName).isolated += 1;
  for (const row of t.checkIns) {
    const counts = buildings.get(row.buildingId)?.slots[row.slot];
    if (!counts) continue;
    if (row.abnormal) counts.abnormal += row.count;
    else counts.done += row.count;
  }
  for (const b of buildings.values()) {
    for (const { slot, closesAt } of slots) {
      const counts = b.slots[slot]!;
      const mine = changed.filter((iso) => iso.buildingId === b.buildingId);
      const changedCheckedIn = new Set(mine.filter((iso) => iso.checkedIn.includes(slot)).map((iso) => iso.residentId)).size;
      const steadyPending = b.steady - (counts.done + counts.abnormal - changedCheckedIn);
      const changedPending = mine.filter((iso) => !iso.checkedIn.includes(slot) && expectedInSlot(iso, day, closesAt)).length;
      counts.pending = steadyPending + changedPending;
    }
  }
  return [...buildings.values()].filter((b) => b.isolated > 0).map(({ steady: _steady, ...b }) => b);
}

export interface GridBoardInput {
  day: Day;
  now: number;
  windows: Windows;
  /** Per building and slot, counted in the database (boardReads.ts gridCounts). */
  buildings: BuildingCounts[];
  /** The first ATTENTION_LIMIT of them, most urgent first (boardReads.ts gridAttention). */
  attention: AttentionPerson[];
  slots?: readonly Slot[];
}

/** The slots of the grid board as its queries need them: when each closes, and what a missing person is now. */
export function gridSlotQueries(day: Day, now: number, w: Windows, slots: readonly Slot[] = SLOTS): SlotQuery[] {
  return slots.map((slot) => {
    const phase = slotPhase({ day, slot }, now, w);
    return {
      slot,
      closesAt: slotTimes(day, slot, w).closesAt,
      pending: phase === 'closed' ? 'missing' : phase === 'escalated' ? 'escalated' : null,
    };
  });
}

/**
 * The grid worker's board from the per-building counts: a person expected and not checked in is waiting while the
 * window is open (or before it), missing after — the same cells the 楼道长's board counts person by person.
 */
export function gridBoard(grid: { _id: string; name: string }, input: GridBoardInput): Omit<GridBoard, 'clock'> {
  const slots = input.slots ?? SLOTS;
  const phase = (slot: Slot) => slotPhase({ day: input.day, slot }, input.now, input.windows);
  const totals = new Map(slots.map((slot) => [slot, emptyCounts()]));
  let attentionTotal = 0;
  const buildings = input.buildings.map((b): GridBuildingRow => {
    const row: GridBuildingRow = { buildingId: b.buildingId, buildingName: b.buildingName, isolated: b.isolated, slots: {} };
    for (const slot of slots) {
      const c = b.slots[slot];
      if (!c) continue;
      const waiting = phase(slot) === 'upcoming' || phase(slot) === 'open';
      const counts: SlotSummary['counts'] = {
        expected: c.done + c.abnormal + c.pending,
        done: c.done,
        abnormal: c.abnormal,
        waiting: waiting ? c.pending : 0,
        missing: waiting ? 0 : c.pending,
      };
      const total = totals.get(slot)!;
      for (const key of Object.keys(total) as (keyof SlotSummary['counts'])[]) total[key] += counts[key];
      attentionTotal += counts.abnormal + counts.missing;
      if (counts.expected) row.slots[slot] = { ...counts, complete: counts.done + counts.abnormal === counts.expected };
    }
    return row;
  });
  return {
    gridId: grid._id,
    gridName: grid.name,
    day: input.day,
    slots: slots.map((slot) => ({
      slot,
      label: SLOT_LABELS[slot],
      window: windowsToSettings(input.windows)[slot],
      phase: phase(slot),
      counts: totals.get(slot)!,
    })),
    buildings: buildings.sort((a, b) => byBuildingName(a.buildingName, b.buildingName)),
    attention: [...input.attention]
      .sort(
        (a, b) =>
          ATTENTION_ORDER.indexOf(a.reason) - ATTENTION_ORDER.indexOf(b.reason) ||
          byBuildingName(a.buildingName, b.buildingName) ||
          a.label.localeCompare(b.label) ||
          a.slot.localeCompare(b.slot),
      )
      .slice(0, ATTENTION_LIMIT),
    attentionTotal,
  };
}
