/**
 * Multi-document transactions (`db.startTransaction()`, `db.runTransaction()`), with MongoDB's semantics:
 *
 * - Snapshot isolation: reads see the committed state at start (a pinned SQLite WAL snapshot) plus the
 *   transaction's own writes, which stay buffered until commit.
 * - Write-write conflicts fail fast: the first write to a document fails with DATABASE_TRANSACTION_CONFLICT if the
 *   document changed since the snapshot or another open transaction is writing it, and the transaction is aborted
 *   (MongoDB's WriteConflict). Commit re-checks every written document against writes committed meanwhile outside
 *   transactions and fails the same way. Non-transactional writes never wait: the transaction loses instead.
 * - A transaction lives at most 60 s (MongoDB's transactionLifetimeLimitSeconds), then it is aborted.
 *
 * What the SDK makes of it: a conflict at commit is thrown raw with `code: 'DATABASE_TRANSACTION_CONFLICT'`, which
 * `db.runTransaction` retries (3 attempts by default); a conflict on a write inside the callback reaches the
 * callback as wx-server-sdk's wrapped error (errCode -501001, the code only in the message), which it does not retry.
 */
import crypto from 'node:crypto';
import { Doc } from './codec';
import { CloudBaseError, collectionNotExist, requestFailed, transactionConflict, transactionNotFound } from './errors';
import { checkIndexKeys, checkUnique } from './integrity';
import { WriteScope } from './scopes';
import { CollectionInfo, Snapshot, Storage } from './storage';
import { CommittedView, Overlay, OverlayEntry, TransactionView } from './views';

export const TRANSACTION_LIFETIME_MS = 60_000;
const MAX_OPEN_TRANSACTIONS = 100;
const MAX_REMEMBERED = 1000;

type Outcome = 'committed' | 'aborted' | 'conflict' | 'expired';

export class Transaction implements WriteScope {
  readonly view: TransactionView;
  readonly startedAt = Date.now();
  private readonly overlay: Overlay = new Map();
  private journal: { collection: string; key: string; previous: OverlayEntry | undefined }[] | null = null;

  constructor(
    readonly id: string,
    readonly env: string,
    private readonly storage: Storage,
    readonly snapshot: Snapshot,
    private readonly manager: TransactionManager,
  ) {
    this.view = new TransactionView(storage, snapshot, this.overlay);
  }

  put(info: CollectionInfo, key: string, doc: Doc): void {
    this.record(info, key, doc);
  }

  remove(info: CollectionInfo, key: string): void {
    this.record(info, key, null);
  }

  atomically<T>(fn: () => T): T {
    this.journal = [];
    try {
      return fn();
    } catch (err) {
      for (const { collection, key, previous } of this.journal.reverse()) {
        const entries = this.overlay.get(collection)!;
        if (previous) {
          entries.set(key, previous);
        } else {
          entries.delete(key);
          this.manager.unlock(collection, key, this);
        }
      }
      throw err;
    } finally {
      this.journal = null;
    }
  }

  /** Every buffered write, for commit. */
  writes(): { collection: string; key: string; entry: OverlayEntry }[] {
    return [...this.overlay].flatMap(([collection, entries]) => [...entries].map(([key, entry]) => ({ collection, key, entry })));
  }

  private record(info: CollectionInfo, key: string, doc: Doc | null): void {
    let entries = this.overlay.get(info.name);
    if (!entries) {
      entries = new Map();
      this.overlay.set(info.name, entries);
    }
    const previous = entries.get(key);
    let baseSeq = previous?.baseSeq ?? null;
    if (!previous) {
      baseSeq = this.view.snapshotGet(info, key)?.seq ?? null;
      const currentSeq = this.storage.selectByKey(info, key)?.seq ?? null;
      if (currentSeq !== baseSeq || !this.manager.lock(info.name, key, this)) {
        this.manager.fail(this, 'conflict');
        throw transactionConflict();
      }
    }
    this.journal?.push({ collection: info.name, key, previous });
    entries.set(key, { doc, baseSeq });
  }
}

