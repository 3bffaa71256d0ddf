/**
 * `$lookup`s answered without mingo's `$lookup` (emulator/database/lookupShortcuts.ts) answer what mingo answers over
 * the whole collection: joins on plain values (strings, numbers, null, missing, arrays of them on the foreign side),
 * and uncorrelated pipelines of one `$match` (projected or not); a count of them is MongoDB's (`[{n}]`, nothing when nothing matches).
 * Values the shortcut does not take (dates, booleans, local arrays) still go through mingo and still answer alike.
 */
import { Aggregator } from 'mingo';
import { aggregate } from '../../../emulator/database/aggregate';
import type { Doc } from '../../../emulator/database/codec';
import type { RequestContext } from '../../../emulator/database/engine';
import * as matching from '../../../emulator/database/matching';
import { openTestDatabase } from '../helpers/emulator';

const ctx: RequestContext = { env: 'test', now: Date.UTC(2026, 0, 1) };
const index = (name: string, ...fields: string[]) => ({ name, unique: false, keys: fields.map((field) => ({ field, direction: 1 })) });
const declaration = {
  collections: [
    { name: 'people', securityRules: { read: false, write: false }, indexes: [index('by_grid', 'grid'), index('by_ref', 'ref')] },
    {
      name: 'visits',
      securityRules: { read: false, write: false },
      indexes: [index('by_person', 'person'), index('by_grid_day', 'grid', 'day'), index('by_tags', 'tags')],
    },
  ],
};

/** Plain people: string and number references, null and missing ones. */
const plain: Doc[] = Array.from({ length: 60 }, (_, n) => {
  const doc: Doc = { _id: `p${n}`, grid: n % 3 === 0 ? 'g1' : 'g2', tag: `t${n % 7}` };
  if (n % 10 === 3) doc.ref = null;
  else if (n % 10 === 7)
    doc.ref = n; // a number
  else if (n % 10 !== 9) doc.ref = `p${n}`; // n % 10 === 9: missing
  return doc;
});
/** People the shortcut leaves to mingo: a date, a boolean, an array as the local value. */
const odd: Doc[] = [
  { _id: 'q1', grid: 'g3', ref: new Date(Date.UTC(2026, 0, 2)), tag: 't1' },
  { _id: 'q2', grid: 'g3', ref: true, tag: 't2' },
  { _id: 'q3', grid: 'g3', ref: ['p1', 'p2'], tag: 't3' },
];
const people = [...plain, ...odd];
const visits: Doc[] = Array.from({ length: 400 }, (_, n) => {
  const doc: Doc = { _id: `v${n}`, grid: n % 2 === 0 ? 'g1' : 'g2', day: n % 3 === 0 ? 'd1' : 'd2', n };
  if (n % 50 === 5) doc.person = null;
  else if (n % 50 === 15)
    doc.person = [`p${n % 60}`, `p${(n + 1) % 60}`]; // an array: joins each element
  else if (n % 50 === 25)
    doc.person = (n % 60) - ((n % 60) % 10) + 7; // a number some people hold
  else if (n % 50 !== 35) doc.person = `p${n % 60}`; // n % 50 === 35: missing
  doc.tags = [`t${n % 7}`, `t${(n + 3) % 7}`];
  return doc;
});

