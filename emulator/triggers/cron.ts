/**
 * CloudBase timer triggers use a 7-field cron — second minute hour day month weekday year — read on the
 * Asia/Shanghai clock (UTC+8, no daylight saving). Parsing and "when does it fire next" are pure, so the
 * scheduler can replay a clock that jumped forward by hours without sleeping through them.
 */
export interface CronSchedule {
  readonly source: string;
  second: Set<number>;
  minute: Set<number>;
  hour: Set<number>;
  day: Set<number>;
  month: Set<number>;
  weekday: Set<number>;
  year: Set<number> | null; // null: every year
  dayRestricted: boolean;
  weekdayRestricted: boolean;
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

function parseField(text: string, min: number, max: number, names: string[] = [], nameBase = 0): Set<number> {
  const out = new Set<number>();
  const value = (s: string): number => {
    const i = names.indexOf(s.toUpperCase());
    const n = i >= 0 ? i + nameBase : Number(s);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`cron: "${s}" is outside ${min}-${max}`);
    return n;
  };
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`cron: bad step in "${part}"`);
    let from: number;
    let to: number;
    if (range === '*') [from, to] = [min, max];
    else if (range.includes('-')) {
      const [a, b] = range.split('-');
      [from, to] = [value(a), value(b)];
    } else {
      from = value(range);
      to = stepText === undefined ? from : max;
    }
    if (from > to) throw new Error(`cron: range "${range}" runs backwards`);
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

export function parseCron(source: string): CronSchedule {
  const fields = source.trim().split(/\s+/);
  if (fields.length !== 7) throw new Error(`cron: expected 7 fields (second minute hour day month weekday year), got ${fields.length}: "${source}"`);
  const [s, mi, h, d, mo, w, y] = fields;
  const weekday = parseField(w, 0, 7, WEEKDAYS);
  if (weekday.has(7)) weekday.add(0); // 7 and 0 are both Sunday
  return {
    source,
    second: parseField(s, 0, 59),
    minute: parseField(mi, 0, 59),
    hour: parseField(h, 0, 23),
    day: parseField(d, 1, 31),
    month: parseField(mo, 1, 12, MONTHS, 1),
    weekday,
    year: y === '*' ? null : parseField(y, 1970, 2199),
    dayRestricted: d !== '*',
    weekdayRestricted: w !== '*',
  };
}

function dayMatches(c: CronSchedule, date: Date): boolean {
  const dayOk = c.day.has(date.getUTCDate());
  const weekOk = c.weekday.has(date.getUTCDay());
  // As in classic cron: when both are restricted, either one matching is enough.
  if (c.dayRestricted && c.weekdayRestricted) return dayOk || weekOk;
  return dayOk && weekOk;
}

/** The first firing strictly after `afterMs` (epoch ms), or null if there is none within ten years. */
export function nextFiring(c: CronSchedule, afterMs: number): number | null {
  // Work on a "Shanghai wall clock" expressed as a UTC date, then shift back.
  let t = new Date(Math.floor((afterMs + SHANGHAI_OFFSET_MS) / 1000) * 1000 + 1000);
  const limit = t.getTime() + 10 * 366 * 86400_000;
  while (t.getTime() < limit) {
    if (c.year && !c.year.has(t.getUTCFullYear())) {
      t = new Date(Date.UTC(t.getUTCFullYear() + 1, 0, 1));
      continue;
    }
    if (!c.month.has(t.getUTCMonth() + 1)) {
      t = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 1));
      continue;
    }
    if (!dayMatches(c, t)) {
      t = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + 1));
      continue;
    }
    if (!c.hour.has(t.getUTCHours())) {
      t = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), t.getUTCHours() + 1));
      continue;
    }
    if (!c.minute.has(t.getUTCMinutes())) {
      t = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes() + 1));
      continue;
    }
    if (!c.second.has(t.getUTCSeconds())) {
      t = new Date(t.getTime() + 1000);
      continue;
    }
    return t.getTime() - SHANGHAI_OFFSET_MS;
  }
  return null;
}

/** Every firing in (fromMs, toMs], oldest first, at most `max`. */
export function firingsBetween(c: CronSchedule, fromMs: number, toMs: number, max = 1000): number[] {
  const out: number[] = [];
  let t = nextFiring(c, fromMs);
  while (t !== null && t <= toMs && out.length < max) {
    out.push(t);
    t = nextFiring(c, t);
  }
  return out;
}
