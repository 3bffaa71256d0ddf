/**
 * Documents read again are copied from the cache instead of parsed (documentCache.ts): the copy must be what a parse
 * gives, a reader's changes must never reach another reader, and a write must never leave a stale document behind.
 */
import { Binary, ObjectId } from 'bson';
import { Doc, fromStoredJson, toStoredJson } from '../../../emulator/database/codec';
import { aggregate } from '../../../emulator/database/aggregate';
import { DocumentCache } from '../../../emulator/database/documentCache';
import type { RequestContext } from '../../../emulator/database/engine';
import { openTestDatabase } from '../helpers/emulator';

const plain: Doc = {
  _id: 'p',
  name: '张三',
  floor: 3,
  ratio: 1 / 3,
  odd: [NaN, Infinity, -Infinity],
  flags: [true, false, null],
  at: new Date(1767225600123),
  events: [{ kind: 'started', at: new Date(0), by: { openid: 'o-1', name: '网格员' } }],
  empty: {},
  none: [],
};

describe('DocumentCache', () => {
  it('answers a second read of the same content from the cache, equal to a parse and a copy of its own', () => {
    const cache = new DocumentCache();
    const json = toStoredJson(plain);
    const first = cache.read('t', 'p', 1, json);
    const second = cache.read('t', 'p', 1, json);
    expect([cache.misses, cache.hits]).toEqual([1, 1]);
    expect(second).toEqual(fromStoredJson(json));
    expect(toStoredJson(second)).toBe(json);
    expect(second).not.toBe(first);
    expect(second.events).not.toBe(first.events);
    expect(second.at).toBeInstanceOf(Date);
    expect((second.odd as number[]).map(String)).toEqual(['NaN', 'Infinity', '-Infinity']);
  });

  it('a reader changing its copy, however deep, changes nothing another reader gets', () => {
    const cache = new DocumentCache();
    const json = toStoredJson(plain);
    const mine = cache.read('t', 'p', 1, json) as typeof plain & { events: { by: { name: string } }[] };
    mine.name = '改了';
    mine.events[0].by.name = '改了';
    (mine.at as Date).setTime(0);
    (mine.flags as unknown[]).push('x');
    const again = cache.read('t', 'p', 1, json);
    expect(cache.hits).toBe(1);
    expect(toStoredJson(again)).toBe(json);
  });

  it('a new commit sequence number is new content: parsed, and kept instead of the old', () => {
    const cache = new DocumentCache();
    cache.read('t', 'p', 1, toStoredJson(plain));
    const changed = toStoredJson({ ...plain, name: '李四' });
    expect(cache.read('t', 'p', 2, changed).name).toBe('李四');
    expect(cache.read('t', 'p', 2, changed).name).toBe('李四');
    expect([cache.misses, cache.hits, cache.size]).toEqual([2, 1, 1]);
  });

  it('keeps documents apart by collection and key', () => {
    const cache = new DocumentCache();
    cache.read('a', 'p', 1, toStoredJson({ _id: 'p', in: 'a' }));
    expect(cache.read('b', 'p', 1, toStoredJson({ _id: 'p', in: 'b' })).in).toBe('b');
    expect(cache.read('a', 'q', 1, toStoredJson({ _id: 'q', in: 'a' })).in).toBe('a');
    expect(cache.hits).toBe(0);
  });

  it('parses documents holding other values (ObjectId, regular expression, Binary) every time, exactly', () => {
    const cache = new DocumentCache();
    const others: Doc[] = [
      { _id: 'oid', ref: new ObjectId('64b7f0a1c2d3e4f5a6b7c8d9') },
      { _id: 're', pattern: /a+b/im },
      { _id: 'bin', data: new Binary(Buffer.from('hi')) },
    ];
    for (const doc of others) {
      const json = toStoredJson(doc);
      for (let i = 0; i < 2; i++) expect(toStoredJson(cache.read('t', String(doc._id), 1, json))).toBe(json);
    }
    expect([cache.hits, cache.size]).toEqual([0, 0]);
  });

  it('keeps a "__proto__" key as the document’s own field', () => {
    const cache = new DocumentCache();
    const json = '{"_id":"x","__proto__":{"polluted":true},"k":1}';
    cache.read('t', 'x', 1, json);
    const copy = cache.read('t', 'x', 1, json);
    expect(cache.hits).toBe(1);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['_id', '__proto__', 'k']);
    expect((copy as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('copies only the fields a reader asks for from a kept document; a parsed one is whole', () => {
    const cache = new DocumentCache();
    const json = toStoredJson(plain);
    const fields = new Set(['name', 'events', 'missing']);
    expect(cache.read('t', 'p', 1, json, fields)).toEqual(fromStoredJson(json));
    const kept = cache.read('t', 'p', 1, json, fields);
    expect(kept).toEqual({ name: '张三', events: plain.events });
    expect(kept.events).not.toBe(cache.read('t', 'p', 1, json, fields).events);
  });

  it('lets the oldest documents go past its capacity', () => {
    const cache = new DocumentCache(2);
    for (const key of ['a', 'b', 'c']) cache.read('t', key, 1, toStoredJson({ _id: key }));
    cache.read('t', 'a', 1, toStoredJson({ _id: 'a' }));
    cache.read('t', 'c', 1, toStoredJson({ _id: 'c' }));
    expect([cache.size, cache.hits, cache.misses]).toEqual([2, 1, 4]);
  });
});

describe('the database reads through it', () => {
  const ctx: RequestContext = { env: 'test', now: Date.UTC(2026, 0, 1) };
  const { db, close } = openTestDatabase('document-cache', {
    collections: [
      { name: 'people', securityRules: { read: false, write: false }, indexes: [] },
      {
        name: 'visits',
        securityRules: { read: false, write: false },
        indexes: [
          {
            name: 'by_person',
            unique: false,
            keys: [
              { field: 'personId', direction: 1 },
              { field: 'day', direction: 1 },
            ],
          },
        ],
      },
    ],
  });
  afterAll(close);
  const engine = db.engine;
  const scope = engine.scope();

  it('a document read again comes from the cache; after a write, the new content', () => {
    engine.insert(scope, 'people', [{ _id: 'p1', name: '张三', tags: ['a'] }], ctx);
    const cache = engine.storage.documents;
    const first = engine.find(scope, 'people', { _id: 'p1' });
    const hits = cache.hits;
    (first[0].tags as string[]).push('mutated by a reader');
    expect(engine.find(scope, 'people', { _id: 'p1' })).toEqual([{ _id: 'p1', name: '张三', tags: ['a'] }]);
    expect(cache.hits).toBe(hits + 1);
    engine.modify(scope, 'people', { _id: 'p1' }, { $set: { name: '李四' } }, { multi: false, merge: true, upsert: false }, ctx);
    expect(engine.find(scope, 'people', { _id: 'p1' })).toEqual([{ _id: 'p1', name: '李四', tags: ['a'] }]);
  });

  it('a transaction’s reads and commit leave no stale document behind', () => {
    engine.insert(scope, 'people', [{ _id: 'p2', name: '王五' }], ctx);
    engine.find(scope, 'people', { _id: 'p2' });
    const tx = engine.transactions.start('test');
    expect(engine.find(tx, 'people', { _id: 'p2' })).toEqual([{ _id: 'p2', name: '王五' }]);
    engine.modify(tx, 'people', { _id: 'p2' }, { $set: { name: '赵六' } }, { multi: false, merge: true, upsert: false }, ctx);
    expect(engine.find(scope, 'people', { _id: 'p2' })[0].name).toBe('王五');
    engine.transactions.commit(tx.id);
    expect(engine.find(scope, 'people', { _id: 'p2' })[0].name).toBe('赵六');
  });

  it('a projection after a read, or after a joined read, gets the same answer from copies of just its fields', () => {
    engine.insert(
      scope,
      'people',
      ['a', 'b', 'c'].map((id, i) => ({ _id: `q-${id}`, group: 'q', name: `人${i}`, floor: i, notes: { long: 'x'.repeat(200) } })),
      ctx,
    );
    engine.insert(
      scope,
      'visits',
      ['a', 'a', 'b'].map((id, i) => ({ _id: `v-${i}`, personId: `q-${id}`, day: '2026-01-01', temperature: 36 + i / 10, by: '楼道长' })),
      ctx,
    );
    const stages: Doc[] = [{ $match: { _id: { $in: ['q-a', 'q-b', 'q-c'] } } }, { $project: { _id: 0, name: 1, floor: 1 } }];
    const joined: Doc[] = [
      { $match: { _id: { $in: ['q-a', 'q-b', 'q-c'] } } },
      { $project: { name: 1 } },
      {
        $lookup: {
          from: 'visits',
          let: { id: '$_id' },
          pipeline: [{ $match: { day: '2026-01-01', $expr: { $eq: ['$personId', '$$id'] } } }, { $project: { _id: 0, temperature: 1 } }],
          as: 'visits',
        },
      },
    ];
    const cold = [aggregate(engine, scope, 'people', stages), aggregate(engine, scope, 'people', joined)];
    // Warm, an aggregation's rows are copied from the kept documents (a lean read: their JSON is not read at all).
    const copy = jest.spyOn(DocumentCache.prototype, 'copy');
    try {
      expect([aggregate(engine, scope, 'people', stages), aggregate(engine, scope, 'people', joined)]).toEqual(cold);
      const asked = copy.mock.calls.map(([, fields]) => [...(fields ?? [])].sort());
      expect(asked).toContainEqual(['floor', 'name']);
      expect(asked).toContainEqual(['_id', 'name']);
      expect(asked).toContainEqual(['personId', 'temperature']);
    } finally {
      copy.mockRestore();
    }
    expect(cold[1]).toEqual([
      { _id: 'q-a', name: '人0', visits: [{ temperature: 36 }, { temperature: 36.1 }] },
      { _id: 'q-b', name: '人1', visits: [{ temperature: 36.2 }] },
      { _id: 'q-c', name: '人2', visits: [] },
    ]);
  });

  describe('a lean read (selectParsed: an aggregation reads only the documents, never their JSON)', () => {
    const storage = engine.storage;
    const leanRead = (ids: string[]) =>
      storage.selectParsed(storage.collection('people')!, { where: `key IN (${ids.map(() => '?').join(', ')})`, params: ids });
    const seed = (ids: string[]) =>
      engine.insert(
        scope,
        'people',
        ids.map((id, i) => ({ _id: id, group: 'lean', name: `住户${i}`, rooms: [{ no: i }] })),
        ctx,
      );

    it('leaves the JSON of kept documents unread, and reads that of the rest', () => {
      seed(['l-a', 'l-b', 'l-c']);
      engine.find(scope, 'people', { _id: { $in: ['l-a', 'l-b'] } }); // now kept
      const rows = leanRead(['l-a', 'l-b', 'l-c']);
      expect(rows.map((row) => [row.key, row.json === undefined])).toEqual([
        ['l-a', true],
        ['l-b', true],
        ['l-c', false],
      ]);
      expect(rows.map((row) => row.doc)).toEqual(engine.find(scope, 'people', { _id: { $in: ['l-a', 'l-b', 'l-c'] } }));
      // Each reader's copy is its own.
      (rows[0].doc.rooms as { no: number }[])[0].no = 99;
      expect(leanRead(['l-a'])[0].doc.rooms).toEqual([{ no: 0 }]);
    });

    it('reads a document changed since it was kept: the new content', () => {
      seed(['l-d']);
      engine.find(scope, 'people', { _id: 'l-d' });
      engine.modify(scope, 'people', { _id: 'l-d' }, { $set: { name: '改过' } }, { multi: false, merge: true, upsert: false }, ctx);
      const [row] = leanRead(['l-d']);
      expect(row.json).toBeDefined();
      expect(row.doc.name).toBe('改过');
    });

    it('holds on to the kept documents it found, so that documents the cache lets go meanwhile are still answered', () => {
      seed(['l-e', 'l-f', 'l-g']);
      // A cache of one document: reading l-f and l-g (not kept) lets l-e go before its row is looked at.
      const small = new DocumentCache(1);
      const kept = Object.getOwnPropertyDescriptor(storage, 'documents')!;
      Object.defineProperty(storage, 'documents', { value: small });
      try {
        leanRead(['l-e']).map((row) => row.doc);
        const rows = leanRead(['l-e', 'l-f', 'l-g']);
        expect(rows.map((row) => row.json === undefined)).toEqual([true, false, false]);
        const [e, f, g] = [rows[0], rows[1], rows[2]];
        expect([f.doc.name, g.doc.name]).toEqual(['住户1', '住户2']);
        expect(small.kept('c_people', 'l-e', e.seq)).toBeUndefined(); // let go…
        expect(e.doc).toEqual({ _id: 'l-e', group: 'lean', name: '住户0', rooms: [{ no: 0 }] }); // …and still answered
      } finally {
        Object.defineProperty(storage, 'documents', kept);
      }
    });
  });
});
