/**
 * collection.aggregate() through the real wx-server-sdk: the stages the project uses, $lookup across collections,
 * and CloudBase's default of 20 results without $limit.
 */
import { startTestEmulator, testDeclaration, TestEmulator } from '../helpers/emulator';
import { SdkCommand, sdkError } from '../helpers/sdk';

let t: TestEmulator;
let _: SdkCommand;

beforeAll(async () => {
  t = await startTestEmulator({ declaration: testDeclaration() });
  _ = t.db.command;
  await t.db.collection('households').add({
    data: [
      { _id: 'h1', building: 'B1', room: '101' },
      { _id: 'h2', building: 'B1', room: '102' },
      { _id: 'h3', building: 'B2', room: '201' },
    ],
  });
  await t.db.collection('orders').add({
    data: [
      { _id: 'o1', householdId: 'h1', status: 'paid', amount: 10, items: ['milk', 'eggs'], createdAt: new Date('2024-01-01') },
      { _id: 'o2', householdId: 'h1', status: 'paid', amount: 5, items: ['rice'], createdAt: new Date('2024-01-02') },
      { _id: 'o3', householdId: 'h2', status: 'open', amount: 7, items: ['milk'], createdAt: new Date('2024-01-03') },
      { _id: 'o4', householdId: 'h3', status: 'paid', amount: 20, items: [], createdAt: new Date('2024-01-04') },
    ],
  });
  await t.db.collection('items').add({ data: Array.from({ length: 30 }, (_unused, i) => ({ communityId: 'agg', status: 'open', i })) });
});

afterAll(() => t.close());

const orders = () => t.db.collection('orders');

it('$match $group $sort', async () => {
  const res = await orders()
    .aggregate()
    .match({ status: 'paid' })
    .group({ _id: '$householdId', total: _.aggregate.sum('$amount'), orders: _.aggregate.sum(1) })
    .sort({ total: -1 })
    .end();
  expect(res.errMsg).toBe('collection.aggregate:ok');
  expect(res.list).toEqual([
    { _id: 'h3', total: 20, orders: 1 },
    { _id: 'h1', total: 15, orders: 2 },
  ]);
});

it('$project $addFields $skip $limit', async () => {
  const res = await orders()
    .aggregate()
    .match({ householdId: _.in(['h1', 'h2', 'h3']) })
    .sort({ createdAt: 1 })
    .addFields({ double: _.aggregate.sum(['$amount', '$amount']) })
    .project({ _id: 0, amount: 1, double: 1 })
    .skip(1)
    .limit(2)
    .end();
  expect(res.list).toEqual([
    { amount: 5, double: 10 },
    { amount: 7, double: 14 },
  ]);
});

it('$project keeping or dropping top-level fields: _id first unless dropped, then the document’s own order', async () => {
  const project = async (spec: Record<string, unknown>) =>
    (await orders().aggregate().match({ _id: 'o1' }).project(spec).end()).list.map((doc) => [Object.keys(doc), doc]);
  const [[keys, doc]] = await project({ status: 1, householdId: 1, nowhere: 1 });
  expect(keys).toEqual(['_id', 'householdId', 'status']);
  expect(doc).toEqual({ _id: 'o1', householdId: 'h1', status: 'paid' });
  expect(await project({ _id: 0, items: 1, createdAt: true })).toEqual([
    [['items', 'createdAt'], { items: ['milk', 'eggs'], createdAt: new Date('2024-01-01') }],
  ]);
  expect(await project({ items: 0, createdAt: false, status: 0 })).toEqual([
    [['_id', 'householdId', 'amount'], { _id: 'o1', householdId: 'h1', amount: 10 }],
  ]);
  expect(await project({ _id: 0 })).toEqual([
    [
      ['householdId', 'status', 'amount', 'items', 'createdAt'],
      { householdId: 'h1', status: 'paid', amount: 10, items: ['milk', 'eggs'], createdAt: new Date('2024-01-01') },
    ],
  ]);
  // Fields of embedded documents: each element of an array of documents keeps its own (or nothing, and stays).
  const embedded = await t.db
    .collection('households')
    .aggregate()
    .match({ _id: _.in(['h1', 'h3']) })
    .lookup({ from: 'orders', localField: '_id', foreignField: 'householdId', as: 'orders' })
    .project({ _id: 0, room: 1, 'orders.status': 1, 'orders.amount': 1, 'orders.nowhere': 1 })
    .sort({ room: 1 })
    .end();
  expect(embedded.list).toEqual([
    {
      room: '101',
      orders: [
        { status: 'paid', amount: 10 },
        { status: 'paid', amount: 5 },
      ],
    },
    { room: '201', orders: [{ status: 'paid', amount: 20 }] },
  ]);
  // An array of other values: the strings go, as in MongoDB.
  expect((await project({ 'items.name': 1 })).map(([, doc]) => doc)).toEqual([{ _id: 'o1', items: [] }]);
  // Keeping and dropping at once is refused, as MongoDB does.
  expect((await sdkError(orders().aggregate().project({ status: 1, amount: 0 }).end())).message).toContain('collection.aggregate:fail');
});

it('$unwind and $count', async () => {
  const unwound = await orders()
    .aggregate()
    .match({ householdId: 'h1' })
    .unwind('$items')
    .sort({ items: 1 })
    .project({ _id: 0, items: 1 })
    .end();
  expect(unwound.list).toEqual([{ items: 'eggs' }, { items: 'milk' }, { items: 'rice' }]);
  const counted = await orders().aggregate().match({ status: 'paid' }).count('n').end();
  expect(counted.list).toEqual([{ n: 3 }]);
});

