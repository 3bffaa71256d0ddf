/**
 * Fires the timer triggers declared in each function's config.json on the emulator's clock. When the clock
 * is moved forward (tests, or a demo showing an escalation two hours later), every firing that fell in the
 * skipped span runs in order, each seeing the time it was due — as if the emulator had waited.
 */
import { listFunctions } from '../functions/config';
import type { Caller, FunctionHost } from '../functions/host';
import { firingsBetween } from './cron';

export interface Firing {
  functionName: string;
  triggerName: string;
  at: string;
  ok: boolean;
  error?: string;
}

export interface SchedulerOptions {
  host: FunctionHost;
  functionsDir: string;
  /** Emulator time in ms. */
  now: () => number;
  log?: (line: string) => void;
  tickMs?: number;
  /** At most this many firings of one trigger are replayed per catch-up (a clock moved by a year). */
  maxReplay?: number;
}

const TIMER: Caller = { source: 'scf' };

export class TriggerScheduler {
  private last: number;
  private timer?: NodeJS.Timeout;
  private running: Promise<Firing[]> = Promise.resolve([]);
  readonly history: Firing[] = [];

  constructor(private readonly opts: SchedulerOptions) {
    this.last = opts.now();
  }

  start() {
    this.timer = setInterval(() => void this.catchUp(), this.opts.tickMs ?? 1000);
    this.timer.unref();
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
  }

  /** Runs everything due up to the emulator's current time; resolves with what fired. Calls are serialised. */
  catchUp(): Promise<Firing[]> {
    this.running = this.running.then(() => this.runDue());
    return this.running;
  }

  /** Fires one trigger now (npm run trigger), whatever its schedule. */
  async fire(functionName: string, triggerName?: string): Promise<Firing> {
    const fn = listFunctions(this.opts.functionsDir).find((f) => f.name === functionName);
    const trigger = fn?.triggers.find((t) => !triggerName || t.name === triggerName);
    if (!fn || !trigger) throw new Error(`no timer trigger ${triggerName ?? ''} on function ${functionName}`);
    return this.run(functionName, trigger.name, this.opts.now());
  }

  private async runDue(): Promise<Firing[]> {
    const now = this.opts.now();
    const from = this.last;
    if (now <= from) {
      this.last = now; // the clock moved back: nothing is due, start again from here
      return [];
    }
    this.last = now;
    const due: Array<{ fn: string; trigger: string; at: number }> = [];
    for (const fn of listFunctions(this.opts.functionsDir)) {
      for (const t of fn.triggers) {
        for (const at of firingsBetween(t.schedule, from, now, this.opts.maxReplay ?? 200)) due.push({ fn: fn.name, trigger: t.name, at });
      }
    }
    due.sort((a, b) => a.at - b.at);
    const fired: Firing[] = [];
    for (const d of due) fired.push(await this.run(d.fn, d.trigger, d.at));
    return fired;
  }

  private async run(functionName: string, triggerName: string, at: number): Promise<Firing> {
    const time = new Date(Math.floor(at / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    const event = { Type: 'Timer', TriggerName: triggerName, Time: time, Message: '' };
    const firing: Firing = { functionName, triggerName, at: time, ok: true };
    try {
      // The function sees the moment it was due, not the moment the replay reached it.
      await this.opts.host.invoke(functionName, event, TIMER, { clockOffsetMs: at - Date.now() });
    } catch (err) {
      firing.ok = false;
      firing.error = err instanceof Error ? err.message : String(err);
      this.opts.log?.(`trigger ${functionName}.${triggerName} at ${time} failed: ${firing.error}`);
    }
    this.history.push(firing);
    if (this.history.length > 1000) this.history.splice(0, 500);
    return firing;
  }
}
