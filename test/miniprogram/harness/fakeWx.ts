/**
 * The `wx` boundary for tests: a controllable stand-in for the platform APIs the mini program uses, installed
 * over miniprogram-simulate's own `wx`. Pages, services and the transport run for real; only what WeChat would do
 * is faked: wx.request (to the local emulator), wx.cloud, storage, toasts, navigation, the account info.
 *
 * A test plays the backend: `fake.ok('community', 'me.get', {...})`, `fake.fail(...)`, or `fake.on(...)` with a
 * handler; every call the mini program makes is recorded in `fake.calls` as the function would receive it.
 */
import type { Envelope } from '../../../typings/contract/envelope';

export interface BackendCall {
  via: 'request' | 'cloud';
  name: string;
  action: string;
  data?: unknown;
  requestId?: string;
  /** Local mode: the `x-wx-openid` header (the demo identity). */
  openid?: string;
}

export type Handler = (call: BackendCall) => Envelope<unknown> | Promise<Envelope<unknown>>;

export interface Toast {
  title: string;
  icon?: string;
}

type EnvVersion = 'develop' | 'trial' | 'release';

interface RequestOptions {
  url: string;
  method?: string;
  data?: unknown;
  header?: Record<string, string>;
  success?: (res: { statusCode: number; data: unknown; header: Record<string, string>; errMsg: string }) => void;
  fail?: (err: { errMsg: string }) => void;
  complete?: () => void;
}

/** What a real wx.request or callFunction does to a payload: it travels as JSON. */
function overTheWire<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

export class FakeWx {
  /** 'develop' → local mode; 'trial' / 'release' → cloud mode (see miniprogram/config). */
  envVersion: EnvVersion = 'develop';
  /** false: wx.request and wx.cloud.callFunction fail as they do without a network. */
  online = true;
  localUrl = 'http://127.0.0.1:8787';

  readonly calls: BackendCall[] = [];
  readonly toasts: Toast[] = [];
  readonly navigations: string[] = [];
  readonly storage = new Map<string, unknown>();
  readonly cloudInits: unknown[] = [];
  pullDownStops = 0;

  private readonly handlers = new Map<string, Handler>();

  on(name: string, action: string, handler: Handler): this {
    this.handlers.set(`${name}/${action}`, handler);
    return this;
  }

  ok(name: string, action: string, data: unknown): this {
    return this.on(name, action, () => ({ ok: true, data: overTheWire(data) }));
  }

  fail(name: string, action: string, code: string, message: string): this {
    return this.on(name, action, () => ({ ok: false, code, message }));
  }

  callsTo(name: string, action: string): BackendCall[] {
    return this.calls.filter((c) => c.name === name && c.action === action);
  }

  /** The function throws instead of answering (as the platform reports an uncaught error: errCode -504002). */
  crash(name: string, action: string): this {
    return this.on(name, action, () => {
      throw new Error(`${name}/${action} crashed`);
    });
  }

  /** The envelope, or 'crash' when the handler threw (the function failed outside the envelope). */
  private async answer(call: BackendCall): Promise<Envelope<unknown> | 'crash'> {
    this.calls.push(call);
    const handler = this.handlers.get(`${call.name}/${call.action}`);
    if (!handler) return { ok: false, code: 'TEST.NO_HANDLER', message: `测试没有为 ${call.name}/${call.action} 准备回答` };
    try {
      return overTheWire(await handler(call));
    } catch {
      return 'crash';
    }
  }

  private request(options: RequestOptions): void {
    const match = options.url.startsWith(`${this.localUrl}/functions/`)
      ? decodeURIComponent(options.url.slice(`${this.localUrl}/functions/`.length))
      : null;
    const finish = async () => {
      if (!this.online) {
        options.fail?.({ errMsg: 'request:fail timeout' });
        return;
      }
      if (!match || options.method !== 'POST') {
        options.success?.({ statusCode: 404, data: 'Not Found', header: {}, errMsg: 'request:ok' });
        return;
      }
      const event = overTheWire(options.data) as { action: string; data?: unknown; requestId?: string };
      const body = await this.answer({
        via: 'request',
        name: match,
        action: event.action,
        data: event.data,
        requestId: event.requestId,
        openid: options.header?.['x-wx-openid'],
      });
      // What the local emulator answers: the envelope, or for a function that threw a 500 with the platform error.
      if (body === 'crash') {
        const error = { errCode: -504002, code: 'FUNCTIONS_EXECUTE_FAIL', errMsg: 'cloud.callFunction:fail crashed' };
        options.success?.({ statusCode: 500, data: error, header: { 'content-type': 'application/json' }, errMsg: 'request:ok' });
      } else {
        options.success?.({ statusCode: 200, data: body, header: { 'content-type': 'application/json' }, errMsg: 'request:ok' });
      }
    };
    // Like the platform: the callback comes later, never synchronously.
    setTimeout(() => {
      finish()
        .catch((err) => options.fail?.({ errMsg: `request:fail ${String(err)}` }))
        .finally(() => options.complete?.());
    }, 0);
  }

  private async callFunction(param: { name: string; data?: { action: string; data?: unknown; requestId?: string } }) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (this.cloudInits.length === 0) throw { errCode: -1, errMsg: 'cloud.callFunction:fail please call wx.cloud.init first' };
    if (!this.online) throw { errCode: -1, errMsg: 'cloud.callFunction:fail request:fail timeout' };
    const event = overTheWire(param.data ?? { action: '' });
    const result = await this.answer({
      via: 'cloud',
      name: param.name,
      action: event.action,
      data: event.data,
      requestId: event.requestId,
    });
    if (result === 'crash') throw { errCode: -504002, errMsg: 'cloud.callFunction:fail -504002 functions execute fail' };
    return { result, errMsg: 'cloud.callFunction:ok', requestID: 'fake' };
  }

  /** The functions this fake provides, as they appear on `wx`. */
  api(): Record<string, unknown> {
    return {
      request: (options: RequestOptions) => this.request(options),
      cloud: {
        init: (config?: unknown) => {
          this.cloudInits.push(config);
        },
        callFunction: (param: Parameters<FakeWx['callFunction']>[0]) => this.callFunction(param),
      },
      getAccountInfoSync: () => ({ miniProgram: { appId: 'touristappid', envVersion: this.envVersion, version: '' }, plugin: {} }),
      getStorageSync: (key: string) => (this.storage.has(key) ? overTheWire(this.storage.get(key)) : ''),
      setStorageSync: (key: string, value: unknown) => {
        this.storage.set(key, overTheWire(value));
      },
      removeStorageSync: (key: string) => {
        this.storage.delete(key);
      },
      showToast: (options: Toast) => {
        this.toasts.push({ title: options.title, icon: options.icon });
      },
      hideToast: () => undefined,
      stopPullDownRefresh: () => {
        this.pullDownStops += 1;
      },
      navigateTo: (options: { url: string; success?: () => void }) => {
        this.navigations.push(options.url);
        options.success?.();
      },
    };
  }

  /** Puts this fake on the global `wx` (over miniprogram-simulate's, which must be loaded first). */
  install(): this {
    const g = globalThis as unknown as { wx?: Record<string, unknown> };
    g.wx = Object.assign(g.wx ?? {}, this.api());
    return this;
  }
}
