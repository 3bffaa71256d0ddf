/**
 * The local CloudBase emulator under load, through the real wx-server-sdk (as a cloud function uses it) against
 * the whole local cloud started by startLocalCloud in its own process, with a temporary data directory.
 *
 * Data: 20,000 audit-log documents across 20 communities in `auditLogs` (declared in database/collections.json
 * with index by_community_createdAt), plus a 20-document community used only by the diagnostic probe.
 * Each throughput phase warms up for WARMUP_MS, then runs closed-loop clients for PHASE_MS.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { allLatencies, quantile, round, type LoadResult } from './lib/load';
import { startCloudProcess, type CloudProcess } from './lib/cloud';
import { startClientPool, type PoolRun } from './lib/clientPool';
import { groupCountFigures } from './groupCount';
import { auditDoc, COLLECTION, communityId, COMMUNITIES, docId, DOCS, PROBE_COMMUNITY, type OpName } from './lib/emulatorOps';
import { busyCores, cpuSnapshot } from './lib/machine';
import { sdkDatabase, type Doc, type SdkCollection } from './lib/sdk';
import { atLeast, below, exactly, type AreaResult, type BenchContext, type Benchmark, type DetailTable, type Figure } from './types';

const SEED_BATCH = 500;
const PROBE_DOCS = 20;
/**
 * Client processes the load is spread over. wx-server-sdk costs a client more CPU per request than the emulator
 * spends answering it, so a single client process would be the bottleneck and the figures would measure the bench.
 */
const CLIENT_PROCESSES = 2;
const WARMUP_MS = 500;
const PHASE_MS = 3_000;
const MIX_MS = 10_000;
const PROBE_MS = 1_500;
/** Other processes' cores above which a phase is measured a second time. */
const DISTURBED = 0.3;
const MIX_CLIENTS = 32;
const READ_BUDGET = 1_000; // per second
const WRITE_BUDGET = 500; // per second
const P99_BUDGET_MS = 20;
interface Phase {
  load: LoadResult;
  /** Emulator-process CPU per operation, ms. */
  serverCpuMs: number;
  /** Client processes' (wx-server-sdk) CPU per operation, ms, all of them together. */
  clientCpuMs: number;
  /** How many client processes the phase's clients were spread over. */
  processes: number;
  /** wx-server-sdk's "request is longer than 3s" warnings during the phase. */
  slow: number;
  /** Cores' worth of CPU each side used during the phase, and what the rest of the machine used meanwhile. */
  serverCores: number;
  clientCores: number;
  otherCores: number;
  /** Set when the phase ran twice because other processes disturbed it: their cores in each attempt. */
  remeasured?: { otherCores: [number, number] };
}

/**
 * What held a phase back. Each process is one JavaScript thread, so one that used about a full core was the limit;
 * failing that, two busy cores (the bench's two processes and whatever else runs on the machine); failing that,
 * the round trip (each client waits for its answer, and neither side is saturated).
 */
function bottleneck(phase: Phase): string {
  if (phase.serverCores >= 0.85) return 'the emulator (its process used a full core)';
  if (phase.clientCores / phase.processes >= 0.85) {
    return phase.processes === 1
      ? 'the bench client (wx-server-sdk in its one client process used a full core)'
      : `the bench clients (each of the ${phase.processes} client processes used a full core)`;
  }
  const others = Math.max(0, phase.otherCores);
  if (phase.serverCores + phase.clientCores + others >= 1.7) {
    return `the shared CPU (both cores busy${others >= 0.2 ? `, ${round(others, 2)} of them with other processes` : ''})`;
  }
  return 'the round trip (neither process saturated)';
}

/** Runs `clients` closed-loop clients for `durationMs` somewhere (the client processes) and reports their CPU. */
type Runner = (clients: number, durationMs: number) => Promise<PoolRun>;

async function measureOnce(cloud: CloudProcess, clients: number, durationMs: number, runner: Runner): Promise<Phase> {
  await runner(clients, WARMUP_MS);
  const server0 = await cloud.usage();
  const machine0 = cpuSnapshot();
  const { load, clientCpuMs: clientMs, processes, slow } = await runner(clients, durationMs);
  const machine1 = cpuSnapshot();
  const server1 = await cloud.usage();
  const ops = Math.max(1, load.ops);
  const serverMs = (server1.cpuUs - server0.cpuUs) / 1000;
  const serverCores = serverMs / load.elapsedMs;
  const clientCores = clientMs / load.elapsedMs;
  return {
    load,
    serverCpuMs: serverMs / ops,
    clientCpuMs: clientMs / ops,
    processes,
    slow,
    serverCores,
    clientCores,
    otherCores: busyCores(machine0, machine1) - serverCores - clientCores,
  };
}

