/**
 * Reads through the real wx-server-sdk: where/command queries, ordering, paging, CloudBase's limits, projections,
 * missing documents and collections, and the warning for queries no index serves.
 */
import { startTestEmulator, testDeclaration, TestEmulator } from '../helpers/emulator';
import { Doc, SdkCollection, SdkCommand, sdkError } from '../helpers/sdk';

let t: TestEmulator;
let items: SdkCollection;
let _: SdkCommand;

const seed: Doc[] = [
  {
    _id: 'a',
    communityId: 'c1',
    status: 'open',
    n: 1,
    name: 'Apple',
    tags: ['red', 'fruit'],
    address: { building: 'B1', room: 101 },
    note: null,
  },
  { _id: 'b', communityId: 'c1', status: 'done', n: 5, name: 'banana', tags: ['yellow', 'fruit'], address: { building: 'B1', room: 102 } },
  { _id: 'c', communityId: 'c1', status: 'open', n: 10, name: 'Cherry', tags: ['red'], address: { building: 'B2', room: 201 } },
  { _id: 'd', communityId: 'c2', status: 'open', n: 7, name: 'date', tags: [], address: { building: 'B3', room: 301 } },
  { _id: 'e', communityId: 'c2', status: 'closed', n: '7', name: 'Elder', address: { building: 'B3' } },
];

beforeAll(async () => {
  t = await startTestEmulator({ declaration: testDeclaration() });
  items = t.db.collection('items');
  _ = t.db.command;
  await items.add({ data: seed });
});

afterAll(() => t.close());

const ids = (docs: Doc[]) => docs.map((doc) => doc._id).sort();

