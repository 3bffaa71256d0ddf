/**
 * The local CloudBase emulator: one plain node:http server that speaks the protocol of @cloudbase/node-sdk (which
 * wx-server-sdk wraps), so unmodified cloud-function code runs against it.
 *
 *   POST /admin           the SDK's endpoint (TCB_CONTEXT_CNFG.URL); dispatches on `body.action`
 *   GET  /stats           admin requests counted per action; POST /stats/reset clears them
 *   GET  /health          liveness
 *   …                     routes added by other subsystems (function invocation, storage, clock…)
 *
 * Admin actions get the request's JSON (or, for multipart requests such as `wx.openApi`, its form fields, file parts
 * as Buffers) and the request headers. They answer HTTP 200 with `{ requestId, ...result }`; a result with
 * `code`/`message`, or a thrown CloudBaseError, is a CloudBase error; a Buffer result is sent as raw bytes.
 * An action nobody registered fails loudly, never with an empty success.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import { Clock } from './clock';
import { CloudBaseError, openDatabase } from './database';
import { isMultipart, parseMultipart } from './openapi/multipart';

export { CloudBaseError } from './database';

export interface AdminRequestMeta {
  headers: http.IncomingHttpHeaders;
}
export type AdminActionHandler = (body: Record<string, unknown>, meta: AdminRequestMeta) => Promise<unknown>;
export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => Promise<void> | void;

export interface EmulatorOptions {
  host?: string;
  port?: number;
  dataDir: string;
  declarationPath?: string;
  clock?: Clock;
  log?: (line: string) => void;
}

export interface EmulatorStats {
  requests(): Record<string, number>;
  total(): number;
  reset(): void;
}

export interface Emulator {
  readonly url: string;
  readonly port: number;
  readonly clock: Clock;
  readonly stats: EmulatorStats;
  addAdminAction(action: string, handler: AdminActionHandler): void;
  addRoute(method: string, pathPrefix: string, handler: RouteHandler): void;
  close(): Promise<void>;
}

/** Large enough for a 16 MB document as EJSON plus the request envelope. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1';
  const clock = options.clock ?? new Clock();
  const log = options.log ?? ((line: string) => console.log(line));
  const database = openDatabase({
    dataDir: options.dataDir,
    declarationPath: options.declarationPath ?? path.resolve('database/collections.json'),
    clock,
    log,
  });

  const actions = new Map<string, AdminActionHandler>(Object.entries(database.actions));
  const routes: { method: string; prefix: string; handler: RouteHandler }[] = [];
  const counts = new Map<string, number>();
  const stats: EmulatorStats = {
    requests: () => Object.fromEntries(counts),
    total: () => [...counts.values()].reduce((sum, n) => sum + n, 0),
    reset: () => counts.clear(),
  };

  async function handleAdmin(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): Promise<void> {
    const requestId = crypto.randomUUID();
    let payload: Record<string, unknown>;
    try {
      const contentType = req.headers['content-type'];
      const parsed: unknown = isMultipart(contentType) ? parseMultipart(contentType!, body) : JSON.parse(body.toString('utf8'));
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      payload = parsed as Record<string, unknown>;
    } catch {
      return sendJson(res, 200, {
        requestId,
        code: 'INVALID_PARAM',
        message: '[InvalidParameter] request body must be a JSON object or a multipart form',
      });
    }
    const action = typeof payload.action === 'string' ? payload.action : '';
    counts.set(action, (counts.get(action) ?? 0) + 1);
    const handler = actions.get(action);
    if (!handler) {
      log(`[emulator] ERROR unsupported admin action ${JSON.stringify(action)}`);
      return sendJson(res, 200, {
        requestId,
        code: 'EMULATOR_NOT_IMPLEMENTED',
        message: `[local emulator] action ${JSON.stringify(action)} is not implemented by the local CloudBase emulator`,
      });
    }
    try {
      const result = await handler(payload, { headers: req.headers });
      if (Buffer.isBuffer(result)) {
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': result.length });
        res.end(result);
        return;
      }
      sendJson(res, 200, { requestId, ...(isRecord(result) ? result : { data: result }) });
    } catch (err) {
      if (err instanceof CloudBaseError) return sendJson(res, 200, { requestId, code: err.code, message: err.message });
      log(`[emulator] ERROR ${action} failed: ${(err as Error).stack ?? String(err)}`);
      sendJson(res, 200, {
        requestId,
        code: 'SYS_ERR',
        message: `[local emulator] internal error in ${action}: ${(err as Error).message}`,
      });
    }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req);
    if (body === undefined) return sendJson(res, 413, { code: 'INVALID_PARAM', message: 'request body too large' });
    const method = (req.method ?? 'GET').toUpperCase();
    const pathname = pathnameOf(req.url ?? '/');
    if (method === 'POST' && pathname === '/admin') return handleAdmin(req, body, res);
    if (method === 'GET' && pathname === '/stats') return sendJson(res, 200, { total: stats.total(), requests: stats.requests() });
    if (method === 'POST' && pathname === '/stats/reset') {
      stats.reset();
      return sendJson(res, 200, { ok: true });
    }
    if (method === 'GET' && pathname === '/health') return sendJson(res, 200, { ok: true, now: clock.now() });
    const route = routes.find((r) => (r.method === '*' || r.method === method) && pathname.startsWith(r.prefix));
    if (route) return route.handler(req, res, body);
    sendJson(res, 404, { code: 'NOT_FOUND', message: `no route for ${method} ${pathname}` });
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log(`[emulator] ERROR ${req.method} ${req.url}: ${(err as Error).stack ?? String(err)}`);
      if (!res.headersSent) sendJson(res, 500, { code: 'SYS_ERR', message: (err as Error).message });
      else res.destroy();
    });
  });
  // Clients drop idle keep-alive sockets after ~5 s; outliving them avoids resets on a reused socket.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    database.close();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    clock,
    stats,
    addAdminAction(action, handler) {
      if (actions.has(action)) throw new Error(`admin action ${action} is already registered`);
      actions.set(action, handler);
    },
    addRoute(method, pathPrefix, handler) {
      if (!pathPrefix.startsWith('/')) throw new Error(`route prefix must start with "/": ${pathPrefix}`);
      routes.push({ method: method.toUpperCase(), prefix: pathPrefix, handler });
      routes.sort((a, b) => b.prefix.length - a.prefix.length); // longest prefix wins
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => database.close());
      return closing;
    },
  };
}

/**
 * The request's path. The SDK's `/admin?env=…&seqId=…` (every database call) is recognised without building a URL;
 * anything else goes through URL parsing (dot segments, backslashes) as before.
 */
function pathnameOf(url: string): string {
  const query = url.indexOf('?');
  const raw = query < 0 ? url : url.slice(0, query);
  return raw === '/admin' ? raw : new URL(url, 'http://emulator').pathname;
}

function readBody(req: http.IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
