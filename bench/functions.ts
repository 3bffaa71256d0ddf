/**
 * Cloud functions as deployed: every cloudfunctions/<name>/index.js bundle (wx-server-sdk external).
 *
 * - Bundle size: the bytes of index.js, which is everything of ours the function uploads (wx-server-sdk is
 *   installed by CloudBase from the folder's package.json and is not in the bundle).
 * - Cold load: a fresh `node` process that requires the bundle and answers one call, as CloudBase's first call
 *   to a new container does: with the WX context in the environment (getWXContext returns an OPENID) and
 *   wx-server-sdk pointed at a running local cloud. Timed from spawn to the answer on stdout (so Node's own start
 *   counts, as it does on CloudBase), median of RUNS, and compared with a bare function — a temp file that requires
 *   wx-server-sdk, calls cloud.init and does one users query — measured the same way, interleaved in the same run.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sdkEnvironment } from '../emulator/sdkEnv';
import { startCloudProcess } from './lib/cloud';
import { median, round } from './lib/load';
import { atMost, type AreaResult, type BenchContext, type Benchmark, type DetailTable, type Figure } from './types';

const SIZE_BUDGET_KB = 300;
const RATIO_BUDGET = 1.3;
const RUNS = 7;
const OPENID = 'bench-openid-cold';
/**
 * The call each function answers when cold: a cheap read that needs no input and reaches the database, as a
 * resident's first call would. A function not listed gets `me.get`, which it may not have (the report then says so):
 * add its own read action here.
 */
const COLD_EVENTS: Record<string, object> = {
  community: { action: 'me.get' },
  health: { action: 'isolation.mine' },
  supply: { action: 'order.mine', data: {} },
  notice: { action: 'notice.unreadCount', data: {} },
  help: { action: 'help.mine', data: {} },
};

/** Marks the harness's answer line (the function may log to stdout too). */
const MARK = '@@bench-cold ';

/** Runs in the fresh process: require the target, call its main once, print timings as JSON. */
const HARNESS = `'use strict';
const { performance } = require('perf_hooks');
const MARK = '${MARK}';
const started = performance.now(); // ms since this process began
const mod = require(process.env.BENCH_TARGET);
const loaded = performance.now();
Promise.resolve(mod.main(JSON.parse(process.env.BENCH_EVENT), {})).then(
  (result) => {
    const answered = performance.now();
    process.stdout.write('\\n' + MARK + JSON.stringify({ requireMs: loaded - started, callMs: answered - loaded, result }) + '\\n');
    process.exit(0);
  },
  (err) => {
    process.stdout.write('\\n' + MARK + JSON.stringify({ error: String((err && err.stack) || err) }) + '\\n');
    process.exit(1);
  },
);
`;

/** The baseline: what any function costs just to load wx-server-sdk and make one database call. */
const BARE_FUNCTION = `'use strict';
const cloud = require('wx-server-sdk');
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
const db = cloud.database();
exports.main = async () => {
  const { OPENID } = cloud.getWXContext();
  const res = await db.collection('users').where({ _id: 'x' }).get();
  return { ok: true, data: { openid: OPENID, found: res.data.length } };
};
`;

interface ColdRun {
  wallMs: number;
  requireMs: number;
  callMs: number;
  result: unknown;
}

function coldRun(harness: string, target: string, event: object, env: Record<string, string>): Promise<ColdRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [harness], {
      env: { ...env, BENCH_TARGET: target, BENCH_EVENT: JSON.stringify(event) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let answered: number | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (answered === undefined && /@@bench-cold .*\n/.test(out)) answered = performance.now();
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      try {
        const line = out.split('\n').find((l) => l.startsWith(MARK));
        if (!line) throw new Error(`no answer (exit ${code})`);
        const parsed = JSON.parse(line.slice(MARK.length)) as { error?: string; requireMs: number; callMs: number; result: unknown };
        if (parsed.error || code !== 0) throw new Error(parsed.error ?? `exit ${code}`);
        resolve({ wallMs: answered! - started, requireMs: parsed.requireMs, callMs: parsed.callMs, result: parsed.result });
      } catch (e) {
        reject(new Error(`cold run of ${target} failed: ${(e as Error).message}\n${out}${err}`));
      }
    });
  });
}

function functionDirs(root: string): string[] {
  const dir = path.join(root, 'cloudfunctions');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'index.js')))
    .map((d) => d.name)
    .sort();
}

