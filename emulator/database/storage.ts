/**
 * Durable storage: one SQLite file, one table per collection, one row per document.
 *
 * Durability: WAL journal with synchronous=NORMAL. A commit appends its frames to the WAL with write(2) before
 * better-sqlite3 returns, and the emulator answers a request only after that, so an acknowledged write is in the
 * kernel's page cache and survives the emulator being killed (SIGKILL, crash); only an OS crash or power loss could
 * lose the last transactions, which does not matter for a local emulator. test/emulator/database/durability.test.ts
 * proves the SIGKILL case. NORMAL instead of FULL saves an fsync per write (about 10x faster writes).
 *
 * Rows: `key` (the _id, see idKey), `doc` (stored JSON, see codec.ts), `seq` (the commit sequence number of the
 * last write, used to detect write-write conflicts with transactions). Declared indexes are SQLite expression
 * indexes over the document JSON (see indexKeys.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CollectionDeclaration, IndexDeclaration } from './declaration';
import { Doc, encodeWire, fromStoredJson, storedJsonToWire, toStoredJson } from './codec';
import { DocumentCache } from './documentCache';
import {
  COMPLEX,
  indexValues,
  isComplexKey,
  kindOfSqlKind,
  SqlScalar,
  sqlKeyExpr,
  sqlKeyForScalar,
  sqlKindExpr,
  valueKind,
} from './indexKeys';
import { requestFailed } from './errors';

type Connection = Database.Database;

export interface CollectionInfo {
  readonly name: string;
  readonly table: string;
  /** One row per array element of an indexed path that goes through an array: what MongoDB's multikey index holds. */
  readonly multikeyTable: string;
  indexes: IndexDeclaration[];
  /** Indexed paths some document has (or had) an array/object under: queries on them must include COMPLEX keys. */
  readonly complexPaths: Set<string>;
  /**
   * The KIND bits (indexKeys.ts) of every value some document has (or had, since the emulator started) under an
   * indexed path: scanned from the table on first need, then kept up to date by every write (writeDoc). Only ever
   * grows, so it may claim a kind no document has any more, never the other way round.
   */
  valueKinds(path: string): number;
}

/** Which rows of a read, in which order: `orderBy` is a SQL ORDER BY list over the collection table. */
export interface SqlWindow {
  orderBy: string;
  limit?: number;
  offset?: number;
}

/** Documents in insertion order (what a query without orderBy() returns). */
export const NATURAL_ORDER = 'rowid';

export interface StoredDoc {
  readonly key: string;
  readonly doc: Doc;
  readonly seq: number;
  /** The document as stored (absent for a transaction's buffered write): lets answers skip parsing it. */
  readonly json?: string;
}

/**
 * A row as read: its document is parsed (or copied from the cache) only when someone looks at it. A lean read's row
 * found in the document cache holds the kept document instead of its JSON (`kept`; `json` is then undefined).
 */
class StoredRow implements StoredDoc {
  private parsed: Doc | undefined;

  constructor(
    private readonly cache: DocumentCache,
    private readonly table: string,
    readonly key: string,
    readonly json: string | undefined,
    readonly seq: number,
    private readonly kept?: Doc,
  ) {}

  get doc(): Doc {
    return (this.parsed ??= this.kept ? this.cache.copy(this.kept) : this.cache.read(this.table, this.key, this.seq, this.json!));
  }

  docWith(fields: ReadonlySet<string>): Doc {
    if (this.parsed) return this.parsed;
    return this.kept ? this.cache.copy(this.kept, fields) : this.cache.read(this.table, this.key, this.seq, this.json!, fields);
  }
}

/**
 * The row's document for a reader that looks only at `fields` (top-level): it may hold just those (a row read from
 * storage and found in the document cache), or be whole (anything else).
 */
export function docWith(row: StoredDoc, fields: ReadonlySet<string> | undefined): Doc {
  return fields && row instanceof StoredRow ? row.docWith(fields) : row.doc;
}

/** A document as the wire carries it (see codec.ts storedJsonToWire). */
export function wireOf(row: StoredDoc): string {
  return row.json !== undefined ? storedJsonToWire(row.json) : encodeWire(row.doc);
}

/** A parametrised WHERE clause over a collection table. */
export interface SqlFilter {
  where: string;
  params: unknown[];
}

export const MATCH_ALL: SqlFilter = { where: '1', params: [] };

