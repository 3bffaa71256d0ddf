/**
 * Writes through the real wx-server-sdk: add, set vs update, upserts, every update operator, multi-document
 * update/remove, serverDate at the emulator clock, Date round trips, unique indexes, size limits and atomic
 * increments under concurrency.
 */
import { Clock } from '../../../emulator/clock';
import { startTestEmulator, testDeclaration, TestEmulator } from '../helpers/emulator';
import { SdkCollection, SdkCommand, sdkError } from '../helpers/sdk';

let t: TestEmulator;
let _: SdkCommand;
const clock = new Clock();

beforeAll(async () => {
  t = await startTestEmulator({ declaration: testDeclaration(), clock });
  _ = t.db.command;
});

afterAll(() => t.close());

const coll = (): SdkCollection => t.db.collection('items');

describe('add', () => {
  it('generates 32-hex CloudBase ids and returns them', async () => {
    const one = await coll().add({ data: { communityId: 'w1', v: 1 } });
    expect(one.errMsg).toBe('collection.add:ok');
    expect(one._id).toMatch(/^[0-9a-f]{32}$/);
    const many = await coll().add({ data: [{ v: 2 }, { _id: 'given', v: 3 }] });
    expect(many._ids).toHaveLength(2);
    expect(many._ids[1]).toBe('given');
    expect((await coll().doc(one._id).get()).data).toEqual({ _id: one._id, communityId: 'w1', v: 1 });
  });

  it('rejects a duplicate _id with MongoDB E11000 (errCode -502001) and writes nothing of the batch', async () => {
    await coll().add({ data: { _id: 'dup', v: 1 } });
    const err = await sdkError(coll().add({ data: [{ _id: 'fresh-1' }, { _id: 'dup', v: 2 }] }));
    expect(err.errCode).toBe(-502001);
    expect(err.message).toContain('E11000 duplicate key error collection: shouwang-local.items index: _id_ dup key: { _id: "dup" }');
    expect((await coll().doc('dup').get()).data.v).toBe(1);
    expect((await coll().where({ _id: 'fresh-1' }).get()).data).toEqual([]);
  });
});

describe('set vs update', () => {
  it('set() replaces the whole document; update() merges', async () => {
    await coll()
      .doc('s1')
      .set({ data: { a: 1, nested: { x: 1, y: 2 } } });
    const updated = await coll()
      .doc('s1')
      .update({ data: { nested: { y: 3 }, b: 2 } });
    expect(updated.stats.updated).toBe(1);
    expect((await coll().doc('s1').get()).data).toEqual({ _id: 's1', a: 1, nested: { x: 1, y: 3 }, b: 2 });

    const replaced = await coll()
      .doc('s1')
      .set({ data: { c: 3 } });
    expect(replaced.stats).toEqual({ updated: 1, created: 0 });
    expect((await coll().doc('s1').get()).data).toEqual({ _id: 's1', c: 3 });
  });

  it('set() creates a missing document (upsert); update() of a missing document changes nothing', async () => {
    const created = await coll()
      .doc('s2')
      .set({ data: { a: 1 } });
    expect(created).toMatchObject({ _id: 's2', stats: { updated: 0, created: 1 } });
    const missing = await coll()
      .doc('s-missing')
      .update({ data: { a: 1 } });
    expect(missing.stats.updated).toBe(0);
    expect(await sdkError(coll().doc('s-missing').get())).toBeDefined();
  });

  it('_.set() replaces an embedded object instead of merging into it', async () => {
    await coll()
      .doc('s3')
      .set({ data: { o: { a: 1, b: 2 } } });
    await coll()
      .doc('s3')
      .update({ data: { o: _.set({ c: 3 }) } });
    expect((await coll().doc('s3').get()).data.o).toEqual({ c: 3 });
  });
});

