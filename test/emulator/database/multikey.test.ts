/**
 * Indexes on a path through an array (MongoDB's multikey indexes): `users` are found by 'households.householdId',
 * notices by the ids in their `gridIds`. The emulator keeps one row per element (storage.ts writeMultikeys) so an
 * equality or `$in` on such a path reads the documents holding the value, not every document with an array — the
 * same answer as mingo over the whole collection, through writes, deletes, transactions and a reopened data dir.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Query } from 'mingo';
import { Clock } from '../../../emulator/clock';
import { openDatabase, type DatabaseService } from '../../../emulator/database';
import type { Doc } from '../../../emulator/database/codec';
import type { RequestContext } from '../../../emulator/database/engine';
import { tempDir } from '../helpers/emulator';
import { watchDocumentReads } from '../helpers/documentReads';

const ctx: RequestContext = { env: 'test', now: Date.UTC(2026, 0, 1) };

const declaration = {
  collections: [
    {
      name: 'people',
      securityRules: { read: false, write: false },
      indexes: [
        { name: 'by_households_householdId', unique: false, keys: [{ field: 'households.householdId', direction: 1 }] },
        { name: 'by_tags', unique: false, keys: [{ field: 'tags', direction: 1 }] },
      ],
    },
  ],
};

/** Person n: linked to households h{n % 500} and h{(n * 7) % 500}; tags: a grid id, or none, or a plain string. */
function person(n: number): Doc {
  const doc: Doc = { _id: `p${n}`, n, households: [{ householdId: `h${n % 500}` }, { householdId: `h${(n * 7) % 500}`, kind: 'proxy' }] };
  if (n % 3 === 0) doc.tags = [`g${n % 10}`, n % 5];
  else if (n % 3 === 1) doc.tags = `g${n % 10}`;
  if (n % 50 === 0) doc.households = []; // nobody bound
  return doc;
}

function open(dir: string): DatabaseService {
  const declarationPath = path.join(dir, 'collections.json');
  fs.writeFileSync(declarationPath, JSON.stringify(declaration));
  return openDatabase({ dataDir: path.join(dir, 'data'), declarationPath, clock: new Clock(), log: () => undefined });
}

const want = (all: Doc[], filter: Doc) => {
  const q = new Query(filter, { scriptEnabled: false });
  return all
    .filter((d) => q.test(d))
    .map((d) => d._id)
    .sort();
};

describe('multikey indexes', () => {
  const dir = tempDir('multikey');
  let db = open(dir);
  const all = Array.from({ length: 3000 }, (_, n) => person(n));
  const find = (filter: Doc) =>
    db.engine
      .find(db.engine.scope(), 'people', filter, {})
      .map((d) => d._id as string)
      .sort();

  beforeAll(() => {
    db.engine.insert(db.engine.scope(), 'people', all, ctx);
  });
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('an equality on a path through an array reads only the documents holding the value', () => {
    const reads = watchDocumentReads();
    try {
      for (const filter of [
        { 'households.householdId': 'h42' },
        { 'households.householdId': { $in: ['h1', 'h499', 'h-none'] } },
        { tags: 'g3' },
        { tags: 4 },
      ]) {
        reads.clear();
        const expected = want(all, filter);
        expect({ filter, ids: find(filter) }).toEqual({ filter, ids: expected });
        expect(reads.count).toBeLessThanOrEqual(expected.length);
      }
    } finally {
      reads.restore();
    }
  });

  it('null, ranges and array values still read every document with an array, and answer like mingo', () => {
    for (const filter of [
      { 'households.householdId': null },
      { tags: null },
      { tags: { $gte: 'g5' } },
      { tags: ['g0', 0] },
      { 'households.householdId': { $in: ['h1', null] } },
    ]) {
      expect({ filter, ids: find(filter) }).toEqual({ filter, ids: want(all, filter) });
    }
  });

  it('follows updates and deletes, inside and outside transactions', () => {
    const scope = db.engine.scope();
    db.engine.modify(
      scope,
      'people',
      { _id: 'p1' },
      { $set: { households: [{ householdId: 'h-moved' }] } },
      { multi: false, merge: true, upsert: false },
      ctx,
    );
    db.engine.modify(scope, 'people', { _id: 'p3' }, { $set: { tags: 'plain' } }, { multi: false, merge: true, upsert: false }, ctx);
    db.engine.remove(scope, 'people', { _id: 'p2' }, false);
    all[1].households = [{ householdId: 'h-moved' }];
    all[3].tags = 'plain';
    all.splice(2, 1);
    const tx = db.engine.transactions.start('test');
    try {
      db.engine.modify(
        tx,
        'people',
        { _id: 'p4' },
        { $push: { households: { householdId: 'h-moved' } } },
        { multi: false, merge: true, upsert: false },
        ctx,
      );
      // Inside the transaction: its own write counts; outside, not yet.
      expect(
        db.engine
          .find(tx, 'people', { 'households.householdId': 'h-moved' }, {})
          .map((d) => d._id)
          .sort(),
      ).toEqual(['p1', 'p4']);
      expect(find({ 'households.householdId': 'h-moved' })).toEqual(['p1']);
      db.engine.transactions.commit(tx.id);
    } catch (err) {
      db.engine.transactions.abort(tx.id);
      throw err;
    }
    (all.find((d) => d._id === 'p4')!.households as Doc[]).push({ householdId: 'h-moved' });
    for (const filter of [{ 'households.householdId': 'h-moved' }, { 'households.householdId': 'h1' }, { tags: 'g3' }, { tags: 3 }]) {
      expect({ filter, ids: find(filter) }).toEqual({ filter, ids: want(all, filter) });
    }
    expect(find({ 'households.householdId': 'h2' })).not.toContain('p2');
  });

  it('a data dir written before multikey rows existed gets them when it is opened', () => {
    db.close();
    const raw = new Database(path.join(dir, 'data', 'database.sqlite'));
    raw.exec('DELETE FROM "m_people"; DELETE FROM emulator_multikey');
    raw.close();
    db = open(dir);
    const reads = watchDocumentReads();
    try {
      const filter = { 'households.householdId': 'h42' };
      const expected = want(all, filter);
      expect(find(filter)).toEqual(expected);
      expect(reads.count).toBeLessThanOrEqual(expected.length);
    } finally {
      reads.restore();
    }
  });
});
