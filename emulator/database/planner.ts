/**
 * Query planning: which part of a MongoDB filter an index can answer, as SQL over the collection table, and whether
 * SQL can also order the answer.
 *
 * Filters. Only conjunctive conditions on the leading fields of one index are translated (equality, $in, ranges),
 * like MongoDB's index bounds. The SQL is always a superset of the real answer. It is the exact answer (`exact`: no
 * document needs re-checking by mingo) when every condition of the filter is translated and each one's SQL keys
 * stand for MongoDB's comparison one to one: string and null equality always (null and missing have their own
 * keys); number, boolean or date equality and number or date ranges when the field holds no other value with a
 * numeric key (numbers, booleans and dates all have one); string ranges always, except that SQLite compares strings
 * by code point and mingo by UTF-16 unit, which disagree only between a character beyond U+FFFF and one in
 * U+E000–U+FFFF: a bound holding U+D800–U+FFFF on a field holding characters beyond U+FFFF is widened to all strings
 * and left to mingo. Never exact on a field with an array or object anywhere; there, equality and $in on scalars
 * reach the documents with an array through their multikey rows (one per element, storage.ts writeMultikeys), other
 * conditions read every such document. (See indexKeys.ts for the keys, CollectionInfo.valueKinds for what a field
 * holds.)
 *
 * Order (planOrder). mingo's sort — what the emulator answers — orders null and missing first as one group, then
 * numbers < strings < objects < arrays < booleans < dates, and keeps ties in insertion order in both directions.
 * SQLite orders the SQL keys numbers (numbers, booleans, dates) < text < blobs (markers). The two agree exactly when
 * each sort field is an indexed path whose values are of one kind — numbers, strings, booleans or dates — or numbers
 * and strings, without arrays/objects and without strings beyond U+FFFF, plus possibly null/missing. Then the sort is
 * `ORDER BY <key> [DESC], …, rowid` — the index's own expression, so an index over (equality prefix, sort fields)
 * both finds and orders the rows — except that a field holding nulls/missing values is ordered by an expression that
 * maps both markers to SQL NULL (first ascending, last descending, one group, as in mingo), which SQLite sorts itself.
 * Otherwise the query falls back to reading every match and sorting in JS with mingo.
 *
 * A query no index serves is reported, because on CloudBase it would scan the whole collection.
 */
import { Doc, isPlainObject } from './codec';
import { COMPLEX, KIND, SqlScalar, sqlKeyExpr, sqlKeyForScalar, sqlKeysForValue } from './indexKeys';
import { CollectionInfo, MATCH_ALL, NATURAL_ORDER, SqlFilter, idKey } from './storage';

export interface Plan {
  filter: SqlFilter;
  /** The index answering the query (`_id_` for the primary key), or null for a collection scan. */
  index: string | null;
  /** The SQL alone is the exact answer, so matching can be skipped (see above). */
  exact: boolean;
}

type ValueType = 'string' | 'number' | 'boolean' | 'date';
type Bound = { value: SqlScalar; inclusive: boolean; type: ValueType };

interface FieldConstraint {
  /** Allowed keys; several equality conditions on one field intersect. */
  eq?: SqlScalar[][];
  /** The same equality conditions as raw values (for `_id`, which is keyed by its own value). */
  raw?: unknown[][];
  lower?: Bound;
  upper?: Bound;
  /** Some condition on the field is not in eq/lower/upper (an operator SQL cannot answer, a second bound…). */
  partial?: boolean;
}

interface Constraints {
  fields: Map<string, FieldConstraint>;
  /** Some condition is not about a single field ($or, $nor, $expr…): mingo must decide. */
  residual: boolean;
}

/** What every indexed path could hold, for readers that cannot rely on CollectionInfo.valueKinds (snapshots). */
export const ANY_KIND = (): number => ~0;

/**
 * `kindsOf` tells what an indexed path holds; it defaults to what the committed state holds (valueKinds). A
 * transaction's snapshot may still hold documents deleted before valueKinds first looked, so its reads pass ANY_KIND.
 */
