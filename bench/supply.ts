/**
 * Supply orders (issue 6, "Performance"): a building's batch of 300 orders × 10 items, written as order.create would
 * have written it (test/server/helpers/supplyWorld.ts, the supply domain functions), then the 楼道长's purchase list
 * and delivery list called as the page calls them — `POST /functions/supply` with the 楼道长's openid, the function
 * host, the real wx-server-sdk, the emulator. Per list: p50 / p95 of sequential calls, the database requests one call
 * takes (the emulator's /stats), and the largest setData the batch page makes from the answer (the page's presenter).
 */
import { performance } from 'node:perf_hooks';
import { batchHeader, deliveryView, purchaseView } from '../miniprogram/packages/leader/presenters/supply';
import { supplyWorld } from '../test/server/helpers/supplyWorld';
import type { DeliveryList, PurchaseList } from '../typings/contract/supply';
import { startCloudProcess, type CloudProcess } from './lib/cloud';
import { quantile, round } from './lib/load';
import { PAGE_SIZE } from '../miniprogram/services/paging';
import { sdkDatabase } from './lib/sdk';
import { atMost, below, type AreaResult, type BenchContext, type Benchmark, type Figure } from './types';

const ORDERS = 300;
const ITEMS = 10;
const RUNS = 40;
const WARMUP = 5;
const P95_BUDGET_MS = 200;
const SETDATA_BUDGET_KB = 64;

async function call<T>(cloud: CloudProcess, openid: string, action: string, data: unknown): Promise<T> {
  const res = await fetch(`${cloud.url}/functions/supply`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
    body: JSON.stringify({ action, data }),
  });
  const envelope = (await res.json()) as { ok: boolean; data?: T; code?: string; message?: string };
  if (!envelope.ok) throw new Error(`${action}: ${envelope.code} ${envelope.message}`);
  return envelope.data as T;
}

async function dbRequests(cloud: CloudProcess, work: () => Promise<unknown>): Promise<number> {
  await cloud.resetStats();
  await work();
  const { requests } = await cloud.stats();
  return Object.entries(requests)
    .filter(([action]) => action.startsWith('database.'))
    .reduce((n, [, count]) => n + count, 0);
}

async function latencies(work: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await work();
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await work();
    out.push(performance.now() - started);
  }
  return out;
}

const kb = (value: unknown) => round(Buffer.byteLength(JSON.stringify(value)) / 1024, 1);

async function run(ctx: BenchContext): Promise<AreaResult> {
  const at = new Date('2026-11-22T10:00:00+08:00');
  const cloud = await startCloudProcess(ctx, { startAt: at.getTime() });
  const world = supplyWorld('c-bench-supply', [ORDERS, 3], ITEMS, at);
  const db = sdkDatabase(cloud.url);
  for (const [collection, docs] of world.plan)
    for (let i = 0; i < docs.length; i += 200)
      await db.collection(collection).add({ data: docs.slice(i, i + 200) as Record<string, unknown>[] });
  ctx.log(`wrote a batch of ${ORDERS} orders × ${ITEMS} items (and one of 3)`);
  const [big, small] = world.batches;
  const leader = world.leaderOpenid;
  const purchase = () => call<PurchaseList>(cloud, leader, 'batch.purchaseList', { batchId: big._id });
  const delivery = () => call<DeliveryList>(cloud, leader, 'batch.deliveryList', { batchId: big._id });

  const figures: Figure[] = [];
  const purchaseMs = await latencies(purchase);
  const deliveryMs = await latencies(delivery);
  const purchaseRequests = await dbRequests(cloud, purchase);
  const purchaseRequestsSmall = await dbRequests(cloud, () => call(cloud, leader, 'batch.purchaseList', { batchId: small._id }));
  const deliveryRequests = await dbRequests(cloud, delivery);
  const list = await purchase();
  const stops = await delivery();
  // What the batch page sends to its view: the purchase list in one setData; the delivery list 20 stops at a time.
  const purchaseSetData = {
    header: batchHeader(list.batch),
    purchase: purchaseView(list),
    delivery: null,
    status: 'ready',
    errorMessage: '',
  };
  const { stops: allStops, ...deliveryHead } = deliveryView(stops);
  const deliverySetData = {
    header: batchHeader(stops.batch),
    delivery: deliveryHead,
    stops: allStops.slice(0, PAGE_SIZE),
    purchase: null,
    status: 'ready',
  };
  const nextPage = Object.fromEntries(allStops.slice(PAGE_SIZE, 2 * PAGE_SIZE).map((stop, i) => [`stops[${PAGE_SIZE + i}]`, stop]));
  // A call that reads two small documents, for how busy the machine was: the lists' latency is on top of this.
  const baselineMs = await latencies(() => call(cloud, leader, 'batch.list', { buildingId: small.buildingId }));

  figures.push(
    {
      name: `batch.purchaseList of ${ORDERS} orders × ${ITEMS} items: p95`,
      value: round(quantile(purchaseMs, 0.95), 1),
      unit: 'ms',
      budget: below(P95_BUDGET_MS),
      note: `p50 ${round(quantile(purchaseMs, 0.5), 1)} ms over ${RUNS} sequential calls through the function host; ${list.households} households, ${list.lines.length} items`,
    },
    {
      name: `batch.purchaseList of ${ORDERS} orders: database requests`,
      value: purchaseRequests,
      unit: 'requests',
      budget: atMost(purchaseRequestsSmall),
      note: `the same as for a batch of 3 orders (${purchaseRequestsSmall}): the caller, the batch, the counts, one aggregate`,
    },
    {
      name: `batch.deliveryList of ${ORDERS} households: p95`,
      value: round(quantile(deliveryMs, 0.95), 1),
      unit: 'ms',
      budget: below(P95_BUDGET_MS),
      note: `p50 ${round(quantile(deliveryMs, 0.5), 1)} ms; ${deliveryRequests} database requests`,
    },
    {
      name: `批次 page, 采购清单 of ${ORDERS} orders: setData size`,
      value: kb(purchaseSetData),
      unit: 'KB',
      budget: below(SETDATA_BUDGET_KB),
      note: 'the one setData the page makes from the answer (header + purchase list in words)',
    },
    {
      name: `批次 page, 配送清单 of ${ORDERS} households: largest setData`,
      value: Math.max(kb(deliverySetData), kb(nextPage)),
      unit: 'KB',
      budget: below(SETDATA_BUDGET_KB),
      note: `20 stops at a time: the first setData ${kb(deliverySetData)} KB, each further page ${kb(nextPage)} KB (all ${ORDERS} at once would be ${kb({ ...deliverySetData, stops: allStops })} KB)`,
    },
    {
      name: 'baseline: batch.list of a small building (2 database requests): p95',
      value: round(quantile(baselineMs, 0.95), 1),
      unit: 'ms',
      note: `p50 ${round(quantile(baselineMs, 0.5), 1)} ms: the function host and SDK round trips every call pays on this machine, as busy as it was`,
    },
  );
  const notes = cloud.warnings().filter((w) => w.includes('WARN'));
  return { figures, notes: notes.length ? notes : undefined };
}

export const supplyBenchmark: Benchmark = {
  id: 'supply',
  title: 'Supply orders: the 楼道长’s lists of a big batch',
  description:
    `A building batch of ${ORDERS} orders × ${ITEMS} items written as order.create writes them; the purchase list (one aggregate) and the ` +
    'delivery list called through the function host as the 楼道长’s page calls them: latency, database requests, and the setData the page makes.',
  run,
};
