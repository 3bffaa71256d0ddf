/**
 * `$lookup`s answered without mingo's own `$lookup`, whose set-up (an Aggregator, its operator tables: 60–90 µs) costs
 * more than joining the handful of documents a request joins — with the answer mingo gives, which is what the emulator
 * answered before:
 *
 * - uncorrelated: no `localField`/`foreignField`, no variable, a pipeline of one `$match` on the foreign documents
 *   (no `$expr`), optionally followed by a count (`$count: 'n'` or `$group: {_id: null, n: {$sum: 1}}`), by a
 *   `$project` (no variable: it sees only the foreign document), or by a `$group` the indexes count
 *   (groupPushdown.ts). The answer is the same for every document: the matching foreign documents in natural order
 *   (projected once) — or their count, which the view answers from the indexes when they cover the conditions (one
 *   `SELECT count(*)`, as `count()` is), as `[{n}]`, or `[]` when nothing matches (MongoDB outputs no document for a
 *   count or group of nothing) — or the groups, one `SELECT … GROUP BY`.
 * - `localField`/`foreignField` on top-level fields, when every value on both sides is a string, a finite number,
 *   null or missing (foreign arrays of those count element by element, as mingo's hash does): a hash of the
 *   candidates by value. Anything else (dates, booleans, objects, local arrays…) goes through mingo as before.
 */
import { Doc, isPlainObject } from './codec';
import { keptFields, runStages } from './matching';

export interface LookupReads {
  /**
   * The foreign documents matching `filter`, in natural order (none for a collection that does not exist); with
   * `fields`, they may hold only those (for a projection that keeps only them).
   */
  find(collection: string, filter: Doc, fields?: Set<string>): Doc[];
  /** How many foreign documents match `filter` (0 for a collection that does not exist). */
  count(collection: string, filter: Doc): number;
  /** The `$group` stage over the foreign documents matching `filter`, counted from the indexes; undefined if it cannot be. */
  countGroups(collection: string, filter: Doc, group: Doc): Doc[] | undefined;
}

/** What the counting stage outputs for `n` documents (n > 0), or undefined when the stage is not a plain count. */
function countStage(stage: unknown): ((n: number) => Doc) | undefined {
  if (!isPlainObject(stage) || Object.keys(stage).length !== 1) return undefined;
  if ('$count' in stage) {
    const name = stage.$count;
    if (typeof name !== 'string' || name.trim() === '' || name.includes('.') || name.startsWith('$')) return undefined;
    return (n) => ({ [name]: n });
  }
  const group = stage.$group;
  if (!isPlainObject(group) || group._id !== null) return undefined;
  const sums = Object.entries(group).filter(([key]) => key !== '_id');
  if (sums.length !== 1) return undefined;
  const [[name, accumulator]] = sums;
  if (name.includes('.') || name.startsWith('$')) return undefined;
  if (!isPlainObject(accumulator) || Object.keys(accumulator).length !== 1 || accumulator.$sum !== 1) return undefined;
  return (n) => ({ _id: null, [name]: n });
}

/** Whether a `$match` condition may depend on anything but the foreign document (`$expr`: variables, `$$NOW`…). */
function mentionsExpr(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(mentionsExpr);
  if (!isPlainObject(value)) return false;
  return Object.entries(value).some(([key, item]) => key === '$expr' || key === '$where' || mentionsExpr(item));
}

/** A `$project` stage naming no variable but `$$ROOT`/`$$CURRENT` (the foreign document itself) or `$$REMOVE`. */
function projectionOnly(stage: unknown): boolean {
  if (!isPlainObject(stage) || Object.keys(stage).length !== 1 || !isPlainObject(stage.$project)) return false;
  const variables = JSON.stringify(stage.$project).match(/\$\$[A-Za-z_]\w*/g) ?? [];
  return variables.every((name) => name === '$$ROOT' || name === '$$CURRENT' || name === '$$REMOVE');
}

const plainName = (name: unknown): name is string =>
  typeof name === 'string' && name !== '' && !name.includes('.') && !name.startsWith('$');

/** The documents with the foreign documents (or their count) joined on, or undefined when `spec` is not uncorrelated. */
export function uncorrelatedLookup(docs: Doc[], spec: Doc, reads: LookupReads): Doc[] | undefined {
  const { from, pipeline, as } = spec;
  if (typeof from !== 'string' || !plainName(as)) return undefined;
  if ('localField' in spec || 'foreignField' in spec) return undefined;
  if (spec.let !== undefined && !(isPlainObject(spec.let) && Object.keys(spec.let).length === 0)) return undefined;
  if (!Array.isArray(pipeline) || pipeline.length < 1 || pipeline.length > 2) return undefined;
  const [first, second] = pipeline as unknown[];
  if (!isPlainObject(first) || Object.keys(first).length !== 1 || !isPlainObject(first.$match) || mentionsExpr(first.$match))
    return undefined;
  const output = pipeline.length === 2 ? countStage(second) : undefined;
  const projection = pipeline.length === 2 && !output && projectionOnly(second) ? (second as Doc) : undefined;
  const grouped =
    pipeline.length === 2 && !output && !projection && isPlainObject(second) && isPlainObject(second.$group)
      ? reads.countGroups(from, first.$match, second)
      : undefined;
  if (pipeline.length === 2 && !output && !projection && !grouped) return undefined;
  if (docs.length === 0) return docs;
  let joined: Doc[];
  if (grouped) {
    joined = grouped;
  } else if (output) {
    const n = reads.count(from, first.$match);
    joined = n === 0 ? [] : [output(n)];
  } else if (projection) {
    joined = runStages(reads.find(from, first.$match, keptFields(projection)), [projection]);
  } else {
    joined = reads.find(from, first.$match);
  }
  return docs.map((doc) => ({ ...doc, [as]: joined }));
}

/** A key equal for two values exactly when mingo's hash of `$lookup` takes them as equal; undefined for other values. */
function joinKey(value: unknown): string | undefined {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return `s${value}`;
  if (typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0)) return `n${value}`;
  return undefined;
}

/**
 * `{from, localField, foreignField, as}` joined with `candidates` (the foreign documents that may match), or undefined
 * when a field is a path or a value is one this does not take (then mingo joins them all).
 */
export function joinOnFields(docs: Doc[], spec: Doc, candidates: Doc[]): Doc[] | undefined {
  const { localField, foreignField, as } = spec;
  if (!plainName(localField) || !plainName(foreignField) || typeof as !== 'string' || spec.pipeline !== undefined) return undefined;
  if (spec.let !== undefined) return undefined;
  const byKey = new Map<string, Doc[]>();
  for (const candidate of candidates) {
    const value = candidate[foreignField];
    for (const item of Array.isArray(value) ? value : [value]) {
      const key = joinKey(item);
      if (key === undefined || (Array.isArray(value) && item === undefined)) return undefined;
      const found = byKey.get(key);
      if (found) found.push(candidate);
      else byKey.set(key, [candidate]);
    }
  }
  const out: Doc[] = [];
  for (const doc of docs) {
    const key = joinKey(doc[localField]);
    if (key === undefined) return undefined;
    out.push({ ...doc, [as]: byKey.get(key) ?? [] });
  }
  return out;
}
