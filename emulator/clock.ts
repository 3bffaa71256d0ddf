/**
 * The emulator's notion of "now": real time plus a settable offset.
 *
 * Everything that CloudBase evaluates on the server at "now" — `db.serverDate()`, timer triggers, the function
 * host's clock — reads this clock, so a test or a developer can jump to 02:00 tomorrow without waiting for it.
 * Time keeps flowing while shifted (the offset is added to the real clock), just as it would in production.
 */
export type ClockListener = (clock: Clock) => void;

export class Clock {
  /** Milliseconds added to the real clock. */
  offsetMs: number;
  private readonly listeners = new Set<ClockListener>();

  constructor(offsetMs = 0) {
    assertFiniteMs(offsetMs, 'offsetMs');
    this.offsetMs = offsetMs;
  }

  /** Current emulated time in epoch milliseconds. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Current emulated time as a Date. */
  date(): Date {
    return new Date(this.now());
  }

  /** Jumps to an absolute emulated time (epoch ms); time keeps flowing from there. */
  set(ms: number): void {
    assertFiniteMs(ms, 'ms');
    this.offsetMs = ms - Date.now();
    this.notify();
  }

  /** Moves emulated time forward (or backward, with a negative value) by `ms`. */
  advance(ms: number): void {
    assertFiniteMs(ms, 'ms');
    this.offsetMs += ms;
    this.notify();
  }

  /** Back to real time. */
  reset(): void {
    this.offsetMs = 0;
    this.notify();
  }

  /** Called after every set/advance/reset, e.g. so timer triggers can re-plan. Returns an unsubscribe function. */
  onChange(listener: ClockListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of this.listeners) listener(this);
  }
}

function assertFiniteMs(value: number, name: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`Clock: ${name} must be a finite number of milliseconds, got ${String(value)}`);
  }
}
