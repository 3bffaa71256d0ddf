/**
 * The grid worker's check-in board, pure: per-building counts and the people needing someone in; what the grid
 * worker sees out. The counts are the 楼道长 boards' cells summed (test/server/health/boards.*).
 */
import type { AttentionPerson, GridBoard, GridBuildingRow, SlotSummary } from '../../typings/contract/health';
import type { Day } from '../time/shanghai';
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
    attention: [...input.attention].sort(
      (a, b) =>
        ATTENTION_ORDER.indexOf(a.reason) - ATTENTION_ORDER.indexOf(b.reason) ||
        byBuildingName(a.buildingName, b.buildingName) ||
        a.label.localeCompare(b.label) ||
        a.slot.localeCompare(b.slot),
    ),
    attentionTotal,
  };
}