describe('update operators', () => {
  const doc = () => coll().doc('ops');
  beforeEach(async () => {
    await doc().set({ data: { n: 10, m: 3, lo: 5, hi: 5, arr: [1, 2, 3], set: ['a'], gone: 1, old: 'x', objs: [{ k: 1 }, { k: 2 }] } });
  });

  it('$inc $mul $min $max $unset $rename', async () => {
    await doc().update({ data: { n: _.inc(-3), m: _.mul(4), lo: _.min(1), hi: _.max(9), gone: _.remove(), old: _.rename('renamed') } });
    const data = (await doc().get()).data;
    expect(data).toMatchObject({ n: 7, m: 12, lo: 1, hi: 9, renamed: 'x' });
    expect(data).not.toHaveProperty('gone');
    expect(data).not.toHaveProperty('old');
  });

  it('$push with $each, $position and $slice; $pop, $shift, $unshift', async () => {
    await doc().update({ data: { arr: _.push({ each: [8, 9], position: 1, slice: 4 }) } });
    expect((await doc().get()).data.arr).toEqual([1, 8, 9, 2]);
    await doc().update({ data: { arr: _.push([7]) } });
    expect((await doc().get()).data.arr).toEqual([1, 8, 9, 2, 7]);
    await doc().update({ data: { arr: _.pop() } });
    await doc().update({ data: { arr: _.shift() } });
    await doc().update({ data: { arr: _.unshift(0) } });
    expect((await doc().get()).data.arr).toEqual([0, 8, 9, 2]);
  });

  it('$pull $pullAll $addToSet (with $each)', async () => {
    await doc().update({ data: { arr: _.pull(_.gt(2)), objs: _.pull({ k: 1 }) } });
    expect((await doc().get()).data).toMatchObject({ arr: [1, 2], objs: [{ k: 2 }] });
    await doc().update({ data: { arr: _.pullAll([1]) } });
    // CloudBase's documented form: the SDK passes the argument through, so $each is spelled out.
    await doc().update({ data: { set: _.addToSet({ $each: ['a', 'b', 'b'] }) } });
    await doc().update({ data: { set: _.addToSet('c') } });
    expect((await doc().get()).data).toMatchObject({ arr: [2], set: ['a', 'b', 'c'] });
  });

  it('rejects operators on the wrong type, like MongoDB', async () => {
    const inc = await sdkError(
      coll()
        .doc('ops')
        .update({ data: { old: _.inc(1) } }),
    );
    expect(inc.errCode).toBe(-502001);
    expect(inc.message).toContain('Cannot apply $inc to a value of non-numeric type');
    const push = await sdkError(
      coll()
        .doc('ops')
        .update({ data: { n: _.push(1) } }),
    );
    expect(push.message).toContain("The field 'n' must be an array");
    expect((await doc().get()).data.n).toBe(10);
  });
});

describe('multi-document update and remove', () => {
  beforeAll(async () => {
    await coll().add({ data: [1, 2, 3, 4].map((i) => ({ communityId: 'multi', status: i % 2 ? 'odd' : 'even', i })) });
  });

  it('where().update() changes every match and reports how many', async () => {
    const res = await coll()
      .where({ communityId: 'multi', status: 'odd' })
      .update({ data: { flagged: true } });
    expect(res.stats.updated).toBe(2);
    expect((await coll().where({ communityId: 'multi', flagged: true }).count()).total).toBe(2);
  });

  it('a conditional update lets exactly one competitor win', async () => {
    const accept = () =>
      coll()
        .where({ communityId: 'multi', i: 4, status: 'even' })
        .update({ data: { status: 'taken' } });
    const results = await Promise.all([accept(), accept(), accept()]);
    expect(results.map((r) => r.stats.updated).sort()).toEqual([0, 0, 1]);
  });

  it('where().remove() deletes every match', async () => {
    const res = await coll()
      .where({ communityId: 'multi', i: _.lte(2) })
      .remove();
    expect(res.stats.removed).toBe(2);
    expect((await coll().where({ communityId: 'multi' }).count()).total).toBe(2);
    expect((await coll().doc('never-there').remove()).stats.removed).toBe(0);
  });
});

