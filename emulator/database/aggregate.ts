/**
 * `collection.aggregate()...end()`: mingo runs the stages; the emulator feeds it like MongoDB would.
 *
 * - A leading `$match` is answered through the indexes (and reported when none serves it), like the rest of the
 *   queries; without one the whole collection is read (and reported, unless a leading `$sort` follows an index).
 *   A `$sort` right after it (or first) and the `$skip`/`$limit` right after that are read as one query window
 *   (views.ts `query`), so a "latest N" pipeline reads N documents when SQL can order them.
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
import { QueryWindow } from './views';

export const DEFAULT_AGGREGATE_LIMIT = 20;

const UNSUPPORTED = new Set(['$out', '$merge', '$currentOp', '$listSessions', '$planCacheStats']);

export function aggregate(engine: DocumentEngine, scope: WriteScope, name: string, stages: Doc[]): Doc[] {
  const info = engine.collection(scope, name);
  for (const stage of stages) {
    const keys = Object.keys(stage);
    if (keys.length !== 1 || !keys[0].startsWith('$')) throw invalidParam(`invalid aggregation stage ${JSON.stringify(keys)}`);
    if (UNSUPPORTED.has(keys[0])) throw requestFailed(`${keys[0]} is not supported in CloudBase aggregation`);
  }

  let rest = stages;
  let filter: Doc = {};
  const first = stages[0];
  if (first && isPlainObject(first.$match)) {
    filter = first.$match;
    engine.reportPlan(info, filter);
    rest = stages.slice(1);
  } else {
    engine.reportPlan(info, {}, first && isPlainObject(first.$sort) ? (first.$sort as SortSpec) : undefined);
  }
  const { window, folded } = leadingWindow(rest);
  let docs = scope.view.query(info, filter, window).map((row) => row.doc);
  rest = rest.slice(folded);

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

/** A leading `$sort` and the `$skip`s, then one `$limit`, right after it, as a query window; `folded`: stages used. */
function leadingWindow(stages: Doc[]): { window: QueryWindow; folded: number } {
  const window: QueryWindow = {};
  let folded = 0;
  const sort = stages[0]?.$sort;
  if (isPlainObject(sort) && Object.keys(sort).length > 0 && Object.values(sort).every((dir) => dir === 1 || dir === -1)) {
    window.sort = sort as SortSpec;
    folded = 1;
  }
  const count = (value: unknown, min: number): value is number => typeof value === 'number' && Number.isInteger(value) && value >= min;
  for (; folded < stages.length; folded++) {
    const stage = stages[folded];
    if (count(stage.$skip, 0)) window.skip = (window.skip ?? 0) + stage.$skip;
    else break;
  }
  const limit = stages[folded]?.$limit;
  if (count(limit, 1)) {
    window.limit = limit;
    folded++;
  }
  return { window, folded };
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
