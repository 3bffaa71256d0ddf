/**
 * Placing an order costs at most five database requests whatever the size of the batch (issue 9's budget): a resident
 * ordering into their building's open batch of 300 orders takes as many requests as one ordering into a batch of 3 —
 * one aggregate reads the household, the caller, the building, the catalog items, the retry and the open batch, one
 * conditional update counts the order into the batch, one add writes it. A retry reads and writes nothing more, and
 * the first order after a cut-off, which opens the next batch, stays within the budget too. Counted by the emulator;
 * timing is the benchmark's. And what the transaction it replaced guaranteed: a double tap at the same moment is one
 * order counted once, and a cut-off answers only once every order counted into the batch before it is written.
 */
import { openBatch } from '../../../server/batch/batch';
import type { UserRecord } from '../../../server/identity/users';
import { newOrder } from '../../../server/order/order';
import { taskId } from '../../../server/tasks/task';
import type { Envelope } from '../../../typings/contract/envelope';
import type { OrderView } from '../../../typings/contract/supply';
import { requestId, startScenario, type Scenario } from '../helpers/scenario';
import { supplyWorld, type SupplyWorld } from '../helpers/supplyWorld';

let s: Scenario;
let w: SupplyWorld;
const at = new Date('2026-11-22T10:00:00+08:00');
const BIG = 300;
const SMALL = 3;
/** Per building: the household of its first room and the resident who lives there. */
const residents: { openid: string; householdId: string; buildingId: string }[] = [];

beforeAll(async () => {
  s = await startScenario({ startAt: at.getTime() });
  w = supplyWorld('c-place', [BIG, SMALL, 2], 10, at);
  // The world's batches are cut off; here each building's batch is still open, holding its orders. The third one was
  // opened before batches carried `openFor`, as a batch open at the time of the upgrade.
  const open = w.batches.map((b, i) => {
    const batch = openBatch(
      { communityId: b.communityId, gridId: b.gridId, buildingId: b.buildingId, buildingName: b.buildingName },
      1,
      at,
    );
    if (i === 2) delete batch.openFor;
    return { ...batch, orderCount: b.orderCount };
  });
  const households = w.plan.find(([c]) => c === 'households')![1] as { _id: string; buildingId: string; label: string }[];
  const users: UserRecord[] = w.batches.map((b) => {
    const h = households.find((x) => x.buildingId === b.buildingId)!;
    const openid = `o-resident-${b.buildingId}`;
    residents.push({ openid, householdId: h._id, buildingId: b.buildingId });
    return {
      _id: openid,
      name: '居民',
      grants: [],
      households: [
        { householdId: h._id, communityId: b.communityId, gridId: b.gridId, buildingId: b.buildingId, kind: 'member', label: h.label },
      ],
      createdAt: at,
      updatedAt: at,
    };
  });
  const plan = w.plan.map(([c, docs]): [string, object[]] => [c, c === 'batches' ? open : c === 'users' ? [...docs, ...users] : docs]);
  const db = s.sdk.database();
  for (const [collection, docs] of plan)
    for (let i = 0; i < docs.length; i += 200) await db.collection(collection).add({ data: docs.slice(i, i + 200) });
}, 120_000);
afterAll(() => s?.close());

async function place(
  who: (typeof residents)[number],
  req = requestId('place'),
): Promise<{ result: Envelope<OrderView>; requests: number; which: Record<string, number>; req: string }> {
  s.resetCounts();
  const result = await s.as(who.openid)<OrderView>(
    'supply',
    'order.create',
    {
      householdId: who.householdId,
      items: [
        { itemId: w.catalog[0]._id, quantity: 2 },
        { itemId: w.catalog[2]._id, quantity: 1.5 },
        { name: '退烧贴', quantity: 1, unit: '盒' },
      ],
      delivery: 'leaveAtDoor',
    },
    req,
  );
  const which = Object.fromEntries(
    Object.entries(s.cloud.emulator.stats.requests()).filter(([a, n]) => a.startsWith('database.') && n > 0),
  );
  return { result, requests: s.dbRequests(), which, req };
}

describe('order.create takes at most five database requests, the same for a batch of 300 as of 3', () => {
  it('into the open batch of a 300-household building and of a 3-household one', async () => {
    const [big, small] = [await place(residents[0]), await place(residents[1])];
    for (const [m, size] of [
      [big, BIG],
      [small, SMALL],
    ] as const) {
      expect(m.result).toMatchObject({ ok: true, data: { status: 'submitted', batchId: w.batches[size === BIG ? 0 : 1]._id, batchNo: 1 } });
      // The catalog's price and case pack are on the order, checked against the catalog read in the same request.
      expect(m.result.ok && m.result.data.items[0]).toMatchObject({ priceFen: w.catalog[0].priceFen, casePack: w.catalog[0].casePack });
      expect(m.requests).toBeLessThanOrEqual(5);
      expect(m.which).toEqual({ 'database.aggregateDocuments': 1, 'database.modifyDocument': 1, 'database.insertDocument': 1 });
    }
    expect(big.requests).toBe(small.requests);
    // The batch counted the order in: 301 and 4.
    const db = s.sdk.database();
    expect((await db.collection('batches').doc(w.batches[0]._id).get()).data.orderCount).toBe(BIG + 1);
    expect((await db.collection('batches').doc(w.batches[1]._id).get()).data.orderCount).toBe(SMALL + 1);
  });

  it('a retry of the same request answers the same order in one request and writes nothing', async () => {
    const first = await place(residents[0]);
    const again = await place(residents[0], first.req);
    expect(again.result.ok && first.result.ok && again.result.data.orderId).toBe(first.result.ok && first.result.data.orderId);
    expect(again.which).toEqual({ 'database.aggregateDocuments': 1 });
    expect(s.dbWrites()).toBe(0);
  });

  it('the first order after a cut-off opens the next batch (and its to-do item) within the budget', async () => {
    const closed = await s.as(w.leaderOpenid)('supply', 'batch.close', { batchId: w.batches[1]._id });
    expect(closed).toMatchObject({ ok: true, data: { status: 'closed', activeOrders: SMALL + 1 } });
    const next = await place(residents[1]);
    expect(next.result).toMatchObject({ ok: true, data: { batchNo: 2 } });
    expect(next.requests).toBeLessThanOrEqual(5);
    // The new batch's 「新订单」 to-do item, written once with the batch.
    const batchId = next.result.ok ? next.result.data.batchId : '';
    const db = s.sdk.database();
    expect((await db.collection('tasks').doc(taskId('order.submitted', batchId)).get()).data).toMatchObject({
      status: 'open',
      title: `${w.batches[1].buildingName}第 2 批有新的物资订单`,
    });
    const then = await place(residents[1]);
    expect(then.result).toMatchObject({ ok: true, data: { batchNo: 2 } });
    expect(then.requests).toBe(3);
  });
});

