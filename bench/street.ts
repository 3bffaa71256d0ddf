/**
 * Street scale (issue 9): the generated street (bench/street/generate.ts) written straight into the emulator's
 * store, then the key actions called as a resident's or a worker's call goes — `POST /functions/<name>` with the
 * caller's openid, the function host running the built bundle, the real wx-server-sdk inside it talking to the
 * emulator — with their latency, the database requests each costs (the emulator's counter) at two sizes, and
 * check-ins sustained by 50 concurrent clients for 30 s, every acknowledged one looked up afterwards.
 */
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { stableId } from '../server/household/household';
import { startCloudProcess, type CloudProcess } from './lib/cloud';
import { quantile, round, runLoad } from './lib/load';
import { busyCores, cpuSnapshot } from './lib/machine';
import {
  BOARD_BUILDING_PEOPLE,
  generateCommunity,
  gridWorkerOpenid,
  leaderOpenid,
  LOCKDOWN_INDEX,
  residentOpenid,
  STREET,
  type CommunityData,
} from './street/generate';
import { writeStreet } from './street/write';
import { atLeast, atMost, exactly, type AreaResult, type BenchContext, type Benchmark, type DetailTable, type Figure } from './types';

/** 15:00 in Shanghai: the afternoon check-in window (14:00–21:00) is open, the morning's has closed. */
const NOW = Date.parse('2026-11-20T15:00:00+08:00');
const SAMPLES = 60;
const SUSTAIN_CLIENTS = 50;
const SUSTAIN_MS = 30_000;
/** BENCH_STREET_COMMUNITIES=3 makes a smaller street while working on this bench (the figures then say 3). */
const SCALE = { ...STREET, communities: Number(process.env.BENCH_STREET_COMMUNITIES) || STREET.communities };
const BUDGET = { checkInP95: 30, leaderBoardP95: 50, requests: 5, checkInsPerSecond: 300 };

interface Envelope {
  ok: boolean;
  data?: unknown;
  code?: string;
  message?: string;
}

