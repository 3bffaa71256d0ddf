/**
 * Runs cloud functions the way CloudBase does, closely enough that code proven here behaves the same after
 * deployment: each function from its own folder, warm instances reused, the WX context injected through
 * `WX_CONTEXT_KEYS`, `TZ=UTC`, the `config.json` timeout enforced, and one function's crash or hang never
 * taking the emulator down (each instance is a worker thread that can be terminated).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { listFunctions, readFunctionConfig, type FunctionConfig } from './config';

export interface Caller {
  openid?: string;
  appid?: string;
  unionid?: string;
  /** `wx_client` (the mini program), or the chain a function-to-function call carries (`wx_client,scf`). */
  source: string;
}

/**
 * Warm instances kept per function: two per core, between 4 and 8. On CloudBase each instance has CPU of its own; here
 * they share the emulator's cores, and each is a V8 isolate of its own that compiles the same code again and keeps a
 * heap of its own — past what the cores can run at once, more instances add that cost and no throughput (measured on
 * 2 cores: 8 instances cost about a third more CPU per check-in than 4, at the same or lower rate). Callers beyond them
 * wait for one to be free, as before.
 */
const DEFAULT_INSTANCES = Math.min(8, Math.max(4, 2 * os.availableParallelism()));

export class FunctionError extends Error {
  constructor(
    readonly code: 'FUNCTION_NOT_FOUND' | 'FUNCTIONS_EXECUTE_FAIL' | 'FUNCTIONS_TIME_LIMIT_EXCEEDED',
    message: string,
  ) {
    super(message);
  }
}

export interface HostOptions {
  functionsDir: string;
  /** The bundled worker script (.build/emulator/worker.js). */
  workerScript: string;
  /** Environment that points wx-server-sdk at the emulator. */
  sdkEnv: () => Record<string, string>;
  /** Emulator time minus real time, in ms. */
  clockOffsetMs: () => number;
  envId: string;
  /** Warm instances kept per function (DEFAULT_INSTANCES unless given). */
  maxInstances?: number;
  log?: (line: string) => void;
}

interface Instance {
  worker: Worker;
  busy: boolean;
  pending?: { id: number; resolve: (json: string) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };
}

export interface InvocationRecord {
  name: string;
  ms: number;
  ok: boolean;
}

export class FunctionHost {
  private pools = new Map<string, Instance[]>();
  private queues = new Map<string, Array<() => void>>();
  private configs = new Map<string, { stamp: string; config: FunctionConfig }>();
  private nextId = 1;
  private closed = false;
  readonly invocations: InvocationRecord[] = [];

  constructor(private readonly opts: HostOptions) {}

  names(): string[] {
    return listFunctions(this.opts.functionsDir).map((f) => f.name);
  }

  /**
   * The function's config.json as it is now: read again only when the file (or the function's index.js) changed,
   * which two `stat`s tell — a call does not pay for reading and parsing it.
   */
  config(name: string): FunctionConfig | null {
    if (!/^[A-Za-z0-9_-]+$/.test(name)) return null;
    const dir = path.join(this.opts.functionsDir, name);
    const stamp = [path.join(dir, 'index.js'), path.join(dir, 'config.json')]
      .map((file) => {
        const stat = fs.statSync(file, { throwIfNoEntry: false });
        return stat ? `${stat.mtimeMs}:${stat.size}:${stat.ino}` : '-';
      })
      .join('|');
    const cached = this.configs.get(name);
    if (cached?.stamp === stamp) return cached.config;
    const config = readFunctionConfig(this.opts.functionsDir, name);
    if (config) this.configs.set(name, { stamp, config });
    else this.configs.delete(name);
    return config;
  }

  async invoke(name: string, event: unknown, caller: Caller, at?: { clockOffsetMs: number }): Promise<unknown> {
    return JSON.parse(await this.invokeJson(name, event, caller, at)) as unknown;
  }

