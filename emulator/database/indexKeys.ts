/**
 * How a field path becomes an index key, in SQL (for SQLite expression indexes) and in JS (for unique checks).
 *
 * SQLite indexes one value per row, MongoDB one per array element. The SQL key of a path is therefore:
 *   - the scalar itself for strings, numbers and booleans (json_extract gives 1/0 for true/false),
 *   - the epoch ms for a Date (stored as {"$date": ms}),
 *   - MISSING / NULL markers for an absent field and an explicit null,
 *   - the COMPLEX marker when the path crosses or ends in an array, or ends in a non-date object.
 * Every SQL condition built on these keys is a superset of MongoDB's answer (COMPLEX rows are added whenever the
 * collection has any), and mingo then decides exactly. Documents never need a second copy of their keys.
 */
import { Doc, isPlainObject } from './codec';

export const COMPLEX = Buffer.from([0]);
export const MISSING = Buffer.from([1]);
export const NULL = Buffer.from([2]);

export type SqlScalar = string | number | Buffer;

function jsonPath(segments: string[]): string {
  return '$' + segments.map((segment) => `."${segment}"`).join('');
}

/**
 * The SQL expression that keys `path`. It must be textually identical in CREATE INDEX and in queries for SQLite to
 * use the index, so it is only ever produced here. Paths are validated (no quotes, no `$`) before they get here.
 */
export function sqlKeyExpr(path: string): string {
  const segments = path.split('.');
  const full = jsonPath(segments);
  const crossesArray = segments
    .slice(0, -1)
    .map((_, i) => `WHEN json_type(doc, '${jsonPath(segments.slice(0, i + 1))}') = 'array' THEN X'00'`)
    .join(' ');
  const leaf =
    `CASE json_type(doc, '${full}') WHEN 'null' THEN X'02' WHEN 'array' THEN X'00' ` +
    `WHEN 'object' THEN coalesce(json_extract(doc, '${full}."$date"'), X'00') ` +
    `ELSE coalesce(json_extract(doc, '${full}'), X'01') END`;
  return crossesArray ? `(CASE ${crossesArray} ELSE ${leaf} END)` : `(${leaf})`;
}

/**
 * What kinds of value sit under an indexed path, as bits: which SQL keys are exact stand-ins for MongoDB's comparisons
 * depends on them (see planner.ts). Numbers, booleans and dates all have numeric SQL keys; strings compare by UTF-8
 * bytes in SQLite but by UTF-16 code units in JS, which differ only for characters beyond U+FFFF (ASTRAL).
 */
export const KIND = {
  NULLISH: 1, // null or missing (MongoDB sorts and matches them as one)
  NUMBER: 2,
  STRING: 4,
  ASTRAL: 8, // a string with a character beyond U+FFFF (always together with STRING)
  BOOLEAN: 16,
  DATE: 32,
  COMPLEX: 64, // an array on the way or at the end, a non-date object, NaN/±Infinity, other BSON values
} as const;

const ASTRAL_RE = /[\uD800-\uDFFF]/;

/** The KIND bit of `path` in `doc` (mirrors sqlKeyExpr and sqlKindExpr). */
export function valueKind(doc: Doc, path: string): number {
  let current: unknown = doc;
  for (const segment of path.split('.')) {
    if (Array.isArray(current)) return KIND.COMPLEX;
    if (!isPlainObject(current)) return KIND.NULLISH;
    current = current[segment];
  }
  switch (typeof current) {
    case 'undefined':
      return KIND.NULLISH;
    case 'string':
      return ASTRAL_RE.test(current) ? KIND.STRING | KIND.ASTRAL : KIND.STRING;
    case 'number':
      return Number.isFinite(current) ? KIND.NUMBER : KIND.COMPLEX;
    case 'boolean':
      return KIND.BOOLEAN;
    default:
      if (current === null) return KIND.NULLISH;
      if (current instanceof Date) return KIND.DATE;
      return KIND.COMPLEX;
  }
}

/**
 * A SQL expression naming the kind of `path` in a row (mirrors valueKind): 'array' (an array on the way or at the
 * end), 'S'/'A' (a string without/with characters beyond U+FFFF), 'date', 'object', 'missing', else json_type
 * (integer, real, true, false, null). One pass over the table is about 1 ms per 1,000 documents.
 */
