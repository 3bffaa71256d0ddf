/**
 * Counting aggregations answered from the indexes, the way MongoDB answers a covered `$match` + `$group` with an
 * index scan: no document is read or parsed, SQLite counts the index keys.
 *
 * Pushed down, at the start of a pipeline (after a `$match` or without one), on the committed state only:
 *   - `$group` whose accumulators are all `{$sum: <positive integer>}` (a count) and whose `_id` is null, a constant
 *     (number, boolean, string not starting with `$`), a top-level field path `'$a'`, or an object of them
 *     `{k: '$a', …}`; when the `$match` is exact in SQL (planner.ts) and every grouped path is a declared index key
 *     holding only strings, numbers (not together with booleans: both have numeric SQL keys), booleans, null or
 *     missing (never dates, arrays, objects, NaN/±Infinity or strings with characters beyond U+FFFF or lone
 *     surrogates) in the whole collection (CollectionInfo.valueKinds). It becomes
 *     `SELECT <key exprs>, count(*), min(rowid) … WHERE <plan> GROUP BY <key exprs> ORDER BY min(rowid)`: the key
 *     expressions are the indexes' own, so an index over (equality fields, grouped fields) answers it alone; when
 *     one is declared with the filter's other fields after those, the query names it (groupingIndex).
 *   - `$count` (any view): the view's `count`, itself one `SELECT count(*)` when the filter is exact.
 * Anything else, and a transaction's view (its buffered writes are not in SQL), goes through mingo as before.
 *
 * The answer is exactly mingo's, which is what the emulator answered before: groups in order of their first document
 * in natural order (hence min(rowid)); SQL keys decoded back to the JS values mingo computes (1/0 → true/false for a
 * boolean path); a scalar `_id` puts null and missing in one group as null, an object `_id` keeps them apart
 * (`{k: null}` and `{k: undefined}`), as mingo does. `$count` of nothing answers no document, as MongoDB does (mingo
 * alone would answer `{n: 0}`). test/emulator/database/groupPushdown.test.ts compares it with mingo.
 */
import type Database from 'better-sqlite3';
import { Doc, isPlainObject } from './codec';
import { KIND, MISSING, NULL, sqlKeyExpr } from './indexKeys';
import { planQuery } from './planner';
import { CollectionInfo, Storage } from './storage';
import { CommittedView, DocumentView } from './views';

/** The documents `stage` outputs when it is the first after the leading `$match` (filter), or undefined: run it as usual. */
export function countFromIndexes(
  storage: Storage,
  view: DocumentView,
  info: CollectionInfo,
  filter: Doc,
  stage: Doc | undefined,
): Doc[] | undefined {
  if (!stage) return undefined;
  if ('$count' in stage) {
    const name = stage.$count;
    if (typeof name !== 'string' || name.trim() === '' || name.includes('.') || name.startsWith('$')) return undefined;
    const n = view.count(info, filter);
    return n === 0 ? [] : [{ [name]: n }];
  }
  const query = groupQuery(view, info, filter, stage);
  return query && groupCounts(storage, query);
}

/** SQLite's plan for the `$group` stage when it is pushed down (undefined when not), for diagnostics and tests. */
export function explainGroupCount(
  storage: Storage,
  view: DocumentView,
  info: CollectionInfo,
  filter: Doc,
  stage: Doc,
): string[] | undefined {
  const query = groupQuery(view, info, filter, stage);
  if (!query) return undefined;
  const plan = storage.db.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...query.params) as { detail: string }[];
  return plan.map((row) => row.detail);
}

/** The SQL counting a `$group` stage's groups after `filter`, or undefined when the stage cannot be pushed down. */
interface GroupQuery {
  sql: string;
  params: unknown[];
  fields: KeyField[];
  group: GroupShape;
}

