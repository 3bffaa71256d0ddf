/**
 * Declared indexes are real SQLite expression indexes: queries on them do not scan, their answers equal MongoDB's
 * (checked against mingo over the whole collection for values of every type, arrays included), declarations are
 * applied on restart, and compound indexes reject parallel arrays.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Query } from 'mingo';
import { Clock } from '../../../emulator/clock';
import { openDatabase } from '../../../emulator/database';
import { Doc } from '../../../emulator/database/codec';
import { CollectionDeclaration, parseDeclaration } from '../../../emulator/database/declaration';
import { checkIndexKeys, findDuplicate } from '../../../emulator/database/integrity';
import { planQuery } from '../../../emulator/database/planner';
import { Storage } from '../../../emulator/database/storage';
import { CommittedView } from '../../../emulator/database/views';
import { startTestEmulator, tempDir, testDeclaration } from '../helpers/emulator';
import { sdkError } from '../helpers/sdk';

const declared = (indexes: [string, string[], boolean?][]): CollectionDeclaration =>
  parseDeclaration({
    collections: [
      {
        name: 'things',
        indexes: indexes.map(([name, fields, unique]) => ({
          name,
          unique: unique ?? false,
          keys: fields.map((field) => ({ field, direction: 1 })),
        })),
      },
    ],
  }).collections[0];

function openStorage(dir: string, decl: CollectionDeclaration): Storage {
  const storage = new Storage(dir);
  storage.applyDeclaration(decl, () => undefined);
  return storage;
}

const docs: Doc[] = [
  { _id: 'n1', v: 1, c: 'x', when: new Date('2024-01-01') },
  { _id: 'n2', v: 2.5, c: 'x', when: new Date('2024-02-01') },
  { _id: 'n3', v: -3, c: 'y', when: new Date('1969-07-20') },
  { _id: 's1', v: 'apple', c: 'x' },
  { _id: 's2', v: 'Banana', c: 'y', when: '2024-01-15' },
  { _id: 's3', v: '', c: 'x' },
  { _id: 'b1', v: true, c: 'x' },
  { _id: 'b0', v: false, c: 'y' },
  { _id: 'z1', v: null, c: 'x' },
  { _id: 'm1', c: 'x' },
  { _id: 'a1', v: [1, 'apple', null], c: 'x' },
  { _id: 'a2', v: [], c: 'y' },
  { _id: 'a3', v: [[1]], c: 'x' },
  { _id: 'o1', v: { k: 1 }, c: 'y', nested: [{ k: 'deep' }, { k: 'other' }] },
  { _id: 'o2', v: new Date('2024-01-01'), c: 'x', nested: { k: 'deep' } },
  { _id: 'r1', v: 1, c: 'x', nested: [{ k: ['deep', 'x'] }] },
];

describe('planned queries', () => {
  const dir = tempDir('indexes');
  const storage = openStorage(
    dir,
    declared([
      ['by_v', ['v']],
      ['by_c_v', ['c', 'v']],
      ['by_when', ['when']],
      ['by_nested_k', ['nested.k']],
    ]),
  );
  const info = storage.collection('things')!;
  const view = new CommittedView(storage);
  beforeAll(() => {
    for (const doc of docs) {
      checkIndexKeys(info, doc); // what the engine does on every write
      storage.writeDoc(info, String(doc._id), doc, storage.nextSeq());
    }
  });
  afterAll(() => {
    storage.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const queries: Doc[] = [
    { v: 1 },
    { v: 'apple' },
    { v: null },
    { v: true },
    { v: false },
    { v: { $in: [1, 'Banana', null] } },
    { v: { $gt: 0 } },
    { v: { $gte: -3, $lt: 2 } },
    { v: { $lte: 1 } },
    { v: { $gt: 'b' } },
    { v: { $lt: 'b' } },
    { v: { $gte: '' } },
    { v: { $gt: new Date('2023-12-31') } },
    { v: { $eq: new Date('2024-01-01') } },
    { when: { $gte: new Date('2024-01-01'), $lt: new Date('2024-02-01') } },
    { when: { $lt: new Date('1970-01-01') } },
    { c: 'x', v: { $gt: 0 } },
    { c: 'y', v: { $in: ['Banana', false] } },
    { c: { $in: ['x', 'y'] }, v: 'apple' },
    { 'nested.k': 'deep' },
    { $and: [{ c: 'x' }, { v: { $lt: 5 } }] },
    { v: { $in: [] } },
  ];

  it.each(queries.map((q) => [JSON.stringify(q), q]))('%s: same answer as MongoDB semantics over a full scan', (_text, query) => {
    const expected = docs
      .filter((doc) => new Query(query as Doc, {}).test(doc))
      .map((doc) => doc._id)
      .sort();
    const actual = view
      .find(info, query as Doc)
      .map((row) => row.doc._id)
      .sort();
    expect(actual).toEqual(expected);
    expect(planQuery(info, query as Doc).index).not.toBeNull();
  });

  it('uses the SQLite index instead of scanning the table', () => {
    const plans = [
      planQuery(info, { v: 1 }),
      planQuery(info, { c: 'x', v: { $gt: 0 } }),
      planQuery(info, { when: { $gte: new Date(0) } }),
      planQuery(info, { 'nested.k': 'deep' }),
    ];
    for (const plan of plans) {
      const detail = storage.explain(info, plan.filter).join(' | ');
      expect(detail).toMatch(new RegExp(`USING (COVERING )?INDEX x_things__${plan.index}`));
      expect(detail).not.toMatch(/^SCAN things/);
    }
    expect(storage.explain(info, planQuery(info, { _id: 'n1' }).filter).join(' ')).toMatch(/USING INDEX sqlite_autoindex/);
    expect(planQuery(info, { other: 1 }).index).toBeNull();
    expect(storage.explain(info, planQuery(info, { other: 1 }).filter).join(' ')).toMatch(/SCAN/);
  });
});

describe('declarations across restarts', () => {
  it('creates new indexes, drops removed ones, and remembers array-valued paths', () => {
    const dir = tempDir('redeclare');
    const first = openStorage(dir, declared([['by_v', ['v']]]));
    const info = first.collection('things')!;
    first.writeDoc(info, 'arr', { _id: 'arr', v: ['x', 'y'], w: 1 }, first.nextSeq());
    first.close();

    const second = openStorage(
      dir,
      declared([
        ['by_w', ['w']],
        ['by_v', ['v']],
      ]),
    );
    const info2 = second.collection('things')!;
    const names = (
      second.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?").all(info2.table) as { name: string }[]
    ).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['x_things__by_w', 'x_things__by_v']));
    // The array document is still found through the index after the restart.
    expect(new CommittedView(second).find(info2, { v: 'y' }).map((r) => r.key)).toEqual(['arr']);
    second.close();

    const third = openStorage(dir, declared([['by_w', ['w']]]));
    const names3 = (third.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as { name: string }[]).map((r) => r.name);
    expect(names3).not.toContain('x_things__by_v');
    third.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to start with a unique index the existing data violates', () => {
    const dir = tempDir('unique-start');
    const storage = openStorage(dir, declared([]));
    const info = storage.collection('things')!;
    storage.writeDoc(info, 'a', { _id: 'a', code: 'X' }, storage.nextSeq());
    storage.writeDoc(info, 'b', { _id: 'b', code: 'X' }, storage.nextSeq());
    expect(findDuplicate(new CommittedView(storage), info, { name: 'u', unique: true, keys: [{ field: 'code', direction: 1 }] })).toBe(
      '"a" and "b"',
    );
    storage.close();

    const declarationPath = path.join(tempDir('decl'), 'collections.json');
    fs.writeFileSync(
      declarationPath,
      JSON.stringify({
        collections: [{ name: 'things', indexes: [{ name: 'u', unique: true, keys: [{ field: 'code', direction: 1 }] }] }],
      }),
    );
    expect(() => openDatabase({ dataDir: dir, declarationPath, clock: new Clock(), log: () => undefined })).toThrow(
      'cannot create unique index things.u',
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('rejects malformed declarations with the place of the mistake', () => {
    expect(() => parseDeclaration({ collections: [{ name: 'bad name' }] })).toThrow('collections[0]');
    expect(() =>
      parseDeclaration({ collections: [{ name: 'x', indexes: [{ name: 'i', keys: [{ field: 'a', direction: 2 }] }] }] }),
    ).toThrow('direction');
    expect(() =>
      parseDeclaration({ collections: [{ name: 'x', indexes: [{ name: 'i', keys: [{ field: '$a', direction: 1 }] }] }] }),
    ).toThrow('keys[0]');
  });
});

it('rejects a document with arrays under two fields of one compound index', async () => {
  const t = await startTestEmulator({
    declaration: testDeclaration([
      {
        name: 'pairs',
        indexes: [
          {
            name: 'by_a_b',
            unique: false,
            keys: [
              { field: 'a', direction: 1 },
              { field: 'b', direction: 1 },
            ],
          },
        ],
      },
    ]),
  });
  try {
    await t.db.collection('pairs').add({ data: { a: [1], b: 2 } });
    const err = await sdkError(t.db.collection('pairs').add({ data: { a: [1], b: [2] } }));
    expect(err.message).toContain('cannot index parallel arrays [b] [a]');
  } finally {
    await t.close();
  }
});