export function sqlKindExpr(path: string): string {
  const segments = path.split('.');
  const full = jsonPath(segments);
  const crossesArray = segments
    .slice(0, -1)
    .map((_, i) => `WHEN json_type(doc, '${jsonPath(segments.slice(0, i + 1))}') = 'array' THEN 'array'`)
    .join(' ');
  const leaf =
    `CASE json_type(doc, '${full}') ` +
    `WHEN 'text' THEN CASE WHEN json_extract(doc, '${full}') GLOB '*[\u{10000}-\u{10FFFF}]*' THEN 'A' ELSE 'S' END ` +
    `WHEN 'object' THEN CASE WHEN json_type(doc, '${full}."$date"') IN ('integer', 'real') THEN 'date' ELSE 'object' END ` +
    `ELSE coalesce(json_type(doc, '${full}'), 'missing') END`;
  return crossesArray ? `CASE ${crossesArray} ELSE ${leaf} END` : leaf;
}

/** The KIND bit of a sqlKindExpr value. */
export function kindOfSqlKind(value: string): number {
  switch (value) {
    case 'missing':
    case 'null':
      return KIND.NULLISH;
    case 'S':
      return KIND.STRING;
    case 'A':
      return KIND.STRING | KIND.ASTRAL;
    case 'integer':
    case 'real':
      return KIND.NUMBER;
    case 'true':
    case 'false':
      return KIND.BOOLEAN;
    case 'date':
      return KIND.DATE;
    default:
      return KIND.COMPLEX;
  }
}

/**
 * The SQL keys a JS query value can equal, or undefined when the value cannot be looked up by key (objects, arrays,
 * regular expressions…). `null` in MongoDB matches both a null and a missing field.
 */
export function sqlKeysForValue(value: unknown): SqlScalar[] | undefined {
  if (value === null) return [MISSING, NULL];
  const key = sqlKeyForScalar(value);
  return key === undefined ? undefined : [key];
}

/** A single comparable SQL key for range bounds; strings, finite numbers, booleans and Dates only. */
export function sqlKeyForScalar(value: unknown): SqlScalar | undefined {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : undefined;
    case 'boolean':
      return value ? 1 : 0;
    default:
      return value instanceof Date && !Number.isNaN(value.getTime()) ? value.getTime() : undefined;
  }
}

/** Whether the SQL key of `path` in `doc` is the COMPLEX marker (mirrors sqlKeyExpr). */
export function isComplexKey(doc: Doc, path: string): boolean {
  let current: unknown = doc;
  for (const segment of path.split('.')) {
    if (Array.isArray(current)) return true;
    if (!isPlainObject(current)) return false;
    current = current[segment];
  }
  if (Array.isArray(current)) return true;
  if (current === null || current === undefined || current instanceof Date) return false;
  if (typeof current === 'number') return !Number.isFinite(current);
  return typeof current === 'object';
}

/**
 * MongoDB's index keys for `path`: one per array element along the way (a multikey index), null when missing.
 * `isArray` tells whether the path went through an array, to reject compound keys over parallel arrays.
 */
export function indexValues(doc: Doc, path: string): { values: unknown[]; isArray: boolean } {
  const state = { isArray: false };
  const values = collect(doc, path.split('.'), state);
  return { values: values.length ? values : [null], isArray: state.isArray };
}

function collect(value: unknown, segments: string[], state: { isArray: boolean }): unknown[] {
  if (segments.length === 0) {
    if (!Array.isArray(value)) return [value === undefined ? null : value];
    state.isArray = true;
    return value.length ? value : [undefined];
  }
  const [head, ...rest] = segments;
  if (Array.isArray(value)) {
    state.isArray = true;
    const index = /^\d+$/.test(head) ? Number(head) : -1;
    if (index >= 0) return collect(value[index], rest, state);
    return value.flatMap((item) => (isPlainObject(item) ? collect(item[head], rest, state) : []));
  }
  if (isPlainObject(value)) return collect(value[head], rest, state);
  return [null];
}

/** A string that is equal for two values exactly when MongoDB considers them the same index key. */
export function canonicalKey(value: unknown): string {
  if (value === null) return 'z';
  if (value === undefined) return 'u';
  if (typeof value === 'number') return `n:${value}`;
  if (typeof value === 'string') return `s:${value}`;
  if (typeof value === 'boolean') return `b:${value}`;
  if (value instanceof Date) return `d:${value.getTime()}`;
  if (value instanceof RegExp) return `r:${value.source}/${value.flags}`;
  if (Array.isArray(value)) return `a:[${value.map(canonicalKey).join(',')}]`;
  if (isPlainObject(value)) {
    return `o:{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalKey(v)}`)
      .join(',')}}`;
  }
  return `x:${String(value)}`;
}

/** How MongoDB prints a key in E11000 messages: `{ communityId: "c1", openid: null }`. */
export function formatDupKey(fields: string[], values: unknown[]): string {
  const parts = fields.map((field, i) => `${field}: ${formatKeyValue(values[i])}`);
  return `{ ${parts.join(', ')} }`;
}

function formatKeyValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
