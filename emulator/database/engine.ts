/**
 * CloudBase collection semantics: query, count, insert, update/set/upsert, remove — on the committed state or inside
 * a transaction (a WriteScope), with CloudBase's ids, limits and index rules.
 */
import { Doc, cloneDoc, encodeWire, fromStoredJson, toStoredJson } from './codec';
import { collectionNotExist, duplicateKey } from './errors';
import { checkIndexKeys, checkUnique } from './integrity';
import { formatDupKey } from './indexKeys';
import { projectDocs } from './matching';
import { planQuery } from './planner';
import { CommittedScope, WriteScope } from './scopes';
import { CollectionInfo, Storage, StoredDoc, idKey, wireOf } from './storage';
import { TransactionManager } from './transactions';
import { SortSpec } from './views';
import {
  applyUpdate,
  assertDocumentSize,
  assertInsertable,
  assertStorableFieldNames,
  newDocumentId,
  replaceDocument,
  upsertSeed,
} from './updates';

export type { SortSpec } from './views';

export interface FindOptions {
  sort?: SortSpec;
  skip?: number;
  limit?: number;
  projection?: Doc;
}

export interface ModifyOptions {
  multi: boolean;
  /** true: `update` holds update operators; false: it is a replacement document (`doc().set()`). */
  merge: boolean;
  upsert: boolean;
}

/** Per-request facts: the CloudBase env (for messages) and the emulator clock reading. */
export interface RequestContext {
  env: string;
  now: number;
}

export class DocumentEngine {
  private readonly committed: CommittedScope;
  private readonly reported = new Set<string>();

  constructor(
    readonly storage: Storage,
    readonly transactions: TransactionManager,
    private readonly log: (line: string) => void,
  ) {
    this.committed = new CommittedScope(storage);
  }

  scope(transactionId?: string): WriteScope {
    return transactionId ? this.transactions.get(transactionId) : this.committed;
  }

  collection(scope: WriteScope, name: string): CollectionInfo {
    const info = this.storage.collection(name);
    if (!info || !scope.view.hasCollection(name)) throw collectionNotExist();
    return info;
  }

  find(scope: WriteScope, name: string, filter: Doc, options: FindOptions = {}): Doc[] {
    const docs = this.rows(scope, name, filter, options).map((row) => row.doc);
    return options.projection ? projectDocs(docs, options.projection) : docs;
  }

  /** `find` as EJSON strings for the wire; documents nobody had to look at are sent as stored, never parsed. */
  findForWire(scope: WriteScope, name: string, filter: Doc, options: FindOptions = {}): string[] {
    const rows = this.rows(scope, name, filter, options);
    if (options.projection)
      return projectDocs(
        rows.map((row) => row.doc),
        options.projection,
      ).map(encodeWire);
    return rows.map(wireOf);
  }

  private rows(scope: WriteScope, name: string, filter: Doc, options: FindOptions): StoredDoc[] {
    const info = this.collection(scope, name);
    this.reportPlan(info, filter, options.sort);
    const { sort, skip, limit } = options;
    return scope.view.query(info, filter, { sort, skip, limit });
  }

  count(scope: WriteScope, name: string, filter: Doc): number {
    const info = this.collection(scope, name);
    this.reportPlan(info, filter);
    return scope.view.count(info, filter);
  }

  insert(scope: WriteScope, name: string, docs: unknown[], ctx: RequestContext): unknown[] {
    const info = this.collection(scope, name);
    return scope.atomically(() =>
      docs.map((input) => {
        assertInsertable(input);
        const id = input._id ?? newDocumentId();
        const { _id: _ignored, ...fields } = input;
        this.insertOne(scope, info, { _id: id, ...fields }, ctx);
        return id;
      }),
    );
  }

