/**
 * A headless Chromium driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`: fd 3 carries commands
 * in, fd 4 answers and events out, each message JSON ended by a NUL byte). No WebSocket, no port, no dependency:
 * the Chromium from Debian's `chromium` package is all it needs. One browser serves many pages, one tab at a time.
 */
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import type { Readable, Writable } from 'stream';

/** Where the browser is looked for: SHOUWANG_CHROMIUM, then Debian's and other usual paths. */
export function findChromium(): string | undefined {
  const candidates = [process.env.SHOUWANG_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((c): c is string => !!c && fs.existsSync(c));
}

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--hide-scrollbars',
  '--remote-debugging-pipe',
];

interface Message {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { message: string };
  sessionId?: string;
}

export interface Layout {
  width: number;
  height: number;
}

export class Chromium {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: Record<string, unknown>) => void; reject: (e: Error) => void }>();
  private readonly waiters: { method: string; sessionId?: string; resolve: (p: Record<string, unknown>) => void }[] = [];
  private buffer = Buffer.alloc(0);
  private exited = false;

  private constructor(
    private readonly child: ChildProcess,
    private readonly input: Writable,
    output: Readable,
  ) {
    output.on('data', (chunk: Buffer) => this.receive(chunk));
    child.on('exit', () => {
      this.exited = true;
      for (const { reject } of this.pending.values()) reject(new Error('Chromium exited'));
      this.pending.clear();
    });
  }

  static async launch(executable: string): Promise<Chromium> {
    const child = spawn(executable, [...CHROMIUM_FLAGS, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    const browser = new Chromium(child, child.stdio[3] as Writable, child.stdio[4] as Readable);
    try {
      await browser.send('Browser.getVersion');
    } catch (err) {
      browser.close();
      throw new Error(`Chromium did not start (${executable}): ${(err as Error).message}\n${stderr}`);
    }
    return browser;
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (let end = this.buffer.indexOf(0); end >= 0; end = this.buffer.indexOf(0)) {
      const message = JSON.parse(this.buffer.subarray(0, end).toString('utf8')) as Message;
      this.buffer = this.buffer.subarray(end + 1);
      if (message.id !== undefined) {
        const waiting = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) waiting?.reject(new Error(message.error.message));
        else waiting?.resolve(message.result ?? {});
      } else if (message.method) {
        const i = this.waiters.findIndex((w) => w.method === message.method && (!w.sessionId || w.sessionId === message.sessionId));
        if (i >= 0) this.waiters.splice(i, 1)[0].resolve(message.params ?? {});
      }
    }
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    if (this.exited) return Promise.reject(new Error('Chromium has exited'));
    const id = this.nextId++;
    const message: Message = { id, method, params, ...(sessionId ? { sessionId } : {}) };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.input.write(`${JSON.stringify(message)}\0`);
    });
  }

  private event(method: string, sessionId: string, timeoutMs = 15000): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const waiter = { method, sessionId, resolve };
      this.waiters.push(waiter);
      setTimeout(() => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) {
          this.waiters.splice(i, 1);
          reject(new Error(`no ${method} within ${timeoutMs} ms`));
        }
      }, timeoutMs).unref?.();
    });
  }

  /** A tab with a phone's viewport: `width` CSS px wide, `scale` device pixels per CSS px. */
  async newTab(width: number, height: number, scale: number): Promise<Tab> {
    const { targetId } = (await this.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
    const { sessionId } = (await this.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    await this.send('Page.enable', {}, sessionId);
    await this.send('Runtime.enable', {}, sessionId);
    await this.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: scale, mobile: true }, sessionId);
    return new Tab(this, sessionId, (method, timeoutMs) => this.event(method, sessionId, timeoutMs));
  }

  close(): void {
    if (this.exited) return;
    this.input.end();
    this.child.kill('SIGTERM');
  }
}

export class Tab {
  constructor(
    private readonly browser: Chromium,
    private readonly sessionId: string,
    private readonly event: (method: string, timeoutMs?: number) => Promise<Record<string, unknown>>,
  ) {}

  private send(method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    return this.browser.send(method, params, this.sessionId);
  }

  /** Opens a URL (a file:// page of the preview) and waits for it to load and its fonts to be ready. */
  async open(url: string): Promise<void> {
    const loaded = this.event('Page.loadEventFired');
    await this.send('Page.navigate', { url });
    await loaded;
    await this.evaluate('document.fonts.ready.then(() => true)');
  }

  /** Runs an expression in the page and answers its (JSON) value; a thrown error becomes a rejection. */
  async evaluate<T>(expression: string): Promise<T> {
    const answer = (await this.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })) as {
      result: { value?: T };
      exceptionDetails?: { exception?: { description?: string }; text?: string };
    };
    if (answer.exceptionDetails) {
      throw new Error(`in the browser: ${answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text}`);
    }
    return answer.result.value as T;
  }

  /** A PNG of the whole page (not only the viewport), `width` CSS px wide. */
  async screenshot(width: number): Promise<Buffer> {
    const height = await this.evaluate<number>('Math.ceil(document.documentElement.scrollHeight)');
    const { data } = (await this.send('Page.captureScreenshot', {
      format: 'png',
      captureBeyondViewport: true,
      clip: { x: 0, y: 0, width, height: Math.max(height, 1), scale: 1 },
    })) as { data: string };
    return Buffer.from(data, 'base64');
  }
}
