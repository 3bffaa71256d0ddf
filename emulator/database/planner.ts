/**
 * Query planning: which part of a MongoDB filter an index can answer, as SQL over the collection table.
 *
 * Only conjunctive conditions on the leading fields of one index are translated (equality, $in, ranges), like
 * MongoDB's index bounds. The SQL is always a superset of the real answer — mingo re-checks every candidate — so a
 * translation can make queries faster but never changes results. A query no index serves is reported, because on
 * CloudBase it would scan the whole collection.
 */
import { Doc, isPlainObject } from './codec';
import { COMPLEX, SqlScalar, sqlKeyExpr, sqlKeyForScalar, sqlKeysForValue } from './indexKeys';
import { CollectionInfo, MATCH_ALL, SqlFilter, idKey } from './storage';

export interface Plan {
  filter: SqlFilter;
  /** The index answering the query (`_id_` for the primary key), or null for a collection scan. */
  index: string | null;
  /** The SQL alone is the exact answer (a lookup by _id and nothing else), so matching can be skipped. */
  exact?: boolean;
}

type Bound = { value: SqlScalar; inclusive: boolean };

interface FieldConstraint {
  /** Allowed keys; several equality conditions on one field intersect. */
  eq?: SqlScalar[][];
  /** The same equality conditions as raw values (for `_id`, which is keyed by its own value). */
  raw?: unknown[][];
  lower?: Bound;
  upper?: Bound;
}

export function planQuery(info: CollectionInfo, filter: Doc, sort?: Record<string, 1 | -1>): Plan {
  const constraints = new Map<string, FieldConstraint>();
  collectConstraints(filter, constraints);

  const idConstraint = constraints.get('_id');
  const byId = idConstraint && idFilter(idConstraint);
  if (byId) {
    const id = filter._id;
    const onlyEquality = isPlainObject(id) ? Object.keys(id).every((op) => op === '$eq' || op === '$in') : true;
    return { filter: byId, index: '_id_', exact: Object.keys(filter).length === 1 && idConstraint.raw !== undefined && onlyEquality };
  }

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
    for (const field of best.fields) {
      appendFieldSql(sqlKeyExpr(field), constraints.get(field)!, info.complexPaths.has(field), parts, params);
    }
    return { filter: { where: parts.join(' AND '), params }, index: best.name };
  }

  // No filter at all but an order an index provides: MongoDB walks that index instead of sorting.
  const firstSortField = sort ? Object.keys(sort)[0] : undefined;
  if (constraints.size === 0 && Object.keys(filter).length === 0 && firstSortField) {
    const byIndex = info.indexes.find((index) => index.keys[0].field === firstSortField);
    if (byIndex) return { filter: MATCH_ALL, index: byIndex.name };
    if (firstSortField === '_id') return { filter: MATCH_ALL, index: '_id_' };
  }
  return { filter: MATCH_ALL, index: null };
}

function collectConstraints(filter: Doc, out: Map<string, FieldConstraint>): void {
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const clause of value) if (isPlainObject(clause)) collectConstraints(clause, out);
      continue;
    }
    if (key.startsWith('$')) continue; // $or, $nor, $expr…: left to mingo
    const constraint = out.get(key) ?? {};
    if (isOperatorObject(value)) {
      for (const [op, arg] of Object.entries(value)) addOperator(constraint, op, arg);
    } else {
      addEquality(constraint, value, sqlKeysForValue(value));
    }
    if (constraint.eq || constraint.lower || constraint.upper) out.set(key, constraint);
  }
}

function isOperatorObject(value: unknown): value is Doc {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => key.startsWith('$'));
}

function addOperator(constraint: FieldConstraint, op: string, arg: unknown): void {
  switch (op) {
    case '$eq':
      addEquality(constraint, arg, sqlKeysForValue(arg));
      return;
    case '$in': {
      if (!Array.isArray(arg)) return;
      const keys: SqlScalar[] = [];
      for (const item of arg) {
        const itemKeys = sqlKeysForValue(item);
        if (!itemKeys) return; // a regex or an object in $in: not an index lookup
        keys.push(...itemKeys);
      }
      addEquality(constraint, arg, keys, true);
      return;
    }
    case '$gt':
    case '$gte': {
      const value = sqlKeyForScalar(arg);
      if (value !== undefined && !constraint.lower) constraint.lower = { value, inclusive: op === '$gte' };
      return;
    }
    case '$lt':
    case '$lte': {
      const value = sqlKeyForScalar(arg);
      if (value !== undefined && !constraint.upper) constraint.upper = { value, inclusive: op === '$lte' };
      return;
    }
    default:
      return;
  }
}

function addEquality(constraint: FieldConstraint, value: unknown, keys: SqlScalar[] | undefined, isList = false): void {
  if (!keys) return;
  (constraint.eq ??= []).push(keys);
  (constraint.raw ??= []).push(isList ? (value as unknown[]) : [value]);
}

function appendFieldSql(expr: string, constraint: FieldConstraint, hasComplex: boolean, parts: string[], params: unknown[]): void {
  if (constraint.eq) {
    for (const keys of constraint.eq) {
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
