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

/** A file the person picks in wx.chooseMessageFile (a chat attachment). */
export interface PickedFile {
  name: string;
  size: number;
  /** The bytes, as the file system manager will read them from the temp path. */
  content: string;
}

/** A file that reached cloud storage (local mode: PUT to the emulator; cloud mode: wx.cloud.uploadFile). */
export interface Upload {
  via: 'request' | 'cloud';
  cloudPath: string;
  fileID: string;
  content: string;
}

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
  /** wx.navigateBack calls (their delta). */
  readonly backs: number[] = [];
  readonly phoneCalls: string[] = [];
  readonly clipboard: string[] = [];
  readonly uploads: Upload[] = [];
  /** What wx.chooseMessageFile answers; null = the person closes the chooser. */
  pickedFile: PickedFile | null = null;
  readonly storage = new Map<string, unknown>();
  readonly cloudInits: unknown[] = [];
  pullDownStops = 0;
  /** wx.setNavigationBarTitle calls. */
  readonly titles: string[] = [];
  /** wx.requestSubscribeMessage calls (their tmplIds). */
  readonly subscribeRequests: string[][] = [];
  /** How the person answers the subscribe prompt: every template accepted / rejected, or the prompt closed (null). */
  subscribeAnswer: 'accept' | 'reject' | null = 'accept';
  /** wx.setTabBarBadge / removeTabBarBadge: tab index → the text shown (absent: no badge). */
  readonly tabBarBadges = new Map<number, string>();

  private readonly handlers = new Map<string, Handler>();
  /** Answers every action without a handler of its own (the preview forwards them to a running emulator). */
  private fallback: Handler | undefined;
  /** Actions whose next answers are lost on the way back (the function ran; the phone sees a network failure). */
  private readonly lostAnswers = new Map<string, number>();

  on(name: string, action: string, handler: Handler): this {
    this.handlers.set(`${name}/${action}`, handler);
    return this;
  }

  /** A handler for every action that has none of its own (`on` / `ok` / `fail` still win). */
  otherwise(handler: Handler): this {
    this.fallback = handler;
    return this;
  }

  ok(name: string, action: string, data: unknown): this {
    return this.on(name, action, () => ({ ok: true, data: overTheWire(data) }));
  }

  fail(name: string, action: string, code: string, message: string): this {
    return this.on(name, action, () => ({ ok: false, code, message }));
  }

  /**
   * The next `times` calls of an action reach the function and run, but the answer never arrives: the phone sees a
   * network failure (a lift, a tunnel). What idempotent writes are for — the retry must not act twice.
   */
  loseAnswer(name: string, action: string, times = 1): this {
    this.lostAnswers.set(`${name}/${action}`, times);
    return this;
  }

  private takeLost(call: BackendCall): boolean {
    const key = `${call.name}/${call.action}`;
    const left = this.lostAnswers.get(key) ?? 0;
    if (left <= 0) return false;
    this.lostAnswers.set(key, left - 1);
    return true;
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
    const handler = this.handlers.get(`${call.name}/${call.action}`) ?? this.fallback;
    if (!handler) return { ok: false, code: 'TEST.NO_HANDLER', message: `测试没有为 ${call.name}/${call.action} 准备回答` };
    try {
      return overTheWire(await handler(call));
    } catch {
      return 'crash';
    }
  }

  /** The emulator's storage (local mode): upload metadata from /admin, then the bytes PUT to the signed URL. */
  private storageRequest(options: RequestOptions): { statusCode: number; data: unknown } | null {
    if (options.url === `${this.localUrl}/admin` && options.method === 'POST') {
      const body = overTheWire(options.data) as { action?: string; path?: string };
      if (body.action !== 'storage.getUploadMetadata' || !body.path)
        return { statusCode: 200, data: { code: 'INVALID_PARAM', message: 'bad request' } };
      const bucket = '7368-shouwang-local-1250000000';
      return {
        statusCode: 200,
        data: {
          requestId: 'fake',
          data: {
            url: `${this.localUrl}/storage/${bucket}/${body.path}`,
            authorization: 'q-sign-algorithm=sha1&q-ak=emulator&q-sign-time=1;2&q-key-time=1;2&q-signature=fake',
            fileId: `cloud://shouwang-local.${bucket}/${body.path}`,
          },
        },
      };
    }
    const prefix = `${this.localUrl}/storage/7368-shouwang-local-1250000000/`;
    if (options.url.startsWith(prefix) && options.method === 'PUT') {
      if (!options.header?.authorization) return { statusCode: 403, data: 'AccessDenied' };
      const cloudPath = options.url.slice(prefix.length);
      const data = options.data;
      // Across realms (jsdom / Node) `instanceof ArrayBuffer` is unreliable; the tag is not.
      const isBuffer = Object.prototype.toString.call(data) === '[object ArrayBuffer]';
      const content = isBuffer ? Buffer.from(data as ArrayBuffer).toString('utf8') : String(data);
      this.uploads.push({
        via: 'request',
        cloudPath,
        fileID: `cloud://shouwang-local.7368-shouwang-local-1250000000/${cloudPath}`,
        content,
      });
      return { statusCode: 200, data: '' };
    }
    return null;
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
      const stored = this.storageRequest(options);
      if (stored) {
        options.success?.({ ...stored, header: {}, errMsg: 'request:ok' });
        return;
      }
      if (!match || options.method !== 'POST') {
        options.success?.({ statusCode: 404, data: 'Not Found', header: {}, errMsg: 'request:ok' });
        return;
      }
      const event = overTheWire(options.data) as { action: string; data?: unknown; requestId?: string };
      const call: BackendCall = {
        via: 'request',
        name: match,
        action: event.action,
        data: event.data,
        requestId: event.requestId,
        openid: options.header?.['x-wx-openid'],
      };
      const body = await this.answer(call);
      if (this.takeLost(call)) {
        options.fail?.({ errMsg: 'request:fail timeout' });
        return;
      }
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
    const call: BackendCall = { via: 'cloud', name: param.name, action: event.action, data: event.data, requestId: event.requestId };
    const result = await this.answer(call);
    if (this.takeLost(call)) throw { errCode: -1, errMsg: 'cloud.callFunction:fail request:fail timeout' };
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
        uploadFile: async (param: { cloudPath: string; filePath: string }) => {
          await new Promise((resolve) => setTimeout(resolve, 0));
          if (!this.online) throw { errCode: -1, errMsg: 'cloud.uploadFile:fail request:fail timeout' };
          const fileID = `cloud://prod-env.7072-prod-env-1250000000/${param.cloudPath}`;
          this.uploads.push({ via: 'cloud', cloudPath: param.cloudPath, fileID, content: this.pickedFile?.content ?? '' });
          return { fileID, statusCode: 204, errMsg: 'cloud.uploadFile:ok' };
        },
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
      setNavigationBarTitle: (options: { title: string }) => {
        this.titles.push(options.title);
      },
      stopPullDownRefresh: () => {
        this.pullDownStops += 1;
      },
      navigateTo: (options: { url: string; success?: () => void }) => {
        this.navigations.push(options.url);
        options.success?.();
      },
      redirectTo: (options: { url: string; success?: () => void }) => {
        this.navigations.push(options.url);
        options.success?.();
      },
      switchTab: (options: { url: string; success?: () => void }) => {
        this.navigations.push(options.url);
        options.success?.();
      },
      navigateBack: (options: { delta?: number; success?: () => void } = {}) => {
        this.backs.push(options.delta ?? 1);
        options.success?.();
      },
      makePhoneCall: (options: { phoneNumber: string; success?: () => void }) => {
        this.phoneCalls.push(options.phoneNumber);
        options.success?.();
      },
      requestSubscribeMessage: (options: {
        tmplIds: string[];
        success?: (res: Record<string, string>) => void;
        fail?: (err: { errMsg: string }) => void;
      }) => {
        this.subscribeRequests.push([...options.tmplIds]);
        setTimeout(() => {
          const answer = this.subscribeAnswer;
          if (!answer) return options.fail?.({ errMsg: 'requestSubscribeMessage:fail cancel' });
          const res: Record<string, string> = { errMsg: 'requestSubscribeMessage:ok' };
          for (const id of options.tmplIds) res[id] = answer;
          options.success?.(res);
        }, 0);
      },
      setTabBarBadge: (options: { index: number; text: string }) => {
        this.tabBarBadges.set(options.index, options.text);
      },
      removeTabBarBadge: (options: { index: number }) => {
        this.tabBarBadges.delete(options.index);
      },
      setClipboardData: (options: { data: string; success?: () => void }) => {
        this.clipboard.push(options.data);
        options.success?.();
      },
      chooseMessageFile: (options: {
        extension?: string[];
        success?: (res: { tempFiles: { path: string; name: string; size: number; type: string; time: number }[] }) => void;
        fail?: (err: { errMsg: string }) => void;
      }) => {
        setTimeout(() => {
          const file = this.pickedFile;
          if (!file) return options.fail?.({ errMsg: 'chooseMessageFile:fail cancel' });
          const ext = file.name.split('.').pop() ?? '';
          if (options.extension && !options.extension.includes(ext))
            return options.fail?.({ errMsg: 'chooseMessageFile:fail invalid extension' });
          options.success?.({ tempFiles: [{ path: `http://tmp/${file.name}`, name: file.name, size: file.size, type: 'file', time: 0 }] });
        }, 0);
      },
      getFileSystemManager: () => ({
        readFile: (options: {
          filePath: string;
          success?: (res: { data: ArrayBuffer }) => void;
          fail?: (err: { errMsg: string }) => void;
        }) => {
          setTimeout(() => {
            const file = this.pickedFile;
            if (!file || options.filePath !== `http://tmp/${file.name}`) return options.fail?.({ errMsg: 'readFile:fail no such file' });
            const bytes = Buffer.from(file.content, 'utf8');
            options.success?.({ data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
          }, 0);
        },
      }),
    };
  }

  /** Puts this fake on the global `wx` (over miniprogram-simulate's, which must be loaded first). */
  install(): this {
    const g = globalThis as unknown as { wx?: Record<string, unknown> };
    g.wx = Object.assign(g.wx ?? {}, this.api());
    return this;
  }
}
