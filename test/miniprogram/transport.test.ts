/**
 * The transport on its own, against the `wx` boundary: local mode (HTTP to the emulator, demo identity),
 * cloud mode (wx.cloud.callFunction), the envelope unwrapped into data or a typed AppError.
 */
import { FakeWx } from './harness/fakeWx';

type Transport = typeof import('../../miniprogram/transport/index');
type Feedback = typeof import('../../miniprogram/services/feedback');

/** Fresh modules (the transport remembers cloud init) with a fake wx installed. */
function load(configure: (wx: FakeWx) => void = () => undefined): { transport: Transport; feedback: Feedback; wx: FakeWx } {
  jest.resetModules();
  const wx = new FakeWx();
  configure(wx);
  wx.install();
  /* eslint-disable @typescript-eslint/no-require-imports */
  return {
    transport: require('../../miniprogram/transport/index') as Transport,
    feedback: require('../../miniprogram/services/feedback') as Feedback,
    wx,
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
}

async function rejection(promise: Promise<unknown>): Promise<{ code?: string; message?: string; fields?: unknown }> {
  try {
    await promise;
  } catch (err) {
    return err as { code?: string; message?: string };
  }
  throw new Error('expected a rejection');
}

describe('local mode (develop)', () => {
  it('posts the event to the emulator as the demo identity and resolves the data', async () => {
    const { transport, wx } = load((w) => w.ok('community', 'me.get', { roles: ['resident'] }));

    await expect(transport.callFunction('community', 'me.get', {})).resolves.toEqual({ roles: ['resident'] });
    expect(wx.calls).toEqual([{ via: 'request', name: 'community', action: 'me.get', data: {}, openid: 'demo-resident' }]);

    transport.setDevOpenid('demo-admin');
    await transport.callFunction('community', 'me.get', {});
    expect(wx.calls[1].openid).toBe('demo-admin');
  });

  it('rejects with the function’s code, message and fields', async () => {
    const { transport } = load((w) =>
      w.on('order', 'order.create', () => ({
        ok: false,
        code: 'INPUT.INVALID',
        message: '请填写收货地址',
        fields: { address: '请填写收货地址' },
      })),
    );
    const err = await rejection(transport.callFunction('order', 'order.create', {}));
    expect(err).toBeInstanceOf(transport.AppError);
    expect(err).toMatchObject({ code: 'INPUT.INVALID', message: '请填写收货地址', fields: { address: '请填写收货地址' } });
  });

  it('turns a network failure into NETWORK.UNAVAILABLE', async () => {
    const { transport } = load((w) => {
      w.online = false;
    });
    const err = await rejection(transport.callFunction('community', 'me.get', {}));
    expect(err).toMatchObject({ code: 'NETWORK.UNAVAILABLE', message: '网络不给力，请检查网络后重试' });
  });

  it('turns an answer that is not an envelope (a crashed function, a wrong address) into SERVER.UNAVAILABLE', async () => {
    const crashed = load((w) => w.crash('community', 'me.get'));
    expect(await rejection(crashed.transport.callFunction('community', 'me.get', {}))).toMatchObject({
      code: 'SERVER.UNAVAILABLE',
      message: '服务暂时不可用，请稍后重试',
    });

    const elsewhere = load((w) => {
      w.localUrl = 'http://127.0.0.1:9999'; // the emulator is not where the app looks: 404 page, no envelope
    });
    expect(await rejection(elsewhere.transport.callFunction('community', 'me.get', {}))).toMatchObject({
      code: 'SERVER.UNAVAILABLE',
    });
  });

  it('sends a submit key’s request id: the same one on a retry, a new one after renew()', async () => {
    const { transport, wx } = load();
    let attempts = 0;
    wx.on('order', 'order.create', () => {
      attempts += 1;
      if (attempts === 1) throw new Error('the answer was lost'); // the server may have applied it anyway
      return { ok: true, data: { orderId: 'o1' } };
    });
    const create = (requestId: string) => transport.callFunction('order', 'order.create', { items: [] }, { requestId });

    const key = transport.createSubmitKey();
    const first = key.requestId;
    await rejection(create(key.requestId));
    await create(key.requestId); // the person taps 重试
    key.renew(); // done; the next order is a new submit
    await create(key.requestId);

    expect(wx.calls.map((c) => c.requestId)).toEqual([first, first, key.requestId]);
    expect(key.requestId).not.toBe(first);
    expect(new Set([transport.newRequestId(), transport.newRequestId(), transport.newRequestId()]).size).toBe(3);
  });
});

describe('cloud mode (trial and release)', () => {
  it('calls wx.cloud.callFunction with { action, data, requestId } after initialising once', async () => {
    const { transport, wx } = load((w) => {
      w.envVersion = 'release';
      w.ok('community', 'me.get', { roles: [] });
    });

    await expect(transport.callFunction('community', 'me.get', {}, { requestId: 'r-1' })).resolves.toEqual({ roles: [] });
    await transport.callFunction('community', 'me.get', {});
    expect(wx.calls).toEqual([
      { via: 'cloud', name: 'community', action: 'me.get', data: {}, requestId: 'r-1' },
      { via: 'cloud', name: 'community', action: 'me.get', data: {} },
    ]);
    expect(wx.cloudInits).toEqual([{ traceUser: true }]);
  });

  it('tells a network failure from a service failure', async () => {
    const offline = load((w) => {
      w.envVersion = 'release';
      w.online = false;
    });
    expect(await rejection(offline.transport.callFunction('community', 'me.get', {}))).toMatchObject({
      code: 'NETWORK.UNAVAILABLE',
    });

    const crashed = load((w) => {
      w.envVersion = 'release';
      w.crash('community', 'me.get');
    });
    expect(await rejection(crashed.transport.callFunction('community', 'me.get', {}))).toMatchObject({
      code: 'SERVER.UNAVAILABLE',
    });
  });
});

describe('showError', () => {
  it('toasts the AppError’s message, and a readable one for anything else', () => {
    const { transport, feedback, wx } = load();
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);

    feedback.showError(new transport.AppError('AUTH.FORBIDDEN', '只有本楼的楼道长可以查看'));
    feedback.showError(new TypeError('x is undefined'));

    expect(wx.toasts).toEqual([
      { title: '只有本楼的楼道长可以查看', icon: 'none' },
      { title: '出了点问题，请稍后重试', icon: 'none' },
    ]);
    expect(spy).toHaveBeenCalledTimes(1); // the bug is logged, the expected failure is not
    spy.mockRestore();
  });
});

