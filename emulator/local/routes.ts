/**
 * The emulator's own HTTP surface beside CloudBase's `/admin` protocol:
 * - `POST /functions/<name>` with a JSON event and `x-wx-openid` — how the mini program's local mode and the
 *   tests call a function as a WeChat user (the header exists only here; CloudBase takes identity from WeChat);
 * - `GET|POST /clock` — read, set or advance the emulator's clock; due timer triggers run before it answers;
 * - `POST /triggers/<function>[/<trigger>]` — fire a timer trigger now (`npm run trigger`); `GET /triggers`.
 */
import type http from 'node:http';
import type { Clock } from '../clock';
import { listFunctions } from '../functions/config';
import { FunctionError, type FunctionHost } from '../functions/host';
import type { TriggerScheduler } from '../triggers/scheduler';

export const LOCAL_APPID = 'wxlocal000000000000';

type Route = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => Promise<void> | void;

function send(res: http.ServerResponse, status: number, payload: unknown) {
  sendText(res, status, JSON.stringify(payload));
}

function sendText(res: http.ServerResponse, status: number, text: string) {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    // WeChat DevTools' local mode calls from its own origin.
    'access-control-allow-origin': '*',
  });
  res.end(text);
}

function readJson(body: Buffer): unknown {
  if (!body.length) return {};
  return JSON.parse(body.toString('utf8'));
}

const header = (req: http.IncomingMessage, name: string) => {
  const v = req.headers[name];
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
};

export function functionRoute(host: FunctionHost): Route {
  return async (req, res, body) => {
    const name = decodeURIComponent((req.url ?? '').split('?')[0].replace(/^\/functions\//, '')).replace(/\/$/, '');
    let event: unknown;
    try {
      event = readJson(body);
    } catch {
      return send(res, 400, { errCode: -1, errMsg: 'cloud.callFunction:fail request body is not JSON' });
    }
    try {
      const json = await host.invokeJson(name, event, {
        openid: header(req, 'x-wx-openid'),
        appid: header(req, 'x-wx-appid') ?? LOCAL_APPID,
        unionid: header(req, 'x-wx-unionid'),
        source: 'wx_client',
      });
      sendText(res, 200, json);
    } catch (err) {
      const code = err instanceof FunctionError ? err.code : 'FUNCTIONS_EXECUTE_FAIL';
      const status = code === 'FUNCTION_NOT_FOUND' ? 404 : 500;
      send(res, status, { errCode: -504002, code, errMsg: `cloud.callFunction:fail ${err instanceof Error ? err.message : String(err)}` });
    }
  };
}

export function clockRoute(clock: Clock, scheduler: TriggerScheduler): Route {
  return async (req, res, body) => {
    if (req.method === 'GET') return send(res, 200, { now: new Date(clock.now()).toISOString(), offsetMs: clock.offsetMs });
    let input: { set?: string | number; advanceMs?: number };
    try {
      input = readJson(body) as typeof input;
    } catch {
      return send(res, 400, { error: 'body must be JSON: { "set": "2026-11-22T21:00:00+08:00" } or { "advanceMs": 7200000 }' });
    }
    if (input.set !== undefined) {
      const t = typeof input.set === 'number' ? input.set : Date.parse(input.set);
      if (!Number.isFinite(t)) return send(res, 400, { error: `cannot read time ${JSON.stringify(input.set)}` });
      clock.set(t);
    } else if (typeof input.advanceMs === 'number' && Number.isFinite(input.advanceMs)) {
      clock.advance(input.advanceMs);
    } else {
      return send(res, 400, { error: 'give "set" (ISO time or epoch ms) or "advanceMs"' });
    }
    // Triggers that fell due in the skipped span run now, so the caller sees their effects at once.
    const fired = await scheduler.catchUp();
    send(res, 200, { now: new Date(clock.now()).toISOString(), offsetMs: clock.offsetMs, fired });
  };
}

export function triggerRoute(functionsDir: string, scheduler: TriggerScheduler): Route {
  return async (req, res) => {
    const parts = (req.url ?? '').split('?')[0].split('/').filter(Boolean).slice(1).map(decodeURIComponent);
    if (req.method === 'GET') {
      const triggers = listFunctions(functionsDir).flatMap((f) =>
        f.triggers.map((t) => ({ function: f.name, trigger: t.name, cron: t.cron })),
      );
      return send(res, 200, { triggers, history: scheduler.history.slice(-50) });
    }
    const [fn, trigger] = parts;
    try {
      send(res, 200, await scheduler.fire(fn ?? '', trigger));
    } catch (err) {
      send(res, 404, { error: err instanceof Error ? err.message : String(err) });
    }
  };
}
