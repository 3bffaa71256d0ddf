/**
 * `cloud.callFunction` from inside a function or from an admin script, over the SDK's protocol:
 *
 *   request   { action: 'functions.invokeFunction', function_name, request_data: JSON string, envName, ... }
 *   success   { requestId, data: { response_data: JSON string of the function's return value } }
 *   failure   { code, message, requestId }  → node-sdk throws a TcbError { code, message, requestId },
 *             which wx-server-sdk rethrows as `callFunction:fail <message>` (errCode -1, `code` kept).
 *
 * Who the callee sees as its caller follows WeChat's documentation of getWXContext: OPENID and APPID exist
 * only when the mini program calls a function, so a function-to-function call carries neither; SOURCE
 * follows the chain, e.g. `wx_client,scf` when the mini program called A and A called B. The SDK sends
 * that chain itself in `X-TCB-Source` (`<TCB_SOURCE of the caller>,<run-environment tag>`).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { AdminRequestMeta, PlatformHost } from '../openapi/host';

export interface InvokeCaller {
  openid?: string;
  appid?: string;
  source: string;
}

/** What an Invoke answers: the function's return value, or that value already written as JSON (ReturnedJson). */
export type Invoke = (name: string, event: unknown, caller: InvokeCaller) => Promise<unknown>;

/** A function's return value as the JSON text its instance wrote (FunctionHost.invokeJson): sent as it is. */
export class ReturnedJson {
  constructor(readonly json: string) {}
}

/** The error codes the function host raises (emulator/functions/host.ts FunctionError), by duck type. */
const NOT_FOUND = 'FUNCTION_NOT_FOUND';
const TIMED_OUT = 'FUNCTIONS_TIME_LIMIT_EXCEEDED';
const EXECUTE_FAIL = 'FUNCTIONS_EXECUTE_FAIL';
/** SCF's function-name rule. */
const FUNCTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/;

interface InvokeBody {
  function_name?: unknown;
  request_data?: unknown;
}

export function registerInvoke(host: Pick<PlatformHost, 'addAdminAction'>, invoke: Invoke): void {
  host.addAdminAction('functions.invokeFunction', async (body: InvokeBody, meta?: AdminRequestMeta) => {
    const requestId = randomUUID();
    const name = body.function_name;
    if (typeof name !== 'string' || name === '') return { code: 'INVALID_PARAM', message: '函数名不能为空', requestId };
    let event: unknown = {};
    if (typeof body.request_data === 'string' && body.request_data !== '') {
      try {
        event = JSON.parse(body.request_data);
      } catch {
        return { code: 'INVALID_PARAM', message: 'request_data is not JSON', requestId };
      }
    }
    if (!FUNCTION_NAME.test(name)) return notFound(requestId);
    try {
      const result = await invoke(name, event, { source: sourceOf(meta?.headers) });
      return { requestId, data: { response_data: result instanceof ReturnedJson ? result.json : JSON.stringify(result ?? null) } };
    } catch (err) {
      return translate(err, requestId);
    }
  });
}

/**
 * The callee's SOURCE from the caller's `X-TCB-Source`. Empty parts (an admin script has no TCB_SOURCE)
 * are dropped, so a function called by a function called by the mini program sees `wx_client,scf`.
 */
export function sourceOf(headers: IncomingHttpHeaders | undefined): string {
  const raw = headers?.['x-tcb-source'];
  const value = Array.isArray(raw) ? raw.join(',') : (raw ?? '');
  const parts = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return parts.length ? parts.join(',') : 'unknown';
}

function notFound(requestId: string) {
  return { code: EXECUTE_FAIL, message: 'FunctionName parameter could not be found.', requestId };
}

function translate(err: unknown, requestId: string) {
  const code = (err as { code?: unknown } | null)?.code;
  const message = err instanceof Error ? err.message : String(err);
  if (code === NOT_FOUND) return notFound(requestId);
  if (code === TIMED_OUT) return { code: TIMED_OUT, message, requestId };
  if (code === EXECUTE_FAIL) return { code: EXECUTE_FAIL, message, requestId };
  // Anything else the function threw: CloudBase reports it as the error's string form ("Error: ...").
  return { code: EXECUTE_FAIL, message: err instanceof Error ? `${err.name}: ${err.message}` : String(err), requestId };
}