function groupQuery(view: DocumentView, info: CollectionInfo, filter: Doc, stage: Doc): GroupQuery | undefined {
  if (!isPlainObject(stage.$group) || !(view instanceof CommittedView)) return undefined;
  const group = groupShape(info, stage.$group);
  if (!group) return undefined;
  const plan = planQuery(info, filter);
  if (!plan.exact) return undefined;
  const fields = group.id.kind === 'path' ? [group.id.field] : group.id.kind === 'object' ? group.id.fields : [];
  const keys = fields.map((field) => sqlKeyExpr(field.path));
  const grouping = groupingIndex(
    info,
    filter,
    fields.map((field) => field.path),
  );
  const table = quote(info.table) + (grouping ? ` INDEXED BY ${quote(`x_${info.name}__${grouping}`)}` : '');
  const { where, params } = plan.filter;
  const sql = keys.length
    ? `SELECT ${keys.join(', ')}, count(*), min(rowid) FROM ${table} WHERE ${where} ` +
      `GROUP BY ${keys.map((_, i) => i + 1).join(', ')} ORDER BY ${keys.length + 2}`
    : `SELECT count(*), min(rowid) FROM ${table} WHERE ${where}`;
  return { sql, params, fields, group };
}

/**
 * A declared index whose keys are the filter's equality fields, then the grouped fields, then (some of) the rest of
 * the filter's fields: SQLite then seeks the equalities and reads the groups in order from the index alone, checking
 * the other conditions on its keys — where an index chosen for the most conditions (a range among them) leaves it to
 * read every matching document and sort. MongoDB's planner likewise prefers an index that yields the grouping order.
 */
function groupingIndex(info: CollectionInfo, filter: Doc, grouped: string[]): string | undefined {
  if (!grouped.length) return undefined;
  const scalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
  const equal: string[] = [];
  const others: string[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (key.startsWith('$')) return undefined;
    if (scalar(value) || (isPlainObject(value) && Object.keys(value).length === 1 && scalar(value.$eq))) equal.push(key);
    else others.push(key);
  }
  const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));
  for (const index of info.indexes) {
    const keys = index.keys.map((k) => k.field);
    if (
      sameSet(keys.slice(0, equal.length), equal) &&
      sameSet(keys.slice(equal.length, equal.length + grouped.length), grouped) &&
      others.every((field) => keys.slice(equal.length + grouped.length).includes(field))
    )
      return index.name;
  }
  return undefined;
}

/** A field the group key reads: its path and what its values may be. */
interface KeyField {
  path: string;
  kinds: number;
}

interface GroupShape {
  /** How the `_id` is built from the key fields' values. */
  id: { kind: 'constant'; value: unknown } | { kind: 'path'; field: KeyField } | { kind: 'object'; names: string[]; fields: KeyField[] };
  /** Output fields after `_id`, in the spec's order, each a count times this factor. */
  sums: [string, number][];
}

const FIELD_PATH = /^\$[A-Za-z_][\w]*$/;
/** Kinds whose SQL key decodes to exactly the JS value (indexKeys.ts): strings, numbers, booleans, null/missing. */
const DECODABLE = KIND.NULLISH | KIND.STRING | KIND.NUMBER | KIND.BOOLEAN;
const fieldName = (name: string): boolean => name !== '' && !name.startsWith('$') && !name.includes('.') && name !== '__proto__';

function groupShape(info: CollectionInfo, spec: Doc): GroupShape | undefined {
  if (!('_id' in spec)) return undefined;
  const sums: [string, number][] = [];
  for (const [name, acc] of Object.entries(spec)) {
    if (name === '_id') continue;
    if (!fieldName(name) || !isPlainObject(acc) || Object.keys(acc).length !== 1) return undefined;
    const factor = acc.$sum;
    if (typeof factor !== 'number' || !Number.isSafeInteger(factor) || factor < 1) return undefined;
    sums.push([name, factor]);
  }
  const id = spec._id;
  if (id === null || typeof id === 'boolean' || (typeof id === 'number' && Number.isFinite(id))) {
    return { id: { kind: 'constant', value: id }, sums };
  }
  if (typeof id === 'string') {
    if (!id.startsWith('$')) return { id: { kind: 'constant', value: id }, sums };
    const field = keyField(info, id);
    return field && { id: { kind: 'path', field }, sums };
  }
  if (!isPlainObject(id) || Object.keys(id).length === 0) return undefined;
  const names: string[] = [];
  const fields: KeyField[] = [];
  for (const [name, value] of Object.entries(id)) {
    const field = fieldName(name) ? keyField(info, value) : undefined;
    if (!field) return undefined;
    names.push(name);
    fields.push(field);
  }
  return { id: { kind: 'object', names, fields }, sums };
}

