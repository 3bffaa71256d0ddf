/**
 * The `database.*` admin actions, exactly as @cloudbase/database sends them (node_modules/@cloudbase/database/src)
 * and with the response shapes it reads back:
 *
 *   getDocument        {collectionName, query?, queryType: WHERE|DOC, order?, offset?, limit?, projection?, transactionId?}
 *                      → {data: {list: [ejson…], limit, offset}}
 *   calculateDocument  {collectionName, query?, queryType} → {data: {total}}
 *   insertDocument     {collectionName, data: [ejson…], transactionId?} → {data: {insertedIds}}
 *   modifyDocument     {collectionName, query, queryType, data, multi, merge, upsert, transactionId?}
 *                      → {data: {updated, upsert_id?}}
 *   modifyAndReturnDoc {collectionName, query, data, transactionId?} → {data: {updated, doc: ejson | null}}
 *   removeDocument     {collectionName, query?, queryType, multi, transactionId?} → {data: {deleted}}
 *   aggregateDocuments {collectionName, stages: [{stageKey, stageValue: ejson}]} → {data: {list}}
 *   addCollection      {collectionName} → {}
 *   startTransaction   {} → {transactionId};  commitTransaction / abortTransaction {transactionId} → {}
 *
 * `query`, `data`, `order`, `projection` and stage values are EJSON strings.
 */
import type { Clock } from '../clock';
import { aggregate } from './aggregate';
import { Doc, decodeWire, encodeWire, isPlainObject } from './codec';
import { isValidCollectionName } from './declaration';
import { DocumentEngine, RequestContext, SortSpec } from './engine';
import { collectionAlreadyExists, invalidParam } from './errors';

export type ActionBody = Record<string, unknown>;
export type ActionHandler = (body: ActionBody) => Promise<unknown>;

/** A server `get()` returns 100 documents unless `limit()` asks for more, and never more than 1000. */
export const DEFAULT_GET_LIMIT = 100;
export const MAX_GET_LIMIT = 1000;

export function databaseActions(engine: DocumentEngine, clock: Clock): Record<string, ActionHandler> {
  const context = (body: ActionBody): RequestContext => ({
    env: typeof body.envName === 'string' && body.envName ? body.envName : 'default',
    now: clock.now(),
  });
  const handlers: Record<string, (body: ActionBody) => unknown> = {
    'database.getDocument': (body) => {
      const ctx = context(body);
      const scope = engine.scope(optionalString(body, 'transactionId'));
      const isDoc = queryType(body) === 'DOC';
      const limit = isDoc ? undefined : clampLimit(body.limit);
      const offset = isDoc ? 0 : nonNegativeInteger(body.offset, 'offset');
      const list = engine.findForWire(scope, collectionName(body), filterOf(body, ctx), {
        sort: isDoc ? undefined : sortOf(body.order, ctx),
        skip: offset,
        limit,
        projection: optionalDoc(body.projection, 'projection', ctx),
      });
      return { data: { list, limit, offset } };
    },

    'database.calculateDocument': (body) => {
      const ctx = context(body);
      return {
        data: { total: engine.count(engine.scope(optionalString(body, 'transactionId')), collectionName(body), filterOf(body, ctx)) },
      };
    },

    'database.insertDocument': (body) => {
      const ctx = context(body);
      const raw = typeof body.data === 'string' ? [body.data] : body.data;
      if (!Array.isArray(raw) || raw.length === 0) throw invalidParam('data must be a non-empty array of documents');
      const docs = raw.map((item) => {
        if (typeof item !== 'string') throw invalidParam('each document must be an EJSON string');
        return decodeWire(item, ctx.now);
      });
      const ids = engine.insert(engine.scope(optionalString(body, 'transactionId')), collectionName(body), docs, ctx);
      return { data: { insertedIds: ids } };
    },

    'database.modifyDocument': (body) => {
      const ctx = context(body);
      const update = requiredDoc(body.data, 'data', ctx);
      const result = engine.modify(
        engine.scope(optionalString(body, 'transactionId')),
        collectionName(body),
        filterOf(body, ctx),
        update,
        {
          multi: flag(body.multi, false),
          merge: flag(body.merge, true),
          upsert: flag(body.upsert, false),
        },
        ctx,
      );
      return { data: { updated: result.updated, upsert_id: result.upsertedId } };
    },

    'database.modifyAndReturnDoc': (body) => {
      const ctx = context(body);
      const update = requiredDoc(body.data, 'data', ctx);
      const scope = engine.scope(optionalString(body, 'transactionId'));
      const result = engine.modifyAndReturn(scope, collectionName(body), filterOf(body, ctx), update, ctx);
      return { data: { updated: result.updated, doc: result.doc ? encodeWire(result.doc) : null } };
    },

    'database.removeDocument': (body) => {
      const ctx = context(body);
      const scope = engine.scope(optionalString(body, 'transactionId'));
      return { data: { deleted: engine.remove(scope, collectionName(body), filterOf(body, ctx), flag(body.multi, false)) } };
    },

    'database.aggregateDocuments': (body) => {
      const ctx = context(body);
      if (!Array.isArray(body.stages)) throw invalidParam('stages must be an array');
      const stages = body.stages.map((stage): Doc => {
        if (!isPlainObject(stage) || typeof stage.stageKey !== 'string' || typeof stage.stageValue !== 'string') {
          throw invalidParam('each stage must be { stageKey, stageValue }');
        }
        return { [stage.stageKey]: decodeWire(stage.stageValue, ctx.now) };
      });
      const docs = aggregate(engine, engine.scope(), collectionName(body), stages);
      return { data: { list: docs.map(encodeWire) } };
    },

    'database.addCollection': (body) => {
      const name = collectionName(body);
      if (!isValidCollectionName(name)) throw invalidParam(`invalid collection name ${JSON.stringify(name)}`);
      if (!engine.storage.createCollection(name)) throw collectionAlreadyExists(name);
      return {};
    },

    'database.startTransaction': (body) => ({ transactionId: engine.transactions.start(context(body).env).id }),

    'database.commitTransaction': (body) => {
      engine.transactions.commit(requiredString(body, 'transactionId'));
      return {};
    },

    'database.abortTransaction': (body) => {
      engine.transactions.abort(requiredString(body, 'transactionId'));
      return {};
    },
  };
  return Object.fromEntries(Object.entries(handlers).map(([action, handler]) => [action, async (body: ActionBody) => handler(body)]));
}

