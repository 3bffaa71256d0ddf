/**
 * MongoDB semantics over in-memory documents, by mingo: filters (dot paths, arrays, regex, null vs missing), sort
 * order across types, projections and aggregation stages. Script operators ($where, $function, $accumulator) are
 * disabled, as on CloudBase. mingo's errors become CloudBase database errors.
 */
import { Aggregator, Query, find } from 'mingo';
import { Doc } from './codec';
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

export function compileFilter(filter: Doc): (doc: Doc) => boolean {
  if (Object.keys(filter).length === 0) return () => true;
  const query = translate(() => new Query(filter, BASE_OPTIONS));
  return (doc) => translate(() => query.test(doc));
}

export function sortDocs(docs: Doc[], sort: SortSpec): Doc[] {
  if (Object.keys(sort).length === 0) return docs;
  return translate(() => find(docs, {}, undefined, BASE_OPTIONS).sort(sort).all() as Doc[]);
}

export function projectDocs(docs: Doc[], projection: Doc): Doc[] {
  if (Object.keys(projection).length === 0) return docs;
  return translate(() => find(docs, {}, projection, BASE_OPTIONS).all() as Doc[]);
}

export function runStages(docs: Doc[], stages: Doc[], collectionResolver?: CollectionResolver): Doc[] {
  if (stages.length === 0) return docs;
  return translate(() => new Aggregator(stages, { ...BASE_OPTIONS, collectionResolver }).run(docs) as Doc[]);
}
