/**
 * Sort, skip and limit pushed into SQL (planner.ts planOrder / Plan.exact, views.ts CommittedView.query) must give
 * exactly what mingo gives over the whole collection: the same documents in the same order, ties included.
 *
 * A randomized property test with a fixed seed: collections whose indexed fields hold one kind of value (pushdown)
 * or a mixture SQL cannot order like mingo (fallback to the JS sort), random filters (index equality, ranges,
 * residual regex / $or / $ne), random sorts (one or two fields, both directions) and skip/limit windows; then the
 * same after writes change what the fields hold. Plus the plan the bench's query gets, and that it reads only the
 * rows it returns.
 */
import fs from 'node:fs';
import { Aggregator, Query, find } from 'mingo';
import { aggregate } from '../../../emulator/database/aggregate';
import * as codec from '../../../emulator/database/codec';
import { Doc } from '../../../emulator/database/codec';
import { RequestContext } from '../../../emulator/database/engine';
import { planOrder, planQuery } from '../../../emulator/database/planner';
import { openTestDatabase, PROJECT_DECLARATION, startTestEmulator } from '../helpers/emulator';
import { watchDocumentReads } from '../helpers/documentReads';

/** Deterministic pseudo-random numbers (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MISSING = Symbol('missing');
type Value = unknown;

const numbers: Value[] = [0, 1, 1, 2, -3, 2.5, -0.5, 10, 1e15, 7, 7, 42];
// Full-width letters (U+FF41…) sort after emoji in UTF-8 / code point order but before them in UTF-16.
const bmpStrings: Value[] = ['a', 'b', 'B', '', 'apple', '中文', '，', 'ａ', 'Z', 'a b', 'é', 'b'];
const astralStrings: Value[] = [...bmpStrings, '😀', 'a😀', '𠀀', 'ａ'];
const dates: Value[] = [0, 1, 1, 86_400_000, -86_400_000, 1.7e12, 1.7e12 + 1].map((ms) => new Date(ms));
const booleans: Value[] = [true, false];
const nullish: Value[] = [null, MISSING];
const complex: Value[] = [[1, 'a'], [], [3], { k: 1 }, ['b']];

/** Each collection's `v` and `w` take values from one pool; `g` is a small group key. */
const SCENARIOS: Record<string, Value[]> = {
  numbers,
  strings: bmpStrings,
  dates,
  booleans,
  numbersAndStrings: [...numbers, ...bmpStrings],
  numbersWithNulls: [...numbers, ...nullish],
  datesWithNulls: [...dates, ...nullish, ...nullish],
  astral: astralStrings, // fallback: SQLite's byte order differs from JS's for these
  mixed: [...numbers, ...bmpStrings, ...booleans, ...dates, ...nullish], // fallback
  arrays: [...numbers, ...complex], // fallback
};
/** Scenarios the SQL order must be used for (asserted, so the property test covers the pushdown it is about). */
const PUSHED = ['numbers', 'strings', 'dates', 'booleans', 'numbersAndStrings', 'numbersWithNulls', 'datesWithNulls'];
const GROUPS = ['g1', 'g2', 'g3'];

const index = (name: string, fields: [string, 1 | -1][]) => ({
  name,
  unique: false,
  keys: fields.map(([field, direction]) => ({ field, direction })),
});

function projectCollection(name: string): object {
  const declared = JSON.parse(fs.readFileSync(PROJECT_DECLARATION, 'utf8')) as { collections: { name: string }[] };
  return declared.collections.find((collection) => collection.name === name)!;
}

function declaration(): object {
  return {
    collections: [
      ...Object.keys(SCENARIOS).map((name) => ({
        name,
        securityRules: { read: false, write: false },
        indexes: [
          index('by_g_v', [
            ['g', 1],
            ['v', 1],
          ]),
          index('by_g_w_v', [
            ['g', 1],
            ['w', -1],
            ['v', 1],
          ]),
          index('by_v', [['v', 1]]),
          index('by_w', [['w', 1]]),
        ],
      })),
      // The bench's collection with the project's own indexes (bench/emulator.ts queries it).
      projectCollection('auditLogs'),
    ],
  };
}