/** The primary key of a document: string _ids as they are, anything else in a form that cannot clash with them. */
export function idKey(id: unknown): string {
  if (typeof id === 'string') return id;
  if (typeof id === 'number' && Number.isFinite(id)) return `\u0000n:${id}`;
  return `\u0000j:${JSON.stringify(id)}`;
}

const quote = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;

export class Storage {
  readonly file: string;
  readonly db: Connection;
  private readonly infos = new Map<string, CollectionInfo>();
  /** Per collection: path → KIND bits seen, and the paths whose bits include a scan of the table. */
  private readonly kinds = new Map<string, { bits: Map<string, number>; scanned: Set<string> }>();
  private readonly statements = new WeakMap<Connection, Map<string, Database.Statement>>();
  private seqCounter = 0;
  /** Documents read recently, kept parsed (documentCache.ts). */
  readonly documents = new DocumentCache();
  /** A lean read's rows found in the cache, by key, while it runs (selectParsed): held, so an eviction meanwhile is harmless. */
  private readonly keptRows = new Map<string, Doc>();

  constructor(dataDir: string) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.file = path.join(dataDir, 'database.sqlite');
    this.db = new Database(this.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.function('emulator_kept', { deterministic: false, directOnly: true }, (table, key, seq) => {
      const doc = this.documents.kept(table as string, key as string, Number(seq));
      if (doc === undefined) return 0;
      this.keptRows.set(key as string, doc);
      return 1;
    });
    this.db.exec(
      `CREATE TABLE IF NOT EXISTS emulator_collections (
         name TEXT PRIMARY KEY,
         created_at INTEGER NOT NULL,
         security_rules TEXT NOT NULL
       )`,
    );
    // The indexed paths whose multikey rows are complete (a data dir from before they existed is filled in once).
    this.db.exec(
      `CREATE TABLE IF NOT EXISTS emulator_multikey (
         collection TEXT NOT NULL,
         path TEXT NOT NULL,
         PRIMARY KEY (collection, path)
       )`,
    );
    for (const row of this.db.prepare('SELECT name FROM emulator_collections').all() as { name: string }[]) {
      const info = this.register(row.name);
      const max = this.db.prepare(`SELECT max(seq) AS seq FROM ${quote(info.table)}`).get() as { seq: number | null };
      this.seqCounter = Math.max(this.seqCounter, max.seq ?? 0);
    }
  }

