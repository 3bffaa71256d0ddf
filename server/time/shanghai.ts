/**
 * Calendar days and wall-clock minutes on the Asia/Shanghai clock, as plain arithmetic over epoch milliseconds.
 * Functions run in UTC (CloudBase sets TZ=UTC), and China has kept UTC+8 without daylight saving since 1991, so a
 * fixed offset is exact: 08:00 in Shanghai is midnight UTC, the moment a UTC-based date would be a day behind.
 */
export const SHANGHAI_OFFSET_MS = 8 * 3600_000;
export const DAY_MS = 86_400_000;
export const MINUTES_PER_DAY = 24 * 60;

/** A Shanghai calendar day, `2026-11-22`. Compares correctly as a string. */
export type Day = string;

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The Shanghai calendar day an instant falls on. */
export function shanghaiDay(ms: number): Day {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Minutes since Shanghai midnight, 0–1439. */
export function minuteOfDay(ms: number): number {
  const local = ms + SHANGHAI_OFFSET_MS;
  return Math.floor((((local % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);
}

/** The instant Shanghai's `day` begins (00:00 +08:00). */
export function dayStart(day: Day): number {
  return Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET_MS;
}

/** An instant `minutes` after the start of `day` (may run past midnight: 25:00 is 01:00 the next day). */
export function atMinute(day: Day, minutes: number): number {
  return dayStart(day) + minutes * 60_000;
}

export function addDays(day: Day, n: number): Day {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Day, to: Day): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** A real calendar day written as YYYY-MM-DD (not 2026-02-30). */
export function isDay(value: string): boolean {
  const m = DAY_PATTERN.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** 06:00 from 360; 24:00 from 1440. */
export function formatMinutes(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** 360 from "06:00"; null for anything else ("6点", "25:00"). 24:00 is accepted as the end of the day. */
export function parseMinutes(hhmm: string): number | null {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(hhmm);
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes <= MINUTES_PER_DAY ? minutes : null;
}

/** 2026-11-22 21:00 on the Shanghai clock: what subscribe messages' `time` keywords and people read. */
export function shanghaiDateTime(ms: number): string {
  return `${shanghaiDay(ms)} ${formatMinutes(minuteOfDay(ms))}`;
}

/** 11月22日 */
export function monthDayLabel(day: Day): string {
  const [, , m, d] = DAY_PATTERN.exec(day) ?? [];
  return m ? `${Number(m)}月${Number(d)}日` : day;
}
