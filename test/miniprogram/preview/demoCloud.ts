/**
 * The local cloud with the demo community 吉星新苑, for the preview: `node .build/emulator/cli.js` (what `npm start`
 * runs, built by `npm run build`) in a child process on a free port with a fresh data directory, or a cloud that is
 * already running (SHOUWANG_PREVIEW_URL). The pages' own requests go to it through FakeWx; definitions use `call`
 * to look up ids and to make things happen before a shot (a check-in with a fever).
 */
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import type { Envelope } from '../../../typings/contract/envelope';
import { REPO_ROOT } from '../harness/build';

export interface DemoCloud {
  url: string;
  /** Calls a function as a demo identity (the emulator's `x-wx-openid`), answering the envelope. */
  call<T = unknown>(openid: string, name: string, action: string, data?: unknown, requestId?: string): Promise<Envelope<T>>;
  /** Same, for what must work: throws with the code and message when the answer is not ok. */
  must<T = unknown>(openid: string, name: string, action: string, data?: unknown, requestId?: string): Promise<T>;
  stop(): Promise<void>;
}

export const EMULATOR_CLI = path.join(REPO_ROOT, '.build', 'emulator', 'cli.js');

/** POSTs JSON with Node's http (the preview runs in Jest's jsdom realm, where fetch is not the platform's). */
export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const payload = Buffer.from(JSON.stringify(body ?? {}));
    const req = http.request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(payload.length), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function client(url: string, stop: () => Promise<void>): DemoCloud {
  const call = async <T>(openid: string, name: string, action: string, data?: unknown, requestId?: string): Promise<Envelope<T>> => {
    const { status, body } = await postJson(`${url}/functions/${encodeURIComponent(name)}`, { action, data, requestId }, { 'x-wx-openid': openid });
    if (status !== 200) return { ok: false, code: 'PREVIEW.HTTP', message: `${name}/${action}: HTTP ${status} ${JSON.stringify(body)}` } as Envelope<T>;
    return body as Envelope<T>;
  };
  return {
    url,
    call,
    async must<T>(openid: string, name: string, action: string, data?: unknown, requestId?: string): Promise<T> {
      const answer = await call<T>(openid, name, action, data, requestId);
      if (!answer.ok) throw new Error(`${openid} ${name}/${action}: ${answer.code} ${answer.message}`);
      return answer.data;
    },
    stop,
  };
}

/** A cloud already running (npm start), e.g. SHOUWANG_PREVIEW_URL=http://127.0.0.1:8787. */
export function useRunningCloud(url: string): DemoCloud {
  return client(url.replace(/\/+$/, ''), async () => undefined);
}

/**
 * Today 16:00 in Beijing: the afternoon check-in window is open whenever the preview runs, so the shots are the same
 * by day and by night.
 */
export function afternoonToday(now = Date.now()): string {
  const day = new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
  return `${day}T16:00:00+08:00`;
}

/** Starts the emulator with a fresh demo community in a temporary data directory; `stop` ends it and removes the data. */
export async function startDemoCloud(clock = afternoonToday()): Promise<DemoCloud> {
  if (!fs.existsSync(EMULATOR_CLI)) throw new Error(`${EMULATOR_CLI} is missing: run npm run build first`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shouwang-preview-'));
  const child: ChildProcess = spawn(process.execPath, [EMULATOR_CLI, '--port', '0', '--data', dataDir, '--clock', clock], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const started = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the emulator did not start within 60 s:\n${output}`)), 60000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited (${code}) before listening:\n${output}`));
    });
  });
  let url: string;
  try {
    url = await started;
  } catch (err) {
    child.kill('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  child.stdout?.removeAllListeners('data');
  child.stdout?.resume();
  child.stderr?.resume();
  return client(url, async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
}