export function planQuery(
  info: CollectionInfo,
  filter: Doc,
  sort?: Record<string, 1 | -1>,
  kindsOf: (path: string) => number = info.valueKinds,
): Plan {
  const collected: Constraints = { fields: new Map(), residual: false };
  collectConstraints(filter, collected);
  const constraints = collected.fields;

  const idConstraint = constraints.get('_id');
  const byId = idConstraint && idFilter(idConstraint);
  if (byId) {
    const id = filter._id;
    const onlyEquality = isPlainObject(id) ? Object.keys(id).every((op) => op === '$eq' || op === '$in') : true;
    return { filter: byId, index: '_id_', exact: Object.keys(filter).length === 1 && idConstraint.raw !== undefined && onlyEquality };
  }
  const exactFor = (fields: string[]): boolean =>
    !collected.residual &&
    constraints.size === fields.length &&
    fields.every((field) => isExact(info, field, constraints.get(field)!, kindsOf));

  let best: { name: string; fields: string[] } | undefined;
  for (const index of info.indexes) {
    const fields: string[] = [];
    for (const key of index.keys) {
      const constraint = constraints.get(key.field);
      if (!constraint || (!constraint.eq && !constraint.lower && !constraint.upper)) break;
      fields.push(key.field);
      if (!constraint.eq) break; // a range ends the usable prefix
    }
    if (fields.length > (best?.fields.length ?? 0)) best = { name: index.name, fields };
  }
  if (best) {
    const parts: string[] = [];
    const params: unknown[] = [];
    const translate = (field: string) => {
      const constraint = constraints.get(field)!;
      // SQLite orders strings by code point, mingo by UTF-16 unit: they disagree only between a character beyond
      // U+FFFF and one in U+E000–U+FFFF, so a bound with such characters cannot narrow a field holding such strings.
      const unsafeBound = [constraint.lower, constraint.upper].some(
        (bound) => bound?.type === 'string' && HIGH_BMP.test(bound.value as string),
      );
      if (unsafeBound && kindsOf(field) & KIND.ASTRAL) {
        constraint.lower = constraint.upper = undefined;
        constraint.partial = true;
        appendFieldSql(
          sqlKeyExpr(field),
          { lower: { value: '', inclusive: true, type: 'string' } },
          info.complexPaths.has(field),
          parts,
          params,
        );
      } else {
        const multikey = { table: info.table, multikeyTable: info.multikeyTable, path: field };
        appendFieldSql(sqlKeyExpr(field), constraint, info.complexPaths.has(field), parts, params, multikey);
      }
    };
    for (const field of best.fields) translate(field);
    // Conditions on other indexed paths go into the SQL too: SQLite checks them on the rows the index yields (from the
    // stored JSON, in C, or from an index holding them), so a filter on indexed paths only never parses a document.
    const others = [...constraints.entries()]
      .filter(([field, c]) => !best.fields.includes(field) && isIndexedPath(info, field) && (c.eq || c.lower || c.upper))
      .map(([field]) => field);
    for (const field of others) translate(field);
    return { filter: { where: parts.join(' AND '), params }, index: best.name, exact: exactFor([...best.fields, ...others]) };
  }

  const exact = exactFor([]);
  // No filter at all but an order an index provides: MongoDB walks that index instead of sorting.
  const firstSortField = sort ? Object.keys(sort)[0] : undefined;
  if (constraints.size === 0 && Object.keys(filter).length === 0 && firstSortField) {
    const byIndex = info.indexes.find((index) => index.keys[0].field === firstSortField);
    if (byIndex) return { filter: MATCH_ALL, index: byIndex.name, exact };
    if (firstSortField === '_id') return { filter: MATCH_ALL, index: '_id_', exact };
  }
  return { filter: MATCH_ALL, index: null, exact };
}

/**
 * The SQL ORDER BY list giving exactly mingo's order for `sort` (see the rules above), or null when only a JS sort
 * can: then every match has to be read and sorted. Without a sort: insertion order.
 */
export function planOrder(info: CollectionInfo, sort: Record<string, 1 | -1> | undefined): string | null {
  const fields = sort ? Object.entries(sort) : [];
  if (fields.length === 0) return NATURAL_ORDER;
  const terms: string[] = [];
  for (const [field, direction] of fields) {
    if (!isIndexedPath(info, field) || info.complexPaths.has(field)) return null;
    const kinds = info.valueKinds(field);
    if (!ORDERABLE.has(kinds & ~KIND.NULLISH)) return null;
    const key = sqlKeyExpr(field);
    const expr = kinds & KIND.NULLISH ? `(CASE WHEN ${key} >= X'01' THEN NULL ELSE ${key} END)` : key;
    terms.push(`${expr} ${direction === -1 ? 'DESC' : 'ASC'}`);
  }
  terms.push('rowid'); // ties in insertion order, whatever the direction (mingo's sort is stable)
  return terms.join(', ');
}

