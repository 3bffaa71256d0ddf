/**
 * What a request reads: the committed state, or a transaction's snapshot with its own uncommitted writes on top.
 * Both answer "all documents matching this filter, in natural order" by fetching index candidates from SQLite and
 * letting mingo decide.
 */
import { Doc } from './codec';
import { compileFilter } from './matching';
import { planQuery } from './planner';
import { CollectionInfo, Snapshot, Storage, StoredDoc } from './storage';

export interface DocumentView {
  hasCollection(name: string): boolean;
  find(info: CollectionInfo, filter: Doc): StoredDoc[];
  get(info: CollectionInfo, key: string): StoredDoc | undefined;
}

export class CommittedView implements DocumentView {
  constructor(private readonly storage: Storage) {}

  hasCollection(name: string): boolean {
    return this.storage.collection(name) !== undefined;
  }

  find(info: CollectionInfo, filter: Doc): StoredDoc[] {
    const plan = planQuery(info, filter);
    const rows = this.storage.selectDocs(info, plan.filter);
    if (plan.exact) return rows;
    const matches = compileFilter(filter);
    return rows.filter((row) => matches(row.doc));
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

  find(info: CollectionInfo, filter: Doc): StoredDoc[] {
    const matches = compileFilter(filter);
    const pending = this.overlay.get(info.name);
    const rows = this.storage.selectDocs(info, planQuery(info, filter).filter, this.snapshot.conn);
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
