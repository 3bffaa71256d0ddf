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

/**
 * The instance's environment as an ordinary object. A worker's `process.env` is already its own copy (the Worker's
 * `env`), but each read goes through Node's native environment store, about a microsecond — and wx-server-sdk reads
 * a score of variables several times per database request (getCloudbaseContext, checkIsInScf…), which made the
 * environment a visible share of every call's CPU here (a container on CloudBase does not share its CPU with the
 * database). The same variables, the same values, and assignment still stores a string, as Node's does.
 */
function environmentObject(initial: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return new Proxy(
    { ...initial },
    {
      set(target, key, value) {
        if (typeof key === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
        target[key] = String(value);
        return true;
      },
      defineProperty(target, key, descriptor) {
        if (typeof key === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
        if (!('value' in descriptor)) throw new TypeError(`'process.env' does not accept an accessor(getter/setter) descriptor`);
        target[key] = String(descriptor.value);
        return true;
      },
    },
  );
}
process.env = environmentObject(process.env);

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
