/**
 * Counting aggregations answered from the indexes (groupPushdown.ts) must give exactly what mingo gives over the
 * stored documents — what the emulator answered before — and read no document when they are pushed down.
 *
 * A randomized property test with a fixed seed: collections whose grouped fields hold values the SQL keys decode
 * exactly (strings, numbers incl. -0 / integers / floats / 1e21, booleans, null and missing, mixes of strings with
 * numbers or booleans) and ones that must fall back (numbers with booleans, dates, arrays/objects, astral strings);
 * random filters (exact in SQL or not), random `_id` shapes (null, constants, a path, objects of paths, paths no index
 * has), count and non-count accumulators, stages after the group. Then the same after writes change what a field
 * holds, the board's pipelines reading no document, transactions, and the real SDK.
 */
import { Aggregator } from 'mingo';
import { aggregate } from '../../../emulator/database/aggregate';
import { Doc } from '../../../emulator/database/codec';
import { explainGroupCount } from '../../../emulator/database/groupPushdown';
import { RequestContext } from '../../../emulator/database/engine';
import { planQuery } from '../../../emulator/database/planner';
import { prng } from '../../../bench/lib/emulatorOps';
import { openTestDatabase, startTestEmulator } from '../helpers/emulator';
import { watchDocumentReads } from '../helpers/documentReads';

const MISSING = Symbol('missing');
type Value = unknown;

const strings: Value[] = ['', 'a', 'a', 'b', 'B', '中文', '1', 'a\u0000b', 'é', 'x y', '101'];
const numbers: Value[] = [0, -0, 1, 1.0, 1, 2.5, -3, 1e21, 0.1, 2 ** 53, 7, 42, 1 / 3, -1e-7];
const booleans: Value[] = [true, false, false];
const nullish: Value[] = [null, MISSING];

/** What `a` and `b` take in each collection; `g` is a small string key, `n` a field no index has. */
const SCENARIOS: Record<string, Value[]> = {
  strings,
  numbers,
  booleans,
  stringsAndNumbers: [...strings, ...numbers],
  stringsAndBooleans: [...strings, ...booleans],
  stringsWithNulls: [...strings, ...nullish],
  numbersWithNulls: [...numbers, ...nullish],
  booleansWithNulls: [...booleans, ...nullish, ...nullish],
  // Fallbacks: 1 and true share a SQL key; dates, arrays/objects, astral strings are never decoded from SQL.
  numbersAndBooleans: [...numbers, ...booleans],
  dates: [new Date(0), new Date(1), new Date(1.7e12), null],
  arrays: [...strings.slice(0, 4), ['a'], [], { k: 1 }],
  astral: [...strings, '😀', 'a😀'],
};
const PUSHED = [
  'strings',
  'numbers',
  'booleans',
  'stringsAndNumbers',
  'stringsAndBooleans',
  'stringsWithNulls',
  'numbersWithNulls',
  'booleansWithNulls',
];
const GROUPS = ['g1', 'g2', 'g3'];

const index = (name: string, fields: string[]) => ({ name, unique: false, keys: fields.map((field) => ({ field, direction: 1 })) });