/**
 * A phase, measured again once when other processes took more than DISTURBED cores of the machine meanwhile (a
 * shared machine: someone's test run): the less disturbed attempt counts, and says it was re-measured.
 */
async function measure(cloud: CloudProcess, clients: number, durationMs: number, runner: Runner): Promise<Phase> {
  const first = await measureOnce(cloud, clients, durationMs, runner);
  if (!(first.otherCores > DISTURBED)) return first;
  const second = await measureOnce(cloud, clients, durationMs, runner);
  const kept = second.otherCores < first.otherCores ? second : first;
  return { ...kept, remeasured: { otherCores: [first.otherCores, second.otherCores] } };
}

/** One line for a figure's note: latency and what bounded the phase. */
function brief(phase: Phase): string {
  const slow = phase.slow;
  const all = allLatencies(phase.load);
  const parts = [`p50 ${round(quantile(all, 0.5), 2)} ms, p99 ${round(quantile(all, 0.99), 2)} ms`, `bound by ${bottleneck(phase)}`];
  if (phase.load.errors) parts.push(`${phase.load.errors} errors (first: ${phase.load.firstError})`);
  if (slow) parts.push(`${slow} requests over 3 s (SDK warning)`);
  if (phase.remeasured) {
    const [a, b] = phase.remeasured.otherCores.map((c) => round(Math.max(0, c), 2));
    parts.push(`measured twice (other processes took ${a} then ${b} cores; the less disturbed run counts)`);
  }
  return parts.join('; ');
}

const PHASE_COLUMNS = [
  'phase',
  'clients',
  'ops/s',
  'p50 ms',
  'p99 ms',
  'emulator CPU ms/op',
  'client CPU ms/op',
  'client processes',
  'cores: emulator',
  'cores: clients',
  'cores: other processes',
  'runs',
];

function phaseRow(label: string, phase: Phase): (string | number)[] {
  const all = allLatencies(phase.load);
  return [
    label,
    phase.load.clients,
    round(phase.load.perSecond),
    round(quantile(all, 0.5), 2),
    round(quantile(all, 0.99), 2),
    round(phase.serverCpuMs, 2),
    round(phase.clientCpuMs, 2),
    phase.processes,
    round(phase.serverCores, 2),
    round(phase.clientCores, 2),
    Number.isFinite(phase.otherCores) ? round(Math.max(0, phase.otherCores), 2) : '?',
    phase.remeasured ? 2 : 1,
  ];
}

function dirBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? dirBytes(full) : fs.statSync(full).size;
  }
  return total;
}

async function seed(col: SdkCollection): Promise<number> {
  const started = performance.now();
  for (let start = 0; start < DOCS; start += SEED_BATCH) {
    const docs: Doc[] = [];
    for (let n = start; n < Math.min(DOCS, start + SEED_BATCH); n++) docs.push(auditDoc(n, communityId(n % COMMUNITIES)));
    await col.add({ data: docs });
  }
  const probe: Doc[] = [];
  for (let i = 0; i < PROBE_DOCS; i++) probe.push(auditDoc(DOCS + i, PROBE_COMMUNITY));
  await col.add({ data: probe });
  return performance.now() - started;
}

/** How many admin requests the emulator counts for one call. */
async function requestsFor(cloud: CloudProcess, call: () => Promise<unknown>): Promise<{ total: number; actions: string }> {
  await cloud.resetStats();
  await call();
  const stats = await cloud.stats();
  return {
    total: stats.total,
    actions: Object.entries(stats.requests)
      .map(([action, n]) => `${action} × ${n}`)
      .join(', '),
  };
}