/** A mini program's call in local mode: the function's name in the path, the caller's openid in a header. */
function caller(url: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
  const { hostname, port } = new URL(url);
  return (fn: string, openid: string, action: string, data: unknown, requestId?: string): Promise<Envelope> =>
    new Promise((resolve, reject) => {
      const body = JSON.stringify({ action, data, ...(requestId ? { requestId } : {}) });
      const req = http.request(
        {
          agent,
          hostname,
          port,
          method: 'POST',
          path: `/functions/${fn}`,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-wx-openid': openid },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            try {
              const answer = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Envelope;
              if (res.statusCode !== 200) reject(new Error(`${fn} ${action}: HTTP ${res.statusCode} ${JSON.stringify(answer)}`));
              else if (!answer.ok) reject(new Error(`${fn} ${action}: ${answer.code} ${answer.message}`));
              else resolve(answer);
            } catch (err) {
              reject(err as Error);
            }
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}

async function latencies(n: number, op: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await op(i);
    out.push(performance.now() - t0);
  }
  return out;
}

async function requestsFor(cloud: CloudProcess, op: () => Promise<unknown>): Promise<{ total: number; actions: string }> {
  await cloud.resetStats();
  await op();
  const stats = await cloud.stats();
  return {
    total: stats.total,
    actions: Object.entries(stats.requests)
      .map(([action, n]) => `${action.replace('database.', '')} × ${n}`)
      .join(', '),
  };
}

const q = (values: number[], p: number) => round(quantile(values, p), 1);

async function run(ctx: BenchContext): Promise<AreaResult> {
  const figures: Figure[] = [];
  const notes: string[] = [];
  const tables: DetailTable[] = [];
  const now = new Date(NOW);

  // ---------------------------------------------------------------------------------------------- the data
  const dataDir = ctx.tempDir('street');
  ctx.log(`generating ${SCALE.communities} communities into ${dataDir}…`);
  const t0 = performance.now();
  const written = writeStreet({ dataDir, root: ctx.root, scale: SCALE, now, log: (line) => ctx.log(`  ${line}`) });
  const totalMs = performance.now() - t0;
  const c = written.counts;
  const docs = Object.values(c.documents).reduce((a, b) => a + b, 0);
  figures.push(
    {
      name: `street generated and written into the emulator's store (${docs.toLocaleString('en-US')} documents)`,
      value: round(totalMs / 1000, 1),
      unit: 's',
      note: `generating ${round(written.generateMs / 1000, 1)} s, writing ${round(written.writeMs / 1000, 1)} s (${round(docs / (written.writeMs / 1000)).toLocaleString('en-US')} docs/s through emulator/database in transactions of 5,000)`,
    },
    { name: 'communities', value: c.communities, unit: '', budget: exactly(37) },
    { name: 'households (about 75,000)', value: c.households, unit: '' },
    { name: 'residents (about 220,000)', value: c.residents, unit: '' },
    { name: 'people under isolation outside the lockdown community', value: c.isolatedElsewhere, unit: '', budget: exactly(1_242) },
    { name: 'lockdown community: households, all isolated', value: c.lockdownHouseholds, unit: '', budget: exactly(3_000) },
    { name: 'lockdown community: people under isolation (everyone in those households)', value: c.lockdownIsolated, unit: '' },
  );
  tables.push({
    title: 'Documents written per collection',
    columns: ['collection', 'documents'],
    rows: Object.entries(c.documents).map(([name, n]) => [name, n]),
  });

  // The same communities again (deterministic), for who to call as.
  const lockdown = generateCommunity(SCALE, LOCKDOWN_INDEX, now);
  const other = generateCommunity(SCALE, 1, now);

  // ---------------------------------------------------------------------------------------------- the cloud
  const cloud = await startCloudProcess(ctx, { dataDir, startAt: NOW });
  ctx.log(`local cloud (pid ${cloud.pid}) at ${cloud.url} on the street, clock at ${now.toISOString()}`);
  const call = caller(cloud.url);

  const submitters = (community: CommunityData) => {
    const index = new Map(community.households.map((h, i) => [h._id, i]));
    return community.isolations.map((iso) => ({
      openid: residentOpenid(community.index, index.get(iso.householdId)!),
      residentId: iso.residentId,
    }));
  };
  const people = submitters(lockdown);
  let nextPerson = 0;
  const acknowledged: string[] = [];
  let requestSeq = 0;
  const checkIn = async () => {
    const p = people[nextPerson++ % people.length];
    const requestId = `bench-req-${String(requestSeq++).padStart(6, '0')}`;
    await call('health', p.openid, 'checkIn.submit', { residentId: p.residentId, temperature: 36.5, symptoms: [] }, requestId);
    acknowledged.push(stableId('cireq', p.openid, requestId));
  };

  // The board building: the lockdown's first building (200 people); the small one: the other community's building
  // with the fewest isolated people (at least one).
  const boardBuilding = lockdown.buildings[0];
  const boardPeople = lockdown.isolations.filter((i) => i.buildingId === boardBuilding._id).length;
  const perBuilding = new Map<string, number>();
  for (const iso of other.isolations) perBuilding.set(iso.buildingId, (perBuilding.get(iso.buildingId) ?? 0) + 1);
  const [smallBuildingId, smallPeople] = [...perBuilding].sort((a, b) => a[1] - b[1])[0];
  const smallBuilding = other.buildings.find((b) => b._id === smallBuildingId)!;
  const boardGrid = lockdown.grids.find((g) => g.name === '第1网格')!;
  const boardGridBuildings = lockdown.buildings.filter((b) => b.gridId === boardGrid._id).length;
  const boardGridPeople = lockdown.isolations.filter((i) => i.gridId === boardGrid._id).length;
  const smallGrid = other.grids[0];
  const smallGridBuildings = other.buildings.filter((b) => b.gridId === smallGrid._id).length;
  const smallGridPeople = other.isolations.filter((i) => i.gridId === smallGrid._id).length;
  const leaderOf = (community: CommunityData, buildingId: string) =>
    leaderOpenid(community.index, Number(community.buildings.find((b) => b._id === buildingId)!.number));
  const gridWorkerOf = (community: CommunityData, gridId: string) =>
    gridWorkerOpenid(community.index, Number(/\d+/.exec(community.grids.find((g) => g._id === gridId)!.name)![0]));

  const leaderBoard = (community: CommunityData, buildingId: string) => () =>
    call('health', leaderOf(community, buildingId), 'checkIn.leaderBoard', { buildingId });
  const gridBoard = (community: CommunityData, gridId: string) => () =>
    call('health', gridWorkerOf(community, gridId), 'checkIn.gridBoard', { gridId });
  const inbox = () => call('health', leaderOf(lockdown, boardBuilding._id), 'tasks.listMine', {});

  // Warm every function instance the host will keep (a cold start is the functions bench's subject, not this one).
  ctx.log('warming the function host…');
  await Promise.all(Array.from({ length: 8 }, () => leaderBoard(lockdown, boardBuilding._id)()));
  await Promise.all(Array.from({ length: 8 }, () => checkIn()));

  // ---------------------------------------------------------------------------------------------- latency
  const actions: { label: string; op: () => Promise<unknown>; budget?: number; samples: number }[] = [
    {
      label: 'check-in submit (a resident of the lockdown community, new check-in)',
      op: checkIn,
      budget: BUDGET.checkInP95,
      samples: SAMPLES * 2,
    },
    {
      label: `楼道长 board (checkIn.leaderBoard, building with ${boardPeople} isolated people)`,
      op: leaderBoard(lockdown, boardBuilding._id),
      budget: BUDGET.leaderBoardP95,
      samples: SAMPLES,
    },
    {
      label: `grid board (checkIn.gridBoard, grid of ${boardGridBuildings} buildings, ${boardGridPeople.toLocaleString('en-US')} isolated people)`,
      op: gridBoard(lockdown, boardGrid._id),
      samples: Math.round(SAMPLES / 3),
    },
    { label: "inbox (tasks.listMine, the board building's 楼道长)", op: inbox, samples: SAMPLES },
  ];
  const latencyRows: (string | number)[][] = [];
  for (const action of actions) {
    ctx.log(`${action.label}: ${action.samples} calls one after another…`);
    const m0 = cpuSnapshot();
    const values = await latencies(action.samples, action.op);
    const others = busyCores(m0, cpuSnapshot());
    latencyRows.push([action.label, action.samples, q(values, 0.5), q(values, 0.95), q(values, 0.99), q(values, 1), round(others, 2)]);
    figures.push({
      name: `${action.label} — p95`,
      value: q(values, 0.95),
      unit: 'ms',
      ...(action.budget ? { budget: atMost(action.budget) } : {}),
      note: `p50 ${q(values, 0.5)} ms, p99 ${q(values, 0.99)} ms; ${action.samples} calls, one at a time; machine busy ${round(others, 2)} cores meanwhile (this bench included)`,
    });
  }
  tables.push({
    title: 'Latency per action (ms), calls one after another through the function host',
    columns: ['action', 'calls', 'p50', 'p95', 'p99', 'max', 'cores busy (whole machine)'],
    rows: latencyRows,
  });

  // ---------------------------------------------------------------------------------------------- requests
  const requestRows: (string | number)[][] = [];
  const counted = async (label: string, size: string, op: () => Promise<unknown>) => {
    const r = await requestsFor(cloud, op);
    requestRows.push([label, size, r.total, r.actions]);
    return r;
  };
  const elsewhere = submitters(other);
  const submitElsewhere = () =>
    call(
      'health',
      elsewhere[0].openid,
      'checkIn.submit',
      { residentId: elsewhere[0].residentId, temperature: 36.6, symptoms: [] },
      'bench-count-000001',
    );
  const requestFigures: [string, { total: number; actions: string }, { total: number; actions: string }, string, string][] = [
    [
      'check-in submit',
      await counted('check-in submit', 'lockdown resident', checkIn),
      await counted('check-in submit', 'resident elsewhere', submitElsewhere),
      'lockdown resident',
      'resident elsewhere',
    ],
    [
      '楼道长 board',
      await counted('楼道长 board', `${boardPeople} isolated`, leaderBoard(lockdown, boardBuilding._id)),
      await counted('楼道长 board', `${smallPeople} isolated`, leaderBoard(other, smallBuilding._id)),
      `building with ${boardPeople} isolated`,
      `building with ${smallPeople} isolated`,
    ],
    [
      'grid board',
      await counted('grid board', `${boardGridBuildings} buildings, ${boardGridPeople} isolated`, gridBoard(lockdown, boardGrid._id)),
      await counted('grid board', `${smallGridBuildings} buildings, ${smallGridPeople} isolated`, gridBoard(other, smallGrid._id)),
      `grid of ${boardGridBuildings} buildings / ${boardGridPeople.toLocaleString('en-US')} isolated`,
      `grid of ${smallGridBuildings} buildings / ${smallGridPeople} isolated`,
    ],
    [
      'inbox (tasks.listMine)',
      await counted('inbox', 'lockdown 楼道长', inbox),
      await counted('inbox', '楼道长 elsewhere', () => call('health', leaderOf(other, smallBuilding._id), 'tasks.listMine', {})),
      'lockdown 楼道长',
      '楼道长 elsewhere',
    ],
  ];
  for (const [label, large, small, largeText, smallText] of requestFigures) {
    figures.push({
      name: `database requests: ${label} (${largeText})`,
      value: large.total,
      unit: 'requests',
      budget: atMost(BUDGET.requests),
      note: `${small.total} for the ${smallText}${large.total === small.total ? ' — the same' : large.total > small.total ? ' — grows with the size' : ''}; ${large.actions}`,
    });
  }
  tables.push({
    title: 'Database requests per action (the emulator counter, one call each)',
    columns: ['action', 'size', 'requests', 'which'],
    rows: requestRows,
  });

  // ---------------------------------------------------------------------------------------------- sustained
  ctx.log(`sustained check-ins: ${SUSTAIN_CLIENTS} clients for ${SUSTAIN_MS / 1000} s…`);
  const before = acknowledged.length;
  const u0 = await cloud.usage();
  const m0 = cpuSnapshot();
  const c0 = process.cpuUsage();
  const load = await runLoad({
    clients: SUSTAIN_CLIENTS,
    durationMs: SUSTAIN_MS,
    op: async () => {
      await checkIn();
      return 'checkIn.submit';
    },
  });
  const clientCpu = process.cpuUsage(c0);
  const machineCores = busyCores(m0, cpuSnapshot());
  const u1 = await cloud.usage();
  const sustained = load.latencies.get('checkIn.submit') ?? [];
  const emulatorCores = (u1.cpuUs - u0.cpuUs) / 1000 / load.elapsedMs;
  const benchCores = (clientCpu.user + clientCpu.system) / 1000 / load.elapsedMs;
  const otherCores = Math.max(0, machineCores - emulatorCores - benchCores);
  const during = acknowledged.length - before;

  // Every acknowledged check-in must be in the store afterwards: close the emulator, read its database file.
  const dbFile = path.join(dataDir, 'database.sqlite');
  await cloud.close();
  const store = new Database(dbFile, { readonly: true, fileMustExist: true });
  const present = new Set(store.prepare(`SELECT json_extract(doc, '$.requestKey') FROM "c_checkIns"`).pluck().all() as string[]);
  store.close();
  const lost = acknowledged.filter((key) => !present.has(key)).length;
  figures.push(
    {
      name: `sustained check-ins per second (${SUSTAIN_CLIENTS} clients, ${SUSTAIN_MS / 1000} s)`,
      value: round(load.perSecond),
      unit: '/s',
      budget: atLeast(BUDGET.checkInsPerSecond),
      note:
        `${during.toLocaleString('en-US')} acknowledged; p50 ${q(sustained, 0.5)} ms, p95 ${q(sustained, 0.95)} ms, p99 ${q(sustained, 0.99)} ms; ` +
        `${load.errors} errors${load.firstError ? ` (first: ${load.firstError})` : ''}; emulator process (function host included) ${round(emulatorCores, 2)} cores, ` +
        `this bench ${round(benchCores, 2)}, other processes ${round(otherCores, 2)}`,
    },
    {
      name: `acknowledged check-ins missing from the store afterwards (of ${acknowledged.length.toLocaleString('en-US')}, the whole run)`,
      value: lost,
      unit: '',
      budget: exactly(0),
      note: "read from the emulator's database file after it was closed",
    },
  );

  // ---------------------------------------------------------------------------------------------- notes
  const grown = requestFigures.filter(([, large, small]) => large.total > small.total);
  const over = requestFigures.filter(([, large]) => large.total > BUDGET.requests);
  if (over.length) {
    notes.push(
      `Database requests over the budget of ${BUDGET.requests}: ${over.map(([label, large]) => `${label} ${large.total}`).join(', ')} (see the table for which requests). ` +
        (grown.length
          ? `${grown.map(([label]) => label).join(' and ')} grow${grown.length === 1 ? 's' : ''} with the size: the board reads page after page of ` +
            `1,000 rows (CloudBase's largest page), so a grid of ${boardGridPeople.toLocaleString('en-US')} isolated people costs ` +
            `${Math.ceil(boardGridPeople / 1000)} pages each of isolations and check-ins. `
          : '') +
        'Check-in submit pays for identity, the resident, the community, the isolation, the idempotency lookup, a transaction (start, read, write, commit) and its follow-up effects.',
    );
  }
  notes.push(
    `Data: ${c.communities} communities; the lockdown community's first grid has ${boardGridBuildings} buildings of 75 households and exactly ${BOARD_BUILDING_PEOPLE} people each, all under isolation, ` +
      `with check-ins for the ${STREET.lockdown.daysSoFar} days before today and this morning; elsewhere ${c.isolatedElsewhere.toLocaleString('en-US')} people are isolated at once, ` +
      `each with the check-ins of their isolation so far. The clock stands at 15:00 Shanghai time (afternoon window open). ` +
      `"The 1,242" of the reports are the street's isolated people outside the lockdown; the lockdown adds everyone in its ${c.lockdownHouseholds.toLocaleString('en-US')} households.`,
    'Latency is of calls one after another (no queueing): through HTTP into the function host, a warm function instance (a worker thread of the emulator process), ' +
      'the real wx-server-sdk inside it and the emulator\'s database. The machine is shared: the "cores busy" column is the whole machine meanwhile.',
    `Not measured yet: order create, batch purchase list, notice publish to a grid — their functions (supply, notice) were not in the tree when this ran; ` +
      '"inbox" is the staff 待办 (tasks.listMine), the inbox that exists.',
  );
  return { figures, tables, notes };
}

export const streetBenchmark: Benchmark = {
  id: 'street',
  title: 'Street scale',
  description:
    `A deterministic street (bench/street/generate.ts, seed ${STREET.seed}) — ${STREET.communities} communities, about 220,000 residents in about ` +
    `75,000 households, ${STREET.isolatedElsewhere.toLocaleString('en-US')} people isolated across the street and one community under temporary lockdown with ` +
    `${STREET.lockdown.households.toLocaleString('en-US')} households all isolated — written straight into the emulator's store, then the key actions called ` +
    `as a resident or worker calls them: POST /functions/<name> with their openid, the function host, the real wx-server-sdk, the emulator.`,
  run,
};
