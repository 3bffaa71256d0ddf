/**
 * Closed-loop load: N clients, each issuing its next operation as soon as the previous one answers, for a fixed
 * time. Throughput is completed operations over elapsed time; latency is measured per operation.
 */
import { performance } from 'node:perf_hooks';

export interface LoadResult {
  clients: number;
  ops: number;
  errors: number;
  firstError?: string;
  elapsedMs: number;
  perSecond: number;
  /** Latency of every successful operation, in ms, per operation kind. */
  latencies: Map<string, number[]>;
}

export interface LoadOptions {
  clients: number;
  durationMs: number;
  /** Runs one operation and returns its kind (for per-kind latencies). `client` is 0..clients-1, `i` counts per client. */
  op(client: number, i: number): Promise<string>;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies = new Map<string, number[]>();
  let ops = 0;
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + options.durationMs;
  const client = async (index: number) => {
    for (let i = 0; performance.now() < deadline; i++) {
      const t0 = performance.now();
      try {
        const kind = await options.op(index, i);
        const ms = performance.now() - t0;
        let list = latencies.get(kind);
        if (!list) latencies.set(kind, (list = []));
        list.push(ms);
        ops++;
      } catch (err) {
        errors++;
        firstError ??= (err as Error).message ?? String(err);
        if (errors > 100) throw new Error(`more than 100 failed operations; first: ${firstError}`);
      }
    }
  };
  await Promise.all(Array.from({ length: options.clients }, (_, i) => client(i)));
  const elapsedMs = performance.now() - started;
  return { clients: options.clients, ops, errors, firstError, elapsedMs, perSecond: (ops / elapsedMs) * 1000, latencies };
}

/** The q-quantile (0..1) of `values` (nearest rank). */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

export function median(values: number[]): number {
  return quantile(values, 0.5);
}

export function allLatencies(result: LoadResult): number[] {
  return [...result.latencies.values()].flat();
}

export const round = (value: number, digits = 0): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};
