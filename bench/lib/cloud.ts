/**
 * The bench's local cloud: startLocalCloud in a child process (bench/lib/cloudProcess.ts) with a temporary data
 * directory, and its HTTP endpoints (`/stats`). Stopped and its data removed when the run ends.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { BenchContext } from '../types';

export interface Usage {
  /** CPU time (user + system) the emulator process has used, in µs. */
  cpuUs: number;
  rssBytes: number;
  maxRssBytes: number;
}

export interface CloudProcess {
  url: string;
  pid: number;
  dataDir: string;
  usage(): Promise<Usage>;
  /** Admin requests per action since the last reset (the emulator's `GET /stats`). */
  stats(): Promise<{ total: number; requests: Record<string, number> }>;
  resetStats(): Promise<void>;
  /** The emulator's WARN/ERROR log lines so far (e.g. a query no declared index serves), each once. */
  warnings(): string[];
  close(): Promise<void>;
}

export interface CloudOptions {
  /** A data directory to start on (e.g. one written by bench/street); by default a fresh temporary one. */
  dataDir?: string;
  /** The emulator clock's start (epoch ms); by default now. */
  startAt?: number;
}

export async function startCloudProcess(ctx: BenchContext, options: CloudOptions = {}): Promise<CloudProcess> {
  const dataDir = options.dataDir ?? ctx.tempDir('cloud');
  const script = path.join(ctx.buildDir, 'cloudProcess.js');
  const workerScript = path.join(ctx.root, '.build', 'emulator', 'functions', 'worker.js');
  const args = [dataDir, workerScript, ctx.root, ...(options.startAt !== undefined ? [String(options.startAt)] : [])];
  // BENCH_CPU_PROF=<dir>: a V8 CPU profile of the local cloud's process and its function instances, for finding where time goes.
  const profileDir = process.env.BENCH_CPU_PROF;
  const child: ChildProcess = fork(script, args, {
    cwd: ctx.root,
    execArgv: profileDir ? [...process.execArgv, '--cpu-prof', '--cpu-prof-dir', path.resolve(profileDir)] : process.execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, TZ: 'UTC' },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      if (child.connected) child.send({ type: 'close' });
      else child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  };
  ctx.defer(close); // runs before the data dir is removed (deferred cleanups run in reverse order)

  let pendingUsage: ((usage: Usage) => void) | undefined;
  const warnings = new Set<string>();
  child.on(
    'message',
    (message: {
      type: string;
      url?: string;
      line?: string;
      cpuUserUs?: number;
      cpuSystemUs?: number;
      rssBytes?: number;
      maxRssBytes?: number;
    }) => {
      if (message.type === 'log' && !warnings.has(message.line!)) {
        warnings.add(message.line!);
        ctx.log(`  emulator: ${message.line}`);
      }
      if (message.type === 'usage' && pendingUsage) {
        pendingUsage({ cpuUs: message.cpuUserUs! + message.cpuSystemUs!, rssBytes: message.rssBytes!, maxRssBytes: message.maxRssBytes! });
        pendingUsage = undefined;
      }
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the local cloud did not start within 30 s')), 30_000);
    child.on('message', (message: { type: string; url?: string }) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(message.url!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the local cloud exited (${code}) before it was ready`));
    });
  });

  const http = async (method: string, pathname: string) => {
    const res = await fetch(`${url}${pathname}`, { method });
    if (!res.ok) throw new Error(`${method} ${pathname}: HTTP ${res.status}`);
    return res.json();
  };
  return {
    url,
    pid: child.pid!,
    dataDir,
    usage: () =>
      new Promise<Usage>((resolve) => {
        pendingUsage = resolve;
        child.send({ type: 'usage' });
      }),
    stats: () => http('GET', '/stats') as Promise<{ total: number; requests: Record<string, number> }>,
    resetStats: async () => {
      await http('POST', '/stats/reset');
    },
    warnings: () => [...warnings],
    close,
  };
}
