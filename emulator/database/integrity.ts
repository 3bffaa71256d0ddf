/**
 * Index rules checked on every write, as MongoDB does: unique indexes (with multikey and null-as-missing semantics,
 * which a SQLite UNIQUE constraint cannot express, so uniqueness is enforced here through the index lookups) and
 * "cannot index parallel arrays" for compound indexes.
 */
import { Doc } from './codec';
import { IndexDeclaration } from './declaration';
import { duplicateKey, requestFailed } from './errors';
import { canonicalKey, formatDupKey, indexValues, isComplexKey } from './indexKeys';
import { CollectionInfo } from './storage';
import { DocumentView } from './views';

/** The index key tuples of a document (the cartesian product of each field's keys). */
function keyTuples(doc: Doc, index: IndexDeclaration): unknown[][] {
  let tuples: unknown[][] = [[]];
  for (const key of index.keys) {
    const { values } = indexValues(doc, key.field);
    tuples = tuples.flatMap((tuple) => values.map((value) => [...tuple, value]));
  }
  return tuples;
}

/** Rejects compound keys over two array fields and remembers array/object keys for the query planner. */
export function checkIndexKeys(info: CollectionInfo, doc: Doc): void {
  for (const index of info.indexes) {
    if (index.keys.length < 2) continue;
    const arrays = index.keys.filter((key) => indexValues(doc, key.field).isArray).map((key) => key.field);
    if (arrays.length > 1) throw requestFailed(`cannot index parallel arrays [${arrays[1]}] [${arrays[0]}]`);
  }
  for (const index of info.indexes) {
    for (const key of index.keys) if (isComplexKey(doc, key.field)) info.complexPaths.add(key.field);
  }
}

/**
 * Throws E11000 if `doc` (stored under `key`) shares a unique index key with another document of the view.
 * `namespace` is `<env>.<collection>` as in MongoDB's message.
 */
export function checkUnique(view: DocumentView, info: CollectionInfo, doc: Doc, key: string, namespace: string): void {
  for (const index of info.indexes) {
    if (index.unique) checkUniqueIndex(view, info, index, doc, key, namespace);
  }
}

export function checkUniqueIndex(
  view: DocumentView,
  info: CollectionInfo,
  index: IndexDeclaration,
  doc: Doc,
  key: string,
  namespace: string,
): void {
  const fields = index.keys.map((k) => k.field);
  const seen = new Set<string>();
  for (const tuple of keyTuples(doc, index)) {
    const id = tuple.map(canonicalKey).join('\u0001');
    if (seen.has(id)) continue;
    seen.add(id);
    const filter: Doc = {};
    fields.forEach((field, i) => {
      // An empty array is its own key (MongoDB indexes it as `undefined`), distinct from null/missing.
      filter[field] = tuple[i] === undefined ? { $size: 0 } : { $eq: tuple[i] };
    });
    const clash = view.find(info, filter).find((other) => other.key !== key);
    if (clash) throw duplicateKey(namespace, index.name, formatDupKey(fields, tuple));
  }
}

/** Used when a unique index is (re)declared over existing data. */
export function findDuplicate(view: DocumentView, info: CollectionInfo, index: IndexDeclaration): string | undefined {
  const owners = new Map<string, string>();
  for (const row of view.find(info, {})) {
    const tuples = new Set(keyTuples(row.doc, index).map((tuple) => tuple.map(canonicalKey).join('\u0001')));
    for (const tuple of tuples) {
      const owner = owners.get(tuple);
      if (owner !== undefined && owner !== row.key) return `${JSON.stringify(owner)} and ${JSON.stringify(row.key)}`;
      owners.set(tuple, row.key);
    }
  }
  return undefined;
}
