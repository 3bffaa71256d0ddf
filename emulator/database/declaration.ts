/**
 * The declaration file (database/collections.json): the one list of collections, security rules and indexes that
 * the emulator creates at start and that deployment applies to CloudBase.
 */
import fs from 'node:fs';

export interface IndexKey {
  field: string;
  direction: 1 | -1;
}

export interface IndexDeclaration {
  name: string;
  unique: boolean;
  keys: IndexKey[];
}

export interface CollectionDeclaration {
  name: string;
  securityRules: Record<string, unknown>;
  indexes: IndexDeclaration[];
}

export interface Declaration {
  collections: CollectionDeclaration[];
}

/** One field-path segment: no dots, no `$` prefix, nothing that needs quoting inside a SQLite JSON path. */
const PATH_SEGMENT = /^[^.$"\\\s][^."\\\s]*$/;
const COLLECTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;

export function isValidFieldPath(path: string): boolean {
  return path.length > 0 && path.split('.').every((segment) => PATH_SEGMENT.test(segment));
}

export function isValidCollectionName(name: string): boolean {
  return COLLECTION_NAME.test(name);
}

export function loadDeclaration(file: string): Declaration {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read collection declaration ${file}: ${(err as Error).message}`);
  }
  return parseDeclaration(raw, file);
}

export function parseDeclaration(raw: unknown, source = 'declaration'): Declaration {
  const fail = (where: string, what: string): never => {
    throw new Error(`${source}: ${where}: ${what}`);
  };
  if (!isObject(raw) || !Array.isArray(raw.collections)) fail('root', 'expected { "collections": [...] }');
  const seen = new Set<string>();
  const collections = (raw as { collections: unknown[] }).collections.map((entry, i): CollectionDeclaration => {
    const where = `collections[${i}]`;
    if (!isObject(entry)) return fail(where, 'expected an object');
    const name = entry.name;
    if (typeof name !== 'string' || !isValidCollectionName(name)) return fail(where, `invalid name ${JSON.stringify(name)}`);
    if (seen.has(name)) fail(where, `duplicate collection ${name}`);
    seen.add(name);
    const rules = entry.securityRules ?? { read: false, write: false };
    if (!isObject(rules)) fail(`${where}.securityRules`, 'expected an object');
    const indexes = entry.indexes ?? [];
    if (!Array.isArray(indexes)) return fail(`${where}.indexes`, 'expected an array');
    return {
      name,
      securityRules: rules as Record<string, unknown>,
      indexes: parseIndexes(indexes, `${where}(${name})`, fail),
    };
  });
  return { collections };
}

function parseIndexes(raw: unknown[], where: string, fail: (where: string, what: string) => never): IndexDeclaration[] {
  const names = new Set<string>();
  return raw.map((entry, i): IndexDeclaration => {
    const at = `${where}.indexes[${i}]`;
    if (!isObject(entry)) return fail(at, 'expected an object');
    const { name, unique = false, keys } = entry;
    if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(name) || name === '_id_') {
      return fail(at, `invalid index name ${JSON.stringify(name)}`);
    }
    if (names.has(name)) fail(at, `duplicate index name ${name}`);
    names.add(name);
    if (typeof unique !== 'boolean') fail(at, '"unique" must be a boolean');
    if (!Array.isArray(keys) || keys.length === 0) return fail(at, '"keys" must be a non-empty array');
    const fields = new Set<string>();
    const parsedKeys = keys.map((key, k): IndexKey => {
      if (!isObject(key) || typeof key.field !== 'string' || !isValidFieldPath(key.field)) {
        return fail(`${at}.keys[${k}]`, 'expected { "field": "a.b", "direction": 1 | -1 }');
      }
      if (key.direction !== 1 && key.direction !== -1) return fail(`${at}.keys[${k}]`, 'direction must be 1 or -1');
      if (fields.has(key.field)) fail(`${at}.keys[${k}]`, `field ${key.field} appears twice`);
      fields.add(key.field);
      return { field: key.field, direction: key.direction };
    });
    return { name, unique: unique as boolean, keys: parsedKeys };
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
