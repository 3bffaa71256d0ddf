/**
 * How a document changes: update operators (`doc().update`, `where().update`), whole-document replacement
 * (`doc().set`), upsert seeds, generated ids and the document size limit — with MongoDB's rules and messages.
 * mingo applies the operators; the checks it is lenient about ($inc on a string, $push on a number, touching _id)
 * are made here first, so a bad update fails locally exactly as it would on CloudBase.
 */
import crypto from 'node:crypto';
import { update as applyOperators } from 'mingo';
import { Doc, bsonSize, isPlainObject } from './codec';
import { invalidParam, requestFailed } from './errors';

export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

const OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$push',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$rename',
  '$pop',
  '$currentDate',
  '$bit',
]);
const NUMERIC_OPERATORS = new Set(['$inc', '$mul']);
const ARRAY_OPERATORS = new Set(['$push', '$addToSet', '$pull', '$pullAll', '$pop']);

/** A new CloudBase-style document id: 32 lowercase hex characters. */
export function newDocumentId(): string {
  return crypto.randomBytes(16).toString('hex');
}

export function isOperatorUpdate(update: Doc): boolean {
  return Object.keys(update).some((key) => key.startsWith('$'));
}

/** Applies update operators to `doc` in place; returns whether anything changed. */
export function applyUpdate(doc: Doc, update: Doc, now: number): boolean {
  const keys = Object.keys(update);
  if (keys.length === 0) throw requestFailed("'update' must not be empty");
  for (const op of keys) {
    if (!op.startsWith('$')) {
      throw requestFailed(`Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`);
    }
    if (!OPERATORS.has(op)) throw requestFailed(`Unknown modifier: ${op}`);
    const fields = update[op];
    if (!isPlainObject(fields)) throw requestFailed(`Modifiers operate on fields but we found type ${typeof fields} instead`);
    for (const [path, arg] of Object.entries(fields)) checkOperand(doc, op, path, arg);
  }
  const modifier = withCurrentDate(update, now);
  try {
    return applyOperators(doc, modifier, undefined, undefined, { cloneMode: 'deep' }).length > 0;
  } catch (err) {
    throw requestFailed((err as Error).message);
  }
}

/** `doc().set()` semantics: the new document keeps the _id and nothing else of the current one. */
export function replaceDocument(current: Doc, replacement: Doc): Doc {
  if (isOperatorUpdate(replacement)) throw requestFailed('the replacement document must not contain update operators ($...)');
  if ('_id' in replacement && !sameValue(replacement._id, current._id)) throw immutableId();
  const { _id: _ignored, ...rest } = replacement;
  return { _id: current._id, ...rest };
}

/** The document an upsert inserts: the equality fields of the filter, then the update applied to them. */
export function upsertSeed(filter: Doc): Doc {
  const seed: Doc = {};
  const visit = (clause: Doc): void => {
    for (const [key, value] of Object.entries(clause)) {
      if (key === '$and' && Array.isArray(value)) {
        for (const sub of value) if (isPlainObject(sub)) visit(sub);
      } else if (!key.startsWith('$')) {
        const operand = isPlainObject(value) && Object.keys(value).every((k) => k.startsWith('$')) ? value : undefined;
        if (!operand) setPath(seed, key, value);
        else if ('$eq' in operand) setPath(seed, key, operand.$eq);
      }
    }
  };
  visit(filter);
  return seed;
}

export function assertDocumentSize(doc: Doc, kind: 'insert' | 'update'): void {
  const size = bsonSize(doc);
  if (size <= MAX_DOCUMENT_BYTES) return;
  throw requestFailed(
    kind === 'insert'
      ? `object to insert too large. size in bytes: ${size}, max size: ${MAX_DOCUMENT_BYTES}`
      : `Resulting document after update is larger than ${MAX_DOCUMENT_BYTES}`,
  );
}

/** Checks an inserted document: an object whose _id, if given, is a string or number. */
export function assertInsertable(doc: unknown): asserts doc is Doc {
  if (!isPlainObject(doc)) throw invalidParam('a document must be an object');
  const id = doc._id;
  if (id !== undefined && typeof id !== 'string' && !(typeof id === 'number' && Number.isFinite(id))) {
    throw invalidParam('_id must be a string or a number');
  }
  if (id === '') throw invalidParam('_id must not be empty');
}

/** MongoDB (4.x, as CloudBase runs it) refuses to store field names that start with `$`. */
export function assertStorableFieldNames(value: unknown, path = ''): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertStorableFieldNames(item, path ? `${path}.${i}` : String(i)));
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (key.startsWith('$')) throw requestFailed(`The dollar ($) prefixed field '${key}' in '${at}' is not valid for storage.`);
    assertStorableFieldNames(item, at);
  }
}

export function immutableId() {
  return requestFailed("Performing an update on the path '_id' would modify the immutable field '_id'");
}

function checkOperand(doc: Doc, op: string, path: string, arg: unknown): void {
  if (path === '_id' || path.startsWith('_id.')) {
    if (!(op === '$set' && sameValue(arg, doc._id))) throw immutableId();
  }
  if (op === '$rename' && (arg === '_id' || (typeof arg === 'string' && arg.startsWith('_id.')))) throw immutableId();
  if (path.includes('$')) return; // positional paths: mingo resolves them against the matched element
  const current = getPath(doc, path);
  if (current === undefined) return;
  if (NUMERIC_OPERATORS.has(op)) {
    if (typeof arg !== 'number')
      throw requestFailed(
        `Cannot ${op === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${JSON.stringify(arg)}}`,
      );
    if (typeof current !== 'number') {
      throw requestFailed(
        `Cannot apply ${op} to a value of non-numeric type. {_id: ${JSON.stringify(doc._id)}} has the field '${path}' of non-numeric type ${typeName(current)}`,
      );
    }
  }
  if (ARRAY_OPERATORS.has(op) && !Array.isArray(current)) {
    throw requestFailed(
      `The field '${path}' must be an array but is of type ${typeName(current)} in document {_id: ${JSON.stringify(doc._id)}}`,
    );
  }
}

/** `$currentDate` is evaluated at the emulator clock, like serverDate. */
function withCurrentDate(update: Doc, now: number): Doc {
  const currentDate = update.$currentDate;
  if (!isPlainObject(currentDate)) return update;
  const { $currentDate: _ignored, ...rest } = update;
  const set: Doc = { ...(isPlainObject(rest.$set) ? rest.$set : {}) };
  for (const path of Object.keys(currentDate)) set[path] = new Date(now);
  return { ...rest, $set: set };
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'date';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'double';
  return typeof value === 'object' ? 'object' : typeof value;
}

function getPath(doc: Doc, path: string): unknown {
  let current: unknown = doc;
  for (const segment of path.split('.')) {
    if (Array.isArray(current) && /^\d+$/.test(segment)) current = current[Number(segment)];
    else if (isPlainObject(current)) current = current[segment];
    else return undefined;
  }
  return current;
}

function setPath(doc: Doc, path: string, value: unknown): void {
  const segments = path.split('.');
  let target = doc;
  for (const segment of segments.slice(0, -1)) {
    const next = target[segment];
    if (!isPlainObject(next)) target[segment] = {};
    target = target[segment] as Doc;
  }
  target[segments[segments.length - 1]] = value;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (a instanceof Date && b instanceof Date && a.getTime() === b.getTime());
}
