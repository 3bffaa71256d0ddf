/**
 * The slice of wx-server-sdk's API the emulator tests use, typed for what the SDK really returns (its bundled
 * index.d.ts declares most results as `Promise<T> | void | string`).
 */
export type Doc = Record<string, unknown>;

export interface CommandExpr {
  and(...expressions: unknown[]): CommandExpr;
  or(...expressions: unknown[]): CommandExpr;
}

export interface SdkCommand {
  eq(value: unknown): CommandExpr;
  neq(value: unknown): CommandExpr;
  gt(value: unknown): CommandExpr;
  gte(value: unknown): CommandExpr;
  lt(value: unknown): CommandExpr;
  lte(value: unknown): CommandExpr;
  in(values: unknown[]): CommandExpr;
  nin(values: unknown[]): CommandExpr;
  exists(exists: boolean): CommandExpr;
  size(size: number): CommandExpr;
  elemMatch(condition: Doc): CommandExpr;
  and(...expressions: unknown[]): CommandExpr;
  or(...expressions: unknown[]): CommandExpr;
  nor(...expressions: unknown[]): CommandExpr;
  set(value: unknown): CommandExpr;
  remove(): CommandExpr;
  inc(value: number): CommandExpr;
  mul(value: number): CommandExpr;
  min(value: unknown): CommandExpr;
  max(value: unknown): CommandExpr;
  rename(to: string): CommandExpr;
  push(value: unknown): CommandExpr;
  pop(): CommandExpr;
  shift(): CommandExpr;
  unshift(...values: unknown[]): CommandExpr;
  pull(value: unknown): CommandExpr;
  pullAll(values: unknown[]): CommandExpr;
  addToSet(value: unknown): CommandExpr;
  aggregate: Record<'sum' | 'avg' | 'max' | 'min' | 'push' | 'first' | 'size' | 'eq' | 'concat', (...args: unknown[]) => unknown>;
  project: { slice(value: number | [number, number]): unknown };
}

export interface SdkDocumentRef {
  get(): Promise<{ data: Doc; errMsg: string }>;
  set(options: { data: Doc }): Promise<{ _id: string | number; stats: { updated: number; created: number }; errMsg: string }>;
  update(options: { data: Doc }): Promise<{ stats: { updated: number }; errMsg: string }>;
  remove(): Promise<{ stats: { removed: number }; errMsg: string }>;
  field(projection: Doc): SdkDocumentRef;
}

export interface SdkQuery {
  where(condition: Doc | CommandExpr): SdkQuery;
  orderBy(field: string, order: 'asc' | 'desc'): SdkQuery;
  limit(n: number): SdkQuery;
  skip(n: number): SdkQuery;
  field(projection: Doc): SdkQuery;
  get(): Promise<{ data: Doc[]; errMsg: string }>;
  count(): Promise<{ total: number; errMsg: string }>;
  update(options: { data: Doc; multi?: boolean }): Promise<{ stats: { updated: number }; errMsg: string }>;
  remove(options?: { multi?: boolean }): Promise<{ stats: { removed: number }; errMsg: string }>;
}

export interface SdkAggregate {
  match(condition: Doc): SdkAggregate;
  group(spec: Doc): SdkAggregate;
  sort(spec: Doc): SdkAggregate;
  project(spec: Doc): SdkAggregate;
  addFields(spec: Doc): SdkAggregate;
  limit(n: number): SdkAggregate;
  skip(n: number): SdkAggregate;
  count(field: string): SdkAggregate;
  unwind(spec: string | Doc): SdkAggregate;
  lookup(spec: Doc): SdkAggregate;
  end(): Promise<{ list: Doc[]; errMsg: string }>;
}

export interface SdkCollection extends SdkQuery {
  doc(id: string | number): SdkDocumentRef;
  add(options: { data: Doc }): Promise<{ _id: string; errMsg: string }>;
  add(options: { data: Doc[] }): Promise<{ _ids: string[]; errMsg: string }>;
  aggregate(): SdkAggregate;
}

export interface SdkTransaction {
  collection(name: string): SdkCollection;
  commit(): Promise<unknown>;
  rollback(reason?: unknown): Promise<unknown>;
}

export interface SdkDatabase {
  command: SdkCommand;
  serverDate(options?: { offset: number }): unknown;
  RegExp(options: { regexp: string; options?: string }): unknown;
  collection(name: string): SdkCollection;
  createCollection(name: string): Promise<{ errMsg: string }>;
  startTransaction(): Promise<SdkTransaction>;
  runTransaction<T>(callback: (transaction: SdkTransaction) => Promise<T>, times?: number): Promise<T>;
}

export interface WxCloud {
  DYNAMIC_CURRENT_ENV: symbol;
  init(config: { env: unknown }): void;
  database(config?: { throwOnNotFound?: boolean }): SdkDatabase;
}

/** What wx-server-sdk throws: an Error with its numeric errCode (and node-sdk's string `code` when raw). */
export interface SdkError extends Error {
  errCode?: number;
  errMsg?: string;
  code?: string;
}

export async function sdkError(promise: Promise<unknown>): Promise<SdkError> {
  try {
    await promise;
  } catch (err) {
    return err as SdkError;
  }
  throw new Error('expected the SDK call to fail, but it succeeded');
}
