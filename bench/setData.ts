/**
 * The largest setData payload per page (issue 9: every setData ≤ 64 KB), as recorded by the page tests when they
 * run with SHOUWANG_SETDATA_LOG set (test/miniprogram/harness/setDataLog.ts). The bench reads that record rather
 * than running the page tests itself (minutes on a shared 2-core machine); it says when the record was made.
 *
 *   SHOUWANG_SETDATA_LOG=.build/bench/setData.jsonl npx jest --selectProjects=miniprogram
 */
import fs from 'node:fs';
import path from 'node:path';
import { atMost, type AreaResult, type BenchContext, type Benchmark, type Figure } from './types';

export const SETDATA_LOG = path.join('.build', 'bench', 'setData.jsonl');
const BUDGET_KB = 64;

interface Line {
  page: string;
  bytes: number;
  keys: string[];
}

async function run(ctx: BenchContext): Promise<AreaResult> {
  const file = path.join(ctx.root, SETDATA_LOG);
  if (!fs.existsSync(file)) {
    throw new Error(`no setData record at ${SETDATA_LOG}: run the page tests with SHOUWANG_SETDATA_LOG=${SETDATA_LOG} first`);
  }
  const largest = new Map<string, Line>();
  for (const text of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!text.trim()) continue;
    const line = JSON.parse(text) as Line;
    if (line.bytes > (largest.get(line.page)?.bytes ?? -1)) largest.set(line.page, line);
  }
  const figures: Figure[] = [...largest.values()]
    .sort((a, b) => b.bytes - a.bytes)
    .map((line) => ({
      name: `largest setData: ${line.page}`,
      value: Math.round((line.bytes / 1024) * 10) / 10,
      unit: 'KB',
      budget: atMost(BUDGET_KB),
      note: `${line.bytes.toLocaleString('en-US')} bytes of JSON; keys ${line.keys.join(', ')}`,
    }));
  const recorded = fs.statSync(file).mtime;
  ctx.log(`${largest.size} pages in ${SETDATA_LOG} (recorded ${recorded.toISOString()})`);
  return {
    figures,
    notes: [
      `Recorded by the page tests (${largest.size} pages rendered by them) at ${recorded.toISOString()}, with ` +
        `SHOUWANG_SETDATA_LOG=${SETDATA_LOG}: every setData a page makes during its tests is measured as the JSON WeChat ` +
        `sends to the view. The page tests answer with fixtures captured from the demo community (a building of a few dozen ` +
        `households), so these are demo-sized payloads: a 楼道长 board of 200 people sends more, and pages list 20 a page.`,
      'Pages that no page test renders are not in the record.',
    ],
  };
}

export const setDataBenchmark: Benchmark = {
  id: 'setdata',
  title: 'Mini program setData payloads',
  description: `The largest setData per page during the page tests (test/miniprogram), recorded with SHOUWANG_SETDATA_LOG; budget ${BUDGET_KB} KB each.`,
  run,
};