export class TransactionManager {
  private readonly open = new Map<string, Transaction>();
  private readonly finished = new Map<string, Outcome>();
  private readonly locks = new Map<string, Transaction>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly storage: Storage,
    private readonly log: (line: string) => void,
    private readonly lifetimeMs = TRANSACTION_LIFETIME_MS,
  ) {
    this.sweeper = setInterval(() => this.expire(), Math.min(1000, lifetimeMs)).unref();
  }

  start(env: string): Transaction {
    this.expire();
    if (this.open.size >= MAX_OPEN_TRANSACTIONS) {
      throw requestFailed(`too many open transactions (${MAX_OPEN_TRANSACTIONS}); commit or roll back the others first`);
    }
    const id = crypto.randomBytes(12).toString('hex');
    const transaction = new Transaction(id, env, this.storage, this.storage.openSnapshot(), this);
    this.open.set(id, transaction);
    return transaction;
  }

  /** The open transaction with this id, or the error CloudBase gives for a finished or unknown one. */
  get(id: string): Transaction {
    const transaction = this.open.get(id);
    if (transaction) return transaction;
    throw this.finished.get(id) === 'conflict' ? transactionConflict() : transactionNotFound(id);
  }

  commit(id: string): void {
    const transaction = this.get(id);
    try {
      this.storage.transact(() => this.apply(transaction));
    } catch (err) {
      this.fail(transaction, err instanceof CloudBaseError && err.code === 'DATABASE_TRANSACTION_CONFLICT' ? 'conflict' : 'aborted');
      throw err;
    }
    this.finish(transaction, 'committed');
  }

  /** Rolling back twice, or after the emulator already aborted it, is fine; rolling back a committed one is not. */
  abort(id: string): void {
    const transaction = this.open.get(id);
    if (transaction) return this.finish(transaction, 'aborted');
    const outcome = this.finished.get(id);
    if (outcome === undefined || outcome === 'committed') throw transactionNotFound(id);
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const transaction of [...this.open.values()]) this.finish(transaction, 'aborted');
  }

  /** Takes the write lock of a document; false if another open transaction holds it. */
  lock(collection: string, key: string, owner: Transaction): boolean {
    const lockKey = `${collection}\u0000${key}`;
    const holder = this.locks.get(lockKey);
    if (holder && holder !== owner) return false;
    this.locks.set(lockKey, owner);
    return true;
  }

  unlock(collection: string, key: string, owner: Transaction): void {
    const lockKey = `${collection}\u0000${key}`;
    if (this.locks.get(lockKey) === owner) this.locks.delete(lockKey);
  }

  fail(transaction: Transaction, outcome: Exclude<Outcome, 'committed'>): void {
    if (this.open.has(transaction.id)) this.finish(transaction, outcome);
  }

  private apply(transaction: Transaction): void {
    const writes = transaction.writes();
    const infoOf = (name: string): CollectionInfo => {
      const info = this.storage.collection(name);
      if (!info) throw collectionNotExist();
      return info;
    };
    for (const { collection, key, entry } of writes) {
      const currentSeq = this.storage.selectByKey(infoOf(collection), key)?.seq ?? null;
      if (currentSeq !== entry.baseSeq) throw transactionConflict();
    }
    const seq = this.storage.nextSeq();
    for (const { collection, key, entry } of writes) {
      if (entry.doc) this.storage.writeDoc(infoOf(collection), key, entry.doc, seq);
      else this.storage.deleteDoc(infoOf(collection), key);
    }
    // Unique keys may have been taken by writes committed since the snapshot.
    const committed = new CommittedView(this.storage);
    for (const { collection, key, entry } of writes) {
      if (!entry.doc) continue;
      const info = infoOf(collection);
      checkIndexKeys(info, entry.doc);
      checkUnique(committed, info, entry.doc, key, `${transaction.env}.${collection}`);
    }
  }

  private finish(transaction: Transaction, outcome: Outcome): void {
    this.open.delete(transaction.id);
    for (const { collection, key } of transaction.writes()) this.unlock(collection, key, transaction);
    transaction.snapshot.close();
    this.finished.set(transaction.id, outcome);
    if (this.finished.size > MAX_REMEMBERED) this.finished.delete(this.finished.keys().next().value!);
    if (outcome === 'expired') this.log(`[emulator] transaction ${transaction.id} expired after ${this.lifetimeMs} ms and was aborted`);
  }

  private expire(): void {
    const deadline = Date.now() - this.lifetimeMs;
    for (const transaction of [...this.open.values()]) {
      if (transaction.startedAt < deadline) this.finish(transaction, 'expired');
    }
  }
}