describe('a batch opened before batches carried openFor', () => {
  it('is found by its number on the first order, which marks it; the next order takes the three requests', async () => {
    const first = await place(residents[2]);
    expect(first.result).toMatchObject({ ok: true, data: { batchId: w.batches[2]._id, batchNo: 1 } });
    expect(first.requests).toBeLessThanOrEqual(5);
    const db = s.sdk.database();
    expect((await db.collection('batches').doc(w.batches[2]._id).get()).data).toMatchObject({
      openFor: w.batches[2].buildingId,
      orderCount: 3,
    });
    const second = await place(residents[2]);
    expect(second.result).toMatchObject({ ok: true, data: { batchId: w.batches[2]._id } });
    expect(second.requests).toBe(3);
  });
});

describe('without the transaction, still exactly one effect', () => {
  it('a double tap arriving at the same moment: one order, counted once in the batch', async () => {
    const db = s.sdk.database();
    const batchId = w.batches[0]._id;
    const count = async () => (await db.collection('batches').doc(batchId).get()).data.orderCount as number;
    const orders = async () => (await db.collection('orders').where({ communityId: 'c-place', batchId }).count()).total as number;
    const [countBefore, ordersBefore] = [await count(), await orders()];
    expect(countBefore).toBe(ordersBefore);
    const req = requestId('tap');
    const taps = await Promise.all([place(residents[0], req), place(residents[0], req), place(residents[0], req)]);
    const ids = taps.map((t) => (t.result.ok ? t.result.data.orderId : t.result.code));
    expect(new Set(ids).size).toBe(1);
    expect(await orders()).toBe(ordersBefore + 1);
    expect(await count()).toBe(countBefore + 1);
  });
});

describe('the cut-off and an order counted in before it but not yet written', () => {
  const db = () => s.sdk.database();
  const batchDoc = async (id: string) => (await db().collection('batches').doc(id).get()).data;
  const inBatch = async (id: string) =>
    (await db().collection('orders').where({ communityId: 'c-place', batchId: id }).count()).total as number;

  it('the 截单 answers once that order is written, and counts it', async () => {
    const b = w.batches[0];
    const before = await inBatch(b._id);
    // An order that joined the batch (its conditional update) and is about to be written.
    await db()
      .collection('batches')
      .doc(b._id)
      .update({ data: { orderCount: db().command.inc(1) } });
    const closing = s.as(w.leaderOpenid)<{ status: string; activeOrders: number }>('supply', 'batch.close', { batchId: b._id });
    while ((await batchDoc(b._id)).status !== 'closed') await new Promise((r) => setTimeout(r, 10));
    const h = residents[0];
    const late = newOrder({
      id: 'order-late',
      household: { ...(await db().collection('households').doc(h.householdId).get()).data, buildingName: b.buildingName },
      batch: { _id: b._id, no: 1 },
      lines: [{ name: '退烧贴', unit: '盒', quantity: 1, casePack: 1, category: '其他', freeText: true }],
      delivery: 'leaveAtDoor',
      by: { name: '居民', openid: h.openid, onBehalf: false },
      at,
    });
    await db()
      .collection('orders')
      .add({ data: { ...late } });
    expect(await closing).toMatchObject({ ok: true, data: { status: 'closed', activeOrders: before + 1 } });
    expect((await batchDoc(b._id)).orderCount).toBe(before + 1);
  });

  it('an order that never comes (its function died in between) holds the 截单 a few seconds, then the count is put right', async () => {
    const b = w.batches[2];
    const before = await inBatch(b._id);
    await db()
      .collection('batches')
      .doc(b._id)
      .update({ data: { orderCount: db().command.inc(1) } });
    expect(await s.as(w.leaderOpenid)('supply', 'batch.close', { batchId: b._id })).toMatchObject({
      ok: true,
      data: { status: 'closed', activeOrders: before },
    });
    expect((await batchDoc(b._id)).orderCount).toBe(before);
  });
});

it('every query of order.create was served by a declared index', () => {
  expect(s.cloud.logs.filter((l) => /WARN query on "(orders|batches|catalogItems|users|households|buildings|tasks)"/.test(l))).toEqual([]);
});
