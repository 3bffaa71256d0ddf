/**
 * The 楼道长's lists cost a fixed number of database requests whatever the number of orders (issue 6, "Performance"):
 * the purchase list of a batch of 300 orders × 10 items takes exactly as many requests as one of 3 orders — one
 * aggregate does the adding up — and so does the delivery list. Counted by the emulator; timing is the benchmark's.
 */
import type { Envelope } from '../../../typings/contract/envelope';
import type { DeliveryList, PurchaseList } from '../../../typings/contract/supply';
import { startScenario, type Scenario } from '../helpers/scenario';
import { supplyWorld, type SupplyWorld } from '../helpers/supplyWorld';

let s: Scenario;
let w: SupplyWorld;
const at = new Date('2026-11-22T10:00:00+08:00');

beforeAll(async () => {
  s = await startScenario({ startAt: at.getTime() });
  w = supplyWorld('c-bulk', [300, 3], 10, at);
  const db = s.sdk.database();
  for (const [collection, docs] of w.plan)
    for (let i = 0; i < docs.length; i += 200) await db.collection(collection).add({ data: docs.slice(i, i + 200) });
}, 120_000);
afterAll(() => s?.close());

async function measured<T>(action: string, batchId: string): Promise<{ result: Envelope<T>; requests: number }> {
  s.resetCounts();
  const result = await s.as(w.leaderOpenid)<T>('supply', action, { batchId });
  return { result, requests: s.dbRequests() };
}

describe('the purchase and delivery lists take a bounded number of requests', () => {
  it('300 orders × 10 items: the purchase list in the same few requests as 3 orders', async () => {
    const [big, small] = [
      await measured<PurchaseList>('batch.purchaseList', w.batches[0]._id),
      await measured<PurchaseList>('batch.purchaseList', w.batches[1]._id),
    ];
    expect(big.result.ok && small.result.ok).toBe(true);
    if (!big.result.ok || !small.result.ok) return;
    expect(big.result.data.households).toBe(300);
    // Every item of the catalog is wanted; the totals add up to what the orders hold.
    expect(big.result.data.lines).toHaveLength(w.catalog.length);
    const orders = w.plan.find(([c]) => c === 'orders')![1] as { batchId: string; items: { itemId: string; quantity: number }[] }[];
    const milk = w.catalog[0]._id;
    const wantedMilk = orders
      .filter((o) => o.batchId === w.batches[0]._id)
      .reduce((n, o) => n + o.items.filter((l) => l.itemId === milk).reduce((m, l) => m + l.quantity, 0), 0);
    expect(big.result.data.lines.find((l) => l.itemId === milk)).toMatchObject({
      wanted: wantedMilk,
      cases: Math.ceil(wantedMilk / 12),
      buy: Math.ceil(wantedMilk / 12) * 12,
    });
    expect(big.requests).toBe(small.requests);
    // The caller, the batch, the counts and the aggregate.
    expect(big.requests).toBeLessThanOrEqual(4);
  });

  it('the delivery list of 300 households in the same requests as 3', async () => {
    const big = await measured<DeliveryList>('batch.deliveryList', w.batches[0]._id);
    const small = await measured<DeliveryList>('batch.deliveryList', w.batches[1]._id);
    expect(big.result).toMatchObject({ ok: true, data: { total: 300 } });
    expect(big.requests).toBe(small.requests);
    expect(big.requests).toBeLessThanOrEqual(4);
  });
});

it('every query of the lists was served by a declared index', () => {
  expect(s.cloud.logs.filter((l) => /WARN query on "(orders|batches|catalogItems)"/.test(l))).toEqual([]);
});
