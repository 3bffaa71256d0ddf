/**
 * `collection.aggregate()...end()`: mingo runs the stages; the emulator feeds it like MongoDB would.
 *
 * - A leading `$match` is answered through the indexes (and reported when none serves it), like the rest of the
 *   queries; without one the whole collection is read (and reported, unless a leading `$sort` follows an index).
 * - `$lookup` reads only the foreign documents whose `foreignField` matches a `localField` value of the documents
 *   reaching it, through the foreign collection's indexes; the pipeline form reads the whole foreign collection.
 * - CloudBase returns 20 documents unless the pipeline has a `$limit` stage.
 */
import { Doc, isPlainObject } from './codec';
import { DocumentEngine, SortSpec } from './engine';
import { invalidParam, requestFailed } from './errors';
import { indexValues } from './indexKeys';
import { runStages } from './matching';
import { WriteScope } from './scopes';

export const DEFAULT_AGGREGATE_LIMIT = 20;

const UNSUPPORTED = new Set(['$out', '$merge', '$currentOp', '$listSessions', '$planCacheStats']);

export function aggregate(engine: DocumentEngine, scope: WriteScope, name: string, stages: Doc[]): Doc[] {
  const info = engine.collection(scope, name);
  for (const stage of stages) {
    const keys = Object.keys(stage);
    if (keys.length !== 1 || !keys[0].startsWith('$')) throw invalidParam(`invalid aggregation stage ${JSON.stringify(keys)}`);
    if (UNSUPPORTED.has(keys[0])) throw requestFailed(`${keys[0]} is not supported in CloudBase aggregation`);
  }

  let docs: Doc[];
  let rest = stages;
  const first = stages[0];
  if (first && isPlainObject(first.$match)) {
    engine.reportPlan(info, first.$match);
    docs = scope.view.find(info, first.$match).map((row) => row.doc);
    rest = stages.slice(1);
  } else {
    engine.reportPlan(info, {}, first && isPlainObject(first.$sort) ? (first.$sort as SortSpec) : undefined);
    docs = scope.view.find(info, {}).map((row) => row.doc);
  }

  let pending: Doc[] = [];
  for (const stage of rest) {
    if (isPlainObject(stage.$lookup)) {
      docs = lookup(engine, scope, runStages(docs, pending), stage);
      pending = [];
    } else {
      pending.push(stage);
    }
  }
  docs = runStages(docs, pending);
  return stages.some((stage) => '$limit' in stage) ? docs : docs.slice(0, DEFAULT_AGGREGATE_LIMIT);
}

function lookup(engine: DocumentEngine, scope: WriteScope, docs: Doc[], stage: Doc): Doc[] {
  const spec = stage.$lookup as Doc;
  const loaded = new Map<string, Doc[]>();
  const load = (collection: string, filter: Doc): Doc[] => {
    if (!scope.view.hasCollection(collection)) return []; // MongoDB: looking up a missing collection finds nothing
    const info = engine.collection(scope, collection);
    engine.reportPlan(info, filter);
    return scope.view.find(info, filter).map((row) => row.doc);
  };
  const { from, localField, foreignField, pipeline } = spec;
  if (typeof from !== 'string') throw invalidParam('$lookup needs a "from" collection');
  if (typeof localField === 'string' && typeof foreignField === 'string' && pipeline === undefined) {
    const values = new Map<string, unknown>();
    for (const doc of docs) {
      for (const value of indexValues(doc, localField).values) values.set(JSON.stringify(value ?? null), value ?? null);
    }
    loaded.set(from, load(from, { [foreignField]: { $in: [...values.values()] } }));
  }
  const resolver = (collection: string): Doc[] => {
    let found = loaded.get(collection);
    if (!found) {
      found = load(collection, {});
      loaded.set(collection, found);
    }
    return found;
  };
  return runStages(docs, [stage], resolver);
}