// ---------------------------------------------------------------------------------------------------------- params

function collectionName(body: ActionBody): string {
  return requiredString(body, 'collectionName');
}

function requiredString(body: ActionBody, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value === '') throw invalidParam(`${name} must be a non-empty string`);
  return value;
}

function optionalString(body: ActionBody, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw invalidParam(`${name} must be a string`);
  return value;
}

function queryType(body: ActionBody): 'WHERE' | 'DOC' {
  const value = body.queryType ?? 'WHERE';
  if (value !== 'WHERE' && value !== 'DOC') throw invalidParam(`queryType must be WHERE or DOC, got ${JSON.stringify(value)}`);
  return value;
}

function filterOf(body: ActionBody, ctx: RequestContext): Doc {
  const filter = optionalDoc(body.query, 'query', ctx) ?? {};
  if (queryType(body) === 'DOC' && !('_id' in filter)) throw invalidParam('a DOC query must select an _id');
  return filter;
}

function optionalDoc(value: unknown, name: string, ctx: RequestContext): Doc | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return requiredDoc(value, name, ctx);
}

function requiredDoc(value: unknown, name: string, ctx: RequestContext): Doc {
  const decoded = typeof value === 'string' ? decodeWire(value, ctx.now) : value;
  if (!isPlainObject(decoded)) throw invalidParam(`${name} must be an object`);
  return decoded;
}

/** `order` is `{field: 1|-1, …}` from orderBy(); older clients send `[{field, direction}]`. */
function sortOf(value: unknown, ctx: RequestContext): SortSpec | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const decoded = typeof value === 'string' ? decodeWire(value, ctx.now) : value;
  const entries: [string, unknown][] = Array.isArray(decoded)
    ? decoded.map((item): [string, unknown] => (isPlainObject(item) ? [String(item.field), item.direction] : ['', undefined]))
    : isPlainObject(decoded)
      ? Object.entries(decoded)
      : [];
  const sort: SortSpec = {};
  for (const [field, direction] of entries) {
    const dir = direction === 'asc' ? 1 : direction === 'desc' ? -1 : direction;
    if (!field || (dir !== 1 && dir !== -1)) throw invalidParam(`invalid order ${JSON.stringify(decoded)}`);
    sort[field] = dir;
  }
  return Object.keys(sort).length ? sort : undefined;
}

function clampLimit(value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_GET_LIMIT;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw invalidParam('limit must be a non-negative integer');
  return value === 0 ? DEFAULT_GET_LIMIT : Math.min(value, MAX_GET_LIMIT);
}

function nonNegativeInteger(value: unknown, name: string): number {
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw invalidParam(`${name} must be a non-negative integer`);
  return value;
}

function flag(value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw invalidParam('multi, merge and upsert must be booleans');
  return value;
}
