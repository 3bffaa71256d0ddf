/**
 * The part of wx-server-sdk's database API this project uses, typed as it behaves at run time (the SDK's own
 * typings return `Promise | void | string` from every call). `cloud.database()` is used as it is; only its
 * type is narrowed here.
 */
export type Doc = Record<string, unknown>;

export interface QueryResult<T> {
  data: T[];
  errMsg: string;
}

export interface Query<T> {
  where(condition: Doc): Query<T>;
  orderBy(field: string, order: 'asc' | 'desc'): Query<T>;
  skip(n: number): Query<T>;
  limit(n: number): Query<T>;
  field(projection: Record<string, boolean | 0 | 1>): Query<T>;
  get(): Promise<QueryResult<T>>;
  count(): Promise<{ total: number }>;
  update(options: { data: Doc }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface DocumentRef<T> {
  get(): Promise<{ data: T }>;
  set(options: { data: Doc }): Promise<{ _id: string; stats: { updated: number; created: number } }>;
  update(options: { data: Doc }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface Aggregate {
  match(condition: Doc): Aggregate;
  group(spec: Doc): Aggregate;
  sort(spec: Record<string, 1 | -1>): Aggregate;
  project(spec: Doc): Aggregate;
  addFields(spec: Doc): Aggregate;
  unwind(spec: string | Doc): Aggregate;
  lookup(spec: Doc): Aggregate;
  replaceRoot(spec: Doc): Aggregate;
  skip(n: number): Aggregate;
  limit(n: number): Aggregate;
  count(field: string): Aggregate;
  end(): Promise<{ list: Doc[] }>;
}

export interface Collection<T = Doc> extends Query<T> {
  doc(id: string): DocumentRef<T>;
  add(options: { data: Doc | Doc[] }): Promise<{ _id: string; ids?: string[] }>;
  aggregate(): Aggregate;
}

export interface TransactionCollection<T = Doc> {
  doc(id: string): DocumentRef<T>;
  add(options: { data: Doc }): Promise<{ _id: string }>;
}

export interface Transaction {
  collection<T = Doc>(name: string): TransactionCollection<T>;
  commit(): Promise<unknown>;
  rollback(reason?: unknown): Promise<unknown>;
}

/** Operators and update commands (`db.command`). Their values are opaque SDK objects. */
export type Command = Record<string, (...args: unknown[]) => unknown> & {
  aggregate: Record<string, (...args: unknown[]) => unknown>;
};

export interface Database {
  collection<T = Doc>(name: string): Collection<T>;
  command: Command;
  serverDate(options?: { offset?: number }): unknown;
  RegExp(options: { regexp: string; options?: string }): unknown;
  runTransaction<R>(fn: (tx: Transaction) => Promise<R>, retries?: number): Promise<R>;
  startTransaction(): Promise<Transaction>;
}