const ctx: RequestContext = { env: 'test', now: Date.UTC(2026, 0, 1) };
const pick = <T>(rnd: () => number, items: T[]): T => items[Math.floor(rnd() * items.length)];

/** A copy made in this realm (structuredClone's arrays would fail mingo's constructor checks under Jest). */
function clone(value: Value): Value {
  if (Array.isArray(value)) return value.map(clone);
  if (value instanceof Date) return new Date(value.getTime());
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)]));
  return value;
}

function makeDoc(rnd: () => number, pool: Value[], n: number): Doc {
  const doc: Doc = { _id: `d${String(n).padStart(4, '0')}` };
  const set = (field: string, value: Value) => {
    if (value !== MISSING) doc[field] = clone(value);
  };
  set('g', rnd() < 0.05 ? MISSING : pick(rnd, GROUPS));
  set('v', pick(rnd, pool));
  // A compound index cannot hold two array fields of one document (parallel arrays).
  set('w', pick(rnd, Array.isArray(doc.v) ? pool.filter((value) => !Array.isArray(value)) : pool));
  doc.n = n % 7;
  return doc;
}

function randomFilter(rnd: () => number, pool: Value[]): Doc {
  const value = () => {
    const v = pick(rnd, pool);
    return v === MISSING ? null : v;
  };
  const g = pick(rnd, GROUPS);
  const scalars = pool.filter((v) => v !== MISSING && v !== null && !Array.isArray(v) && typeof v !== 'object');
  const sameType = () => {
    const a = value();
    const b = pick(
      rnd,
      pool.filter((v) => typeof v === typeof a && v instanceof Date === a instanceof Date),
    );
    return a === null ? [0, 10] : [a, b ?? a];
  };
  switch (Math.floor(rnd() * 17)) {
    case 0:
      return {};
    case 1:
    case 2:
      return { g };
    case 3:
      return { g: { $in: [g, pick(rnd, GROUPS)] } };
    case 4: {
      const [lo] = sameType();
      return { g, v: { [pick(rnd, ['$gt', '$gte'])]: lo } };
    }
    case 5: {
      const [lo, hi] = sameType();
      return { v: { $gte: lo, $lt: hi } };
    }
    case 6:
      return { g, v: /a/i };
    case 7:
      return { g, $or: [{ v: value() }, { w: value() }] };
    case 8:
      return { v: value() };
    case 9:
      return { g, w: { $ne: value() } };
    case 10:
      return { v: { $in: [value(), value()] } };
    case 11:
      return { w: null };
    case 12:
      return { g, v: { $lte: scalars.length ? pick(rnd, scalars) : 5 } };
    // Conditions beyond the index's prefix on other indexed paths (SQL checks them too) and on a path no index has.
    case 14: {
      const [lo] = sameType();
      return { g, v: { $gte: lo }, w: value() };
    }
    case 15: {
      const [lo, hi] = sameType();
      return { g, w: { $lte: hi }, v: { $gt: lo } };
    }
    case 16:
      return { g, w: value(), n: { $lt: 4 } };
    default:
      return { g, n: { $gte: 3 } };
  }
}

function randomSort(rnd: () => number): Record<string, 1 | -1> | undefined {
  const dir = (): 1 | -1 => (rnd() < 0.5 ? 1 : -1);
  switch (Math.floor(rnd() * 8)) {
    case 0:
      return undefined;
    case 1:
      return { v: dir() };
    case 2:
      return { w: dir() };
    case 3:
      return { v: dir(), w: dir() };
    case 4:
      return { w: -1, v: 1 };
    case 5:
      return { g: dir(), v: dir() };
    case 6:
      return { n: dir() }; // not indexed: always the JS sort
    default:
      return { v: dir(), n: dir() };
  }
}

