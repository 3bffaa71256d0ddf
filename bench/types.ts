/**
 * What a benchmark is and what it returns. One file per area under bench/ exports a `Benchmark`; bench/index.ts
 * lists them in the order they run. A benchmark measures and reports; it never fails because a figure misses its
 * budget (that is what the report is for). It throws only when it cannot measure at all.
 */

/** A budget beside a figure: the figure holds when `value <op> budget.value`. */
export interface Budget {
  op: '>=' | '<=' | '<' | '>' | '==';
  value: number;
}

export interface Figure {
  /** What was measured, specific enough to read on its own ("doc().get() at 8 clients"). */
  name: string;
  value: number;
  unit: string;
  budget?: Budget;
  /** Whether the figure meets its budget; the runner derives it from `budget` when left out. */
  holds?: boolean;
  /** How it was measured, or why it misses. */
  note?: string;
}

/** A table of supporting detail shown under an area's figures (e.g. the largest files of a package). */
export interface DetailTable {
  title: string;
  columns: string[];
  rows: (string | number)[][];
}

export interface AreaResult {
  figures: Figure[];
  tables?: DetailTable[];
  /** Findings worth a sentence in results.md (e.g. what a miss comes from). */
  notes?: string[];
}

export interface BenchContext {
  /** The repository root. */
  root: string;
  /** .build/bench: where the bench bundle lives; scratch that is not temporary. */
  buildDir: string;
  /** Prints a progress line, prefixed with the area. */
  log(line: string): void;
  /** A fresh temporary directory, removed when the run ends (even when a benchmark throws). */
  tempDir(prefix: string): string;
  /** Registers cleanup to run when the run ends (stop a server, kill a process); runs in reverse order. */
  defer(cleanup: () => Promise<void> | void): void;
}

export interface Benchmark {
  /** Short id, used on the command line (`npm run bench -- emulator`). */
  id: string;
  /** A short heading ("Local CloudBase emulator"). */
  title: string;
  /** What is measured and how, a sentence or two under the heading in results.md. */
  description?: string;
  run(ctx: BenchContext): Promise<AreaResult | Figure[]>;
}

export const atLeast = (value: number): Budget => ({ op: '>=', value });
export const atMost = (value: number): Budget => ({ op: '<=', value });
export const below = (value: number): Budget => ({ op: '<', value });
export const exactly = (value: number): Budget => ({ op: '==', value });

export function meets(value: number, budget: Budget): boolean {
  switch (budget.op) {
    case '>=':
      return value >= budget.value;
    case '<=':
      return value <= budget.value;
    case '<':
      return value < budget.value;
    case '>':
      return value > budget.value;
    case '==':
      return value === budget.value;
  }
}
