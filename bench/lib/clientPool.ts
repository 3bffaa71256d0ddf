/**
 * Load from several client processes (bench/lib/clientProcess.ts), each with wx-server-sdk of its own, so that the
 * bench's own client — which costs more CPU per request than the emulator — is not what the figures measure.
 * A phase's clients are dealt out over the processes; their results merge into one LoadResult.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { BenchContext } from '../types';
import type { OpName } from './emulatorOps';
import type { LoadResult } from './load';

export interface PoolRun {
  load: LoadResult;
  /** CPU time all client processes used during the run, ms. */
  clientCpuMs: number;
  /** Client processes that took part (fewer than the pool when there are fewer clients). */
  processes: number;
  /** wx-server-sdk's "request is longer than 3s" warnings. */
  slow: number;
}

export interface ClientPool {
  readonly size: number;
  run(op: OpName, clients: number, durationMs: number): Promise<PoolRun>;
  /** Operations of a kind ('add()', …) completed over every run so far, warm-ups included. */
  completed(kind: string): number;
  close(): Promise<void>;
}

interface Done {
  type: 'done';
  id: number;
  error?: string;
  cpuUs?: number;
  slow?: number;
  result?: Omit<LoadResult, 'latencies'> & { latencies: Record<string, number[]> };
}

export async function startClientPool(ctx: BenchContext, url: string, size: number): Promise<ClientPool> {
  const script = path.join(ctx.buildDir, 'clientProcess.js');
  const children: ChildProcess[] = [];
  const close = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            if (child.connected) child.send({ type: 'close' });
            else child.kill('SIGTERM');
          }),
      ),
    );
  };
  ctx.defer(close);
  for (let i = 0; i < size; i++) {
    const child = fork(script, [url, String(i)], {
      cwd: ctx.root,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, TZ: 'UTC' },
    });
    children.push(child);
  }
  await Promise.all(
    children.map(
      (child, i) =>
        new Promise<void>((resolve, reject) => {
          child.once('message', () => resolve());
          child.once('exit', (code) => reject(new Error(`client process ${i} exited (${code}) before it was ready`)));
        }),
    ),
  );
  let nextId = 1;
  const totals = new Map<string, number>();
  const runOn = (child: ChildProcess, op: OpName, clients: number, durationMs: number) =>
    new Promise<Done>((resolve, reject) => {
      const id = nextId++;
      const onMessage = (message: Done) => {
        if (message.type !== 'done' || message.id !== id) return;
        child.off('message', onMessage);
        if (message.error) reject(new Error(message.error));
        else resolve(message);
      };
      child.on('message', onMessage);
      child.send({ type: 'run', id, op, clients, durationMs });
    });

  return {
    size,
    async run(op, clients, durationMs) {
      const used = Math.min(size, clients);
      const shares = Array.from({ length: used }, (_, i) => Math.floor(clients / used) + (i < clients % used ? 1 : 0));
      const done = await Promise.all(shares.map((share, i) => runOn(children[i], op, share, durationMs)));
      const latencies = new Map<string, number[]>();
      let ops = 0;
      let errors = 0;
      let firstError: string | undefined;
      let elapsedMs = 0;
      for (const { result } of done) {
        ops += result!.ops;
        errors += result!.errors;
        firstError ??= result!.firstError;
        elapsedMs = Math.max(elapsedMs, result!.elapsedMs);
        for (const [kind, values] of Object.entries(result!.latencies)) {
          totals.set(kind, (totals.get(kind) ?? 0) + values.length);
          const list = latencies.get(kind) ?? [];
          for (const v of values) list.push(v);
          latencies.set(kind, list);
        }
      }
      return {
        load: { clients, ops, errors, firstError, elapsedMs, perSecond: (ops / elapsedMs) * 1000, latencies },
        clientCpuMs: done.reduce((sum, d) => sum + d.cpuUs!, 0) / 1000,
        processes: used,
        slow: done.reduce((sum, d) => sum + (d.slow ?? 0), 0),
      };
    },
    completed: (kind) => totals.get(kind) ?? 0,
    close,
  };
}