it('$lookup joins another collection', async () => {
  const res = await t.db
    .collection('households')
    .aggregate()
    .match({ _id: _.in(['h1', 'h3']) })
    .lookup({ from: 'orders', localField: '_id', foreignField: 'householdId', as: 'orders' })
    .project({ room: 1, orderCount: _.aggregate.size('$orders') })
    .sort({ room: 1 })
    .end();
  expect(res.list).toEqual([
    { _id: 'h1', room: '101', orderCount: 2 },
    { _id: 'h3', room: '201', orderCount: 1 },
  ]);
});

/** `db.command.aggregate` with what a `$lookup`'s own pipeline is written with (`_.expr(e)` is `{ $expr: e }`). */
interface Stages {
  match(condition: object): Stages;
  addFields(spec: object): Stages;
  project(spec: object): Stages;
  done(): object[];
}
type Expressions = Record<'eq' | 'multiply', (args: unknown[]) => unknown> & { pipeline(): Stages };

it('$lookup with let and a pipeline: conditions and an equality on a variable, as MongoDB joins them', async () => {
  const $ = _.aggregate as unknown as Expressions;
  await t.db.collection('households').add({
    data: [
      { _id: 'h4', building: 'B3', room: '301', key: 7 },
      { _id: 'h5', building: 'B3', room: '302', key: ['h1'] },
      { _id: 'h6', building: 'B3', room: '303' },
    ],
  });
  const joined = async (match: object, project: object = { _id: 0, amount: 1 }) =>
    (
      await t.db
        .collection('households')
        .aggregate()
        .match({ _id: _.in(['h1', 'h2', 'h4', 'h5', 'h6']) })
        .lookup({
          from: 'orders',
          let: { hid: '$_id', key: '$key' },
          pipeline: $.pipeline().match(match).project(project).done(),
          as: 'orders',
        })
        .project({ _id: 1, orders: 1 })
        .sort({ _id: 1 })
        .end()
    ).list;
  // Plain conditions and the equality: h1's paid orders in the collection's order, h2's none (its one is open).
  expect(await joined({ status: 'paid', $expr: $.eq(['$householdId', '$$hid']) })).toEqual([
    { _id: 'h1', orders: [{ amount: 10 }, { amount: 5 }] },
    { _id: 'h2', orders: [] },
    { _id: 'h4', orders: [] },
    { _id: 'h5', orders: [] },
    { _id: 'h6', orders: [] },
  ]);
  // The variable on either side, conditions inside $and, an $addFields after the $match.
  const reversed = await t.db
    .collection('households')
    .aggregate()
    .match({ _id: _.in(['h1', 'h2']) })
    .lookup({
      from: 'orders',
      let: { hid: '$_id' },
      pipeline: $.pipeline()
        .match(_.and([{ amount: _.gte(7) }, { $expr: $.eq(['$$hid', '$householdId']) }]))
        .addFields({ twice: $.multiply(['$amount', 2]) })
        .project({ _id: 0, twice: 1 })
        .done(),
      as: 'orders',
    })
    .sort({ _id: 1 })
    .project({ orders: 1 })
    .end();
  expect(reversed.list).toEqual([
    { _id: 'h1', orders: [{ twice: 20 }] },
    { _id: 'h2', orders: [{ twice: 14 }] },
  ]);
  // A number equals only a number; an array equals only the same array (never the string inside it); a missing
  // field equals a missing field — here every order has an amount, so nothing.
  expect(await joined({ $expr: $.eq(['$amount', '$$key']) }, { _id: 1 })).toEqual([
    { _id: 'h1', orders: [] },
    { _id: 'h2', orders: [] },
    { _id: 'h4', orders: [{ _id: 'o3' }] },
    { _id: 'h5', orders: [] },
    { _id: 'h6', orders: [] },
  ]);
  expect(await joined({ $expr: $.eq(['$householdId', '$$key']) }, { _id: 1 })).toEqual([
    { _id: 'h1', orders: [] },
    { _id: 'h2', orders: [] },
    { _id: 'h4', orders: [] },
    { _id: 'h5', orders: [] },
    { _id: 'h6', orders: [] },
  ]);
  // Without an equality the pipeline runs for each document over the documents passing the conditions.
  expect(await joined({ status: 'open' }, { _id: 1 })).toEqual(
    ['h1', 'h2', 'h4', 'h5', 'h6'].map((_id) => ({ _id, orders: [{ _id: 'o3' }] })),
  );
});

it('dates survive $match and come back as Date objects', async () => {
  const res = await orders()
    .aggregate()
    .match({ createdAt: _.gte(new Date('2024-01-03')) })
    .sort({ createdAt: 1 })
    .end();
  expect(res.list.map((o) => o._id)).toEqual(['o3', 'o4']);
  expect(res.list[0].createdAt).toEqual(new Date('2024-01-03'));
});

it('returns 20 documents unless the pipeline has $limit', async () => {
  const items = () => t.db.collection('items').aggregate().match({ communityId: 'agg', status: 'open' });
  expect((await items().end()).list).toHaveLength(20);
  expect((await items().limit(25).end()).list).toHaveLength(25);
});

it('fails on a collection that does not exist and on an unknown stage operator', async () => {
  const missing = await sdkError(t.db.collection('nowhere').aggregate().match({ a: 1 }).end());
  expect(missing.message).toContain('Db or Table not exist');
  const bad = await sdkError(
    orders()
      .aggregate()
      .group({ _id: '$householdId', x: { $bogus: 1 } })
      .end(),
  );
  expect(bad.message).toContain('collection.aggregate:fail');
});