/** A `'$a'` path on a declared index key whose SQL keys stand one to one for its values. */
function keyField(info: CollectionInfo, value: unknown): KeyField | undefined {
  if (typeof value !== 'string' || !FIELD_PATH.test(value)) return undefined;
  const path = value.slice(1);
  // valueKinds is kept up to date by writes for indexed paths only.
  if (!info.indexes.some((index) => index.keys.some((key) => key.field === path)) || info.complexPaths.has(path)) return undefined;
  const kinds = info.valueKinds(path);
  if (kinds & ~DECODABLE) return undefined;
  if (kinds & KIND.NUMBER && kinds & KIND.BOOLEAN) return undefined; // 1 and true share a key
  return { path, kinds };
}

/** Undecodable: a SQL key the kinds did not promise (then the pipeline runs as usual). */
const UNDECODABLE = Symbol('undecodable');

/** The JS value mingo reads for a document whose SQL key for the field is `key`; missing is undefined. */
function decode(key: unknown, kinds: number): unknown {
  if (Buffer.isBuffer(key)) {
    if (kinds & KIND.NULLISH && key.equals(MISSING)) return undefined;
    if (kinds & KIND.NULLISH && key.equals(NULL)) return null;
    return UNDECODABLE;
  }
  if (typeof key === 'string') return kinds & KIND.STRING ? key : UNDECODABLE;
  if (typeof key !== 'number') return UNDECODABLE;
  if (kinds & KIND.BOOLEAN) return key === 1 ? true : key === 0 ? false : UNDECODABLE;
  return kinds & KIND.NUMBER ? key : UNDECODABLE;
}

const quote = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;

function groupCounts(storage: Storage, { sql, params, fields, group }: GroupQuery): Doc[] | undefined {
  const rows = statement(storage.db, sql)
    .raw()
    .all(...params) as unknown[][]; // a column per key field, then count(*) and min(rowid)
  // Each group: its _id, document count, first rowid (mingo's groups come in order of their first document).
  const groups: { id: unknown; n: number; first: number }[] = [];
  let nullGroup: { id: unknown; n: number; first: number } | undefined;
  for (const row of rows) {
    const n = row[fields.length] as number;
    const first = row[fields.length + 1] as number;
    if (n === 0) continue; // the aggregate over no rows (constant _id)
    const values = fields.map((field, i) => decode(row[i], field.kinds));
    if (values.includes(UNDECODABLE)) return undefined;
    if (group.id.kind === 'constant') groups.push({ id: group.id.value, n, first });
    else if (group.id.kind === 'object') {
      const names = group.id.names;
      groups.push({ id: Object.fromEntries(names.map((name, i) => [name, values[i]])), n, first });
    } else if (values[0] === undefined || values[0] === null) {
      // mingo's key for a scalar _id is `value ?? null`: null and missing are one group.
      if (nullGroup) {
        nullGroup.n += n;
        nullGroup.first = Math.min(nullGroup.first, first);
      } else {
        nullGroup = { id: null, n, first };
        groups.push(nullGroup);
      }
    } else groups.push({ id: values[0], n, first });
  }
  if (nullGroup) groups.sort((a, b) => a.first - b.first);
  return groups.map(({ id, n }) => {
    const doc: Doc = { _id: id };
    for (const [name, factor] of group.sums) doc[name] = n * factor;
    return doc;
  });
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function statement(db: Database.Database, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let prepared = cache.get(sql);
  if (!prepared) {
    if (cache.size >= 200) cache.clear(); // shapes are few in practice; the cap guards against pathological clients
    prepared = db.prepare(sql);
    cache.set(sql, prepared);
  }
  return prepared;
}