describe('$lookup shortcuts', () => {
  const { db, close } = openTestDatabase('lookup-shortcuts', declaration);
  beforeAll(() => {
    db.engine.insert(db.engine.scope(), 'people', people, ctx);
    db.engine.insert(db.engine.scope(), 'visits', visits, ctx);
  });
  afterAll(close);

  const run = (stages: Doc[]) => aggregate(db.engine, db.engine.scope(), 'people', stages);
  const byMingo = (stages: Doc[]) =>
    new Aggregator(stages, { collectionResolver: (name: string) => (name === 'visits' ? visits : name === 'people' ? people : []) }).run(
      people,
    ) as Doc[];
  /** Whether mingo was asked to run a `$lookup` while `fn` ran. */
  const mingoLookups = (fn: () => void): number => {
    const spy = jest.spyOn(matching, 'runStages');
    try {
      fn();
      return spy.mock.calls.filter(([, stages]) => stages.some((stage) => '$lookup' in stage)).length;
    } finally {
      spy.mockRestore();
    }
  };

  describe('on localField / foreignField', () => {
    const join = (match: Doc, local = 'ref', foreign = 'person'): Doc[] => [
      { $match: match },
      { $lookup: { from: 'visits', localField: local, foreignField: foreign, as: 'visits' } },
      { $limit: 1000 },
    ];

    it('joins strings, numbers, null and missing values, and foreign arrays element by element, as mingo does', () => {
      for (const grid of ['g1', 'g2']) {
        let got: Doc[] = [];
        expect(mingoLookups(() => (got = run(join({ grid }))))).toBe(0);
        expect(got).toEqual(byMingo(join({ grid })));
        expect(got.some((p) => (p.visits as Doc[]).some((v) => Array.isArray(v.person)))).toBe(true);
        expect(got.some((p) => p.ref === null && (p.visits as Doc[]).length > 0)).toBe(true);
      }
    });

    it('joins a foreign array field by its elements', () => {
      let got: Doc[] = [];
      expect(mingoLookups(() => (got = run(join({ grid: 'g1' }, 'tag', 'tags'))))).toBe(0);
      expect(got).toEqual(byMingo(join({ grid: 'g1' }, 'tag', 'tags')));
    });

    it('leaves a date, a boolean or an array on the local side to mingo, with the same answer', () => {
      let got: Doc[] = [];
      expect(mingoLookups(() => (got = run(join({ grid: { $in: ['g1', 'g3'] } }))))).toBe(1);
      expect(got).toEqual(byMingo(join({ grid: { $in: ['g1', 'g3'] } })));
    });

    it('joins nothing from a collection that does not exist', () => {
      const stages = [{ $match: { grid: 'g1' } }, { $lookup: { from: 'nowhere', localField: 'ref', foreignField: 'x', as: 'x' } }];
      expect(run(stages).map((p) => p.x)).toEqual(plain.filter((p) => p.grid === 'g1').map(() => []));
    });
  });

  describe('uncorrelated', () => {
    const lookup = (pipeline: Doc[], extra: Doc = {}): Doc[] => [
      { $match: { grid: 'g1' } },
      { $lookup: { from: 'visits', pipeline, as: 'found', ...extra } },
      { $project: { found: 1 } },
      { $limit: 1000 },
    ];

    it('joins the same matching documents, in natural order, to every document', () => {
      for (const pipeline of [
        [{ $match: { grid: 'g1', day: 'd1' } }],
        [{ $match: { person: { $in: ['p1', 'p2', 7] } } }],
        [{ $match: { tags: 't3', n: { $gte: 100 } } }],
      ]) {
        let got: Doc[] = [];
        expect(mingoLookups(() => (got = run(lookup(pipeline))))).toBe(0);
        expect(got).toEqual(byMingo(lookup(pipeline)));
        expect((got[0].found as Doc[]).length).toBeGreaterThan(0);
      }
      expect(run(lookup([{ $match: { grid: 'g1' } }], { let: {} }))).toEqual(byMingo(lookup([{ $match: { grid: 'g1' } }])));
    });

    it('projects them once, the same for every document: kept fields, dropped fields, expressions', () => {
      for (const projection of [
        { _id: 0, n: 1, day: 1 },
        { tags: 0, person: 0 },
        { label: { $concat: ['$grid', '-', '$day'] }, whole: '$$ROOT.n' },
      ]) {
        const stages = lookup([{ $match: { grid: 'g1', day: 'd1' } }, { $project: projection }]);
        let got: Doc[] = [];
        expect(mingoLookups(() => (got = run(stages)))).toBe(0);
        expect(got).toEqual(byMingo(stages));
        expect((got[0].found as Doc[]).length).toBeGreaterThan(0);
      }
    });

    it('counts them with $count or a $group of $sum 1, from the indexes', () => {
      const filter = { grid: 'g1', day: 'd1' };
      const n = visits.filter((v) => v.grid === 'g1' && v.day === 'd1').length;
      for (const [stage, answer] of [
        [{ $count: 'n' }, { n }],
        [{ $group: { _id: null, total: { $sum: 1 } } }, { _id: null, total: n }],
      ] as const) {
        let got: Doc[] = [];
        expect(mingoLookups(() => (got = run(lookup([{ $match: filter }, stage]))))).toBe(0);
        expect(got).toEqual(byMingo(lookup([{ $match: filter }, stage])));
        expect(got.every((p) => JSON.stringify(p.found) === JSON.stringify([answer]))).toBe(true);
      }
    });

    it('groups them by indexed fields from the indexes, the same groups for every document', () => {
      for (const filter of [{ grid: 'g1' }, { grid: 'g9' }]) {
        const stages = lookup([{ $match: filter }, { $group: { _id: { day: '$day' }, visits: { $sum: 1 } } }]);
        let got: Doc[] = [];
        expect(mingoLookups(() => (got = run(stages)))).toBe(0);
        expect(got).toEqual(byMingo(stages));
      }
      const grouped = run(lookup([{ $match: { grid: 'g1' } }, { $group: { _id: '$day', n: { $sum: 1 } } }]));
      expect((grouped[0].found as Doc[]).map((g) => g._id).sort()).toEqual(['d1', 'd2']);
    });

    it('counts nothing as MongoDB does: no document', () => {
      for (const stage of [{ $count: 'n' }, { $group: { _id: null, n: { $sum: 1 } } }]) {
        expect(run(lookup([{ $match: { grid: 'g9' } }, stage])).map((p) => p.found)).toEqual(
          plain.filter((p) => p.grid === 'g1').map(() => []),
        );
      }
      const missing = [{ $match: { grid: 'g1' } }, { $lookup: { from: 'nowhere', pipeline: [{ $match: {} }, { $count: 'n' }], as: 'x' } }];
      expect(run(missing).every((p) => (p.x as Doc[]).length === 0)).toBe(true);
    });

    it('leaves pipelines with other stages to mingo, with the same answer', () => {
      const sorted = lookup([{ $match: { grid: 'g1' } }, { $sort: { n: -1 } }, { $limit: 3 }]);
      let got: Doc[] = [];
      expect(mingoLookups(() => (got = run(sorted)))).toBe(1);
      expect(got).toEqual(byMingo(sorted));
    });
  });
});
