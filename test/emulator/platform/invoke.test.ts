/**
 * cloud.callFunction through the real wx-server-sdk, answered by an in-test `invoke`: results, failures,
 * unknown functions, and the caller context a callee sees.
 */
import { sourceOf, type InvokeCaller } from '../../../emulator/invoke';
import { startPlatform, type Platform } from './harness';

const calls: Array<{ name: string; event: unknown; caller: InvokeCaller }> = [];

async function invoke(name: string, event: unknown, caller: InvokeCaller): Promise<unknown> {
  calls.push({ name, event, caller });
  switch (name) {
    case 'echo':
      return { got: event, at: '2026-11-22T08:00:00.000Z' };
    case 'nothing':
      return undefined;
    case 'boom':
      throw new TypeError("Cannot read properties of undefined (reading 'household')");
    case 'slow':
      throw Object.assign(new Error('Invoking task timed out after 3 seconds'), { code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED' });
    default:
      throw Object.assign(new Error(`FunctionName parameter could not be found: ${name}`), { code: 'FUNCTION_NOT_FOUND' });
  }
}

let p: Platform;
beforeAll(async () => {
  p = await startPlatform({ invoke });
});
afterAll(async () => {
  await p.close();
});
beforeEach(() => {
  calls.length = 0;
});

it('resolves { result, requestID } with the function’s return value', async () => {
  const res = await p.cloud.callFunction({ name: 'echo', data: { action: 'order.create', input: { items: [{ sku: '米', qty: 2 }] } } });
  expect(res).toMatchObject({
    errMsg: 'callFunction:ok',
    result: { got: { action: 'order.create', input: { items: [{ sku: '米', qty: 2 }] } }, at: '2026-11-22T08:00:00.000Z' },
    requestID: expect.any(String),
  });
  expect(calls).toEqual([
    { name: 'echo', event: { action: 'order.create', input: { items: [{ sku: '米', qty: 2 }] } }, caller: expect.any(Object) },
  ]);
});

it('gives null for a function that returns nothing', async () => {
  expect((await p.cloud.callFunction({ name: 'nothing', data: {} })).result).toBeNull();
});

it('rejects with FUNCTIONS_EXECUTE_FAIL and the error when the function throws', async () => {
  await expect(p.cloud.callFunction({ name: 'boom', data: {} })).rejects.toMatchObject({
    code: 'FUNCTIONS_EXECUTE_FAIL',
    errMsg: "callFunction:fail TypeError: Cannot read properties of undefined (reading 'household')",
  });
});

it('rejects an unknown function as CloudBase does', async () => {
  await expect(p.cloud.callFunction({ name: 'nosuchfn', data: {} })).rejects.toMatchObject({
    code: 'FUNCTIONS_EXECUTE_FAIL',
    errMsg: 'callFunction:fail FunctionName parameter could not be found.',
  });
});

it('passes a timeout through with its own code', async () => {
  await expect(p.cloud.callFunction({ name: 'slow', data: {} })).rejects.toMatchObject({
    code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED',
    errMsg: expect.stringContaining('timed out after 3 seconds'),
  });
});

describe('the caller a callee sees', () => {
  it('carries no OPENID/APPID, and SOURCE chains the caller’s source with the run environment', async () => {
    // What a function invoked by the mini program has in CloudBase: TCB_SOURCE=wx_client, listed in
    // TCB_CONTEXT_KEYS so the SDK reads it; sdkEnv already makes the SDK believe it runs in SCF.
    const restore = { keys: process.env.TCB_CONTEXT_KEYS, source: process.env.TCB_SOURCE };
    process.env.TCB_CONTEXT_KEYS = 'TCB_SOURCE';
    process.env.TCB_SOURCE = 'wx_client';
    try {
      await p.cloud.callFunction({ name: 'echo', data: {} });
    } finally {
      for (const [key, value] of [
        ['TCB_CONTEXT_KEYS', restore.keys],
        ['TCB_SOURCE', restore.source],
      ] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
    expect(calls[0].caller).toEqual({ source: 'wx_client,scf' });
  });

  it('without a TCB_SOURCE of its own, the caller is only its run environment (scf under sdkEnv)', async () => {
    await p.cloud.callFunction({ name: 'echo', data: {} });
    expect(calls[0].caller.openid).toBeUndefined();
    expect(calls[0].caller.source).toBe('scf');
  });

  it('reads the chain from X-TCB-Source', () => {
    expect(sourceOf({ 'x-tcb-source': 'wx_client,scf' })).toBe('wx_client,scf');
    expect(sourceOf({ 'x-tcb-source': 'wx_client,scf,scf' })).toBe('wx_client,scf,scf');
    expect(sourceOf({ 'x-tcb-source': ',unknown' })).toBe('unknown');
    expect(sourceOf({})).toBe('unknown');
  });
});
