import { createRouter, type Platform } from '../../../server/platform/router';
import { AppError } from '../../../server/platform/errors';
import { field } from '../../../server/platform/validation';

function platform(openid?: string): Platform & { logs: unknown[] } {
  const logs: unknown[] = [];
  return { logs, wxContext: () => ({ OPENID: openid }), now: () => new Date('2026-11-22T00:00:00Z'), log: (e) => logs.push(e) };
}

describe('the action router', () => {
  const none = field.object({});
  const routes = {
    'echo.get': {
      summary: 'echo',
      input: field.object({ x: field.number({ label: '数', min: 0, max: 9 }) }),
      handle: async (ctx: { caller: { openid: string }; now: Date }, data: { x: number }) => ({
        who: ctx.caller.openid,
        at: ctx.now.toISOString(),
        data,
      }),
    },
    'boom.get': {
      summary: 'boom',
      input: none,
      handle: async () => {
        throw new Error('db exploded with secrets');
      },
    },
    'order.get': {
      summary: 'order',
      input: none,
      handle: async () => {
        throw new AppError('ORDER.NOT_FOUND', '订单不存在');
      },
    },
    'order.create': { summary: 'create', input: none, requiresRequestId: true, handle: async () => 'created' },
  };

  it('answers ok with the data, the caller taken from the platform', async () => {
    const main = createRouter(routes, platform('o-1'));
    await expect(main({ action: 'echo.get', data: { x: 1 } })).resolves.toEqual({
      ok: true,
      data: { who: 'o-1', at: '2026-11-22T00:00:00.000Z', data: { x: 1 } },
    });
  });

  it('answers ACTION.UNKNOWN for an unknown or missing action, including inherited names', async () => {
    const main = createRouter(routes, platform('o-1'));
    for (const action of ['nope.get', undefined, 'toString', '__proto__']) {
      await expect(main({ action })).resolves.toMatchObject({ ok: false, code: 'ACTION.UNKNOWN' });
    }
  });

  it('validates input before the handler runs', async () => {
    const main = createRouter(routes, platform('o-1'));
    await expect(main({ action: 'echo.get', data: { x: 10 } })).resolves.toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
      fields: { x: expect.any(String) },
    });
  });

  it('requires a request id where the action creates something', async () => {
    const main = createRouter(routes, platform('o-1'));
    await expect(main({ action: 'order.create' })).resolves.toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    await expect(main({ action: 'order.create', requestId: 'req-12345678' })).resolves.toEqual({ ok: true, data: 'created' });
  });

  it('refuses a call with no WeChat identity', async () => {
    await expect(createRouter(routes, platform())({ action: 'echo.get', data: { x: 1 } })).resolves.toMatchObject({
      ok: false,
      code: 'AUTH.UNAUTHENTICATED',
    });
  });

  it('passes stable error codes through and hides unexpected errors behind INTERNAL', async () => {
    const p = platform('o-1');
    const main = createRouter(routes, p);
    await expect(main({ action: 'order.get' })).resolves.toEqual({ ok: false, code: 'ORDER.NOT_FOUND', message: '订单不存在' });
    const internal = await main({ action: 'boom.get' });
    expect(internal).toMatchObject({ ok: false, code: 'INTERNAL' });
    expect(JSON.stringify(internal)).not.toContain('secrets');
    expect(JSON.stringify(p.logs)).toContain('secrets');
  });

  it('refuses a malformed request id', async () => {
    const main = createRouter(routes, platform('o-1'));
    await expect(main({ action: 'echo.get', data: { x: 1 }, requestId: 'a b' })).resolves.toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
  });

  it('runs timer triggers only when no user is behind the call', async () => {
    const fired: string[] = [];
    const timers = { closeSlot: async ({ trigger }: { trigger: string }) => fired.push(trigger) };
    const asTimer = { Type: 'Timer', TriggerName: 'closeSlot', Time: '2026-11-22T13:00:00Z' };
    await expect(createRouter(routes, platform(), timers)(asTimer)).resolves.toMatchObject({ ok: true });
    await expect(createRouter(routes, platform('o-1'), timers)(asTimer)).resolves.toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(fired).toEqual(['closeSlot']);
  });
});
