/**
 * Where a request's writes go. Outside a transaction they are committed at once (one SQLite transaction per
 * request, so a multi-document write is all-or-nothing); inside one they are buffered (see transactions.ts).
 */
import { Doc } from './codec';
import { CollectionInfo, Storage } from './storage';
import { CommittedView, DocumentView } from './views';

export interface WriteScope {
  readonly view: DocumentView;
  /** Inserts or replaces the document stored under `key`. */
  put(info: CollectionInfo, key: string, doc: Doc): void;
  remove(info: CollectionInfo, key: string): void;
  /** Runs one request's writes: if `fn` throws, none of them happen. */
  atomically<T>(fn: () => T): T;
}

export class CommittedScope implements WriteScope {
  readonly view: CommittedView;

  constructor(private readonly storage: Storage) {
    this.view = new CommittedView(storage);
  }

  put(info: CollectionInfo, key: string, doc: Doc): void {
    this.storage.writeDoc(info, key, doc, this.storage.nextSeq());
  }

  remove(info: CollectionInfo, key: string): void {
    this.storage.deleteDoc(info, key);
  }

  atomically<T>(fn: () => T): T {
    return this.storage.transact(fn);
  }
}
