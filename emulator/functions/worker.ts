/**
 * One warm instance of one cloud function, as CloudBase keeps a container warm between calls. The host
 * sends one invocation at a time: the WX context travels in environment variables (what
 * `cloud.getWXContext()` reads), and the emulator's clock in a Date offset, so the function's unmodified
 * `new Date()` / `Date.now()` follow the clock the tests set.
 */
import { parentPort, workerData } from 'node:worker_threads';

interface Invocation {
  id: number;
  event: unknown;
  context: Record<string, unknown>;
  env: Record<string, string>;
  clockOffsetMs: number;
}

const RealDate = Date;
let offsetMs = 0;

class EmulatedDate extends RealDate {
  constructor(...args: unknown[]) {
    if (args.length === 0) super(RealDate.now() + offsetMs);
    else super(...(args as [string | number | Date]));
  }
  static now(): number {
    return RealDate.now() + offsetMs;
  }
}
globalThis.Date = EmulatedDate as DateConstructor;

const { entry } = workerData as { entry: string };
let contextKeys: string[] = [];

// The function module is loaded once per worker, like a warm container; a broken module fails each call.
let mod: { main?: (event: unknown, context: unknown) => unknown } | undefined;
let loadError: unknown;
try {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a function is a CommonJS module at a path known only at run time
  mod = require(entry);
} catch (err) {
  loadError = err;
}

parentPort!.on('message', async (call: Invocation) => {
  for (const key of contextKeys) delete process.env[key];
  contextKeys = Object.keys(call.env);
  Object.assign(process.env, call.env);
  offsetMs = call.clockOffsetMs;
  try {
    if (loadError) throw loadError;
    if (typeof mod?.main !== 'function') throw new Error('the function does not export main');
    const result = await mod.main(call.event, call.context);
    parentPort!.postMessage({ id: call.id, ok: true, result: JSON.stringify(result === undefined ? null : result) });
  } catch (err) {
    const e = err instanceof Error ? { message: err.message, stack: err.stack } : { message: String(err) };
    parentPort!.postMessage({ id: call.id, ok: false, error: e });
  }
});
