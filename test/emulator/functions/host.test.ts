/**
 * The function host runs unmodified wx-server-sdk functions as CloudBase does: WX context injected, TZ=UTC,
 * warm instances, config.json timeouts, crash isolation, function-to-function calls, and timer triggers on the
 * emulator's clock.
 */
import { startTestCloud, FIXTURE_FUNCTIONS, type TestCloud } from '../helpers/localCloud';

interface Probe {
  wx: { OPENID?: string; APPID?: string; SOURCE?: string; ENV?: string };
  now: number;
  iso: string;
  tz: string;
  offsetMinutes: number;
  event: unknown;
  requestId: string;
  calls: number;
}

let cloud: TestCloud;

beforeAll(async () => {
  cloud = await startTestCloud({ functionsDir: FIXTURE_FUNCTIONS });
});
afterAll(() => cloud?.close());

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${cloud.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('calling a function as a WeChat user', () => {
  it('injects the caller the way CloudBase does, from the x-wx-openid header only', async () => {
    const { status, body } = await post('/functions/probe', { hello: 1, openid: 'forged' }, { 'x-wx-openid': 'o-resident-1' });
    expect(status).toBe(200);
    const probe = body as unknown as Probe;
    expect(probe.wx).toEqual({ OPENID: 'o-resident-1', APPID: 'wxlocal000000000000', SOURCE: 'wx_client', ENV: 'shouwang-local' });
    expect(probe.event).toEqual({ hello: 1, openid: 'forged' });
    expect(probe.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives no OPENID when there is no WeChat user', async () => {
    const { body } = await post('/functions/probe', {});
    expect((body as unknown as Probe).wx.OPENID).toBeUndefined();
  });

  it('runs functions in UTC, as CloudBase does', async () => {
    const probe = (await cloud.call('probe', {}, 'o-1')) as Probe;
    expect(probe.tz).toBe('UTC');
    expect(probe.offsetMinutes).toBe(0);
  });

  it('keeps instances warm between calls and keeps concurrent callers apart', async () => {
    const results = (await Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map((id) => cloud.call('probe', { id }, `o-${id}`)))) as Probe[];
    for (const r of results) expect(r.wx.OPENID).toBe(`o-${(r.event as { id: string }).id}`);
    const again = (await cloud.call('probe', {}, 'o-x')) as Probe;
    expect(again.calls).toBeGreaterThan(1);
  });

  it('hands on the answer as the JSON text the instance wrote (not parsed and written again by the emulator)', async () => {
    const text = await cloud.functions.invokeJson('probe', { id: 'json' }, { openid: 'o-json', source: 'wx_client' });
    expect(typeof text).toBe('string');
    const probe = JSON.parse(text) as Probe;
    expect([probe.wx.OPENID, probe.event]).toEqual(['o-json', { id: 'json' }]);
    expect(JSON.stringify(probe)).toBe(text);
    const res = await fetch(`${cloud.url}/functions/probe`, { method: 'POST', body: JSON.stringify({ id: 'route' }) });
    expect((JSON.parse(await res.text()) as Probe).event).toEqual({ id: 'route' });
  });

  it('lets the function reach the database through the unmodified SDK', async () => {
    await cloud.call('probe', { write: 'from a function' }, 'o-1');
    const stats = cloud.emulator.stats.requests();
    expect(stats['database.insertDocument']).toBeGreaterThanOrEqual(1);
  });

  it('answers 404 for a function that does not exist', async () => {
    const { status, body } = await post('/functions/nope', {});
    expect(status).toBe(404);
    expect(body.errMsg).toMatch(/could not be found/);
  });
});

describe('the emulator clock as functions see it', () => {
  afterEach(() => cloud.clock.reset());

  it('moves Date.now() and new Date() inside the function', async () => {
    const target = Date.parse('2026-11-23T05:59:00+08:00');
    await post('/clock', { set: target });
    const probe = (await cloud.call('probe', {}, 'o-1')) as Probe;
    expect(Math.abs(probe.now - target)).toBeLessThan(2000);
    expect(probe.iso.slice(0, 16)).toBe('2026-11-22T21:59');
  });

  it('reads and refuses nonsense', async () => {
    const res = await fetch(`${cloud.url}/clock`);
    expect(((await res.json()) as { now: string }).now).toMatch(/^\d{4}-/);
    expect((await post('/clock', { set: 'yesterday-ish' })).status).toBe(400);
    expect((await post('/clock', {})).status).toBe(400);
  });
});

describe('limits and failures stay inside the function', () => {
  it('kills a function that outlives its config.json timeout, and the next call works', async () => {
    await expect(cloud.call('sleeper', { ms: 3000 })).rejects.toMatchObject({ code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED' });
    await expect(cloud.call('sleeper', { ms: 10 })).resolves.toEqual({ slept: 10 });
  });

  it('reports a thrown error without taking the emulator down', async () => {
    await expect(cloud.call('crasher', { mode: 'throw' })).rejects.toMatchObject({ code: 'FUNCTIONS_EXECUTE_FAIL', message: 'deliberate failure' });
  });

  it('survives a function that exits its process or throws outside the handler', async () => {
    await expect(cloud.call('crasher', { mode: 'exit' })).rejects.toMatchObject({ code: 'FUNCTIONS_EXECUTE_FAIL' });
    await expect(cloud.call('crasher', { mode: 'uncaught' })).rejects.toMatchObject({ code: 'FUNCTIONS_EXECUTE_FAIL' });
    await expect(cloud.call('crasher', { mode: 'fine' })).resolves.toEqual({ survived: true });
    await expect(cloud.call('probe', {}, 'o-1')).resolves.toMatchObject({ wx: { OPENID: 'o-1' } });
  });
});

describe('function-to-function calls', () => {
  it('reaches the callee through cloud.callFunction, without the user identity', async () => {
    const res = (await cloud.call('caller', { target: 'probe' }, 'o-1')) as { ok: boolean; result: Probe };
    expect(res.ok).toBe(true);
    expect(res.result.event).toEqual({ from: 'caller' });
    expect(res.result.wx.OPENID).toBeUndefined();
    expect(res.result.wx.SOURCE).toContain('wx_client');
  });

  it('fails like CloudBase when the callee does not exist', async () => {
    const res = (await cloud.call('caller', { target: 'missing' }, 'o-1')) as { ok: boolean; errMsg: string };
    expect(res).toMatchObject({ ok: false });
    expect(res.errMsg).toMatch(/could not be found/);
  });
});

describe('timer triggers', () => {
  const ticks = async () => {
    const db = (await cloud.call('probe', {}, 'o-1')) && cloud; // warm
    void db;
    const res = await fetch(`${cloud.url}/admin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'database.getDocument', collectionName: 'auditLogs', query: JSON.stringify({ kind: 'tick' }), limit: 1000, offset: 0 }),
    });
    const body = (await res.json()) as { data?: { list?: string[] } };
    return (body.data?.list ?? []).map((s) => (typeof s === 'string' ? JSON.parse(s) : s)) as Array<{ trigger: string; eventTime: string; seen: { $date: string } | string; openid: null }>;
  };

  it('fires each firing the clock jumps over, in order, each seeing the time it was due', async () => {
    await post('/clock', { set: Date.parse('2026-11-22T20:45:00+08:00') });
    const { body } = await post('/clock', { advanceMs: 90 * 60_000 }); // to 22:15
    const fired = body.fired as Array<{ functionName: string; triggerName: string; at: string; ok: boolean }>;
    expect(fired.map((f) => `${f.triggerName}@${f.at}`)).toEqual(['evening@2026-11-22T13:00:00Z', 'hourly@2026-11-22T13:30:00Z']);
    expect(fired.every((f) => f.ok && f.functionName === 'ticker')).toBe(true);
    const rows = await ticks();
    const evening = rows.find((r) => r.trigger === 'evening')!;
    expect(evening.eventTime).toBe('2026-11-22T13:00:00Z');
    expect(JSON.stringify(evening.seen)).toContain('2026-11-22T13:00:0');
    expect(evening.openid).toBeNull();
  });

  it('fires one trigger on demand (npm run trigger)', async () => {
    const before = (await ticks()).length;
    const { status, body } = await post('/triggers/ticker/hourly', {});
    expect(status).toBe(200);
    expect(body).toMatchObject({ functionName: 'ticker', triggerName: 'hourly', ok: true });
    expect((await ticks()).length).toBe(before + 1);
    expect((await post('/triggers/ticker/nope', {})).status).toBe(404);
  });

  it('fires nothing when the clock goes back', async () => {
    const { body } = await post('/clock', { advanceMs: -3 * 3600_000 });
    expect(body.fired).toEqual([]);
  });
});
