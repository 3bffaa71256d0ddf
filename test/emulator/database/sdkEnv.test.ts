/**
 * sdkEnvironment(): the variables that point an unmodified wx-server-sdk at the emulator — and keep it off the
 * internet (no metadata-service probe for the platform or for credentials, no Tencent endpoints).
 */
import net from 'node:net';
import { EMULATOR_ENV_ID, applySdkEnvironment, sdkEnvironment } from '../../../emulator/sdkEnv';
import { loadCloud, startTestEmulator, TestEmulator } from '../helpers/emulator';

let t: TestEmulator;
let connections: string[] = [];
const realConnect = net.Socket.prototype.connect;

beforeAll(async () => {
  t = await startTestEmulator();
  // Record every outgoing TCP connection; refuse anything that is not local instead of reaching the network.
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const first = args[0];
    const options = (Array.isArray(first) ? first[0] : first) as { host?: string; port?: number } | number;
    const host = typeof options === 'object' ? (options.host ?? 'localhost') : String(args[1] ?? 'localhost');
    connections.push(host);
    if (host !== '127.0.0.1' && host !== 'localhost') {
      process.nextTick(() => this.destroy(new Error(`test: blocked connection to ${host}`)));
      return this;
    }
    return (realConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;
});

afterAll(async () => {
  net.Socket.prototype.connect = realConnect;
  await t.close();
});

beforeEach(() => {
  connections = [];
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

it('describes a cloud-function runtime that talks to the emulator', () => {
  const env = sdkEnvironment('http://127.0.0.1:1234/', { EXTRA: 'yes' });
  expect(JSON.parse(env.TCB_CONTEXT_CNFG)).toEqual({ URL: 'http://127.0.0.1:1234/admin' });
  expect(env).toMatchObject({ TENCENTCLOUD_RUNENV: 'SCF', TCB_ENV: EMULATOR_ENV_ID, SCF_NAMESPACE: EMULATOR_ENV_ID, EXTRA: 'yes' });
  expect(env.TENCENTCLOUD_SECRETID && env.TENCENTCLOUD_SECRETKEY).toBeTruthy();
});

it('cloud.init({ env: DYNAMIC_CURRENT_ENV }) + database() only ever connect to the emulator', async () => {
  const db = loadCloud().database();
  await db.collection('households').where({ communityId: 'c1' }).get();
  await db.collection('households').add({ data: { communityId: 'c1' } });
  await settle();
  expect(connections.length).toBeGreaterThan(0);
  expect(connections.every((host) => host === '127.0.0.1')).toBe(true);
});

it('(control) without TENCENTCLOUD_RUNENV=SCF the SDK would probe the metadata service', async () => {
  const restore = applySdkEnvironment(t.emulator.url);
  const saved = process.env.TENCENTCLOUD_RUNENV;
  delete process.env.TENCENTCLOUD_RUNENV;
  try {
    loadCloud();
    await settle();
    expect(connections).toContain('metadata.tencentyun.com');
  } finally {
    process.env.TENCENTCLOUD_RUNENV = saved;
    restore();
  }
});
