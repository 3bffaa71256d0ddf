/**
 * One cloud function = one bounded context; inside it, actions are routed by name (`"<noun>.<verb>"`).
 * The router is the only place that talks to the platform for identity and time, and the only place
 * that turns thrown errors into the envelope, so every handler stays a plain async function.
 */
import type { ActionEvent, Envelope } from '../../typings/contract/envelope';
import { fail, ok } from './envelope';
import { AppError, CommonErrors, isAppError } from './errors';
import { parseInput, type Schema } from './validation';

export interface Caller {
  /** From cloud.getWXContext() only; never from the payload. */
  openid: string;
  appid?: string;
  unionid?: string;
}

export interface ActionContext {
  caller: Caller;
  /** The moment the call arrived; handlers pass it to the domain instead of reading the clock. */
  now: Date;
  /** Client request id for idempotent creates, already validated. */
  requestId?: string;
  action: string;
}

/**
 * One action: its input schema (parsed before the handler runs, so bad input never reaches the database),
 * the error codes it may answer beyond the common ones, and the handler. Who may call it is not here: the
 * policy module decides that, for every action, in one place.
 */
export interface ActionSpec<I, O> {
  summary: string;
  input: Schema<I>;
  errors?: readonly string[];
  /** Creating actions need a client request id so a retry or double tap has exactly one effect. */
  requiresRequestId?: boolean;
  /** The policy decisions the handler asks for, when not simply the action's own name (docs/api.md lists them). */
  policy?: readonly string[];
  handle(ctx: ActionContext, input: I): Promise<O>;
}

/** A contract entry in typings/contract: `'me.get': { input: {...}; output: MyProfile }`. */
export interface ContractEntry {
  input: unknown;
  output: unknown;
}

/** The routes of one function, checked against its contract: every action present, inputs and outputs agreeing. */
export type RoutesFor<Api extends { [K in keyof Api]: ContractEntry }> = { [K in keyof Api]: ActionSpec<Api[K]['input'], Api[K]['output']> };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a route table holds specs of many input/output types
export type Routes = Record<string, ActionSpec<any, any>>;

/** A timer trigger's handler: no caller, only the moment it was due. */
export type TimerHandler = (ctx: { now: Date; trigger: string }) => Promise<unknown>;
export type Timers = Record<string, TimerHandler>;

export interface Platform {
  /** cloud.getWXContext() */
  wxContext(): { OPENID?: string; APPID?: string; UNIONID?: string };
  now(): Date;
  log(entry: Record<string, unknown>): void;
}

const REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;

interface TimerEvent {
  Type: 'Timer';
  TriggerName: string;
  Time: string;
}

const isTimerEvent = (e: unknown): e is TimerEvent => (e as Partial<TimerEvent> | null)?.Type === 'Timer';

export function createRouter(routes: Routes, platform: Platform, timers: Timers = {}) {
  return async function main(event: unknown): Promise<Envelope<unknown>> {
    const e = (typeof event === 'object' && event !== null ? event : {}) as Partial<ActionEvent>;
    const action = isTimerEvent(event) ? `timer:${event.TriggerName}` : typeof e.action === 'string' ? e.action : '';
    const started = Date.now();
    try {
      if (isTimerEvent(event)) {
        // A timer invocation carries no user; a mini program forging one does, and is refused.
        if (platform.wxContext().OPENID) throw CommonErrors.forbidden();
        const timer = Object.prototype.hasOwnProperty.call(timers, event.TriggerName) ? timers[event.TriggerName] : undefined;
        if (!timer) throw CommonErrors.actionUnknown(action);
        return ok(await timer({ now: platform.now(), trigger: event.TriggerName }));
      }
      const spec = Object.prototype.hasOwnProperty.call(routes, action) ? routes[action] : undefined;
      if (!spec) throw CommonErrors.actionUnknown(action || '（空）');
      if (e.requestId !== undefined && (typeof e.requestId !== 'string' || !REQUEST_ID.test(e.requestId))) {
        throw CommonErrors.inputInvalid('请求编号格式不正确，请刷新后重试');
      }
      if (spec.requiresRequestId && e.requestId === undefined) throw CommonErrors.inputInvalid('缺少请求编号，请更新小程序后重试');
      const wx = platform.wxContext();
      if (!wx.OPENID) throw CommonErrors.unauthenticated();
      const ctx: ActionContext = {
        caller: { openid: wx.OPENID, appid: wx.APPID, unionid: wx.UNIONID },
        now: platform.now(),
        requestId: e.requestId,
        action,
      };
      const input = parseInput(spec.input, e.data);
      return ok(await spec.handle(ctx, input));
    } catch (err) {
      if (isAppError(err)) return fail(err);
      // Unexpected: log the detail for us, answer a message for the person.
      platform.log({ level: 'error', action, error: err instanceof Error ? err.stack : String(err), ms: Date.now() - started });
      return fail(CommonErrors.internal());
    }
  };
}

export { AppError };
