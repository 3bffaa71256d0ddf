/**
 * MongoDB semantics over in-memory documents, by mingo: filters (dot paths, arrays, regex, null vs missing), sort
 * order across types, projections and aggregation stages. Script operators ($where, $function, $accumulator) are
 * disabled, as on CloudBase. mingo's errors become CloudBase database errors.
 */
import { Aggregator, Query, find } from 'mingo';
import { Doc, isPlainObject } from './codec';
import { requestFailed } from './errors';

type SortSpec = Record<string, 1 | -1>;
export type CollectionResolver = (name: string) => Doc[];

const BASE_OPTIONS = { scriptEnabled: false } as const;

function translate<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw requestFailed((err as Error).message);
  }
}

/**
 * mingo's test for a filter. Compiling costs 20–50 µs (mingo copies its operator tables for every Query), more than
 * testing a few documents, so compiled filters are kept by value (the most recent COMPILED_CACHE of them): a
 * repeated query — polling, paging, the same screen opened again — compiles once.
 */
export function compileFilter(filter: Doc): (doc: Doc) => boolean {
  if (Object.keys(filter).length === 0) return () => true;
  const key = filterKey(filter);
  let query = key === undefined ? undefined : compiled.get(key);
  if (query) {
    compiled.delete(key!); // most recently used last
  } else {
    query = translate(() => new Query(filter, BASE_OPTIONS));
  }
  if (key !== undefined) {
    compiled.set(key, query);
    if (compiled.size > COMPILED_CACHE) compiled.delete(compiled.keys().next().value!);
  }
  const test = query;
  return (doc) => translate(() => test.test(doc));
}

const COMPILED_CACHE = 500;
const compiled = new Map<string, Query>();

/**
 * A text equal for two filters exactly when they are the same value (types included), or undefined for a filter
 * not to reuse: one with `$expr` (aggregation expressions may read the clock or variables; mingo 7 evaluates $$NOW
 * per test, but nothing is gained by betting on it) or with values other than JSON, dates and regular expressions.
 */
function filterKey(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'boolean':
      return String(value);
    case 'object':
      break;
    default:
      return undefined;
  }
  if (value === null) return 'null';
  if (value instanceof Date) return `D${value.getTime()}`;
  if (value instanceof RegExp) return `R${JSON.stringify([value.source, value.flags])}`;
  const parts: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      const part = filterKey(item);
      if (part === undefined) return undefined;
      parts.push(part);
    }
    return `[${parts.join(',')}]`;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (key === '$expr') return undefined;
    const part = filterKey(item);
    if (part === undefined) return undefined;
    parts.push(`${JSON.stringify(key)}:${part}`);
  }
  return `{${parts.join(',')}}`;
}

export function sortDocs(docs: Doc[], sort: SortSpec): Doc[] {
  if (Object.keys(sort).length === 0) return docs;
  return translate(() => find(docs, {}, undefined, BASE_OPTIONS).sort(sort).all() as Doc[]);
}

export function projectDocs(docs: Doc[], projection: Doc): Doc[] {
  if (Object.keys(projection).length === 0) return docs;
  return translate(() => find(docs, {}, projection, BASE_OPTIONS).all() as Doc[]);
}

/**
 * The stages over the documents, by mingo — but for leading plain projections (plainProjection) and `$match`es
 * without `$expr`, done here first: mingo builds an Aggregator and its operator tables for every run, more than
 * these stages cost over the few dozen documents a request has at that point. A `$match` is mingo's Query, as
 * mingo's own `$match` is (compiled once per filter: compileFilter).
 */
export function runStages(docs: Doc[], stages: Doc[], collectionResolver?: CollectionResolver): Doc[] {
  let rest = stages;
  let out = docs;
  for (;;) {
    const fields = plainProjection(rest[0]);
    const filter = fields ? undefined : plainMatch(rest[0]);
    const next = fields ? project(out, fields) : filter ? out.filter(compileFilter(filter)) : undefined;
    if (!next) break; // a stage (or shape) left to mingo
    out = next;
    rest = rest.slice(1);
  }
  if (rest.length === 0) return out;
  return translate(() => new Aggregator(rest, { ...BASE_OPTIONS, collectionResolver }).run(out) as Doc[]);
}

/** The filter of a `$match` stage that can be compiled and reused (no `$expr`: filterKey), or undefined. */
function plainMatch(stage: Doc | undefined): Doc | undefined {
  const filter = stage?.$match;
  if (!isPlainObject(filter) || Object.keys(stage!).length !== 1 || filterKey(filter) === undefined) return undefined;
  return filter;
}

interface PlainProjection {
  include: boolean;
  fields: Set<string>;
  /** Kept fields of embedded documents (`{'members.name': 1}`): field → its fields kept. */
  sub: Map<string, Set<string>>;
  /** Fields set from a path of embedded documents (`{residentId: '$subject.residentId'}`), in the stage's order. */
  computed: [string, string[]][];
  keepId: boolean;
}

