/**
 * Compiled filters are reused by value (matching.ts compileFilter): equal filters share one, filters differing in
 * any value or type never do, and a filter reading the clock ($expr with $$NOW) sees the time of each request.
 * Leading `$match`es and plain projections (kept fields, fields set from paths) are run without mingo's Aggregator
 * (runStages), with mingo's answer.
 */
import { Aggregator } from 'mingo';
import { prng } from '../../../bench/lib/emulatorOps';
import type { Doc } from '../../../emulator/database/codec';
import { compileFilter, runStages } from '../../../emulator/database/matching';

it('reuses a compiled filter only for the same value', () => {
  const doc = { n: 1, s: '1', at: new Date(1000), re: 'abc', tags: ['x'], nested: { k: null } };
  const cases: [object, boolean][] = [
    [{ n: 1 }, true],
    [{ n: '1' }, false],
    [{ s: '1' }, true],
    [{ s: 1 }, false],
    [{ at: new Date(1000) }, true],
    [{ at: new Date(1001) }, false],
    [{ at: 1000 }, false],
    [{ re: /ABC/i }, true],
    [{ re: /ABC/ }, false],
    [{ tags: 'x' }, true],
    [{ tags: ['x'] }, true],
    [{ tags: [['x']] }, false],
    [{ 'nested.k': null }, true],
    [{ 'nested.k': { $exists: false } }, false],
    [{ $or: [{ n: 2 }, { s: '1' }] }, true],
    [{ $or: [{ n: 2 }, { s: 1 }] }, false],
  ];
  for (let round = 0; round < 3; round++) {
    for (const [filter, expected] of cases) expect([filter, compileFilter({ ...filter })(doc)]).toEqual([filter, expected]);
  }
});

it('evaluates $$NOW at each request', () => {
  const soon = { due: new Date(Date.now() + 200) };
  const filter = () => ({ $expr: { $lt: ['$$NOW', '$due'] } });
  expect(compileFilter(filter())(soon)).toBe(true);
  const later = Date.now() + 400;
  while (Date.now() < later) {
    // wait past `due`
  }
  expect(compileFilter(filter())(soon)).toBe(false);
});

describe('runStages does leading $match and plain $project stages itself, with mingo’s answer', () => {
  const rnd = prng(20261122);
  const pick = <T>(items: T[]): T => items[Math.floor(rnd() * items.length)];
  const values = ['am', 'pm', 1, 0, null, true, '', '中文'];
  const docs: Doc[] = Array.from({ length: 200 }, (_, n) => {
    const doc: Doc = { _id: `t${n}`, kind: pick(['missed', 'escalated', 'abnormal']), householdId: `h${n % 17}` };
    const subject: Doc = { residentId: `r${n}`, slot: pick(['am', 'pm']), name: `人${n}` };
    if (n % 11 === 3) delete subject.name;
    if (n % 13 === 5) subject.name = null;
    if (n % 7 !== 6) doc.subject = subject;
    if (n % 19 === 4) doc.subject = 'not a document';
    if (n % 23 === 8) doc.extra = pick(values);
    return doc;
  });
  const arrayed: Doc[] = [...docs.slice(0, 20), { _id: 'arr', kind: 'missed', subject: [{ residentId: 'x', slot: 'am' }] }];
  const byMingo = (input: Doc[], stages: Doc[]) => new Aggregator(stages, { scriptEnabled: false }).run(input) as Doc[];

  it.each([
    ['a $match', [{ $match: { kind: { $in: ['missed', 'escalated'] }, 'subject.slot': 'am' } }]],
    [
      'an $or',
      [
        {
          $match: {
            $or: [
              { kind: 'missed', 'subject.slot': 'pm' },
              { kind: 'escalated', 'subject.slot': 'am' },
            ],
          },
        },
      ],
    ],
    [
      'fields from paths',
      [{ $project: { _id: 0, householdId: 1, residentId: '$subject.residentId', slot: '$subject.slot', name: '$subject.name' } }],
    ],
    ['a path and _id', [{ $project: { who: '$subject.residentId', extra: 1 } }]],
    ['a top-level path', [{ $project: { _id: 0, k: '$kind', s: '$subject' } }]],
    [
      'the grid board’s to-do items',
      [
        {
          $match: {
            $or: [
              { kind: 'missed', 'subject.slot': 'pm' },
              { kind: 'escalated', 'subject.slot': 'am' },
            ],
          },
        },
        { $project: { _id: 0, householdId: 1, residentId: '$subject.residentId', slot: '$subject.slot', name: '$subject.name' } },
        { $sort: { residentId: 1 } },
      ],
    ],
  ])('%s', (_name, stages) => {
    const run = jest.spyOn(Aggregator.prototype, 'run');
    let got: Doc[];
    try {
      got = runStages(docs, stages as Doc[]);
      // Only a stage past the leading ones ($sort) is left to mingo.
      expect(run).toHaveBeenCalledTimes((stages as Doc[]).some((stage) => '$sort' in stage) ? 1 : 0);
    } finally {
      run.mockRestore();
    }
    expect(got).toEqual(byMingo(docs, stages as Doc[]));
    expect(got.length).toBeGreaterThan(0);
  });

  it('leaves a path through an array, and $expr, to mingo, with mingo’s answer', () => {
    for (const stages of [
      [{ $project: { _id: 0, residentId: '$subject.residentId' } }],
      [{ $match: { $expr: { $eq: ['$kind', 'missed'] } } }],
    ]) {
      const want = byMingo(arrayed, stages);
      const run = jest.spyOn(Aggregator.prototype, 'run');
      try {
        expect(runStages(arrayed, stages)).toEqual(want);
        expect(run).toHaveBeenCalledTimes(1);
      } finally {
        run.mockRestore();
      }
    }
  });
});
