/**
 * The emulator's HTTP surface: /admin dispatch (including actions and routes other subsystems add), loud failure
 * for unknown actions, request statistics, health, and the project's own collection declaration.
 */
import { CloudBaseError } from '../../../emulator/server';
import { startTestEmulator, TestEmulator } from '../helpers/emulator';
import { sdkError } from '../helpers/sdk';

let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator(); // the project's database/collections.json
});

afterAll(() => t.close());

const admin = async (body: unknown) => {
  const res = await fetch(`${t.emulator.url}/admin?env=x&seqId=1`, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, type: res.headers.get('content-type'), body: await res.arrayBuffer().then((b) => Buffer.from(b)) };
};
const adminJson = async (body: unknown) => JSON.parse((await admin(body)).body.toString()) as Record<string, unknown>;

it('listens on 127.0.0.1 and answers /health', async () => {
  expect(t.emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const res = await fetch(`${t.emulator.url}/health`);
  expect(await res.json()).toMatchObject({ ok: true });
});

it('creates every declared collection of the project at start', async () => {
  const names = ['communities', 'households', 'residents', 'checkIns', 'orders', 'notices', 'auditLogs', 'idempotencyKeys', 'counters'];
  for (const name of names) {
    expect((await t.db.collection(name).limit(1).get()).errMsg).toBe('collection.get:ok');
  }
});

it('fails loudly, with a CloudBase-style error, on an action nobody implements', async () => {
  const res = await adminJson({ action: 'database.somethingNew' });
  expect(res).toMatchObject({ code: 'EMULATOR_NOT_IMPLEMENTED' });
  expect(res.message).toContain('database.somethingNew');
  expect(res.requestId).toEqual(expect.any(String));
  expect(t.logs.some((line) => line.includes('unsupported admin action "database.somethingNew"'))).toBe(true);
});

it('rejects a body that is not JSON', async () => {
  expect(await adminJson('{oops')).toMatchObject({ code: 'INVALID_PARAM' });
});

it('counts admin requests per action; /stats and reset', async () => {
  t.emulator.stats.reset();
  await t.db.collection('orders').where({ communityId: 'c1', status: 'open' }).get();
  await t.db.collection('orders').add({ data: { communityId: 'c1' } });
  await t.db.collection('orders').add({ data: { communityId: 'c1' } });
  expect(t.emulator.stats.requests()).toEqual({ 'database.getDocument': 1, 'database.insertDocument': 2 });
  expect(t.emulator.stats.total()).toBe(3);
  expect(await (await fetch(`${t.emulator.url}/stats`)).json()).toEqual({
    total: 3,
    requests: { 'database.getDocument': 1, 'database.insertDocument': 2 },
  });
  await fetch(`${t.emulator.url}/stats/reset`, { method: 'POST' });
  expect(t.emulator.stats.total()).toBe(0);
});

describe('extension points', () => {
  beforeAll(() => {
    t.emulator.addAdminAction('test.echo', async (body, meta) => ({ data: { echoed: body.value, ua: meta.headers['x-test'] ?? null } }));
    t.emulator.addAdminAction('test.fail', async () => {
      throw new CloudBaseError('FUNCTIONS_EXECUTE_FAIL', 'it broke');
    });
    t.emulator.addAdminAction('test.failObject', async () => ({ code: 'STORAGE_FILE_NONEXIST', message: 'no such file' }));
    t.emulator.addAdminAction('test.bytes', async () => Buffer.from([1, 2, 3]));
    t.emulator.addAdminAction('test.crash', async () => {
      throw new Error('bug');
    });
    t.emulator.addRoute('GET', '/things', (_req, res) => {
      res.end('things');
    });
    t.emulator.addRoute('GET', '/things/special', (_req, res) => {
      res.end('special');
    });
    t.emulator.addRoute('POST', '/things', (_req, res, body) => {
      res.end(`posted ${body.toString()}`);
    });
  });

  it('dispatches added admin actions with the body and headers, adding a requestId', async () => {
    const res = await fetch(`${t.emulator.url}/admin`, {
      method: 'POST',
      headers: { 'x-test': 'yes' },
      body: JSON.stringify({ action: 'test.echo', value: 42 }),
    });
    expect(await res.json()).toEqual({ requestId: expect.any(String), data: { echoed: 42, ua: 'yes' } });
  });

  it('turns CloudBaseError and error objects into { code, message }, Buffers into raw bytes', async () => {
    expect(await adminJson({ action: 'test.fail' })).toMatchObject({ code: 'FUNCTIONS_EXECUTE_FAIL', message: 'it broke' });
    expect(await adminJson({ action: 'test.failObject' })).toMatchObject({ code: 'STORAGE_FILE_NONEXIST', message: 'no such file' });
    const bytes = await admin({ action: 'test.bytes' });
    expect(bytes.type).toBe('application/octet-stream');
    expect([...bytes.body]).toEqual([1, 2, 3]);
  });

  it('reports a crashing action as SYS_ERR instead of hanging', async () => {
    expect(await adminJson({ action: 'test.crash' })).toMatchObject({ code: 'SYS_ERR' });
    expect(t.logs.some((line) => line.includes('test.crash failed'))).toBe(true);
  });

  it('refuses to register an action twice', () => {
    expect(() => t.emulator.addAdminAction('database.getDocument', async () => ({}))).toThrow('already registered');
  });

  it('routes by method and longest path prefix, 404 otherwise', async () => {
    expect(await (await fetch(`${t.emulator.url}/things/1`)).text()).toBe('things');
    expect(await (await fetch(`${t.emulator.url}/things/special/2`)).text()).toBe('special');
    expect(await (await fetch(`${t.emulator.url}/things`, { method: 'POST', body: 'x' })).text()).toBe('posted x');
    expect((await fetch(`${t.emulator.url}/nothing-here`)).status).toBe(404);
  });

  it('an SDK call for an action nobody registered fails instead of succeeding empty', async () => {
    const cloud = t.cloud as unknown as { callFunction(o: { name: string; data: object }): Promise<unknown> };
    const err = await sdkError(cloud.callFunction({ name: 'anything', data: {} }));
    expect(err.message).toContain('not implemented by the local CloudBase emulator');
  });
});
