/**
 * The grid board's counting aggregation in the emulator's database, in the bench process (no SDK, no HTTP): what
 * answering a leading `$match` + `$group` of counts from the indexes (emulator/database/groupPushdown.ts) saves
 * against the way every pipeline used to run — read every matching document, parse it, group it in mingo.
 *
 * Data: two days of check-ins of one grid, GROUP_DOCS of them current on the board's day, in a `checkIns` collection
 * declared here with the index that pipeline needs (communityId, gridId, day, status, buildingId, slot,
 * abnormal). "Before" runs the very stages the old aggregate() ran (views.ts query, then mingo's runStages); "after"
 * is aggregate() itself. Both answers are compared, so a figure is never of a wrong answer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Clock } from '../emulator/clock';
import { openDatabase } from '../emulator/database';
import { aggregate } from '../emulator/database/aggregate';
import type { Doc } from '../emulator/database/codec';
import { runStages } from '../emulator/database/matching';
import { round } from './lib/load';
import type { Figure } from './types';

/** Documents the `$match` selects: 6,000 people × 2 slots of one day. */
export const GROUP_DOCS = 12_000;
const BUILDINGS = 30;
const DAY = '2026-11-22';

const checkIn = (n: number, day: string): Doc => ({
  _id: `ci-${day}-${n}`,
  communityId: 'community-01',
  gridId: 'grid-01',
  day,
  status: n % 10 === 9 ? 'superseded' : 'current',
  buildingId: `b${String(Math.floor(n / 2) % BUILDINGS).padStart(2, '0')}`, // a person's two slots in one building
  slot: n % 2 ? 'evening' : 'morning',
  abnormal: n % 23 === 0,
  residentId: `r${Math.floor(n / 2)}`,
  temperature: 36.4 + (n % 7) / 10,
  symptoms: [],
  at: new Date(Date.UTC(2026, 10, 22, n % 2 ? 10 : 1) + n * 1000),
  by: `openid-${n % 997}`,
  late: false,
});

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * One call of `fn` after `warm` unmeasured ones: the median wall time of `runs` calls, and the process's CPU time per
 * call over them (steadier than wall time on a shared machine), both in ms.
 */
function time(fn: () => unknown, runs: number, warm = 2): { wallMs: number; cpuMs: number } {
  for (let i = 0; i < warm; i++) fn();
  const samples: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    samples.push(performance.now() - started);
  }
  const cpu = process.cpuUsage(cpu0);
  return { wallMs: median(samples), cpuMs: (cpu.user + cpu.system) / 1000 / runs };
}

export function groupCountFigures(tempDir: (prefix: string) => string, log: (line: string) => void = () => undefined): Figure[] {
  const dir = tempDir('group-count');
  const declarationPath = path.join(dir, 'collections.json');
  const keys = ['communityId', 'gridId', 'day', 'status', 'buildingId', 'slot', 'abnormal'];
  fs.writeFileSync(
    declarationPath,
    JSON.stringify({
      collections: [
        {
          name: 'checkIns',
          securityRules: { read: false, write: false },
          indexes: [{ name: 'by_grid_day_status_building', unique: false, keys: keys.map((field) => ({ field, direction: 1 })) }],
        },
      ],
    }),
  );
  const db = openDatabase({ dataDir: path.join(dir, 'data'), declarationPath, clock: new Clock(), log: () => undefined });
  try {
    const engine = db.engine;
    const scope = engine.scope();
    const ctx = { env: 'bench', now: Date.now() };
    // The board's day plus the day before, in the same grid (so the index, not the table size, decides).
    const perDay = Math.round(GROUP_DOCS / 0.9); // 1 in 10 superseded: GROUP_DOCS current ones on the board's day
    log(`group count: seeding ${(2 * perDay).toLocaleString('en-US')} check-ins…`);
    for (const day of ['2026-11-21', DAY]) {
      for (let start = 0; start < perDay; start += 2000) {
        const docs = Array.from({ length: Math.min(2000, perDay - start) }, (_, i) => checkIn(start + i, day));
        engine.insert(scope, 'checkIns', docs, ctx);
      }
    }
    const match = { communityId: 'community-01', gridId: 'grid-01', day: DAY, status: 'current' };
    const group = { _id: { buildingId: '$buildingId', slot: '$slot', abnormal: '$abnormal' }, n: { $sum: 1 } };
    const stages: Doc[] = [{ $match: match }, { $group: group }, { $sort: { n: -1 } }, { $limit: 1000 }];
    const info = engine.storage.collection('checkIns')!;
    const matched = scope.view.count(info, match);
    // The old aggregate(): the leading $match as a query (every matching document read and parsed), then mingo.
    const before = () =>
      runStages(
        scope.view.query(info, match, {}).map((row) => row.doc),
        stages.slice(1),
      );
    const after = () => aggregate(engine, scope, 'checkIns', stages);
    if (JSON.stringify(before()) !== JSON.stringify(after())) throw new Error('group count: pushed-down answer differs from mingo’s');
    const groups = after().length;
    log(`group count: ${matched.toLocaleString('en-US')} matching documents, ${groups} groups; timing…`);
    const beforeT = time(before, 7);
    const afterT = time(after, 51, 5);
    const count: Doc[] = [{ $match: match }, { $count: 'n' }];
    const countT = time(() => aggregate(engine, scope, 'checkIns', count), 51, 5);
    const countBeforeT = time(
      () =>
        runStages(
          scope.view.query(info, match, {}).map((row) => row.doc),
          count.slice(1),
        ),
      7,
    );
    const was = (now: { cpuMs: number; wallMs: number }, old: { cpuMs: number; wallMs: number }) =>
      `median wall ${round(now.wallMs, 2)} ms; was ${round(old.cpuMs, 1)} ms of CPU (wall ${round(old.wallMs, 1)} ms) ` +
      `reading, parsing and counting every document in mingo: ${round(old.cpuMs / now.cpuMs)}× less CPU`;
    return [
      {
        name: `grid board count: $match + $group {building, slot, abnormal} of $sum 1 over ${matched.toLocaleString('en-US')} documents, from the index (CPU per call)`,
        value: round(afterT.cpuMs, 2),
        unit: 'ms',
        note: `in the database, no SDK or HTTP; ${groups} groups; ${was(afterT, beforeT)}`,
      },
      {
        name: `$match + $count over ${matched.toLocaleString('en-US')} documents (CPU per call)`,
        value: round(countT.cpuMs, 2),
        unit: 'ms',
        note: was(countT, countBeforeT),
      },
    ];
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