/** Characters whose order against characters beyond U+FFFF differs between UTF-16 and code points (and surrogates). */
const HIGH_BMP = /[\uD800-\uFFFF]/;

/** Value kinds (besides null/missing) whose SQL key order is mingo's order. */
const ORDERABLE = new Set<number>([0, KIND.NUMBER, KIND.STRING, KIND.BOOLEAN, KIND.DATE, KIND.NUMBER | KIND.STRING]);

function isIndexedPath(info: CollectionInfo, path: string): boolean {
  return info.indexes.some((index) => index.keys.some((key) => key.field === path));
}

/** Whether the SQL for this field's conditions is exactly MongoDB's answer for them (see the rules above). */
function isExact(info: CollectionInfo, field: string, constraint: FieldConstraint, kindsOf: (path: string) => number): boolean {
  if (constraint.partial || info.complexPaths.has(field)) return false;
  const numericOthers = (own: number) => (kindsOf(field) & (KIND.NUMBER | KIND.BOOLEAN | KIND.DATE | KIND.COMPLEX) & ~own) === 0;
  if (constraint.eq) {
    if (constraint.lower || constraint.upper) return false; // the SQL keeps the equality only
    return constraint.raw!.every((values) =>
      values.every((value) => {
        if (value === null || typeof value === 'string') return true;
        if (typeof value === 'number') return numericOthers(KIND.NUMBER);
        if (typeof value === 'boolean') return numericOthers(KIND.BOOLEAN);
        return value instanceof Date && numericOthers(KIND.DATE);
      }),
    );
  }
  const { lower, upper } = constraint;
  if (!lower && !upper) return false;
  if (lower && upper && lower.type !== upper.type) return false;
  switch ((lower ?? upper)!.type) {
    case 'number':
      return numericOthers(KIND.NUMBER);
    case 'date':
      return numericOthers(KIND.DATE);
    case 'string':
      return true; // bounds that could disagree over characters beyond U+FFFF were widened (partial) above
    default:
      return false;
  }
}

function collectConstraints(filter: Doc, out: Constraints): void {
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value) && value.length > 0) {
      for (const clause of value) {
        if (isPlainObject(clause)) collectConstraints(clause, out);
        else out.residual = true;
      }
      continue;
    }
    if (key.startsWith('$')) {
      out.residual = true; // $or, $nor, $expr…: left to mingo
      continue;
    }
    const constraint = out.fields.get(key) ?? {};
    if (isOperatorObject(value)) {
      for (const [op, arg] of Object.entries(value)) if (!addOperator(constraint, op, arg)) constraint.partial = true;
    } else {
      const keys = sqlKeysForValue(value);
      if (keys) addEquality(constraint, value, keys);
      else constraint.partial = true;
    }
    out.fields.set(key, constraint);
  }
}

function isOperatorObject(value: unknown): value is Doc {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => key.startsWith('$'));
}

/** Adds an operator's condition; false when the SQL cannot express it (mingo must check it). */
function addOperator(constraint: FieldConstraint, op: string, arg: unknown): boolean {
  switch (op) {
    case '$eq': {
      const keys = sqlKeysForValue(arg);
      if (keys) addEquality(constraint, arg, keys);
      return keys !== undefined;
    }
    case '$in': {
      if (!Array.isArray(arg)) return false;
      const keys: SqlScalar[] = [];
      for (const item of arg) {
        const itemKeys = sqlKeysForValue(item);
        if (!itemKeys) return false; // a regex or an object in $in: not an index lookup
        keys.push(...itemKeys);
      }
      addEquality(constraint, arg, keys, true);
      return true;
    }
    case '$gt':
    case '$gte': {
      const value = sqlKeyForScalar(arg);
      if (value === undefined || constraint.lower) return false;
      constraint.lower = { value, inclusive: op === '$gte', type: valueType(arg) };
      return true;
    }
    case '$lt':
    case '$lte': {
      const value = sqlKeyForScalar(arg);
      if (value === undefined || constraint.upper) return false;
      constraint.upper = { value, inclusive: op === '$lte', type: valueType(arg) };
      return true;
    }
    default:
      return false;
  }
}