  /** Returns how many documents changed and, for an upsert that inserted, the new _id. */
  modify(scope: WriteScope, name: string, filter: Doc, update: Doc, options: ModifyOptions, ctx: RequestContext) {
    const info = this.collection(scope, name);
    this.reportPlan(info, filter);
    return scope.atomically(() => {
      const rows = this.matching(scope, info, filter, options.multi);
      let updated = 0;
      for (const row of rows) if (this.rewrite(scope, info, row, update, options.merge, ctx)) updated++;
      if (rows.length > 0 || !options.upsert) return { updated, upsertedId: undefined };
      const seed = upsertSeed(filter);
      const id = seed._id ?? newDocumentId();
      let doc: Doc;
      if (options.merge) {
        doc = { _id: id, ...seed };
        applyUpdate(doc, update, ctx.now);
      } else {
        doc = replaceDocument({ _id: id }, update);
      }
      this.insertOne(scope, info, doc, ctx);
      return { updated: 0, upsertedId: id };
    });
  }

  /** `updateAndReturn`: updates the first match and returns it as updated (or null). */
  modifyAndReturn(scope: WriteScope, name: string, filter: Doc, update: Doc, ctx: RequestContext) {
    const info = this.collection(scope, name);
    this.reportPlan(info, filter);
    return scope.atomically(() => {
      const [row] = this.matching(scope, info, filter, false);
      if (!row) return { updated: 0, doc: null };
      const updated = this.rewrite(scope, info, row, update, true, ctx);
      return { updated: updated ? 1 : 0, doc: scope.view.get(info, row.key)?.doc ?? null };
    });
  }

  remove(scope: WriteScope, name: string, filter: Doc, multi: boolean): number {
    const info = this.collection(scope, name);
    this.reportPlan(info, filter);
    return scope.atomically(() => {
      const rows = this.matching(scope, info, filter, multi);
      for (const row of rows) scope.remove(info, row.key);
      return rows.length;
    });
  }

  /**
   * Logs a query no declared index serves: on CloudBase it would scan the collection. Once per query shape, so a
   * hot path warns once rather than flooding the log.
   */
  reportPlan(info: CollectionInfo, filter: Doc, sort?: SortSpec): void {
    if (planQuery(info, filter, sort).index !== null) return;
    const shape = JSON.stringify(queryShape(filter));
    const id = `${info.name} ${shape} ${JSON.stringify(sort ?? {})}`;
    if (this.reported.has(id)) return;
    this.reported.add(id);
    const sorted = sort ? ` sorted by ${JSON.stringify(sort)}` : '';
    this.log(
      `[emulator] WARN query on "${info.name}" is not served by any declared index (CloudBase would scan the ` +
        `collection): ${shape}${sorted}. Declare an index in database/collections.json.`,
    );
  }

  private matching(scope: WriteScope, info: CollectionInfo, filter: Doc, multi: boolean): StoredDoc[] {
    return multi ? scope.view.find(info, filter) : scope.view.query(info, filter, { limit: 1 });
  }

  private rewrite(scope: WriteScope, info: CollectionInfo, row: StoredDoc, update: Doc, merge: boolean, ctx: RequestContext): boolean {
    let doc = row.json !== undefined ? fromStoredJson(row.json) : cloneDoc(row.doc); // a copy to change
    if (merge) {
      if (!applyUpdate(doc, update, ctx.now)) return false;
    } else {
      doc = replaceDocument(doc, update);
      if (toStoredJson(doc) === (row.json ?? toStoredJson(row.doc))) return false;
    }
    assertStorableFieldNames(doc);
    assertDocumentSize(doc, 'update');
    checkIndexKeys(info, doc);
    checkUnique(scope.view, info, doc, row.key, `${ctx.env}.${info.name}`);
    scope.put(info, row.key, doc);
    return true;
  }

  private insertOne(scope: WriteScope, info: CollectionInfo, doc: Doc, ctx: RequestContext): void {
    const key = idKey(doc._id);
    const namespace = `${ctx.env}.${info.name}`;
    if (scope.view.get(info, key)) throw duplicateKey(namespace, '_id_', formatDupKey(['_id'], [doc._id]));
    assertStorableFieldNames(doc);
    assertDocumentSize(doc, 'insert');
    checkIndexKeys(info, doc);
    checkUnique(scope.view, info, doc, key, namespace);
    scope.put(info, key, doc);
  }
}

/** A filter with its values blanked out: `{ status: '?', createdAt: { $gt: '?' } }`. */
function queryShape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(queryShape);
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && !(value instanceof RegExp)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, queryShape(item)]));
  }
  return '?';
}
