/**
 * 打卡时段: two slots a day, am and pm, each a window on the Shanghai clock set per community (default 06:00–12:00
 * and 14:00–21:00). A window is [start, end): at 12:00 the morning slot is closed. When a window closes, people who
 * did not check in are 「未打卡」 for their 楼道长, who may still record a check-in on their behalf (after a door visit
 * or a phone call) for two hours; after that the slot is escalated to the grid worker and closed for good.
 *
 * Pure: instants are epoch milliseconds passed in, never read from a clock.
 */
import type { CheckInWindows, Slot } from '../../typings/contract/health';
import { AppError } from '../platform/errors';
import { addDays, atMinute, formatMinutes, minuteOfDay, MINUTES_PER_DAY, parseMinutes, shanghaiDay, type Day } from '../time/shanghai';

export type { Slot };
export const SLOTS: readonly Slot[] = ['am', 'pm'];
export const SLOT_LABELS: Record<Slot, string> = { am: '上午', pm: '下午' };

/** Minutes of the Shanghai day, start inclusive, end exclusive. */
export interface Window {
  start: number;
  end: number;
}
export type Windows = Record<Slot, Window>;

export const DEFAULT_WINDOWS: Windows = { am: { start: 6 * 60, end: 12 * 60 }, pm: { start: 14 * 60, end: 21 * 60 } };

/** How long after a window closes a 楼道长 may still record a late check-in; then the grid worker is told. */
export const ESCALATE_AFTER_MS = 2 * 3600_000;

/** Timer triggers run every 10 minutes, so windows open and close on the 10 minutes and a slot closes on time. */
export const WINDOW_STEP_MINUTES = 10;

// ── Community settings ─────────────────────────────────────────────────────────────────────────────

export function windowsToSettings(w: Windows): CheckInWindows {
  return {
    am: { start: formatMinutes(w.am.start), end: formatMinutes(w.am.end) },
    pm: { start: formatMinutes(w.pm.start), end: formatMinutes(w.pm.end) },
  };
}

/** Reads `{ am: { start: '06:00', end: '12:00' }, pm: … }`; answers the problem in Chinese, or the windows. */
export function parseWindows(settings: CheckInWindows): { windows: Windows } | { problem: string; field: string } {
  const out: Partial<Windows> = {};
  for (const slot of SLOTS) {
    const start = parseMinutes(settings[slot]?.start ?? '');
    const end = parseMinutes(settings[slot]?.end ?? '');
    if (start === null || end === null) return { problem: `${SLOT_LABELS[slot]}打卡时间请写成 06:00 这样的时刻`, field: slot };
    if (start % WINDOW_STEP_MINUTES || end % WINDOW_STEP_MINUTES) {
      return { problem: `${SLOT_LABELS[slot]}打卡时间请取整 10 分钟（如 06:00、06:10），按时提醒才准`, field: slot };
    }
    if (end - start < 30) return { problem: `${SLOT_LABELS[slot]}打卡时间至少要有 30 分钟`, field: slot };
    out[slot] = { start, end };
  }
  const w = out as Windows;
  if (w.am.end > w.pm.start) return { problem: '上午打卡要在下午打卡开始之前结束', field: 'pm' };
  if (w.pm.end > MINUTES_PER_DAY) return { problem: '下午打卡最晚到 24:00', field: 'pm' };
  return { windows: w };
}

/** A community's windows; anything unreadable in its settings falls back to the defaults rather than stopping check-ins. */
export function windowsOf(community: { settings?: { checkInWindows?: CheckInWindows } } | null | undefined): Windows {
  const s = community?.settings?.checkInWindows;
  if (!s) return DEFAULT_WINDOWS;
  const parsed = parseWindows(s);
  return 'windows' in parsed ? parsed.windows : DEFAULT_WINDOWS;
}

// ── Where an instant falls ─────────────────────────────────────────────────────────────────────────

export interface SlotRef {
  day: Day;
  slot: Slot;
}

export interface SlotTimes {
  opensAt: number;
  closesAt: number;
  escalatesAt: number;
}

export function slotTimes(day: Day, slot: Slot, w: Windows): SlotTimes {
  const closesAt = atMinute(day, w[slot].end);
  return { opensAt: atMinute(day, w[slot].start), closesAt, escalatesAt: closesAt + ESCALATE_AFTER_MS };
}

