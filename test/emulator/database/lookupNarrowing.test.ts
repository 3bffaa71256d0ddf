/**
 * A `$lookup` whose pipeline joins on an equality with a `let` variable reads only the foreign documents holding one
 * of the local values (through the foreign field's index, as MongoDB does), not every document passing the
 * pipeline's other conditions: a board joining a few people to the day's check-ins of a grid of thousands reads
 * those few people's check-ins. The answer is mingo's own `$lookup` over the whole collection.
 */
import { Aggregator } from 'mingo';
import { aggregate } from '../../../emulator/database/aggregate';
import type { Doc } from '../../../emulator/database/codec';
import type { RequestContext } from '../../../emulator/database/engine';
import { openTestDatabase } from '../helpers/emulator';
import { watchDocumentReads } from '../helpers/documentReads';

const ctx: RequestContext = { env: 'test', now: Date.UTC(2026, 0, 1) };
const index = (name: string, ...fields: string[]) => ({ name, unique: false, keys: fields.map((field) => ({ field, direction: 1 })) });
const declaration = {
  collections: [
    { name: 'people', securityRules: { read: false, write: false }, indexes: [index('by_grid', 'grid')] },
    { name: 'visits', securityRules: { read: false, write: false }, indexes: [index('by_grid_day_person', 'grid', 'day', 'person')] },
  ],
};

const people: Doc[] = Array.from({ length: 200 }, (_, n) => ({
  _id: `p${n}`,
  grid: n % 4 === 0 ? 'g1' : 'g2',
  // Mostly strings; a few numbers, one missing, one array: the last two are joined the general way.
  ref: n === 8 ? undefined : n === 12 ? [`p1`] : n % 40 === 4 ? n : `p${n}`,
}));
const visits: Doc[] = Array.from({ length: 2000 }, (_, n) => ({
  _id: `v${n}`,
  grid: n % 2 === 0 ? 'g1' : 'g2',
  day: n % 3 === 0 ? 'd1' : 'd2',
  person: n % 97 === 0 ? n % 200 : `p${n % 200}`,
  n,
}));

describe('$lookup on an equality with a let variable', () => {
  const { db, close } = openTestDatabase('lookup-narrowing', declaration);
  beforeAll(() => {
    db.engine.insert(db.engine.scope(), 'people', people, ctx);
    db.engine.insert(db.engine.scope(), 'visits', visits, ctx);
  });
  afterAll(close);

  const stages = (grid: string, ids: string[]): Doc[] => [
    { $match: { grid, _id: { $in: ids } } },
    {
      $lookup: {
        from: 'visits',
        let: { who: '$ref' },
        pipeline: [{ $match: { grid: 'g1', day: 'd1', $expr: { $eq: ['$person', '$$who'] } } }, { $project: { _id: 0, n: 1 } }],
        as: 'visits',
      },
    },
    { $sort: { _id: 1 } },
    { $limit: 1000 },
  ];
  const byMingo = (s: Doc[]) =>
    new Aggregator(s, { collectionResolver: (name: string) => (name === 'visits' ? visits : people) }).run(people) as Doc[];

  it('reads only the documents holding a local value when every local value is a string or a number', () => {
    const ids = ['p0', 'p4', 'p16', 'p20', 'p44'];
    const reads = watchDocumentReads();
    try {
      const got = aggregate(db.engine, db.engine.scope(), 'people', stages('g1', ids));
      expect(got).toEqual(byMingo(stages('g1', ids)));
      expect(got.some((p) => (p.visits as unknown[]).length > 0)).toBe(true);
      // Five people and their few visits, not the hundreds of visits of the grid's day.
      expect(reads.count).toBeLessThan(100);
    } finally {
      reads.restore();
    }
  });

  it('joins a missing value or an array like MongoDB, reading the candidates in full', () => {
    const ids = ['p8', 'p12', 'p16', 'p44', 'p97'];
    expect(aggregate(db.engine, db.engine.scope(), 'people', stages('g1', ids))).toEqual(byMingo(stages('g1', ids)));
  });

  it('answers like mingo for every person', () => {
    for (const grid of ['g1', 'g2']) {
      const ids = people.map((p) => p._id as string);
      expect(aggregate(db.engine, db.engine.scope(), 'people', stages(grid, ids))).toEqual(byMingo(stages(grid, ids)));
    }
  });
});
