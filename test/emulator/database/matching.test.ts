/**
 * Compiled filters are reused by value (matching.ts compileFilter): equal filters share one, filters differing in
 * any value or type never do, and a filter reading the clock ($expr with $$NOW) sees the time of each request.
 */
import { compileFilter } from '../../../emulator/database/matching';

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