/** The slot whose window is open at `ms`, or null. */
export function openSlotAt(ms: number, w: Windows): SlotRef | null {
  const day = shanghaiDay(ms);
  const minute = minuteOfDay(ms);
  const slot = SLOTS.find((s) => minute >= w[s].start && minute < w[s].end);
  return slot ? { day, slot } : null;
}

/** The slot that closed less than two hours before `ms` (yesterday's pm, just after midnight, included). */
export function graceSlotAt(ms: number, w: Windows): SlotRef | null {
  const today = shanghaiDay(ms);
  for (const day of [today, addDays(today, -1)]) {
    for (const slot of SLOTS) {
      const t = slotTimes(day, slot, w);
      if (ms >= t.closesAt && ms < t.escalatesAt) return { day, slot };
    }
  }
  return null;
}

/** The next window to open strictly after `ms`. */
export function nextOpening(ms: number, w: Windows): SlotRef & { opensAt: number } {
  const today = shanghaiDay(ms);
  for (const day of [today, addDays(today, 1)]) {
    for (const slot of SLOTS) {
      const opensAt = slotTimes(day, slot, w).opensAt;
      if (opensAt > ms) return { day, slot, opensAt };
    }
  }
  throw new Error('nextOpening: no window within two days'); // unreachable with valid windows
}

/** 「14:00」 today, 「明天 06:00」 tomorrow: how a person reads the next opening. */
export function openingLabel(ms: number, w: Windows): string {
  const next = nextOpening(ms, w);
  const time = formatMinutes(w[next.slot].start);
  return next.day === shanghaiDay(ms) ? time : `明天 ${time}`;
}

export type SlotPhase = 'upcoming' | 'open' | 'closed' | 'escalated';

/** Where a slot stands at `ms`: not open yet, open, closed (the 楼道长 chases), or escalated to the grid worker. */
export function slotPhase(ref: SlotRef, ms: number, w: Windows): SlotPhase {
  const t = slotTimes(ref.day, ref.slot, w);
  if (ms < t.opensAt) return 'upcoming';
  if (ms < t.closesAt) return 'open';
  return ms < t.escalatesAt ? 'closed' : 'escalated';
}

/**
 * The slot a check-in submitted at `ms` belongs to, or CHECKIN.OUTSIDE_WINDOW saying when the next window opens.
 * A resident checks in only while a window is open; a 楼道长 recording on someone's behalf may also fill in the slot
 * that closed less than two hours ago (marked late), which is how a missed check-in is resolved before escalation.
 */
export function checkInSlot(ms: number, w: Windows, opts: { onBehalf: boolean }): SlotRef & { late: boolean } {
  const open = openSlotAt(ms, w);
  if (open) return { ...open, late: false };
  const grace = opts.onBehalf ? graceSlotAt(ms, w) : null;
  if (grace) return { ...grace, late: true };
  throw new AppError('CHECKIN.OUTSIDE_WINDOW', `现在不在打卡时间，下一次打卡 ${openingLabel(ms, w)} 开始`);
}

// ── What the timer has to do ───────────────────────────────────────────────────────────────────────

export type SlotRunPhase = 'close' | 'escalate';

/** A timer that was late (CloudBase skips or delays one now and then) still does the work within this span. */
export const CATCH_UP_MS = 3 * 3600_000;

/**
 * The slot phases due at `ms`: a slot is closed when its window ends and escalated two hours later. Each is
 * returned while it is less than CATCH_UP_MS overdue; the caller runs each once (slotRuns make that exact).
 */
export function duePhases(ms: number, w: Windows): (SlotRef & { phase: SlotRunPhase; dueAt: number })[] {
  const today = shanghaiDay(ms);
  const due: (SlotRef & { phase: SlotRunPhase; dueAt: number })[] = [];
  for (const day of [addDays(today, -1), today]) {
    for (const slot of SLOTS) {
      const t = slotTimes(day, slot, w);
      for (const [phase, dueAt] of [
        ['close', t.closesAt],
        ['escalate', t.escalatesAt],
      ] as const) {
        if (ms >= dueAt && ms < dueAt + CATCH_UP_MS) due.push({ day, slot, phase, dueAt });
      }
    }
  }
  return due;
}
