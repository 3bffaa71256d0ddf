/**
 * The bench runner (`npm run bench`, via scripts/bench.js which builds first and bundles this file to
 * .build/bench/run.js). Runs the benchmarks of bench/index.ts in order, prints progress, and writes
 * bench/results.md and bench/results.json.
 *
 *   npm run bench                  all benchmarks → bench/results.{md,json} (the committed results)
 *   npm run bench -- emulator ...  only those → .build/bench/results.{md,json} (a partial run never overwrites them)
 *
 * Exits 0 whether or not budgets hold (misses are reported, not asserted); 1 only when a benchmark could not run.
 * Temporary directories and child processes are cleaned up at the end, on failure, and on Ctrl-C.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchmarks } from './index';
import { busyCores, cpuSnapshot, machineInfo, runInfo } from './lib/machine';
import { renderMarkdown, summarise, withVerdict, type AreaReport, type Results } from './lib/report';
import type { BenchContext } from './types';

const root = path.resolve(__dirname, '..', '..'); // .build/bench/run.js → the repository
const buildDir = __dirname;

const cleanups: (() => Promise<void> | void)[] = [];
/** Runs the registered cleanups, newest first, down to the first `keep`. */
async function cleanUp(keep = 0): Promise<void> {
  while (cleanups.length > keep) {
    const cleanup = cleanups.pop()!;
    try {
      await cleanup();
    } catch (err) {
      console.error(`[bench] cleanup failed: ${(err as Error).message}`);
    }
  }
}

function context(area: string): BenchContext {
  return {
    root,
    buildDir,
    log: (line) => console.log(`[bench:${area}] ${line}`),
    tempDir(prefix) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `shouwang-bench-${prefix}-`));
      cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
      return dir;
    },
    defer: (cleanup) => void cleanups.push(cleanup),
  };
}

async function main(): Promise<number> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((id) => !benchmarks.some((b) => b.id === id));
  if (unknown.length) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${benchmarks.map((b) => b.id).join(', ')}`);
    return 2;
  }
  const selected = wanted.length ? benchmarks.filter((b) => wanted.includes(b.id)) : benchmarks;
  const started = performance.now();
  const machine = machineInfo();
  const info = runInfo(root);
  // How busy the machine is before we add to it: other people's tests make every figure worse.
  const before = cpuSnapshot();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const busyBefore = Math.round(busyCores(before, cpuSnapshot()) * 100) / 100;
  console.log(`[bench] ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}; commit ${info.commit.slice(0, 12)}`);

  const areas: AreaReport[] = [];
  for (const [i, bench] of selected.entries()) {
    console.log(`[bench] (${i + 1}/${selected.length}) ${bench.title}`);
    const areaStarted = performance.now();
    const ctx = context(bench.id);
    const mark = cleanups.length;
    let report: AreaReport;
    try {
      const result = await bench.run(ctx);
      const { figures, tables = [], notes = [] } = Array.isArray(result) ? { figures: result } : result;
      report = {
        id: bench.id,
        title: bench.title,
        description: bench.description,
        durationMs: 0,
        figures: figures.map(withVerdict),
        tables,
        notes,
      };
    } catch (err) {
      console.error(`[bench:${bench.id}] FAILED: ${(err as Error).stack ?? String(err)}`);
      report = {
        id: bench.id,
        title: bench.title,
        durationMs: 0,
        figures: [],
        tables: [],
        notes: [],
        error: (err as Error).message ?? String(err),
      };
    }
    await cleanUp(mark); // this area's servers, processes and temp dirs go before the next area starts
    report.durationMs = Math.round(performance.now() - areaStarted);
    for (const f of report.figures) {
      const verdict = f.budget ? (f.holds ? '  ✓' : '  ✗ MISSES') : '';
      console.log(`[bench:${bench.id}]   ${f.name}: ${f.value} ${f.unit}${verdict}`);
    }
    areas.push(report);
  }

  const results: Results = {
    machine,
    run: { ...info, durationMs: Math.round(performance.now() - started), areas: selected.map((b) => b.id), busyCoresBefore: busyBefore },
    summary: summarise(areas),
    areas,
  };
  const outDir = wanted.length ? buildDir : path.join(root, 'bench');
  results.run.loadAverageAtEnd = machineInfo().loadAverage;
  fs.writeFileSync(path.join(outDir, 'results.json'), await formatted(`${JSON.stringify(results, null, 2)}\n`, 'json'));
  fs.writeFileSync(path.join(outDir, 'results.md'), await formatted(renderMarkdown(results), 'markdown'));
  const { hold, budgets, miss, failedAreas } = results.summary;
  console.log(
    `[bench] ${hold} of ${budgets} budgets hold, ${miss} miss${failedAreas.length ? `; could not measure: ${failedAreas.join(', ')}` : ''}; ` +
      `${Math.round(results.run.durationMs / 1000)} s. Wrote ${path.relative(root, path.join(outDir, 'results.md'))} and results.json`,
  );
  return failedAreas.length ? 1 : 0;
}

/** The results as the repository's Prettier writes them, so `npm run format` leaves them alone (as they are without Prettier). */
async function formatted(text: string, parser: 'json' | 'markdown'): Promise<string> {
  try {
    const prettier = await import('prettier');
    const config = (await prettier.resolveConfig(path.join(root, 'bench', 'results.md'))) ?? {};
    return await prettier.format(text, { ...config, parser });
  } catch {
    return text;
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    console.error(`[bench] ${signal}: cleaning up`);
    void cleanUp().then(() => process.exit(130));
  });
}

main()
  .then(async (code) => {
    await cleanUp();
    process.exit(code);
  })
  .catch(async (err: unknown) => {
    console.error((err as Error).stack ?? String(err));
    await cleanUp();
    process.exit(1);
  });
