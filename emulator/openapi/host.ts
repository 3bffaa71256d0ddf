/**
 * What the platform services need from the emulator (emulator/server.ts): admin actions for the SDK's
 * `POST /admin` requests (multipart ones arrive as form fields with Buffer file parts; a Buffer result is
 * answered as raw bytes), plain routes for everything else, the clock, and the base URL for links.
 */
import type { ServerResponse } from 'node:http';
import type { Emulator } from '../server';

export type { AdminRequestMeta } from '../server';

export type PlatformHost = Pick<Emulator, 'url' | 'clock' | 'addAdminAction' | 'addRoute'>;

export function origin(host: Pick<Emulator, 'url'>): string {
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