  /**
   * The function's return value as the JSON text its instance wrote: what goes on the wire (callFunction's
   * `response_data`, the local route's body) without parsing it and writing it again here.
   */
  async invokeJson(name: string, event: unknown, caller: Caller, at?: { clockOffsetMs: number }): Promise<string> {
    const config = this.config(name);
    if (!config) throw new FunctionError('FUNCTION_NOT_FOUND', `FunctionName parameter could not be found: ${name}`);
    const started = Date.now();
    const instance = await this.acquire(config);
    const requestId = randomUUID();
    const env = this.environment(config, caller, requestId);
    const context = {
      request_id: requestId,
      function_name: name,
      function_version: '$LATEST',
      namespace: this.opts.envId,
      memory_limit_in_mb: 256,
      time_limit_in_ms: config.timeoutMs,
      environ: Object.entries(env)
        .map(([k, v]) => `${k}=${v}`)
        .join(';'),
    };
    const id = this.nextId++;
    try {
      const result = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => {
          // A hung function is killed, as CloudBase kills it; the next call gets a fresh instance.
          this.discard(config.name, instance);
          reject(new FunctionError('FUNCTIONS_TIME_LIMIT_EXCEEDED', `Invoking task timed out after ${config.timeoutMs / 1000} seconds`));
        }, config.timeoutMs);
        instance.pending = { id, resolve, reject, timer };
        instance.worker.postMessage({ id, event, context, env, clockOffsetMs: at?.clockOffsetMs ?? this.opts.clockOffsetMs() });
      });
      this.record(name, started, true);
      return result;
    } catch (err) {
      this.record(name, started, false);
      throw err;
    } finally {
      instance.pending = undefined;
      this.release(config.name, instance);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.pools.values()].flat();
    this.pools.clear();
    await Promise.all(all.map((i) => i.worker.terminate()));
  }

  private environment(config: FunctionConfig, caller: Caller, requestId: string): Record<string, string> {
    const wx: Record<string, string> = {};
    if (caller.openid) wx.WX_OPENID = caller.openid;
    if (caller.appid) wx.WX_APPID = caller.appid;
    if (caller.unionid) wx.WX_UNIONID = caller.unionid;
    return {
      ...this.opts.sdkEnv(),
      ...wx,
      // Always present, as on CloudBase; with no user behind the call it lists no keys, and getWXContext()
      // still answers ENV and SOURCE (the SDK returns {} when the variable is missing altogether).
      WX_CONTEXT_KEYS: Object.keys(wx).join(',') || ',',
      TCB_SOURCE: caller.source,
      // CloudBase lists TCB_SOURCE here so the SDK forwards it (X-TCB-Source) when this function calls another.
      TCB_CONTEXT_KEYS: 'TCB_SOURCE',
      TCB_ENV: this.opts.envId,
      SCF_NAMESPACE: this.opts.envId,
      SCF_FUNCTIONNAME: config.name,
      SCF_REQUEST_ID: requestId,
      TZ: 'UTC',
    };
  }

  private record(name: string, started: number, ok: boolean) {
    this.invocations.push({ name, ms: Date.now() - started, ok });
    if (this.invocations.length > 10_000) this.invocations.splice(0, 5_000);
  }

  private async acquire(config: FunctionConfig): Promise<Instance> {
    for (;;) {
      if (this.closed) throw new FunctionError('FUNCTIONS_EXECUTE_FAIL', 'the emulator is shutting down');
      const pool = this.pools.get(config.name) ?? [];
      this.pools.set(config.name, pool);
      const idle = pool.find((i) => !i.busy);
      if (idle) {
        idle.busy = true;
        return idle;
      }
      if (pool.length < (this.opts.maxInstances ?? DEFAULT_INSTANCES)) {
        const instance = this.spawn(config);
        instance.busy = true;
        pool.push(instance);
        return instance;
      }
      await new Promise<void>((resolve) => {
        const q = this.queues.get(config.name) ?? [];
        q.push(resolve);
        this.queues.set(config.name, q);
      });
    }
  }

  private release(name: string, instance: Instance) {
    instance.busy = false;
    this.queues.get(name)?.shift()?.();
  }

  private discard(name: string, instance: Instance) {
    const pool = this.pools.get(name) ?? [];
    const i = pool.indexOf(instance);
    if (i >= 0) pool.splice(i, 1);
    void instance.worker.terminate();
  }

  private spawn(config: FunctionConfig): Instance {
    const worker = new Worker(this.opts.workerScript, {
      workerData: { entry: config.entry },
      env: { ...process.env, TZ: 'UTC' },
      stdout: false,
      stderr: false,
    });
    const instance: Instance = { worker, busy: false };
    worker.on('message', (msg: { id: number; ok: boolean; result?: string; error?: { message: string; stack?: string } }) => {
      const p = instance.pending;
      if (!p || p.id !== msg.id) return;
      clearTimeout(p.timer);
      if (msg.ok) p.resolve(msg.result ?? 'null');
      else {
        this.opts.log?.(`[${config.name}] ${msg.error?.stack ?? msg.error?.message}`);
        p.reject(new FunctionError('FUNCTIONS_EXECUTE_FAIL', msg.error?.message ?? 'function failed'));
      }
    });
    worker.on('error', (err) => {
      // An uncaught error escaped the function: this instance is gone, the emulator is not.
      this.opts.log?.(`[${config.name}] crashed: ${err.stack ?? err.message}`);
      this.discard(config.name, instance);
      const p = instance.pending;
      if (p) {
        clearTimeout(p.timer);
        p.reject(new FunctionError('FUNCTIONS_EXECUTE_FAIL', `function crashed: ${err.message}`));
      }
    });
    worker.on('exit', () => {
      const pool = this.pools.get(config.name);
      if (pool?.includes(instance)) this.discard(config.name, instance);
      const p = instance.pending;
      if (p) {
        clearTimeout(p.timer);
        p.reject(new FunctionError('FUNCTIONS_EXECUTE_FAIL', 'function exited before answering'));
      }
    });
    worker.unref();
    return instance;
  }
}