  close(): void {
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      this.db.close();
    }
  }

  /** The highest committed sequence number; every write gets a new one. */
  get seq(): number {
    return this.seqCounter;
  }

  nextSeq(): number {
    return ++this.seqCounter;
  }

  /** Runs `fn` in one SQLite transaction on the main connection: all of it is written, or none. */
  transact<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  // ------------------------------------------------------------------------------------------------------ collections

  collection(name: string): CollectionInfo | undefined {
    return this.infos.get(name);
  }

  collectionNames(): string[] {
    return [...this.infos.keys()].sort();
  }

  /** Creates the collection (table) if needed; returns false when it already existed. */
  createCollection(name: string, securityRules: Record<string, unknown> = { read: false, write: false }): boolean {
    if (this.infos.has(name)) return false;
    const table = `c_${name}`;
    this.transact(() => {
      this.db.exec(`CREATE TABLE IF NOT EXISTS ${quote(table)} (key TEXT PRIMARY KEY, doc TEXT NOT NULL, seq INTEGER NOT NULL)`);
      createMultikeyTable(this.db, `m_${name}`);
      this.db
        .prepare('INSERT INTO emulator_collections (name, created_at, security_rules) VALUES (?, ?, ?)')
        .run(name, Date.now(), JSON.stringify(securityRules));
    });
    this.register(name);
    return true;
  }

  /** Creates declared collections and brings their indexes in line with the declaration. */
  applyDeclaration(declared: CollectionDeclaration, checkUnique: (info: CollectionInfo, index: IndexDeclaration) => void): void {
    this.createCollection(declared.name, declared.securityRules);
    const info = this.infos.get(declared.name)!;
    this.db
      .prepare('UPDATE emulator_collections SET security_rules = ? WHERE name = ?')
      .run(JSON.stringify(declared.securityRules), declared.name);
    const prefix = `x_${declared.name}__`;
    const existing = new Map(
      (
        this.db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?").all(info.table) as {
          name: string;
          sql: string | null;
        }[]
      )
        .filter((row) => row.name.startsWith(prefix))
        .map((row) => [row.name, row.sql]),
    );
    for (const index of declared.indexes) {
      const indexName = prefix + index.name;
      const ddl = `CREATE INDEX ${quote(indexName)} ON ${quote(info.table)} (${index.keys
        .map((key) => `${sqlKeyExpr(key.field)} ${key.direction === 1 ? 'ASC' : 'DESC'}`)
        .join(', ')})`;
      if (existing.get(indexName) !== ddl) {
        if (existing.has(indexName)) this.db.exec(`DROP INDEX ${quote(indexName)}`);
        this.db.exec(ddl);
      }
      existing.delete(indexName);
    }
    for (const stale of existing.keys()) this.db.exec(`DROP INDEX ${quote(stale)}`);
    info.indexes = declared.indexes;
    info.complexPaths.clear();
    const kinds = this.kinds.get(info.name)!;
    kinds.bits.clear();
    kinds.scanned.clear();
    for (const field of new Set(declared.indexes.flatMap((index) => index.keys.map((key) => key.field)))) {
      const hasComplex = this.db.prepare(`SELECT 1 FROM ${quote(info.table)} WHERE ${sqlKeyExpr(field)} = ? LIMIT 1`).get(COMPLEX);
      if (hasComplex) info.complexPaths.add(field);
    }
    this.transact(() => this.syncMultikeys(info));
    for (const index of declared.indexes) if (index.unique) checkUnique(info, index);
  }

  /**
   * Brings the multikey rows in line with the declared indexes: a path no longer indexed loses its rows; a path newly
   * indexed (or a data dir from before multikey rows) gets them from the documents whose key is COMPLEX.
   */
  private syncMultikeys(info: CollectionInfo): void {
    createMultikeyTable(this.db, info.multikeyTable);
    const paths = indexedPaths(info);
    const kept = this.db.prepare('SELECT path FROM emulator_multikey WHERE collection = ?').pluck().all(info.name) as string[];
    for (const path of kept) {
      if (paths.includes(path)) continue;
      this.db.prepare(`DELETE FROM ${quote(info.multikeyTable)} WHERE path = ?`).run(path);
      this.db.prepare('DELETE FROM emulator_multikey WHERE collection = ? AND path = ?').run(info.name, path);
    }
    for (const path of paths) {
      if (kept.includes(path)) continue;
      const rows = this.db
        .prepare(`SELECT key, doc FROM ${quote(info.table)} WHERE ${sqlKeyExpr(path)} = ?`)
        .raw()
        .all(COMPLEX) as [string, string][];
      const insert = this.db.prepare(`INSERT INTO ${quote(info.multikeyTable)} (key, path, v) VALUES (?, ?, ?)`);
      for (const [key, json] of rows) for (const v of multikeyValues(fromStoredJson(json), path)) insert.run(key, path, v);
      this.db.prepare('INSERT INTO emulator_multikey (collection, path) VALUES (?, ?)').run(info.name, path);
    }
  }

  private register(name: string): CollectionInfo {
    const kinds = { bits: new Map<string, number>(), scanned: new Set<string>() };
    const info: CollectionInfo = {
      name,
      table: `c_${name}`,
      multikeyTable: `m_${name}`,
      indexes: [],
      complexPaths: new Set(),
      valueKinds: (path) => {
        if (!kinds.scanned.has(path)) {
          let bits = kinds.bits.get(path) ?? 0;
          const sql = `SELECT DISTINCT ${sqlKindExpr(path)} AS kind FROM ${quote(info.table)}`;
          for (const row of this.db.prepare(sql).all() as { kind: string }[]) bits |= kindOfSqlKind(row.kind);
          kinds.bits.set(path, bits);
          kinds.scanned.add(path);
        }
        return kinds.bits.get(path)!;
      },
    };
    this.infos.set(name, info);
    this.kinds.set(name, kinds);
    return info;
  }

  /** Records the kinds of a document's indexed values (see CollectionInfo.valueKinds). */
  private noteKinds(info: CollectionInfo, doc: Doc): void {
    const bits = this.kinds.get(info.name)!.bits;
    for (const index of info.indexes) {
      for (const { field } of index.keys) bits.set(field, (bits.get(field) ?? 0) | valueKind(doc, field));
    }
  }

  // ------------------------------------------------------------------------------------------------------------ reads

  /**
   * Matching rows, read through `conn` (the main connection or a snapshot): all of them in natural (insertion)
   * order, or the rows of `window`.
   */
  selectDocs(info: CollectionInfo, filter: SqlFilter, conn: Connection = this.db, window?: SqlWindow): StoredDoc[] {
    const { sql, params } = selectSql(info, filter, window ?? { orderBy: NATURAL_ORDER });
    const rows = this.statement(conn, sql)
      .raw()
      .all(...params) as [string, string, number][];
    return rows.map(([key, doc, seq]) => new StoredRow(this.documents, info.table, key, doc, seq));
  }

  /**
   * `selectDocs` on the committed state for a reader that only looks at the documents (never at their JSON): a
   * document kept parsed in the cache at the row's seq is not read as JSON at all — SQLite asks the cache row by row
   * (the `emulator_kept` function) and answers NULL for those. Reading a document's JSON costs about 4.5 µs a
   * kilobyte (SQLite's text into a JS string), several times what the rest of the row costs.
   */
  selectParsed(info: CollectionInfo, filter: SqlFilter, window?: SqlWindow): StoredDoc[] {
    const { sql, params } = selectSql(info, filter, window ?? { orderBy: NATURAL_ORDER }, info.table);
    this.keptRows.clear();
    try {
      const rows = this.statement(this.db, sql)
        .raw()
        .all(...params) as [string, string | null, number][];
      return rows.map(
        ([key, doc, seq]) =>
          new StoredRow(this.documents, info.table, key, doc ?? undefined, seq, doc === null ? this.keptRows.get(key) : undefined),
      );
    } finally {
      this.keptRows.clear();
    }
  }

  /** Matching rows in `orderBy` order, read one at a time as the caller asks for them (stop early with `break`). */
  *iterateDocs(info: CollectionInfo, filter: SqlFilter, orderBy: string, conn: Connection = this.db): Generator<StoredDoc> {
    const { sql, params } = selectSql(info, filter, { orderBy });
    for (const [key, doc, seq] of this.statement(conn, sql)
      .raw()
      .iterate(...params) as IterableIterator<[string, string, number]>) {
      yield new StoredRow(this.documents, info.table, key, doc, seq);
    }
  }

  countDocs(info: CollectionInfo, filter: SqlFilter, conn: Connection = this.db): number {
    const sql = `SELECT count(*) FROM ${quote(info.table)} WHERE ${filter.where}`;
    return this.statement(conn, sql)
      .pluck()
      .get(...filter.params) as number;
  }

  selectByKey(info: CollectionInfo, key: string, conn: Connection = this.db): StoredDoc | undefined {
    const row = this.statement(conn, `SELECT key, doc, seq FROM ${quote(info.table)} WHERE key = ?`)
      .raw()
      .get(key) as [string, string, number] | undefined;
    return row && new StoredRow(this.documents, info.table, row[0], row[1], row[2]);
  }

  /** SQLite's plan for a read, for diagnostics and tests ("does this query use an index? does it sort?"). */
  explain(info: CollectionInfo, filter: SqlFilter, window: SqlWindow = { orderBy: NATURAL_ORDER }): string[] {
    const { sql, params } = selectSql(info, filter, window);
    return (this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail);
  }

  // ----------------------------------------------------------------------------------------------------------- writes

  /** Inserts or replaces a document, stamping it with commit sequence number `seq`. */
  writeDoc(info: CollectionInfo, key: string, doc: Doc, seq: number): void {
    const json = toStoredJson(doc);
    this.noteKinds(info, doc);
    const sql = `INSERT INTO ${quote(info.table)} (key, doc, seq) VALUES (?, ?, ?)
                 ON CONFLICT(key) DO UPDATE SET doc = excluded.doc, seq = excluded.seq`;
    this.statement(this.db, sql).run(key, json, seq);
    this.writeMultikeys(info, key, doc);
  }

  deleteDoc(info: CollectionInfo, key: string): void {
    this.statement(this.db, `DELETE FROM ${quote(info.table)} WHERE key = ?`).run(key);
    this.statement(this.db, `DELETE FROM ${quote(info.multikeyTable)} WHERE key = ?`).run(key);
  }

  /** The document's multikey rows: one per distinct scalar under each indexed path that goes through an array. */
  private writeMultikeys(info: CollectionInfo, key: string, doc: Doc): void {
    this.statement(this.db, `DELETE FROM ${quote(info.multikeyTable)} WHERE key = ?`).run(key);
    for (const path of indexedPaths(info)) {
      if (!isComplexKey(doc, path)) continue;
      const insert = this.statement(this.db, `INSERT INTO ${quote(info.multikeyTable)} (key, path, v) VALUES (?, ?, ?)`);
      for (const v of multikeyValues(doc, path)) insert.run(key, path, v);
    }
  }

  // -------------------------------------------------------------------------------------------------------- snapshots

  /**
   * A read-only connection pinned to the current committed state (WAL snapshot isolation): what a transaction reads.
   * Must be released with `close()`.
   */
  openSnapshot(): Snapshot {
    const conn = new Database(this.file, { readonly: true, fileMustExist: true });
    conn.pragma('busy_timeout = 5000');
    conn.exec('BEGIN');
    // The snapshot is taken at the first read of the read transaction.
    const known = new Set((conn.prepare('SELECT name FROM emulator_collections').all() as { name: string }[]).map((r) => r.name));
    return {
      conn,
      seq: this.seqCounter,
      hasCollection: (name: string) => known.has(name),
      close: () => {
        try {
          conn.exec('ROLLBACK');
        } finally {
          conn.close();
        }
      },
    };
  }

  private statement(conn: Connection, sql: string): Database.Statement {
    let cache = this.statements.get(conn);
    if (!cache) {
      cache = new Map();
      this.statements.set(conn, cache);
    }
    let statement = cache.get(sql);
    if (!statement) {
      // Query shapes (IN-list lengths…) are finite in practice; the cap only guards against pathological clients.
      if (cache.size >= 1000) cache.clear();
      try {
        statement = conn.prepare(sql);
      } catch (err) {
        throw requestFailed(`storage error: ${(err as Error).message}`);
      }
      cache.set(sql, statement);
    }
    return statement;
  }
}