/** What mingo answers over the documents in insertion order. */
function expected(all: Doc[], filter: Doc, sort: Record<string, 1 | -1> | undefined, skip: number, limit?: number): unknown[] {
  let cursor = find(all, filter, undefined, { scriptEnabled: false });
  if (sort) cursor = cursor.sort(sort);
  if (skip) cursor = cursor.skip(skip);
  if (limit !== undefined) cursor = cursor.limit(limit);
  return (cursor.all() as Doc[]).map((doc) => doc._id);
}

describe('sort/skip/limit pushdown gives mingo’s answer', () => {
  const { db, close } = openTestDatabase('pushdown', declaration());
  const engine = db.engine;
  const scope = engine.scope();
  const data = new Map<string, Doc[]>();
  const rnd = prng(20261122);

  beforeAll(() => {
    for (const [name, pool] of Object.entries(SCENARIOS)) {
      const docs = Array.from({ length: 240 }, (_, n) => makeDoc(rnd, pool, n));
      engine.insert(scope, name, docs, ctx);
      data.set(name, docs);
    }
  });
  afterAll(close);

  const stats = { pushedExact: 0, pushedStreamed: 0, jsSort: 0 };

  function check(name: string, queries: number): void {
    const info = engine.storage.collection(name)!;
    const all = data.get(name)!;
    const pool = SCENARIOS[name];
    for (let i = 0; i < queries; i++) {
      const filter = randomFilter(rnd, pool);
      const sort = randomSort(rnd);
      const skip = pick(rnd, [0, 0, 0, 1, 3, 17]);
      const limit = pick(rnd, [undefined, 1, 5, 20, 20, 100]);
      const order = planOrder(info, sort);
      if (order === null) stats.jsSort++;
      else if (planQuery(info, filter).exact) stats.pushedExact++;
      else stats.pushedStreamed++;
      const actual = engine.find(scope, name, filter, { sort, skip, limit }).map((doc) => doc._id);
      const want = expected(all, filter, sort, skip, limit);
      if (JSON.stringify(actual) !== JSON.stringify(want)) {
        throw new Error(
          `${name}: ${codec.encodeWire({ filter, sort, skip, limit })} (SQL order: ${order})\n` +
            `expected ${JSON.stringify(want)}\nreceived ${JSON.stringify(actual)}`,
        );
      }
      const count = engine.count(scope, name, filter);
      const query = new Query(filter, { scriptEnabled: false });
      expect(count).toBe(all.filter((doc) => query.test(doc)).length);
      // The same window as an aggregation: $match, $sort, $skip, $limit are read as one query.
      const stages: Doc[] = [{ $match: filter }];
      if (sort) stages.push({ $sort: sort });
      const paging = [skip ? { $skip: skip } : undefined, limit === undefined ? undefined : { $limit: limit }];
      if (i % 3 === 0) paging.reverse(); // $limit then $skip: not one window (the skip applies within the limit)
      for (const stage of paging) if (stage) stages.push(stage);
      stages.push({ $project: { _id: 1 } });
      const aggregated = aggregate(engine, scope, name, stages).map((doc) => doc._id);
      const wanted = (new Aggregator(stages, { scriptEnabled: false }).run(all) as Doc[]).map((doc) => doc._id);
      expect({ stages, ids: aggregated }).toEqual({ stages, ids: limit === undefined ? wanted.slice(0, 20) : wanted });
    }
  }

  it.each(Object.keys(SCENARIOS))('%s', (name) => {
    const info = engine.storage.collection(name)!;
    expect(planOrder(info, { v: -1 }) !== null).toBe(PUSHED.includes(name));
    check(name, 300);
  });

  it('stays exact after writes change what the indexed fields hold', () => {
    // Numbers gain booleans (SQL can no longer order or match them like mingo), strings gain an astral character,
    // dates gain numbers; each then has to fall back.
    const changes: [string, Value][] = [
      ['numbers', true],
      ['strings', '😀'],
      ['dates', 5],
    ];
    for (const [name, value] of changes) {
      const info = engine.storage.collection(name)!;
      expect(planOrder(info, { v: 1 })).not.toBeNull();
      const all = data.get(name)!;
      for (const doc of all.slice(0, 30)) {
        engine.modify(scope, name, { _id: doc._id }, { $set: { v: value } }, { multi: false, merge: true, upsert: false }, ctx);
        doc.v = value;
      }
      expect(planOrder(info, { v: 1 })).toBeNull();
      check(name, 150);
    }
  });

  it('a condition on another indexed path than the index’s prefix is checked in SQL: a count reads no document', () => {
    // by_g_v serves g and the range on v; w is indexed elsewhere (by_w), so SQL checks it on those rows too.
    const info = engine.storage.collection('numbersWithNulls')!;
    const all = data.get('numbersWithNulls')!;
    const filter = { g: 'g2', v: { $gte: 1 }, w: { $lt: 10 } };
    expect(planQuery(info, filter)).toMatchObject({ index: 'by_g_v', exact: true });
    const reads = watchDocumentReads();
    try {
      const query = new Query(filter, { scriptEnabled: false });
      const want = all.filter((doc) => query.test(doc)).length;
      expect(want).toBeGreaterThan(0);
      expect(engine.count(scope, 'numbersWithNulls', filter)).toBe(want);
      expect(reads.count).toBe(0);
      // A condition on a path no index has still needs the documents.
      expect(planQuery(info, { ...filter, n: 3 }).exact).toBe(false);
    } finally {
      reads.restore();
    }
  });

  it('took every path', () => {
    expect(stats.pushedExact).toBeGreaterThan(300);
    expect(stats.pushedStreamed).toBeGreaterThan(300);
    expect(stats.jsSort).toBeGreaterThan(300);
  });
});