/**
 * A `$project` that only keeps or only drops top-level fields (`{a: 1, b: 1}`, `{_id: 0, a: 1}`, `{a: 0}`), or keeps
 * fields of an embedded document or array of documents (`{'members.name': 1}`), or sets a field from a path through
 * embedded documents (`{residentId: '$subject.residentId'}`), which boards and lists use to leave out what they do
 * not show: done here, field by field, rather than by mingo, whose general projection costs tens of microseconds a
 * document. Anything else (deeper paths, other expressions, other values, embedded values that are not documents, a
 * path through an array) is left to mingo.
 */
function plainProjection(stage: Doc | undefined): PlainProjection | undefined {
  const spec = stage?.$project;
  if (!spec || typeof spec !== 'object' || Array.isArray(spec) || Object.keys(stage).length !== 1) return undefined;
  const entries = Object.entries(spec as Doc);
  if (entries.length === 0) return undefined;
  const flag = (value: unknown): boolean | undefined =>
    value === 1 || value === true ? true : value === 0 || value === false ? false : undefined;
  let include: boolean | undefined;
  let keepId = true;
  let idNamed = false;
  const fields = new Set<string>();
  const sub = new Map<string, Set<string>>();
  const computed: [string, string[]][] = [];
  for (const [key, value] of entries) {
    const on = flag(value);
    if (on === undefined && typeof value === 'string' && value.startsWith('$') && !value.startsWith('$$')) {
      const path = value.slice(1).split('.');
      if (!plainName(key) || key === '_id' || path.some((part) => part === '' || part.startsWith('$'))) return undefined;
      if (include === false) return undefined; // MongoDB refuses a computed field in an exclusion
      include = true;
      computed.push([key, path]);
      continue;
    }
    if (on === undefined || key.startsWith('$') || key === '') return undefined;
    const path = key.split('.');
    if (path.length > 2 || path.some((part) => part === '' || part.startsWith('$'))) return undefined;
    if (path.length === 2) {
      if (!on || path[0] === '_id' || fields.has(path[0])) return undefined;
      if (include === false) return undefined;
      include = true;
      sub.set(path[0], (sub.get(path[0]) ?? new Set()).add(path[1]));
      continue;
    }
    if (sub.has(key)) return undefined; // a path collision: mingo says so
    if (key === '_id') {
      keepId = on;
      idNamed = true;
      continue;
    }
    if (include !== undefined && include !== on) return undefined; // MongoDB refuses a mix; mingo says so
    include = on;
    fields.add(key);
  }
  if (computed.some(([key]) => fields.has(key) || sub.has(key))) return undefined; // a path collision: mingo says so
  if (include === undefined) return keepId ? undefined : { include: false, fields: new Set(['_id']), sub, computed, keepId: false };
  if (!include && idNamed && keepId) return undefined; // `{_id: 1, a: 0}`: left to mingo
  return { include, fields, sub, computed, keepId };
}

const plainName = (name: string): boolean => name !== '' && !name.includes('.') && !name.startsWith('$');

/** The value at a path through embedded documents; undefined when missing; ARRAY when the path meets an array. */
const ARRAY = Symbol('array');
function valueAt(doc: Doc, path: string[]): unknown {
  let value: unknown = doc;
  for (const part of path) {
    if (Array.isArray(value)) return ARRAY;
    if (!isPlainObject(value)) return undefined;
    value = value[part];
  }
  return value;
}

/**
 * The top-level fields a `$project` stage that only keeps fields reads (its kept fields, those it keeps fields of, and
 * `_id` unless dropped), or undefined for any other stage: a document holding just these gives the same result.
 */
export function keptFields(stage: Doc | undefined): Set<string> | undefined {
  const p = plainProjection(stage);
  if (!p?.include) return undefined;
  const fields = new Set([...p.fields, ...p.sub.keys(), ...p.computed.map(([, path]) => path[0])]);
  if (p.keepId) fields.add('_id');
  return fields;
}

/** The kept fields of one embedded document, in its own order. */
function pick(doc: Doc, fields: Set<string>): Doc {
  const out: Doc = {};
  for (const key in doc) if (fields.has(key) && doc[key] !== undefined) out[key] = doc[key];
  return out;
}

/**
 * MongoDB's result: `_id` first when kept, then the document's own fields in its own order, then the fields set from
 * paths (left out when the path is missing); an embedded document keeps its listed fields, an array of documents each
 * of its elements' (an element without them stays, empty). Undefined when an embedded value is something else (a
 * scalar, null, an array holding other values) or a path goes through an array.
 */
function project(docs: Doc[], p: PlainProjection): Doc[] | undefined {
  const out: Doc[] = [];
  for (const doc of docs) {
    const kept: Doc = {};
    if (p.keepId && '_id' in doc) kept._id = doc._id;
    for (const key in doc) {
      const value = doc[key];
      if (key === '_id' || value === undefined) continue;
      const fields = p.sub.get(key);
      if (fields) {
        if (isPlainObject(value)) kept[key] = pick(value, fields);
        else if (Array.isArray(value) && value.every(isPlainObject)) kept[key] = value.map((item) => pick(item, fields));
        else return undefined;
      } else if (p.fields.has(key) === p.include) kept[key] = value;
    }
    for (const [key, path] of p.computed) {
      const value = valueAt(doc, path);
      if (value === ARRAY) return undefined;
      if (value !== undefined) kept[key] = value;
    }
    out.push(kept);
  }
  return out;
}