async function run(ctx: BenchContext): Promise<AreaResult> {
  const figures: Figure[] = [];
  const notes: string[] = [];
  const tables: DetailTable[] = [];
  const phaseRows: (string | number)[][] = [];
  const cloud = await startCloudProcess(ctx);
  ctx.log(`local cloud (pid ${cloud.pid}) at ${cloud.url}, data in ${cloud.dataDir}`);
  const db = sdkDatabase(cloud.url);
  const col = db.collection(COLLECTION);

  ctx.log(`seeding ${DOCS.toLocaleString('en-US')} documents across ${COMMUNITIES} communities into ${COLLECTION}…`);
  const seedMs = await seed(col);
  figures.push({
    name: `seed: ${DOCS.toLocaleString('en-US')} documents via add() in batches of ${SEED_BATCH}`,
    value: round((DOCS / seedMs) * 1000),
    unit: 'docs/s',
    note: `${round(seedMs)} ms in all`,
  });

  const newDoc = (): Doc => {
    const { _id: _unused, ...doc } = auditDoc(DOCS + PROBE_DOCS, communityId(1));
    return { ...doc, createdAt: new Date() };
  };
  ctx.log(`starting ${CLIENT_PROCESSES} client processes (wx-server-sdk each)…`);
  const pool = await startClientPool(ctx, cloud.url, CLIENT_PROCESSES);
  const on =
    (op: OpName): Runner =>
    (clients, durationMs) =>
      pool.run(op, clients, durationMs);

  // Sanity: the emulator counts one request per SDK call.
  for (const [label, call] of [
    ['1 doc().get()', () => col.doc(docId(1)).get()],
    [
      '1 indexed where().orderBy().limit(20).get()',
      () =>
        col
          .where({ communityId: communityId(1) })
          .orderBy('createdAt', 'desc')
          .limit(20)
          .get(),
    ],
    ['1 add()', () => col.add({ data: newDoc() })],
  ] as const) {
    const counted = await requestsFor(cloud, call);
    figures.push({
      name: `database requests counted for ${label}`,
      value: counted.total,
      unit: 'requests',
      budget: exactly(1),
      note: counted.actions,
    });
  }

  /**
   * One operation at several concurrencies. The budget is the operation's: it holds when some concurrency meets it,
   * and the verdict row says which; each concurrency's own row reports its rate against the budget.
   */
  const throughput = async (label: string, op: OpName, concurrencies: number[], budget: number) => {
    const phases = new Map<number, Phase>();
    const rows: Figure[] = [];
    const clientsText = (c: number) => (c === 1 ? '1 client' : `${c} clients`);
    for (const clients of concurrencies) {
      ctx.log(`${label}: ${clientsText(clients)} for ${PHASE_MS / 1000} s…`);
      const phase = await measure(cloud, clients, PHASE_MS, on(op));
      phases.set(clients, phase);
      ctx.log(`  ${round(phase.load.perSecond)}/s (${brief(phase)})`);
      phaseRows.push(phaseRow(label, phase));
      const rate = round(phase.load.perSecond);
      rows.push({
        name: `${label} — ${clients === 1 ? 'sequential (1 client)' : `${clients} concurrent clients`}`,
        value: rate,
        unit: '/s',
        note: `${rate >= budget ? 'meets' : 'below'} the ${budget.toLocaleString('en-US')}/s budget; ${brief(phase)}`,
      });
    }
    const rateOf = (c: number) => round(phases.get(c)!.load.perSecond);
    const rateText = (c: number) => `${rateOf(c).toLocaleString('en-US')}/s`;
    const met = concurrencies.filter((c) => rateOf(c) >= budget);
    const missed = concurrencies.filter((c) => !met.includes(c));
    const best = concurrencies.reduce((a, b) => (rateOf(b) > rateOf(a) ? b : a));
    figures.push(
      {
        name: `${label} — best of ${concurrencies.join(' / ')} clients`,
        value: rateOf(best),
        unit: '/s',
        budget: atLeast(budget),
        note: met.length
          ? `met at ${met.map(clientsText).join(' and ')}${missed.length ? `; not at ${missed.map(clientsText).join(' or ')}` : ''}`
          : `met at no concurrency tried; best at ${clientsText(best)}`,
      },
      ...rows,
    );
    const parts = [
      met.length
        ? `${label}: the ${budget.toLocaleString('en-US')}/s budget is met at ${met.map((c) => `${clientsText(c)} (${rateText(c)})`).join(' and ')}`
        : `${label}: the ${budget.toLocaleString('en-US')}/s budget is met at no concurrency tried`,
    ];
    for (const c of missed) {
      const phase = phases.get(c)!;
      let why = `bound by ${bottleneck(phase)}`;
      if (c === 1) {
        const serial = phase.serverCpuMs + phase.clientCpuMs;
        why +=
          `: each request pays ${round(phase.clientCpuMs, 2)} ms of CPU in the client process (wx-server-sdk) and ` +
          `${round(phase.serverCpuMs, 2)} ms in the emulator one after the other, a ceiling of about ` +
          `${round(1000 / serial).toLocaleString('en-US')}/s for one client`;
      }
      parts.push(`not at ${clientsText(c)} (${rateText(c)}, ${why})`);
    }
    notes.push(`${parts.join('; ')}.`);
    return { met, phases };
  };

  const gets = await throughput('doc().get()', 'docGet', [1, 8, 32], READ_BUDGET);
  if (!gets.met.includes(1)) {
    const one = gets.phases.get(1)!;
    notes.push(
      `Why one client stays below ${READ_BUDGET.toLocaleString('en-US')} doc().get()/s — the bench's own overhead? Partly, and it is the overhead any function pays: the ` +
        `bench initialises wx-server-sdk once and reuses one collection reference (no SDK is created per call), yet the ` +
        `client side costs ${round(one.clientCpuMs, 2)} ms of CPU per request against the emulator's ${round(one.serverCpuMs, 2)} ms. ` +
        `A CPU profile of such a loop (taken while writing this bench) put most of the client's time in @cloudbase/node-sdk's ` +
        `request path — reading the context from the environment, TC3 signing, the HTTP request — and in the socket write, ` +
        `which on loopback also carries the kernel's delivery work. One client waits for each answer, so both costs add up` +
        (gets.met.length ? `; with ${gets.met[0]} clients they overlap and the budget holds.` : '.'),
    );
  }
  const queries = await throughput(
    "indexed where({communityId}).orderBy('createdAt','desc').limit(20).get()",
    'indexedQuery',
    [1, 8, 32],
    READ_BUDGET,
  );
  // Diagnostic (before any insert, so every community still holds exactly its seeded documents):
  // does an indexed query cost what it returns (20 documents) or what its equality prefix matches?
  ctx.log(`probe: the same indexed query on a community of ${PROBE_DOCS} documents vs one of ${DOCS / COMMUNITIES}, 1 client…`);
  const small = await measure(cloud, 1, PROBE_MS, on('probeSmall'));
  const large = await measure(cloud, 1, PROBE_MS, on('probeLarge'));
  phaseRows.push(phaseRow(`probe: query on ${PROBE_DOCS} docs`, small), phaseRow(`probe: query on ${DOCS / COMMUNITIES} docs`, large));
  figures.push(
    {
      name: `probe: indexed query, 1 client, community with ${PROBE_DOCS} documents`,
      value: round(small.load.perSecond),
      unit: '/s',
      note: `emulator CPU ${round(small.serverCpuMs, 2)} ms/query`,
    },
    {
      name: `probe: indexed query, 1 client, community with ${(DOCS / COMMUNITIES).toLocaleString('en-US')} documents`,
      value: round(large.load.perSecond),
      unit: '/s',
      note: `emulator CPU ${round(large.serverCpuMs, 2)} ms/query`,
    },
  );
  await throughput('durable add() (WAL, acknowledged after the write)', 'insert', [1, 8], WRITE_BUDGET);

  ctx.log(`mixed load: ${MIX_CLIENTS} clients, 70% indexed queries / 20% doc gets / 10% inserts, for ${MIX_MS / 1000} s…`);
  const mix = await measure(cloud, MIX_CLIENTS, MIX_MS, on('mix'));
  const mixAll = allLatencies(mix.load);
  ctx.log(`  ${round(mix.load.perSecond)} ops/s (${brief(mix)})`);
  phaseRows.push(phaseRow('mixed 70/20/10', mix));
  figures.push(
    {
      name: `mixed load latency p50 (${MIX_CLIENTS} clients, 70/20/10 query/get/add)`,
      value: round(quantile(mixAll, 0.5), 2),
      unit: 'ms',
      note: `${round(mix.load.perSecond)} ops/s overall; ${brief(mix)}`,
    },
    { name: `mixed load latency p95 (${MIX_CLIENTS} clients)`, value: round(quantile(mixAll, 0.95), 2), unit: 'ms' },
    {
      name: `mixed load latency p99 (${MIX_CLIENTS} clients)`,
      value: round(quantile(mixAll, 0.99), 2),
      unit: 'ms',
      budget: below(P99_BUDGET_MS),
    },
  );
  tables.push({
    title: 'Every phase: throughput, latency, and where the CPU went',
    columns: PHASE_COLUMNS,
    rows: phaseRows,
  });
  tables.push({
    title: `Mixed load (${MIX_CLIENTS} clients, ${MIX_MS / 1000} s) by operation`,
    columns: ['operation', 'count', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
    rows: [...mix.load.latencies.entries()].map(([kind, values]) => [
      kind,
      values.length,
      round(quantile(values, 0.5), 2),
      round(quantile(values, 0.95), 2),
      round(quantile(values, 0.99), 2),
      round(quantile(values, 1), 2),
    ]),
  });

  // What the probe says about the indexed query: does its cost follow the 20 documents it returns, or the documents
  // its equality prefix matches? (A ratio near 1 means the index serves the order and the limit.)
  const probeRatio = large.serverCpuMs / Math.max(small.serverCpuMs, 1e-6);
  const scansMatches = probeRatio >= 3;
  const getCpu = gets.phases.get(8)?.serverCpuMs ?? gets.phases.get(1)!.serverCpuMs;
  notes.push(
    `Probe: the indexed query costs the emulator ${round(large.serverCpuMs, 2)} ms of CPU when the community holds ` +
      `${(DOCS / COMMUNITIES).toLocaleString('en-US')} documents and ${round(small.serverCpuMs, 2)} ms when it holds ${PROBE_DOCS} ` +
      `(${round(probeRatio, 1)}×), for the same 20 documents returned; a doc().get() costs it ${round(getCpu, 2)} ms. ` +
      (scansMatches
        ? `Its cost grows with the documents matching the index's equality prefix, not with limit(20): the limit is the ` +
          `emulator's query path, not the bench.`
        : `Its cost does not grow with the documents the community holds: the index serves the order and the limit.`),
  );
  if (scansMatches) {
    notes.push(
      `Why, from reading the code when this bench was written (emulator/database at 4e7ec57): engine.ts find() asked the ` +
        `view for every document the filter matches (views.ts CommittedView.find → storage.selectDocs over the index's ` +
        `equality prefix), parsed each row's JSON and re-checked it with mingo, sorted them all in JS (sortDocs), and only ` +
        `then applied skip/limit; the planner was not given the sort, so the (communityId, createdAt desc) index narrowed ` +
        `the rows but neither ordered them nor let SQLite stop after 20. Pushing ORDER BY and LIMIT into the SQL when the ` +
        `index covers the sort makes the cost proportional to the 20 rows returned.`,
    );
  }
  if (queries.met.length === 0 && !scansMatches) {
    const best = [...queries.phases.values()].reduce((a, b) => (b.load.perSecond > a.load.perSecond ? b : a));
    const cores = os.cpus().length;
    notes.push(
      `The indexed query misses without scanning. Per query the emulator spends ${round(best.serverCpuMs, 2)} ms of CPU and ` +
        `the SDK client ${round(best.clientCpuMs, 2)} ms (20 documents to encode and decode, against one for a doc().get()). ` +
        `That puts ceilings on what this bench can show, whatever else runs: the emulator alone could answer about ` +
        `${round(1000 / best.serverCpuMs).toLocaleString('en-US')}/s on one core, but one client process tops out near ` +
        `${round(1000 / best.clientCpuMs).toLocaleString('en-US')}/s, and clients and emulator together on ${cores} cores near ` +
        `${round((cores * 1000) / (best.serverCpuMs + best.clientCpuMs)).toLocaleString('en-US')}/s. So the bench's own clients ` +
        `(the real SDK, created once per client process) cost more than the emulator here, and spreading them over ` +
        `${CLIENT_PROCESSES} processes only helps while a core is free. In this run the phases were bound by ` +
        `${[...new Set([...queries.phases.values()].map(bottleneck))].join('; ')} — see the "other processes" column.`,
    );
  }
  if (quantile(mixAll, 0.99) >= P99_BUDGET_MS) {
    const get32 = gets.phases.get(32);
    notes.push(
      `Mixed-load p99 misses: the phase was bound by ${bottleneck(mix)} at ${round(mix.load.perSecond).toLocaleString('en-US')} ops/s. With ` +
        `${MIX_CLIENTS} clients each sending its next request as soon as the last one answers, mean latency is ` +
        `${MIX_CLIENTS} ÷ throughput (Little's law: ${MIX_CLIENTS} ÷ ${round(mix.load.perSecond).toLocaleString('en-US')}/s ≈ ` +
        `${round((MIX_CLIENTS / mix.load.perSecond) * 1000)} ms): the latency is mostly queueing` +
        (scansMatches ? ' behind the indexed queries' : '') +
        `. A p99 under ${P99_BUDGET_MS} ms at ${MIX_CLIENTS} clients needs the mix to run well above ${MIX_CLIENTS} ÷ ` +
        `${P99_BUDGET_MS} ms = ${round(MIX_CLIENTS / (P99_BUDGET_MS / 1000)).toLocaleString('en-US')} ops/s` +
        (get32
          ? `; for scale, doc().get() alone at ${MIX_CLIENTS} clients ran at ${round(get32.load.perSecond).toLocaleString('en-US')}/s with ` +
            `p99 ${round(quantile(allLatencies(get32.load), 0.99), 1)} ms (bound by ${bottleneck(get32)}). The bench's clients ` +
            `set a floor of their own here: in the mix, wx-server-sdk costs the client processes ${round(mix.clientCpuMs, 2)} ms ` +
            `of CPU per request and the emulator spends ${round(mix.serverCpuMs, 2)} ms, so on ${os.cpus().length} cores shared by ` +
            `both the mix cannot run much above ${round((os.cpus().length * 1000) / (mix.clientCpuMs + mix.serverCpuMs)).toLocaleString('en-US')} ops/s, ` +
            `i.e. ${MIX_CLIENTS} back-to-back clients wait at least ~${round((MIX_CLIENTS * (mix.clientCpuMs + mix.serverCpuMs)) / os.cpus().length)} ms on average. ` +
            `Meeting this budget as measured needs ` +
            (scansMatches ? 'the indexed query fixed first (above), then ' : '') +
            `the clients on other cores than the emulator's (another machine, as functions on CloudBase are), or clients ` +
            `that pause between requests as real users do.`
          : '.'),
    );
  }

  // The grid board's counting aggregation, in this process's own database (no SDK): see bench/groupCount.ts.
  figures.push(...groupCountFigures((prefix) => ctx.tempDir(prefix), ctx.log));

  const usage = await cloud.usage();
  figures.push(
    { name: 'emulator process peak RSS (whole run)', value: round(usage.maxRssBytes / 1024 / 1024, 1), unit: 'MB' },
    {
      name: `emulator data dir on disk after the run (${(DOCS + PROBE_DOCS + 1 + pool.completed('add()')).toLocaleString('en-US')} documents)`,
      value: round(dirBytes(cloud.dataDir) / 1024 / 1024, 1),
      unit: 'MB',
    },
  );
  notes.push(
    '"CPU ms/op" is a process\'s CPU time over a phase divided by the operations completed — the emulator process, and the ' +
      `${CLIENT_PROCESSES} client processes (together) where wx-server-sdk builds, signs and decodes each request. "Cores" is CPU time over wall time; ` +
      '"other processes" is the rest of the machine\'s busy time meanwhile (/proc/stat), i.e. noise from whatever else ran.',
  );
  for (const line of cloud.warnings()) notes.push(`The emulator logged: \`${line}\``);
  await cloud.close();
  return { figures, tables, notes };
}

export const emulatorBenchmark: Benchmark = {
  id: 'emulator',
  title: 'Local CloudBase emulator',
  description:
    `The real wx-server-sdk in ${CLIENT_PROCESSES} client processes (the load is dealt out over them, so that the bench measures the emulator ` +
    `rather than its own client) against the whole local cloud (startLocalCloud in a process of its own, ` +
    `temporary data directory), on \`${COLLECTION}\` (index by_community_createdAt) seeded with ${DOCS.toLocaleString('en-US')} ` +
    `documents across ${COMMUNITIES} communities. Closed-loop clients: each sends its next request when the last one answers; ` +
    `${WARMUP_MS} ms warm-up, then ${PHASE_MS / 1000} s per throughput phase and ${MIX_MS / 1000} s for the mixed load; ` +
    `a phase during which other processes took more than ${DISTURBED} of a core runs once more and the less disturbed run counts.`,
  run,
};
