/**
 * The part of the emulator (emulator/server.ts) the platform services plug into: admin actions for the
 * SDK's `POST /admin` requests, plain routes for everything else (COS-like uploads, temp URLs, the outbox).
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

export interface AdminRequestMeta {
  headers: IncomingHttpHeaders;
}

/**
 * `body` is the request's JSON, or for multipart requests (`wx.openApi`) its form fields with file parts
 * as Buffers. Returning a Buffer answers those raw bytes (application/octet-stream) instead of JSON.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- admin bodies are untrusted JSON, checked by each action
export type AdminAction = (body: any, meta?: AdminRequestMeta) => Promise<unknown>;

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void | Promise<void>;

export interface PlatformHost {
  /** Base URL of the emulator, e.g. http://127.0.0.1:8787 (an /admin suffix is tolerated). */
  readonly url: string;
  readonly clock: { now(): number };
  addAdminAction(action: string, handler: AdminAction): void;
  addRoute(method: string, pathPrefix: string, handler: RouteHandler): void;
}

export function origin(host: PlatformHost): string {
  return new URL(host.url).origin;
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value));
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
  res.end(body);
}

export function readJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}