describe('where', () => {
  it('matches equality on several fields', async () => {
    const res = await items.where({ communityId: 'c1', status: 'open' }).get();
    expect(res.errMsg).toBe('collection.get:ok');
    expect(ids(res.data)).toEqual(['a', 'c']);
  });

  it('applies comparison commands with type bracketing (a string "7" is not > 6)', async () => {
    expect(ids((await items.where({ n: _.gt(6) }).get()).data)).toEqual(['c', 'd']);
    expect(ids((await items.where({ n: _.gte(5).and(_.lt(10)) }).get()).data)).toEqual(['b', 'd']);
    expect(ids((await items.where({ n: _.lte(1) }).get()).data)).toEqual(['a']);
    expect(ids((await items.where({ n: _.neq(5) }).get()).data)).toEqual(['a', 'c', 'd', 'e']);
  });

  it('supports in / nin', async () => {
    expect(ids((await items.where({ status: _.in(['done', 'closed']) }).get()).data)).toEqual(['b', 'e']);
    expect(ids((await items.where({ communityId: 'c1', status: _.nin(['open']) }).get()).data)).toEqual(['b']);
  });

  it('supports or / and across fields', async () => {
    const res = await items.where(_.or([{ status: 'done' }, { n: _.gte(10) }])).get();
    expect(ids(res.data)).toEqual(['b', 'c']);
    const both = await items.where(_.and([{ communityId: 'c1' }, { n: _.gt(1) }])).get();
    expect(ids(both.data)).toEqual(['b', 'c']);
  });

  it('distinguishes null from missing with exists', async () => {
    expect(ids((await items.where({ note: null }).get()).data)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(ids((await items.where({ note: _.exists(true) }).get()).data)).toEqual(['a']);
    expect(ids((await items.where({ tags: _.exists(false) }).get()).data)).toEqual(['e']);
  });

  it('matches regular expressions, both JS literals and db.RegExp', async () => {
    expect(ids((await items.where({ name: /^[a-c]/i }).get()).data)).toEqual(['a', 'b', 'c']);
    expect(ids((await items.where({ name: t.db.RegExp({ regexp: 'err', options: 'i' }) as Doc }).get()).data)).toEqual(['c']);
  });

  it('matches nested fields with dot paths and nested objects', async () => {
    expect(ids((await items.where({ 'address.building': 'B1' }).get()).data)).toEqual(['a', 'b']);
    expect(ids((await items.where({ address: { room: _.gt(200) } }).get()).data)).toEqual(['c', 'd']);
  });

  it('matches array elements and array sizes', async () => {
    expect(ids((await items.where({ tags: 'red' }).get()).data)).toEqual(['a', 'c']);
    expect(ids((await items.where({ tags: _.size(0) }).get()).data)).toEqual(['d']);
    expect(ids((await items.where({ tags: _.in(['yellow', 'nothing']) }).get()).data)).toEqual(['b']);
  });
});

describe('order, paging and projection', () => {
  it('orders by several fields (strings compare by code point, as in MongoDB) and pages with skip/limit', async () => {
    const all = await items
      .where({ communityId: _.in(['c1', 'c2']) })
      .orderBy('communityId', 'desc')
      .orderBy('name', 'asc')
      .get();
    expect(all.data.map((d) => d._id)).toEqual(['e', 'd', 'a', 'c', 'b']);
    const page = await items
      .where({ communityId: _.in(['c1', 'c2']) })
      .orderBy('communityId', 'desc')
      .orderBy('name', 'asc')
      .skip(1)
      .limit(2)
      .get();
    expect(page.data.map((d) => d._id)).toEqual(['d', 'a']);
  });

  it('orders values of different types the MongoDB way (missing < numbers < strings)', async () => {
    const res = await items
      .where({ communityId: _.in(['c1', 'c2']) })
      .orderBy('n', 'asc')
      .get();
    expect(res.data.map((d) => d._id)).toEqual(['a', 'b', 'd', 'c', 'e']);
  });

  it('projects fields with field() (and always returns _id unless excluded)', async () => {
    const res = await items.where({ _id: 'a' }).field({ name: true, 'address.room': true }).get();
    expect(res.data).toEqual([{ _id: 'a', name: 'Apple', address: { room: 101 } }]);
    const excluded = await items.doc('b').field({ tags: false, address: false, _id: false }).get();
    expect(excluded.data).toEqual({ communityId: 'c1', status: 'done', n: 5, name: 'banana' });
    const sliced = await items
      .where({ _id: 'a' })
      .field({ tags: _.project.slice(1) })
      .get();
    expect(sliced.data[0].tags).toEqual(['red']);
  });

  it('counts matching documents', async () => {
    const res = await items.where({ communityId: 'c1' }).count();
    expect(res).toMatchObject({ total: 3, errMsg: 'collection.count:ok' });
  });
});

describe('documents and collections that do not exist', () => {
  it('doc().get() of a missing document fails like CloudBase', async () => {
    const err = await sdkError(items.doc('nope').get());
    expect(err.message).toBe('document.get:fail document with _id nope does not exist');
  });

  it('returns null instead with throwOnNotFound: false', async () => {
    const res = await t.cloud.database({ throwOnNotFound: false }).collection('items').doc('nope').get();
    expect(res.data).toBeNull();
  });

  it('a collection that was never created does not exist', async () => {
    const err = await sdkError(t.db.collection('neverCreated').where({ a: 1 }).get());
    expect(err.errCode).toBe(-502005);
    expect(err.message).toContain('collection.get:fail -502005 database collection not exists');
    expect(err.message).toContain('[ResourceNotFound] Db or Table not exist');
    const addErr = await sdkError(t.db.collection('neverCreated').add({ data: { a: 1 } }));
    expect(addErr.errCode).toBe(-502005);
  });

  it('createCollection makes it exist, and a second create fails', async () => {
    await t.db.createCollection('createdLater');
    await t.db.collection('createdLater').add({ data: { _id: 'x', a: 1 } });
    expect((await t.db.collection('createdLater').doc('x').get()).data).toEqual({ _id: 'x', a: 1 });
    const err = await sdkError(t.db.createCollection('createdLater'));
    expect(err.message).toContain('Table exist');
  });
});

describe('CloudBase limits', () => {
  beforeAll(async () => {
    const bulk = Array.from({ length: 1100 }, (_unused, i) => ({ communityId: 'bulk', status: 'open', i }));
    await items.add({ data: bulk.slice(0, 600) });
    await items.add({ data: bulk.slice(600) });
  });

  it('a get() without limit() returns 100 documents', async () => {
    expect((await items.where({ communityId: 'bulk', status: 'open' }).get()).data).toHaveLength(100);
  });

  it('limit() returns up to 1000 documents, and asking for more is clamped to 1000', async () => {
    expect((await items.where({ communityId: 'bulk', status: 'open' }).limit(700).get()).data).toHaveLength(700);
    expect((await items.where({ communityId: 'bulk', status: 'open' }).limit(5000).get()).data).toHaveLength(1000);
  });

  it('pages through everything with skip', async () => {
    const seen = new Set<unknown>();
    for (let skip = 0; ; skip += 1000) {
      const page = await items.where({ communityId: 'bulk', status: 'open' }).orderBy('i', 'asc').skip(skip).limit(1000).get();
      page.data.forEach((doc) => seen.add(doc.i));
      if (page.data.length < 1000) break;
    }
    expect(seen.size).toBe(1100);
  });
});

describe('index coverage warnings', () => {
  it('warns once about a query no declared index serves', async () => {
    t.logs.length = 0;
    await items.where({ colour: 'red' }).get();
    await items.where({ colour: 'blue' }).get();
    const warnings = t.logs.filter((line) => line.includes('not served by any declared index'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"items"');
    expect(warnings[0]).toContain('{"colour":"?"}');
  });

  it('does not warn for queries on a declared index prefix or by _id', async () => {
    t.logs.length = 0;
    await items.where({ communityId: 'c1' }).get();
    await items.where({ communityId: 'c1', status: 'open', n: _.gt(1) }).get();
    await items.where({ createdAt: _.gt(new Date(0)) }).get();
    await items.doc('a').get();
    await items.where({ _id: _.in(['a', 'b']) }).get();
    expect(t.logs.filter((line) => line.includes('WARN'))).toEqual([]);
  });
});