describe('the indexed query of the bench', () => {
  const { db, close } = openTestDatabase('pushdown', declaration());
  const engine = db.engine;
  const scope = engine.scope();
  const storage = engine.storage;
  const info = storage.collection('auditLogs')!;
  const all: Doc[] = [];

  beforeAll(() => {
    for (let n = 0; n < 3000; n++) {
      // Two documents per instant: ties, which keep insertion order in both directions.
      all.push({ _id: `log-${n}`, communityId: `c${n % 3}`, createdAt: new Date(Date.UTC(2026, 0, 1) + Math.floor(n / 6) * 60_000), n });
    }
    engine.insert(scope, 'auditLogs', all, ctx);
  });
  afterAll(close);

  const filter = { communityId: 'c1' };

  it('is answered by SQL alone: index for the equality and the order, LIMIT in SQL', () => {
    const plan = planQuery(info, filter);
    expect(plan).toMatchObject({ index: 'by_community_createdAt', exact: true });
    for (const direction of [-1, 1] as const) {
      const orderBy = planOrder(info, { createdAt: direction })!;
      expect(orderBy).not.toBeNull();
      const detail = storage.explain(info, plan.filter, { orderBy, limit: 20 }).join(' | ');
      expect(detail).toMatch(/SEARCH .* USING INDEX x_auditLogs__by_community_createdAt \(<expr>=\?\)/);
      expect(detail).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
      // The index is (communityId, createdAt desc): descending — the bench's order — is the index order, ties in
      // insertion order included. Ascending walks it backwards; only rows with equal createdAt are put back in
      // insertion order (SQLite sorts the last ORDER BY term within each run of equal keys, still stopping early).
      if (direction === -1) expect(detail).not.toMatch(/TEMP B-TREE/);
      else expect(detail).toMatch(/USE TEMP B-TREE FOR LAST TERM OF ORDER BY/);
    }
  });

  it('parses only the documents it returns', () => {
    const reads = watchDocumentReads();
    try {
      const docs = engine.find(scope, 'auditLogs', filter, { sort: { createdAt: -1 }, skip: 40, limit: 20 });
      expect(docs.map((doc) => doc._id)).toEqual(expected(all, filter, { createdAt: -1 }, 40, 20));
      expect(reads.count).toBe(20);
      reads.clear();
      // What getDocument sends: the stored text of those 20, not even parsed.
      const wire = engine.findForWire(scope, 'auditLogs', filter, { sort: { createdAt: -1 }, skip: 40, limit: 20 });
      expect(wire.map((text) => (codec.decodeWire(text, 0) as Doc)._id)).toEqual(docs.map((doc) => doc._id));
      expect(reads.count).toBe(0);
      // A residual condition (not answerable by the index): rows stream in index order until 20 match.
      const residual = { communityId: 'c1', n: { $gte: 2500 } };
      const recent = engine.find(scope, 'auditLogs', residual, { sort: { createdAt: -1 }, limit: 20 });
      expect(recent.map((doc) => doc._id)).toEqual(expected(all, residual, { createdAt: -1 }, 0, 20));
      expect(reads.count).toBeLessThanOrEqual(20);
    } finally {
      reads.restore();
    }
  });

  it('counts without reading documents when SQL is exact', () => {
    const reads = watchDocumentReads();
    try {
      expect(engine.count(scope, 'auditLogs', filter)).toBe(1000);
      expect(reads.count).toBe(0);
    } finally {
      reads.restore();
    }
  });

  it('inside a transaction sees its own writes in order (the merged view sorts in JS)', () => {
    const tx = engine.transactions.start('test');
    try {
      engine.insert(tx, 'auditLogs', [{ _id: 'tx-new', communityId: 'c1', createdAt: new Date(Date.UTC(2030, 0, 1)) }], ctx);
      engine.modify(
        tx,
        'auditLogs',
        { _id: 'log-2998' },
        { $set: { createdAt: new Date(0) } },
        { multi: false, merge: true, upsert: false },
        ctx,
      );
      engine.remove(tx, 'auditLogs', { _id: 'log-2995' }, false);
      const inside = engine.find(tx, 'auditLogs', filter, { sort: { createdAt: -1 }, limit: 5 }).map((doc) => doc._id);
      const outside = engine.find(scope, 'auditLogs', filter, { sort: { createdAt: -1 }, limit: 5 }).map((doc) => doc._id);
      expect(outside).toEqual(expected(all, filter, { createdAt: -1 }, 0, 5));
      const merged = [
        ...all.filter((doc) => doc._id !== 'log-2995').map((doc) => (doc._id === 'log-2998' ? { ...doc, createdAt: new Date(0) } : doc)),
        { _id: 'tx-new', communityId: 'c1', createdAt: new Date(Date.UTC(2030, 0, 1)) },
      ];
      expect(inside).toEqual(expected(merged, filter, { createdAt: -1 }, 0, 5));
      expect(inside[0]).toBe('tx-new');
      expect(engine.find(tx, 'auditLogs', filter, { sort: { createdAt: 1 }, limit: 1 })[0]._id).toBe('log-2998');
    } finally {
      engine.transactions.abort(tx.id);
    }
  });
});

it('through the real SDK: the bench query pages like mingo', async () => {
  const t = await startTestEmulator({ declaration: declaration() });
  try {
    const logs = t.db.collection('auditLogs');
    const docs = Array.from({ length: 150 }, (_, n) => ({
      _id: `log-${n}`,
      communityId: n % 2 ? 'odd' : 'even',
      createdAt: new Date(Date.UTC(2026, 0, 1) + (n % 40) * 1000),
    }));
    await logs.add({ data: docs });
    const filter = { communityId: 'odd' };
    for (const [skip, limit] of [
      [0, 20],
      [20, 20],
      [60, 20],
    ]) {
      const page = await logs.where(filter).orderBy('createdAt', 'desc').skip(skip).limit(limit).get();
      expect(page.data.map((doc) => doc._id)).toEqual(expected(docs, filter, { createdAt: -1 }, skip, limit));
      expect((page.data[0]?.createdAt as Date | undefined)?.constructor).toBe(Date);
    }
    expect(t.logs.filter((line) => line.includes('WARN'))).toEqual([]);
  } finally {
    await t.close();
  }
});