describe('dates', () => {
  it('db.serverDate() is evaluated at the emulator clock, with its offset', async () => {
    const at = Date.UTC(2022, 3, 1, 2, 0, 0);
    clock.set(at);
    try {
      await coll()
        .doc('dated')
        .set({ data: { createdAt: t.db.serverDate(), dueAt: t.db.serverDate({ offset: 3_600_000 }) } });
      const data = (await coll().doc('dated').get()).data;
      expect(data.createdAt).toBeInstanceOf(Date);
      expect(Math.abs((data.createdAt as Date).getTime() - at)).toBeLessThan(2000);
      expect((data.dueAt as Date).getTime() - (data.createdAt as Date).getTime()).toBe(3_600_000);
      const found = await coll()
        .where({ _id: 'dated', dueAt: _.gt(t.db.serverDate()) })
        .get();
      expect(found.data).toHaveLength(1);
    } finally {
      clock.reset();
    }
  });

  it('Dates round-trip as Date objects, including nested and pre-1970 ones, and compare as dates', async () => {
    const birth = new Date('1950-06-01T00:00:00.000Z');
    const when = new Date('2024-02-29T12:34:56.789Z');
    await coll().add({ data: { _id: 'dates', createdAt: when, person: { birth }, history: [{ at: when }] } });
    const data = (await coll().doc('dates').get()).data;
    expect(data.createdAt).toEqual(when);
    expect((data.person as { birth: Date }).birth).toEqual(birth);
    expect((data.history as { at: Date }[])[0].at).toBeInstanceOf(Date);
    const range = await coll()
      .where({ createdAt: _.gte(new Date('2024-01-01')).and(_.lt(new Date('2024-03-01'))) })
      .get();
    expect(range.data.map((d) => d._id)).toContain('dates');
    const old = await coll()
      .where({ 'person.birth': _.lt(new Date('1960-01-01')) })
      .get();
    expect(old.data.map((d) => d._id)).toEqual(['dates']);
  });
});

describe('unique indexes', () => {
  const people = () => t.db.collection('people');

  it('reject a second document with the same key, as E11000', async () => {
    await people().add({ data: { _id: 'p1', phone: '13800000001', communityId: 'c1', openid: 'o1' } });
    const err = await sdkError(people().add({ data: { _id: 'p2', phone: '13800000001', communityId: 'c1', openid: 'o2' } }));
    expect(err.errCode).toBe(-502001);
    expect(err.message).toContain(
      'E11000 duplicate key error collection: shouwang-local.people index: by_phone dup key: { phone: "13800000001" }',
    );
  });

  it('apply to updates and compound keys too', async () => {
    await people().add({ data: { _id: 'p3', phone: '13800000003', communityId: 'c1', openid: 'o3' } });
    const err = await sdkError(
      people()
        .doc('p3')
        .update({ data: { openid: 'o1' } }),
    );
    expect(err.message).toContain('index: by_community_openid dup key: { communityId: "c1", openid: "o1" }');
    await people()
      .doc('p3')
      .update({ data: { communityId: 'c2', openid: 'o1' } });
    expect((await people().doc('p3').get()).data).toMatchObject({ communityId: 'c2', openid: 'o1' });
  });

  it('treat a missing key as null, so only one document may lack it', async () => {
    await people().add({ data: { _id: 'p4', communityId: 'c9', openid: 'o9' } });
    const err = await sdkError(people().add({ data: { _id: 'p5', communityId: 'c9', openid: 'o10' } }));
    expect(err.message).toContain('index: by_phone dup key: { phone: null }');
  });
});

describe('limits and concurrency', () => {
  it('refuses $-prefixed field names, as MongoDB 4 does', async () => {
    const err = await sdkError(coll().add({ data: { _id: 'dollar', a: { $bad: 1 } } }));
    expect(err.message).toContain("The dollar ($) prefixed field '$bad' in 'a.$bad' is not valid for storage.");
    expect(await sdkError(coll().doc('dollar').get())).toBeDefined();
  });

  it('rejects a document over 16 MB', async () => {
    const big = 'x'.repeat(16 * 1024 * 1024);
    const err = await sdkError(coll().add({ data: { _id: 'big', big } }));
    expect(err.message).toContain('object to insert too large');
    expect(await sdkError(coll().doc('big').get())).toBeDefined();
  });

  it('100 concurrent _.inc(1) give exactly 100', async () => {
    await coll()
      .doc('counter')
      .set({ data: { n: 0 } });
    await Promise.all(
      Array.from({ length: 100 }, () =>
        coll()
          .doc('counter')
          .update({ data: { n: _.inc(1) } }),
      ),
    );
    expect((await coll().doc('counter').get()).data.n).toBe(100);
  });
});