/** The type of a value sqlKeyForScalar accepted. */
function valueType(value: unknown): ValueType {
  return value instanceof Date ? 'date' : (typeof value as ValueType);
}

function addEquality(constraint: FieldConstraint, value: unknown, keys: SqlScalar[], isList = false): void {
  (constraint.eq ??= []).push(keys);
  (constraint.raw ??= []).push(isList ? (value as unknown[]) : [value]);
}

/** Where a path's multikey rows are (storage.ts writeMultikeys): the collection's tables and the path. */
interface Multikey {
  table: string;
  multikeyTable: string;
  path: string;
}

function appendFieldSql(
  expr: string,
  constraint: FieldConstraint,
  hasComplex: boolean,
  parts: string[],
  params: unknown[],
  multikey?: Multikey,
): void {
  if (constraint.eq) {
    for (const keys of constraint.eq) {
      if (hasComplex && multikey && keys.every((key) => !Buffer.isBuffer(key))) {
        // A document with an array on the way is a candidate only if one of its elements has one of the keys (a
        // superset still: mingo decides, e.g. for the key 1 standing for both 1 and true).
        const marks = keys.map(() => '?').join(', ');
        parts.push(
          `(${expr} IN (${marks}) OR (${expr} = ? AND "${multikey.table}".key IN ` +
            `(SELECT m.key FROM "${multikey.multikeyTable}" m WHERE m.path = ? AND m.v IN (${marks}))))`,
        );
        params.push(...keys, COMPLEX, multikey.path, ...keys);
        continue;
      }
      const all = hasComplex ? [...keys, COMPLEX] : keys;
      parts.push(`${expr} IN (${all.map(() => '?').join(', ')})`);
      params.push(...all);
    }
    return;
  }
  const range: string[] = [];
  const rangeParams: unknown[] = [];
  const { lower, upper } = constraint;
  const kind = typeof (lower ?? upper)!.value;
  if (lower) {
    range.push(`${expr} ${lower.inclusive ? '>=' : '>'} ?`);
    rangeParams.push(lower.value);
  } else if (kind === 'string') {
    range.push(`${expr} >= ''`); // strings only: every number sorts before ''
  }
  if (upper) {
    range.push(`${expr} ${upper.inclusive ? '<=' : '<'} ?`);
    rangeParams.push(upper.value);
  } else {
    range.push(kind === 'string' ? `${expr} < X''` : `${expr} < ''`); // stop before markers / strings
  }
  if (hasComplex) {
    parts.push(`((${range.join(' AND ')}) OR ${expr} = ?)`);
    params.push(...rangeParams, COMPLEX);
  } else {
    parts.push(range.join(' AND '));
    params.push(...rangeParams);
  }
}

/** Lookups by primary key: `_id` equal to / in strings or numbers, or a string range. */
function idFilter(constraint: FieldConstraint): SqlFilter | undefined {
  if (constraint.raw) {
    const parts: string[] = [];
    const params: unknown[] = [];
    for (const values of constraint.raw) {
      if (!values.every((v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))) return undefined;
      parts.push(values.length ? `key IN (${values.map(() => '?').join(', ')})` : '0');
      params.push(...values.map(idKey));
    }
    return { where: parts.join(' AND '), params };
  }
  const { lower, upper } = constraint;
  if ((lower && typeof lower.value !== 'string') || (upper && typeof upper.value !== 'string')) return undefined;
  if ([lower, upper].some((bound) => bound && HIGH_BMP.test(bound.value as string))) return undefined; // see unsafeBound
  const parts: string[] = [];
  const params: unknown[] = [];
  if (lower) {
    parts.push(`key ${lower.inclusive ? '>=' : '>'} ?`);
    params.push(lower.value);
  }
  if (upper) {
    parts.push(`key ${upper.inclusive ? '<=' : '<'} ?`);
    params.push(upper.value);
  }
  return parts.length ? { where: parts.join(' AND '), params } : undefined;
}
