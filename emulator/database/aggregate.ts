/**
 * `collection.aggregate()...end()`: mingo runs the stages; the emulator feeds it like MongoDB would.
 *
 * - A leading `$match` is answered through the indexes (and reported when none serves it), like the rest of the
 *   queries; without one the whole collection is read (and reported, unless a leading `$sort` follows an index).
 *   A `$sort` right after it (or first) and the `$skip`/`$limit` right after that are read as one query window
 *   (views.ts `query`), so a "latest N" pipeline reads N documents when SQL can order them.
 * - `$lookup` reads only the foreign documents whose `foreignField` matches a `localField` value of the documents
 *   reaching it, through the foreign collection's indexes. The pipeline form (`let` + `pipeline`) reads those that
 *   pass the plain conditions of its leading `$match` (through the indexes too: a document failing them cannot pass
 *   the `$match`), or the whole foreign collection without one; when that `$match` joins with
 *   `$expr: {$eq: ['$field', '$$var']}` on a `let` variable that is a field path, only the foreign documents holding
 *   one of the local values are read (when those are strings or numbers), and each document's are found by hashing
 *   instead of running the pipeline over all of them once per document (lookupByEquality).
 * - CloudBase returns 20 documents unless the pipeline has a `$limit` stage.
 */
import { Doc, isPlainObject } from './codec';
import { DocumentEngine, SortSpec } from './engine';
import { invalidParam, requestFailed } from './errors';
import { countFromIndexes } from './groupPushdown';
import { indexValues } from './indexKeys';
import { joinOnFields, uncorrelatedLookup } from './lookupShortcuts';
import { keptFields, runStages } from './matching';
import { WriteScope } from './scopes';
import { docWith } from './storage';
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
  // A leading count ($group of $sums, $count) is answered from the indexes when it can (groupPushdown.ts).
  const counted = countFromIndexes(engine.storage, scope.view, info, filter, rest[0]);
  const { window, folded } = counted ? { window: {}, folded: 1 } : leadingWindow(rest);
  // A projection next reads only its fields: cached documents are copied with just those (documentCache.ts).
  const fields = counted ? undefined : keptFields(rest[folded]);
  let docs = counted ?? scope.view.query(info, filter, window, true).map((row) => docWith(row, fields));
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
  /** The foreign collection, its read of `filter` reported (undefined when it does not exist: MongoDB finds nothing). */
  const foreign = (collection: string, filter: Doc) => {
    if (!scope.view.hasCollection(collection)) return undefined;
    const info = engine.collection(scope, collection);
    engine.reportPlan(info, filter);
    return info;
  };
  const load = (collection: string, filter: Doc, fields?: Set<string>): Doc[] => {
    const info = foreign(collection, filter);
    return info ? scope.view.find(info, filter, true).map((row) => docWith(row, fields)) : [];
  };
  const { from, localField, foreignField, pipeline } = spec;
  if (typeof from !== 'string') throw invalidParam('$lookup needs a "from" collection');
  // An uncorrelated `$match` (or count) and a join of plain values, answered without mingo (lookupShortcuts.ts).
  const count = (collection: string, filter: Doc) => (scope.view.hasCollection(collection) ? engine.count(scope, collection, filter) : 0);
  const countGroups = (collection: string, filter: Doc, group: Doc) => {
    const info = foreign(collection, filter);
    return info ? countFromIndexes(engine.storage, scope.view, info, filter, group) : []; // a group of nothing: nothing
  };
  const uncorrelated = uncorrelatedLookup(docs, spec, { find: load, count, countGroups });
  if (uncorrelated) return uncorrelated;
  if (typeof localField === 'string' && typeof foreignField === 'string' && pipeline === undefined) {
    const values = new Map<string, unknown>();
    for (const doc of docs) {
      for (const value of indexValues(doc, localField).values) values.set(JSON.stringify(value ?? null), value ?? null);
    }
    loaded.set(from, load(from, { [foreignField]: { $in: [...values.values()] } }));
    const joined = joinOnFields(docs, spec, loaded.get(from)!);
    if (joined) return joined;
  }
  if (pipeline !== undefined) {
    const { prefilter, join } = pipelineShape(spec);
    if (join) {
      // Only documents holding one of the local values can join (when those are all strings or numbers, whose
      // equality `$in` shares): MongoDB finds them through an index on the foreign field, and so does this.
      const values = docs.map((doc) => doc[join.localField]);
      const scalars = values.every((value) => scalarKey(value) !== undefined);
      const narrowed = scalars
        ? { $and: [...(prefilter ? [prefilter] : []), { [join.foreignField]: { $in: [...new Set(values)] } }] }
        : prefilter;
      // Joined by hash alone (no document goes through mingo's $lookup), a candidate is read only for the join's
      // field and what the projection after it keeps.
      const kept = scalars ? keptFields(join.rest[0]) : undefined;
      return lookupByEquality(docs, spec, join, load(from, narrowed ?? {}, kept?.add(join.foreignField)));
    }
    if (prefilter) loaded.set(from, load(from, prefilter));
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

/** The equality a pipeline `$lookup` joins on: the foreign field, the local field its variable names, the stages after. */
interface EqualityJoin {
  foreignField: string;
  localField: string;
  rest: Doc[];
}

/** Stages that turn each document into exactly one, in order: they can run once over all candidates before the join. */
const ONE_TO_ONE = new Set(['$project', '$addFields', '$set', '$unset']);
const simplePath = (value: unknown): value is string => typeof value === 'string' && /^\$[A-Za-z_][\w]*$/.test(value);

/**
 * What a pipeline `$lookup` allows: the plain conditions of its leading `$match` (every key but `$expr`, and the
 * members of a top-level `$and` that have no `$expr`) as a filter of the foreign collection, and the equality join
 * when the `$match` is those conditions and one `$expr: {$eq}` between a top-level foreign field and a `let`
 * variable bound to a top-level local field, and the later stages map documents one to one without variables.
 */
function pipelineShape(spec: Doc): { prefilter?: Doc; join?: EqualityJoin } {
  const pipeline = spec.pipeline;
  const first = Array.isArray(pipeline) ? pipeline[0] : undefined;
  if (!isPlainObject(first) || !isPlainObject(first.$match)) return {};
  const plain: Doc[] = [];
  const exprs: unknown[] = [];
  for (const [key, value] of Object.entries(first.$match)) {
    if (key === '$expr') exprs.push(value);
    else if (key === '$and' && Array.isArray(value)) {
      for (const member of value) {
        if (isPlainObject(member) && Object.keys(member).length === 1 && '$expr' in member) exprs.push(member.$expr);
        else if (isPlainObject(member) && !JSON.stringify(member).includes('"$expr"')) plain.push(member);
        else return {};
      }
    } else if (JSON.stringify(value).includes('"$expr"')) return {};
    else plain.push({ [key]: value });
  }
  const prefilter = plain.length === 0 ? undefined : plain.length === 1 ? plain[0] : { $and: plain };
  const rest = (pipeline as Doc[]).slice(1);
  const vars = isPlainObject(spec.let) ? spec.let : {};
  const eq = exprs.length === 1 && isPlainObject(exprs[0]) && Object.keys(exprs[0]).length === 1 ? exprs[0].$eq : undefined;
  if (!Array.isArray(eq) || eq.length !== 2) return { prefilter };
  if (!rest.every((stage) => isPlainObject(stage) && ONE_TO_ONE.has(Object.keys(stage)[0]) && !JSON.stringify(stage).includes('$$')))
    return { prefilter };
  for (const [field, variable] of [eq, [eq[1], eq[0]]]) {
    if (!simplePath(field) || typeof variable !== 'string' || !variable.startsWith('$$')) continue;
    const bound = vars[variable.slice(2)];
    if (simplePath(bound)) return { prefilter, join: { foreignField: field.slice(1), localField: bound.slice(1), rest } };
  }
  return { prefilter };
}

/** A key equal for two values exactly when aggregation `$eq` says they are equal, for strings and numbers only. */
function scalarKey(value: unknown): string | undefined {
  if (typeof value === 'string') return `s${value}`;
  if (typeof value === 'number' && Number.isFinite(value)) return `n${value === 0 ? 0 : value}`;
  return undefined;
}

/**
 * A pipeline `$lookup` on an equality, answered as MongoDB would: a string or number on the local side equals only
 * the foreign documents holding that same string or number, so they are found through a hash of the candidates
 * (which already passed the plain conditions); the later stages run once over the candidates. A document whose
 * local value is anything else (missing, null, an array, a date…) goes through mingo's own `$lookup`.
 */
function lookupByEquality(docs: Doc[], spec: Doc, join: EqualityJoin, candidates: Doc[]): Doc[] {
  const mapped = runStages(candidates, join.rest);
  const byKey = new Map<string, Doc[]>();
  candidates.forEach((candidate, i) => {
    const key = scalarKey(candidate[join.foreignField]);
    if (key === undefined) return;
    const found = byKey.get(key);
    if (found) found.push(mapped[i]);
    else byKey.set(key, [mapped[i]]);
  });
  const as = spec.as as string;
  const others: number[] = [];
  const out = docs.map((doc, i) => {
    const key = scalarKey(doc[join.localField]);
    if (key === undefined) {
      others.push(i);
      return doc;
    }
    return { ...doc, [as]: byKey.get(key) ?? [] };
  });
  if (others.length) {
    const joined = runStages(
      others.map((i) => docs[i]),
      [{ $lookup: spec }],
      () => candidates,
    );
    others.forEach((index, j) => (out[index] = joined[j]));
  }
  return out;
}
