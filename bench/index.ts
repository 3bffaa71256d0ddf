/**
 * Every benchmark, in the order `npm run bench` runs them. To add one: write bench/<area>.ts exporting a
 * `Benchmark` (see bench/types.ts and bench/README.md) and list it here.
 */
import { emulatorBenchmark } from './emulator';
import { functionsBenchmark } from './functions';
import { miniprogramBenchmark } from './miniprogram';
import { setDataBenchmark } from './setData';
import { streetBenchmark } from './street';
import { supplyBenchmark } from './supply';
import type { Benchmark } from './types';

export const benchmarks: Benchmark[] = [
  emulatorBenchmark,
  functionsBenchmark,
  miniprogramBenchmark,
  setDataBenchmark,
  streetBenchmark,
  supplyBenchmark,
];