/**
 * The SELECT for a window. The LIMIT is written into the SQL (a bound LIMIT makes SQLite's windowed index walk about
 * twice as slow: ~90 µs instead of ~50 µs for 20 documents); there are few distinct limits, unlike offsets (bound).
 */
function selectSql(info: CollectionInfo, filter: SqlFilter, window: SqlWindow, keptOf?: string): { sql: string; params: unknown[] } {
  // With keptOf (a lean read): NULL for the JSON of a document the cache keeps (selectParsed).
  const doc = keptOf === undefined ? 'doc' : `CASE WHEN emulator_kept('${keptOf.replace(/'/g, "''")}', key, seq) THEN NULL ELSE doc END`;
  const sql = `SELECT key, ${doc}, seq FROM ${quote(info.table)} WHERE ${filter.where} ORDER BY ${window.orderBy}`;
  if (window.limit === undefined && !window.offset) return { sql, params: filter.params };
  const limit = window.limit === undefined || !Number.isFinite(window.limit) ? -1 : Math.max(0, Math.floor(window.limit));
  return { sql: `${sql} LIMIT ${limit} OFFSET ?`, params: [...filter.params, window.offset ?? 0] };
}

export interface Snapshot {
  readonly conn: Connection;
  /** The committed sequence number the snapshot reflects. */
  readonly seq: number;
  hasCollection(name: string): boolean;
  close(): void;
}

function createMultikeyTable(db: Connection, table: string): void {
  db.exec(`CREATE TABLE IF NOT EXISTS ${quote(table)} (key TEXT NOT NULL, path TEXT NOT NULL, v)`);
  db.exec(`CREATE INDEX IF NOT EXISTS ${quote(`${table}__path_v`)} ON ${quote(table)} (path, v)`);
  db.exec(`CREATE INDEX IF NOT EXISTS ${quote(`${table}__key`)} ON ${quote(table)} (key)`);
}

const indexedPaths = (info: CollectionInfo): string[] => [...new Set(info.indexes.flatMap((index) => index.keys.map((key) => key.field)))];

/**
 * The SQL keys of the scalars MongoDB's multikey index holds for `path` (strings, numbers, booleans, dates; each once).
 * Nulls, missing values, objects and arrays are not kept: a query for those reads every COMPLEX row (planner.ts).
 */
function multikeyValues(doc: Doc, path: string): SqlScalar[] {
  const out = new Set<SqlScalar>();
  for (const value of indexValues(doc, path).values) {
    const key = value === null || value === undefined ? undefined : sqlKeyForScalar(value);
    if (key !== undefined) out.add(key);
  }
  return [...out];
}
