/**
 * What a request reads: the committed state, or a transaction's snapshot with its own uncommitted writes on top.
 *
 * `find` answers "all documents matching this filter, in natural order"; `query` a window of them (sort, skip,
 * limit) with mingo's semantics. The committed view asks SQLite for as little as it can (planner.ts decides):
 *   - the filter exact in SQL and the order expressible in SQL: one SELECT … ORDER BY … LIMIT/OFFSET, so only the
 *     returned rows are read and parsed, and an index over (equality fields, sort fields) serves both;
 *   - the order expressible but the filter not exact: rows stream in SQL order, mingo checks each, reading stops
 *     once skip + limit of them matched;
 *   - the order not expressible (arrays, mixed kinds…): every match is read and sorted by mingo, then windowed.
 * A transaction's view merges buffered writes into its snapshot, so it always takes the last way (transactions are
 * rare and short).
 */
import { Doc } from './codec';
import { compileFilter, sortDocs } from './matching';
import { ANY_KIND, planOrder, planQuery } from './planner';
import { CollectionInfo, Snapshot, SqlWindow, Storage, StoredDoc } from './storage';

export type SortSpec = Record<string, 1 | -1>;

/** Which matching documents a query returns: mingo's order for `sort` (insertion order without), then skip/limit. */
export interface QueryWindow {
  sort?: SortSpec;
  skip?: number;
  limit?: number;
}

/**
 * `parsedOnly`: the caller looks only at the rows' documents, never at their JSON (an aggregation): the committed view
 * then leaves the JSON of documents kept in the cache unread (Storage.selectParsed).
 */
export interface DocumentView {
  hasCollection(name: string): boolean;
  find(info: CollectionInfo, filter: Doc, parsedOnly?: boolean): StoredDoc[];
  query(info: CollectionInfo, filter: Doc, window: QueryWindow, parsedOnly?: boolean): StoredDoc[];
  count(info: CollectionInfo, filter: Doc): number;
  get(info: CollectionInfo, key: string): StoredDoc | undefined;
}

/** The window of all matches (in natural order), sorted by mingo: what every view could do. */
function windowOf(rows: StoredDoc[], window: QueryWindow): StoredDoc[] {
  let sorted = rows;
  if (window.sort && Object.keys(window.sort).length > 0) {
    const byDoc = new Map(rows.map((row) => [row.doc, row]));
    sorted = sortDocs(
      rows.map((row) => row.doc),
      window.sort,
    ).map((doc) => byDoc.get(doc)!);
  }
  const skip = window.skip ?? 0;
  return sorted.slice(skip, window.limit === undefined ? undefined : skip + window.limit);
}

export class CommittedView implements DocumentView {
  constructor(private readonly storage: Storage) {}

  hasCollection(name: string): boolean {
    return this.storage.collection(name) !== undefined;
  }

  find(info: CollectionInfo, filter: Doc, parsedOnly = false): StoredDoc[] {
    return this.query(info, filter, {}, parsedOnly);
  }

  query(info: CollectionInfo, filter: Doc, window: QueryWindow, parsedOnly = false): StoredDoc[] {
    const plan = planQuery(info, filter);
    const orderBy = planOrder(info, window.sort);
    const select = (sqlWindow?: SqlWindow) =>
      parsedOnly
        ? this.storage.selectParsed(info, plan.filter, sqlWindow)
        : this.storage.selectDocs(info, plan.filter, undefined, sqlWindow);
    if (orderBy === null) {
      const rows = select();
      if (plan.exact) return windowOf(rows, window);
      const matches = compileFilter(filter);
      return windowOf(
        rows.filter((row) => matches(row.doc)),
        window,
      );
    }
    const { skip = 0, limit } = window;
    if (plan.exact) return select({ orderBy, limit, offset: skip });
    const matches = compileFilter(filter);
    const result: StoredDoc[] = [];
    if (limit === 0) return result;
    let skipped = 0;
    for (const row of this.storage.iterateDocs(info, plan.filter, orderBy)) {
      if (!matches(row.doc)) continue;
      if (skipped < skip) skipped++;
      else if (result.push(row) === limit) break;
    }
    return result;
  }

  count(info: CollectionInfo, filter: Doc): number {
    const plan = planQuery(info, filter);
    if (plan.exact) return this.storage.countDocs(info, plan.filter);
    const matches = compileFilter(filter);
    return this.storage.selectDocs(info, plan.filter).reduce((n, row) => (matches(row.doc) ? n + 1 : n), 0);
  }

  get(info: CollectionInfo, key: string): StoredDoc | undefined {
    return this.storage.selectByKey(info, key);
  }
}

/** An uncommitted write: the new document (null when removed) and the `seq` it had in the snapshot (null: absent). */
export interface OverlayEntry {
  doc: Doc | null;
  baseSeq: number | null;
}

export type Overlay = Map<string, Map<string, OverlayEntry>>;

export class TransactionView implements DocumentView {
  constructor(
    private readonly storage: Storage,
    private readonly snapshot: Snapshot,
    private readonly overlay: Overlay,
  ) {}

  hasCollection(name: string): boolean {
    return this.snapshot.hasCollection(name);
  }

  query(info: CollectionInfo, filter: Doc, window: QueryWindow): StoredDoc[] {
    return windowOf(this.find(info, filter), window);
  }

  count(info: CollectionInfo, filter: Doc): number {
    return this.find(info, filter).length;
  }

  find(info: CollectionInfo, filter: Doc): StoredDoc[] {
    const matches = compileFilter(filter);
    const pending = this.overlay.get(info.name);
    const rows = this.storage.selectDocs(info, planQuery(info, filter, undefined, ANY_KIND).filter, this.snapshot.conn);
    const result: StoredDoc[] = [];
    const seen = new Set<string>();
    for (const row of rows) {
      const entry = pending?.get(row.key);
      if (entry) {
        seen.add(row.key);
        if (entry.doc && matches(entry.doc)) result.push({ key: row.key, doc: entry.doc, seq: row.seq });
      } else if (matches(row.doc)) {
        result.push(row);
      }
    }
    // Written in this transaction but not a candidate in the snapshot: new documents, or ones that now match.
    for (const [key, entry] of pending ?? []) {
      if (!seen.has(key) && entry.doc && matches(entry.doc)) result.push({ key, doc: entry.doc, seq: entry.baseSeq ?? 0 });
    }
    return result;
  }

  get(info: CollectionInfo, key: string): StoredDoc | undefined {
    const entry = this.overlay.get(info.name)?.get(key);
    if (entry) return entry.doc ? { key, doc: entry.doc, seq: entry.baseSeq ?? 0 } : undefined;
    return this.snapshotGet(info, key);
  }

  /** The document as it was when the transaction started, ignoring its own writes. */
  snapshotGet(info: CollectionInfo, key: string): StoredDoc | undefined {
    return this.storage.selectByKey(info, key, this.snapshot.conn);
  }
}