describe('uploadFile', () => {
  const file = { name: 'rows.csv', size: 9, content: '楼栋,单元,房号' };

  it('local mode: asks the emulator for a signed URL, PUTs the bytes there, and resolves the fileID a function can read', async () => {
    const { transport, wx } = load((w) => {
      w.pickedFile = file;
    });
    const fileID = await transport.uploadFile('imports/demo-jixing/1-a.csv', 'http://tmp/rows.csv');
    expect(fileID).toBe('cloud://shouwang-local.7368-shouwang-local-1250000000/imports/demo-jixing/1-a.csv');
    expect(wx.uploads).toEqual([{ via: 'request', cloudPath: 'imports/demo-jixing/1-a.csv', fileID, content: '楼栋,单元,房号' }]);
    expect(wx.calls).toEqual([]); // storage is not a function call
  });

  it('local mode: a file that cannot be read, and a dead network, say so in words', async () => {
    const unreadable = load();
    expect(await rejection(unreadable.transport.uploadFile('imports/x.csv', 'http://tmp/gone.csv'))).toMatchObject({
      code: 'FILE.UNREADABLE',
      message: '无法读取所选文件，请重新选择',
    });

    const offline = load((w) => {
      w.pickedFile = file;
      w.online = false;
    });
    expect(await rejection(offline.transport.uploadFile('imports/x.csv', 'http://tmp/rows.csv'))).toMatchObject({
      code: 'NETWORK.UNAVAILABLE',
    });
    expect(offline.wx.uploads).toEqual([]);
  });

  it('cloud mode: wx.cloud.uploadFile after initialising the cloud', async () => {
    const { transport, wx } = load((w) => {
      w.envVersion = 'release';
      w.pickedFile = file;
    });
    const fileID = await transport.uploadFile('imports/demo-jixing/1-a.csv', 'http://tmp/rows.csv');
    expect(fileID).toBe('cloud://prod-env.7072-prod-env-1250000000/imports/demo-jixing/1-a.csv');
    expect(wx.cloudInits).toHaveLength(1);
    expect(wx.uploads[0]).toMatchObject({ via: 'cloud', cloudPath: 'imports/demo-jixing/1-a.csv' });
  });
});