function declaration(): object {
  return {
    collections: Object.keys(SCENARIOS).map((name) => ({
      name,
      securityRules: { read: false, write: false },
      indexes: [index('by_g_a_b', ['g', 'a', 'b']), index('by_b', ['b'])],
    })),
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
  set('g', pick(rnd, GROUPS));
  set('a', pick(rnd, pool));
  // A compound index cannot hold two array fields of one document (parallel arrays).
  set('b', pick(rnd, Array.isArray(doc.a) ? pool.filter((value) => !Array.isArray(value)) : pool));
  doc.n = n % 5;
  return doc;
}

function randomFilter(rnd: () => number, pool: Value[]): Doc | undefined {
  const value = () => {
    const v = pick(rnd, pool);
    return v === MISSING ? null : clone(v);
  };
  const g = pick(rnd, GROUPS);
  switch (Math.floor(rnd() * 11)) {
    case 0:
      return undefined; // no $match at all
    case 1:
      return {};
    case 2:
    case 3:
      return { g };
    case 4:
      return { g: { $in: [g, pick(rnd, GROUPS)] } };
    case 5:
      return { g, a: value() };
    case 6:
      return { b: value() };
    case 7:
      return { g, b: { $in: [value(), value()] } };
    // Not exact in SQL: mingo has to decide, so the group runs as before.
    case 8:
      return { g, n: { $gte: 2 } };
    case 9:
      return { g, a: { $ne: value() } };
    default:
      return { $or: [{ g }, { a: value() }] };
  }
}

/** A `$group` spec, and whether its shape is one the pushdown takes (given what the fields hold). */
function randomGroup(rnd: () => number): { spec: Doc; pushable: boolean } {
  const count = { n: { $sum: 1 } };
  switch (Math.floor(rnd() * 14)) {
    case 0:
      return { spec: { _id: null, ...count }, pushable: true };
    case 1:
      return { spec: { _id: pick(rnd, ['all', 7, true, 0]), n: { $sum: 1 }, triple: { $sum: 3 } }, pushable: true };
    case 2:
    case 3:
      return { spec: { _id: pick(rnd, ['$a', '$b', '$g']), ...count }, pushable: true };
    case 4:
    case 5:
      return { spec: { _id: { a: '$a', b: '$b' }, ...count }, pushable: true };
    case 6:
      return { spec: { _id: { building: '$g', b: '$b', a: '$a' }, ...count }, pushable: true };
    case 7:
      return { spec: { _id: { b: '$b' }, n: { $sum: 2 }, m: { $sum: 1 } }, pushable: true };
    // Shapes that are not counts of index keys.
    case 8:
      return { spec: { _id: '$n', ...count }, pushable: false }; // no index has n
    case 9:
      return { spec: { _id: { a: '$a', n: '$n' }, ...count }, pushable: false };
    case 10:
      return { spec: { _id: '$a', total: { $sum: '$n' } }, pushable: false };
    case 11:
      return { spec: { _id: '$a', n: { $sum: 1 }, last: { $last: '$n' } }, pushable: false };
    case 12:
      return { spec: { _id: { $toString: '$a' }, ...count }, pushable: false };
    default:
      return { spec: { _id: '$b', n: { $sum: 0.5 } }, pushable: false };
  }
}

function randomTail(rnd: () => number): Doc[] {
  switch (Math.floor(rnd() * 6)) {
    case 0:
      return [{ $sort: { n: -1 } }];
    case 1:
      return [{ $limit: 2 }];
    case 2:
      return [{ $sort: { n: 1 } }, { $limit: 3 }];
    case 3:
      return [{ $count: 'groups' }];
    default:
      return [];
  }
}

/** mingo over the stored documents in natural order, with CloudBase's 20-result default: the emulator's old answer. */
function mingoAnswer(stored: Doc[], stages: Doc[]): Doc[] {
  const out = new Aggregator(stages, { scriptEnabled: false }).run(stored) as Doc[];
  return stages.some((stage) => '$limit' in stage) ? out : out.slice(0, 20);
}

/** mingo's answer, or the error it raises (e.g. `$toString` of an array), which the emulator must raise too. */
function mingoOutcome(stored: Doc[], stages: Doc[]): Doc[] | { error: string } {
  try {
    return mingoAnswer(stored, stages);
  } catch (err) {
    return { error: `[FailedOperation] ${(err as Error).message}` }; // as errors.ts requestFailed words it
  }
}

describe('group counts from the indexes give mingo’s answer', () => {
  const { db, close } = openTestDatabase('group-pushdown', declaration());
  const engine = db.engine;
  const scope = engine.scope();
  const rnd = prng(20261122);
  const stats = { pushed: 0, fellBack: 0, counts: 0 };

  beforeAll(() => {
    for (const [name, pool] of Object.entries(SCENARIOS)) {
      engine.insert(
        scope,
        name,
        Array.from({ length: 300 }, (_, n) => makeDoc(rnd, pool, n)),
        ctx,
      );
    }
  });
  afterAll(close);

  function check(name: string, pipelines: number, pushes: boolean): void {
    const info = engine.storage.collection(name)!;
    const stored = scope.view.find(info, {}).map((row) => row.doc);
    const pool = SCENARIOS[name];
    for (let i = 0; i < pipelines; i++) {
      const filter = randomFilter(rnd, pool);
      const stages: Doc[] = filter ? [{ $match: filter }] : [];
      let pushable: boolean;
      let want: Doc[] | { error: string };
      if (rnd() < 0.1) {
        // A leading $count: MongoDB answers no document for none (mingo alone would say {c: 0}).
        stages.push({ $count: 'c' });
        pushable = false; // parsed or not depends on the filter only (count's own fast path)
        want = mingoAnswer(stored, stages).filter((doc) => doc.c !== 0);
        stats.counts++;
      } else {
        const group = randomGroup(rnd);
        stages.push({ $group: group.spec }, ...randomTail(rnd));
        pushable = pushes && group.pushable && planQuery(info, filter ?? {}).exact;
        want = mingoOutcome(stored, stages);
      }
      const reads = watchDocumentReads();
      let actual: Doc[] | { error: string };
      let parsed: number;
      try {
        try {
          actual = aggregate(engine, scope, name, stages);
        } catch (err) {
          actual = { error: (err as Error).message };
        }
        parsed = reads.count;
      } finally {
        reads.restore();
      }
      // toStrictEqual: `{a: undefined}` (an object _id over a missing field) is not `{}`, and types must agree.
      expect({ name, stages, answer: actual }).toStrictEqual({ name, stages, answer: want });
      if (pushable) {
        expect({ stages, parsed }).toEqual({ stages, parsed: 0 });
        stats.pushed++;
      } else if (!('$count' in stages[stages.length - 1]) && stored.length > 0 && parsed > 0) {
        stats.fellBack++;
      }
    }
  }

  it.each(Object.keys(SCENARIOS))('%s', (name) => check(name, 250, PUSHED.includes(name)));

  it('falls back once a write puts a value the SQL keys cannot stand for', () => {
    // Strings gain a date, numbers a boolean (1 and true share a key), booleans an array.
    const changes: [string, Value][] = [
      ['strings', new Date(5)],
      ['numbers', true],
      ['booleans', ['x']],
    ];
    for (const [name, value] of changes) {
      const stages = [{ $group: { _id: '$a', n: { $sum: 1 } } }];
      const reads = watchDocumentReads();
      try {
        aggregate(engine, scope, name, stages);
        expect(reads.count).toBe(0);
        engine.modify(scope, name, { _id: 'd0007' }, { $set: { a: value } }, { multi: false, merge: true, upsert: false }, ctx);
        reads.clear();
        aggregate(engine, scope, name, stages);
        expect(reads.count).toBeGreaterThan(0);
      } finally {
        reads.restore();
      }
      check(name, 100, false);
    }
  });

  it('took both paths', () => {
    expect(stats.pushed).toBeGreaterThan(600);
    expect(stats.fellBack).toBeGreaterThan(800);
    expect(stats.counts).toBeGreaterThan(200);
  });
});

/** The board's collections, declared with the indexes the board's counting pipelines need (test-only here). */
function boardDeclaration(): object {
  return {
    collections: [
      {
        name: 'checkIns',
        securityRules: { read: false, write: false },
        indexes: [index('by_grid_day_status_building_slot', ['communityId', 'gridId', 'day', 'status', 'buildingId', 'slot', 'abnormal'])],
      },
      {
        name: 'isolations',
        securityRules: { read: false, write: false },
        indexes: [
          index('by_grid_lastDay', ['communityId', 'gridId', 'lastDay']),
          index('by_grid_building', ['communityId', 'gridId', 'buildingId', 'buildingName']),
          index('by_grid_building_status_lastDay_startDay', [
            'communityId',
            'gridId',
            'buildingId',
            'buildingName',
            'status',
            'lastDay',
            'startDay',
          ]),
          index('by_startDay', ['startDay']),
          index('by_createdAt', ['createdAt']),
          index('by_releasedAt', ['releasedAt']),
        ],
      },
    ],
  };
}

function boardDocs(): { checkIns: Doc[]; isolations: Doc[] } {
  const rnd = prng(7);
  const checkIns: Doc[] = [];
  const isolations: Doc[] = [];
  for (let i = 0; i < 2000; i++) {
    checkIns.push({
      _id: `ci${i}`,
      communityId: 'c1',
      gridId: pick(rnd, ['g1', 'g2']),
      day: pick(rnd, ['2026-11-21', '2026-11-22']),
      status: pick(rnd, ['current', 'current', 'superseded']),
      buildingId: pick(rnd, ['b1', 'b2', 'b3']),
      slot: pick(rnd, ['morning', 'evening']),
      abnormal: rnd() < 0.1,
      residentId: `r${i % 700}`,
      temperature: 36.5,
    });
    const released = rnd() < 0.2;
    isolations.push({
      _id: `iso${i}`,
      communityId: 'c1',
      gridId: pick(rnd, ['g1', 'g2']),
      buildingId: `b${1 + (i % 3)}`,
      buildingName: `${1 + (i % 3)}号楼`,
      startDay: pick(rnd, ['2026-11-10', '2026-11-15', '2026-11-23']),
      lastDay: pick(rnd, ['2026-11-20', '2026-11-24', '2026-11-30']),
      createdAt: new Date(Date.UTC(2026, 10, 1) + i * 600_000),
      releasedAt: released ? new Date(Date.UTC(2026, 10, 20)) : null,
      status: released ? 'released' : 'active',
    });
  }
  return { checkIns, isolations };
}

describe('the grid board’s counting pipelines', () => {
  const { db, close } = openTestDatabase('group-pushdown', boardDeclaration());
  const engine = db.engine;
  const scope = engine.scope();
  const docs = boardDocs();
  const stored = (name: string) => scope.view.find(engine.storage.collection(name)!, {}).map((row) => row.doc);

  beforeAll(() => {
    engine.insert(scope, 'checkIns', docs.checkIns, ctx);
    engine.insert(scope, 'isolations', docs.isolations, ctx);
  });
  afterAll(close);

  const checkIns: Doc[] = [
    { $match: { communityId: 'c1', gridId: 'g1', day: '2026-11-22', status: 'current' } },
    { $group: { _id: { buildingId: '$buildingId', slot: '$slot', abnormal: '$abnormal' }, n: { $sum: 1 } } },
    { $sort: { n: -1 } },
    { $limit: 100 },
  ];
  const isolations: Doc[] = [
    {
      $match: {
        communityId: 'c1',
        gridId: 'g2',
        lastDay: { $gte: '2026-11-22' },
        startDay: { $lte: '2026-11-22' },
        createdAt: { $lt: new Date(Date.UTC(2026, 10, 22)) },
        releasedAt: null,
      },
    },
    { $group: { _id: { buildingId: '$buildingId', buildingName: '$buildingName' }, n: { $sum: 1 } } },
  ];

  // The steady isolations per building, as the grid board counts them: an index with the grouped fields right after
  // the equalities and the other conditions after those is named, though another serves more of the conditions.
  const steady: Doc[] = [
    {
      $match: {
        communityId: 'c1',
        gridId: 'g1',
        status: { $in: ['active', 'ended'] },
        lastDay: { $gte: '2026-11-22' },
        startDay: { $lte: '2026-11-22' },
      },
    },
    { $group: { _id: { buildingId: '$buildingId', buildingName: '$buildingName' }, people: { $sum: 1 } } },
  ];

  it.each([
    ['checkIns', checkIns],
    ['isolations', isolations],
    ['isolations', steady],
  ])('%s: mingo’s answer without parsing a document', (name, stages) => {
    const want = mingoAnswer(stored(name), stages);
    expect(want.length).toBeGreaterThan(1);
    const reads = watchDocumentReads();
    try {
      expect(aggregate(engine, scope, name, stages)).toStrictEqual(want);
      expect(reads.count).toBe(0);
    } finally {
      reads.restore();
    }
  });

  it('the index finds the rows and hands them over in group order (no sort for the GROUP BY)', () => {
    const plan = (name: string, stages: Doc[]) =>
      explainGroupCount(engine.storage, scope.view, engine.storage.collection(name)!, stages[0].$match as Doc, stages[1])!.join(' | ');
    const checkInPlan = plan('checkIns', checkIns);
    expect(checkInPlan).toMatch(
      /SEARCH c_checkIns USING INDEX x_checkIns__by_grid_day_status_building_slot \((<expr>=\? AND ){3}<expr>=\?\)/,
    );
    expect(checkInPlan).not.toMatch(/FOR GROUP BY/);
    expect(plan('isolations', isolations)).toMatch(
      /SEARCH c_isolations USING INDEX x_isolations__by_grid_lastDay \(<expr>=\? AND <expr>=\? AND <expr>>\? AND <expr><\?\)/,
    );
    const steadyPlan = plan('isolations', steady);
    expect(steadyPlan).toMatch(
      /SEARCH c_isolations USING INDEX x_isolations__by_grid_building_status_lastDay_startDay \(<expr>=\? AND <expr>=\?\)/,
    );
    expect(steadyPlan).not.toMatch(/FOR GROUP BY/);
    // Inside a transaction, or with a filter mingo has to check, nothing is pushed down.
    const tx = engine.transactions.start('test');
    try {
      const info = engine.storage.collection('checkIns')!;
      expect(explainGroupCount(engine.storage, tx.view, info, checkIns[0].$match as Doc, checkIns[1])).toBeUndefined();
      expect(explainGroupCount(engine.storage, scope.view, info, { communityId: 'c1', residentId: 'r1' }, checkIns[1])).toBeUndefined();
    } finally {
      engine.transactions.abort(tx.id);
    }
  });

  it('$count after an exact $match: one SELECT count(*), nothing when none', () => {
    const filter = { communityId: 'c1', gridId: 'g1', day: '2026-11-22', status: 'current' };
    const n = stored('checkIns').filter((doc) => Object.entries(filter).every(([k, v]) => doc[k] === v)).length;
    const reads = watchDocumentReads();
    try {
      expect(aggregate(engine, scope, 'checkIns', [{ $match: filter }, { $count: 'n' }])).toEqual([{ n }]);
      expect(aggregate(engine, scope, 'checkIns', [{ $match: { ...filter, day: '2020-01-01' } }, { $count: 'n' }])).toEqual([]);
      expect(reads.count).toBe(0);
    } finally {
      reads.restore();
    }
  });

  it('inside a transaction: its own writes count (read the usual way)', () => {
    const tx = engine.transactions.start('test');
    try {
      const extra = { ...docs.checkIns[0], _id: 'tx-new', gridId: 'g1', day: '2026-11-22', status: 'current', buildingId: 'b9' };
      engine.insert(tx, 'checkIns', [extra], ctx);
      const inside = aggregate(engine, tx, 'checkIns', checkIns);
      expect(inside).toStrictEqual(mingoAnswer([...stored('checkIns'), extra], checkIns));
      expect(inside.some((group) => (group._id as Doc).buildingId === 'b9')).toBe(true);
      expect(aggregate(engine, scope, 'checkIns', checkIns).some((group) => (group._id as Doc).buildingId === 'b9')).toBe(false);
      const count = [checkIns[0], { $count: 'n' }];
      expect(aggregate(engine, tx, 'checkIns', count)[0].n).toBe((aggregate(engine, scope, 'checkIns', count)[0].n as number) + 1);
    } finally {
      engine.transactions.abort(tx.id);
    }
  });
});

it('through the real SDK: grouped counts arrive as mingo’s answer', async () => {
  const t = await startTestEmulator({ declaration: boardDeclaration() });
  try {
    const { checkIns } = boardDocs();
    const rows = checkIns.slice(0, 300);
    await t.db.collection('checkIns').add({ data: rows });
    const $ = t.db.command.aggregate;
    const match = { communityId: 'c1', gridId: 'g1', day: '2026-11-22', status: 'current' };
    const res = await t.db
      .collection('checkIns')
      .aggregate()
      .match(match)
      .group({ _id: { buildingId: '$buildingId', slot: '$slot', abnormal: '$abnormal' }, n: $.sum(1) })
      .end();
    const want = mingoAnswer(rows, [
      { $match: match },
      { $group: { _id: { buildingId: '$buildingId', slot: '$slot', abnormal: '$abnormal' }, n: { $sum: 1 } } },
    ]);
    expect(res.list).toEqual(want);
    const none = await t.db.collection('checkIns').aggregate().match({ communityId: 'nobody' }).count('n').end();
    expect(none.list).toEqual([]);
    expect(t.logs.filter((line) => line.includes('WARN'))).toEqual([]);
  } finally {
    await t.close();
  }
});