async function run(ctx: BenchContext): Promise<AreaResult> {
  const figures: Figure[] = [];
  const notes: string[] = [];
  const names = functionDirs(ctx.root);
  if (names.length === 0) return { figures, notes: ['No cloudfunctions/*/index.js: run `node scripts/build.js` first.'] };

  for (const name of names) {
    const bytes = fs.statSync(path.join(ctx.root, 'cloudfunctions', name, 'index.js')).size;
    figures.push({
      name: `${name}: bundle size (cloudfunctions/${name}/index.js, wx-server-sdk external)`,
      value: round(bytes / 1024, 1),
      unit: 'KB',
      budget: atMost(SIZE_BUDGET_KB),
    });
  }

  const cloud = await startCloudProcess(ctx);
  const scratch = ctx.tempDir('cold');
  const harness = path.join(scratch, 'harness.js');
  const bare = path.join(scratch, 'bare', 'index.js');
  fs.writeFileSync(harness, HARNESS);
  fs.mkdirSync(path.dirname(bare));
  fs.writeFileSync(bare, BARE_FUNCTION);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    // The bare function lives in a temp dir: it finds wx-server-sdk the way the bundles do, in the project's node_modules.
    NODE_PATH: path.join(ctx.root, 'node_modules'),
    TZ: 'UTC',
    ...sdkEnvironment(cloud.url),
    WX_OPENID: OPENID,
    WX_APPID: 'wxlocal000000000000',
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID',
    TCB_SOURCE: 'wx_client',
    TCB_CONTEXT_KEYS: 'TCB_SOURCE',
  };

  const targets = [
    { name: '(bare function)', file: bare, event: {} as object },
    ...names.map((name) => ({
      name,
      file: path.join(ctx.root, 'cloudfunctions', name, 'index.js'),
      event: COLD_EVENTS[name] ?? { action: 'me.get' },
    })),
  ];
  const runs = new Map<string, ColdRun[]>(targets.map((t) => [t.name, []]));
  ctx.log(`cold loads: ${targets.length} targets × (1 warm-up + ${RUNS}) fresh node processes…`);
  for (const target of targets) await coldRun(harness, target.file, target.event, env); // disk cache, not measured
  for (let round_ = 0; round_ < RUNS; round_++) {
    // Alternate the order so neither side always runs right after the other.
    const order = round_ % 2 === 0 ? targets : [...targets].reverse();
    for (const target of order) runs.get(target.name)!.push(await coldRun(harness, target.file, target.event, env));
  }

  const summary = (list: ColdRun[]) => ({
    wall: median(list.map((r) => r.wallMs)),
    require: median(list.map((r) => r.requireMs)),
    call: median(list.map((r) => r.callMs)),
  });
  const bareSummary = summary(runs.get('(bare function)')!);
  const table: DetailTable = {
    title: `Cold load, median of ${RUNS} fresh processes (ms)`,
    columns: ['function', 'spawn → answer', 'require()', 'first call', 'runs (spawn → answer)'],
    rows: [],
  };
  for (const target of targets) {
    const list = runs.get(target.name)!;
    const s = summary(list);
    table.rows.push([target.name, round(s.wall, 1), round(s.require, 1), round(s.call, 1), list.map((r) => round(r.wallMs)).join(', ')]);
    if (target.file === bare) continue;
    const ratio = s.wall / bareSummary.wall;
    const answer = list[0].result as { ok?: boolean; code?: string } | null;
    if (!answer?.ok) {
      notes.push(
        `${target.name} answered ${JSON.stringify(target.event)} with ${answer?.code ?? JSON.stringify(answer)}, so its cold load ` +
          `may not include a database call: give it a read action in COLD_EVENTS (bench/functions.ts).`,
      );
    }
    figures.push({
      name: `${target.name}: cold load (fresh node, require + ${JSON.stringify(target.event)}) vs bare function`,
      value: round(ratio, 2),
      unit: '×',
      budget: atMost(RATIO_BUDGET),
      note:
        `median ${round(s.wall, 1)} ms vs bare ${round(bareSummary.wall, 1)} ms (${s.wall >= bareSummary.wall ? '+' : '−'}${round(Math.abs(s.wall - bareSummary.wall), 1)} ms); ` +
        `answer ${answer?.ok ? 'ok' : `not ok (${answer?.code ?? JSON.stringify(answer)})`}`,
    });
  }
  figures.push({
    name: 'bare function cold load (node start + wx-server-sdk + 1 query)',
    value: round(bareSummary.wall, 1),
    unit: 'ms',
    note: `median of ${RUNS}; require ${round(bareSummary.require, 1)} ms, call ${round(bareSummary.call, 1)} ms`,
  });
  notes.push(
    'Cold load is timed from spawning `node` to the answer arriving on stdout; "require()" and "first call" are measured ' +
      "inside the process. Both sides load the same wx-server-sdk from the project's node_modules and query the same " +
      'running local cloud, so the ratio is what the function adds on top of the SDK.',
  );
  for (const line of cloud.warnings()) notes.push(`The emulator logged: \`${line}\``);
  await cloud.close();
  return { figures, tables: [table], notes };
}

export const functionsBenchmark: Benchmark = {
  id: 'functions',
  title: 'Cloud functions',
  description:
    'Every cloudfunctions/<name>/index.js as built by scripts/build.js: its size (wx-server-sdk is external, installed by ' +
    'CloudBase), and its cold load — a fresh `node` that requires the bundle and answers one call with the WX context set and ' +
    `wx-server-sdk pointed at a running local cloud — as the median of ${RUNS} runs, against a bare function measured the same way.`,
  run,
};
