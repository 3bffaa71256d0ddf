/**
 * cloud.openapi.* through the real wx-server-sdk against a running emulator: subscribe messages with and
 * without consent, content safety, and the 小程序码 image.
 */
import QRCode from 'qrcode';
import { wxacodeContent } from '../../../emulator/openapi';
import { startPlatform, type Platform } from './harness';
import { decodePng, PNG_SIGNATURE } from './png';

const CHECKIN = 'tmpl-checkin-reminder';
const NOTICE = 'tmpl-notice';
const templates = { [CHECKIN]: ['thing1', 'time2'], [NOTICE]: ['thing1', 'phrase2'] };
const pages = ['pages/index/index', 'pages/checkin/index'];

let p: Platform;
beforeAll(async () => {
  p = await startPlatform({ templates, pages });
});
afterAll(async () => {
  await p.close();
});

const reminder = (touser: string) => ({
  touser,
  templateId: CHECKIN,
  page: 'pages/checkin/index',
  data: { thing1: { value: '请完成下午健康打卡' }, time2: { value: '2026-11-22 15:00' } },
  miniprogramState: 'developer',
});

async function consent(url: string, openid: string, templateId: string, accept = true, kind?: 'once' | 'long') {
  const res = await fetch(`${url}/subscriptions`, { method: 'POST', body: JSON.stringify({ openid, templateId, accept, kind }) });
  expect(res.status).toBe(200);
  return res.json();
}

async function outbox(query: Record<string, string>) {
  const res = await fetch(`${p.url}/outbox?${new URLSearchParams(query)}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { messages: Array<Record<string, unknown>> }).messages;
}

describe('subscribeMessage.send', () => {
  it('fails like WeChat (43101) when the user has not subscribed, and delivers nothing', async () => {
    await expect(p.cloud.openapi.subscribeMessage.send(reminder('o_no_consent'))).rejects.toMatchObject({
      errCode: 43101,
      errMsg: expect.stringMatching(/^openapi\.subscribeMessage\.send:fail user refuse to accept the msg rid: [0-9a-f-]+$/),
    });
    expect(await outbox({ touser: 'o_no_consent' })).toEqual([]);
  });

  it('delivers into the outbox once per one-time consent', async () => {
    expect(await consent(p.url, 'o_once', CHECKIN)).toMatchObject({ onceCredits: 1, longTerm: false });
    const res = await p.cloud.openapi.subscribeMessage.send(reminder('o_once'));
    expect(res).toEqual({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' });

    const [msg, ...rest] = await outbox({ touser: 'o_once', templateId: CHECKIN });
    expect(rest).toEqual([]);
    expect(msg).toMatchObject({
      touser: 'o_once',
      templateId: CHECKIN,
      page: 'pages/checkin/index',
      data: { thing1: { value: '请完成下午健康打卡' }, time2: { value: '2026-11-22 15:00' } },
      miniprogramState: 'developer',
      lang: 'zh_CN',
    });
    expect(Math.abs((msg.sentAt as number) - p.clock.now())).toBeLessThan(5000);

    // The consent was used up by that send.
    await expect(p.cloud.openapi.subscribeMessage.send(reminder('o_once'))).rejects.toMatchObject({ errCode: 43101 });
    expect(p.openapi.listOutbox({ touser: 'o_once' })).toHaveLength(1);
    const state = await fetch(`${p.url}/subscriptions?openid=o_once&templateId=${CHECKIN}`);
    expect(await state.json()).toEqual({ openid: 'o_once', templateId: CHECKIN, onceCredits: 0, longTerm: false });
  });

  it('counts repeated one-time consents, keeps long-term consent, and drops both on refusal', async () => {
    p.openapi.recordConsent({ openid: 'o_twice', templateId: CHECKIN, accept: true });
    p.openapi.recordConsent({ openid: 'o_twice', templateId: CHECKIN, accept: true });
    await p.cloud.openapi.subscribeMessage.send(reminder('o_twice'));
    await p.cloud.openapi.subscribeMessage.send(reminder('o_twice'));
    await expect(p.cloud.openapi.subscribeMessage.send(reminder('o_twice'))).rejects.toMatchObject({ errCode: 43101 });

    await consent(p.url, 'o_long', CHECKIN, true, 'long');
    for (let i = 0; i < 3; i++) await p.cloud.openapi.subscribeMessage.send(reminder('o_long'));
    expect(await outbox({ touser: 'o_long' })).toHaveLength(3);
    await consent(p.url, 'o_long', CHECKIN, false);
    await expect(p.cloud.openapi.subscribeMessage.send(reminder('o_long'))).rejects.toMatchObject({ errCode: 43101 });
  });

  it('consent for one template does not cover another', async () => {
    await consent(p.url, 'o_other', NOTICE);
    await expect(p.cloud.openapi.subscribeMessage.send(reminder('o_other'))).rejects.toMatchObject({ errCode: 43101 });
  });

  it('validates like WeChat before using any consent', async () => {
    await consent(p.url, 'o_valid', CHECKIN);
    const send = (patch: Record<string, unknown>) => p.cloud.openapi.subscribeMessage.send({ ...reminder('o_valid'), ...patch });
    await expect(send({ templateId: undefined })).rejects.toMatchObject({ errCode: 40037 });
    await expect(send({ templateId: 'tmpl-unknown' })).rejects.toMatchObject({ errCode: 40037 });
    await expect(send({ touser: undefined })).rejects.toMatchObject({ errCode: 40003 });
    await expect(send({ touser: '' })).rejects.toMatchObject({ errCode: 40003 });
    // thing ≤ 20 characters; time must be a time; the template's keywords are required.
    await expect(
      send({ data: { thing1: { value: '这是一条超过二十个字的提醒内容请大家务必按时完成打卡' }, time2: { value: '15:00' } } }),
    ).rejects.toMatchObject({
      errCode: 47003,
      errMsg: expect.stringContaining('data.thing1.value'),
    });
    await expect(send({ data: { thing1: { value: '打卡' }, time2: { value: '下午三点' } } })).rejects.toMatchObject({ errCode: 47003 });
    await expect(send({ data: { thing1: { value: '打卡' } } })).rejects.toMatchObject({ errCode: 47003 });
    await expect(send({ miniprogramState: 'beta' })).rejects.toMatchObject({ errCode: 47003 });
    // None of that used the consent.
    await expect(send({})).resolves.toMatchObject({ errCode: 0 });
  });

  it('refuses consent for a template the app does not have', async () => {
    const res = await fetch(`${p.url}/subscriptions`, {
      method: 'POST',
      body: JSON.stringify({ openid: 'o_x', templateId: 'nope', accept: true }),
    });
    expect(res.status).toBe(400);
  });

  it('keeps consents and the outbox on disk across an emulator restart', async () => {
    const first = await startPlatform({ templates, pages });
    try {
      await consent(first.url, 'o_durable', NOTICE);
      await consent(first.url, 'o_durable', NOTICE);
      await first.cloud.openapi.subscribeMessage.send({
        touser: 'o_durable',
        templateId: NOTICE,
        data: { thing1: { value: '停水通知' }, phrase2: { value: '已发布' } },
      });
    } finally {
      await first.close();
    }

    const again = await startPlatform({ templates, pages, dataDir: first.dataDir });
    try {
      expect(again.openapi.listOutbox({ touser: 'o_durable' })).toMatchObject([
        { templateId: NOTICE, data: { phrase2: { value: '已发布' } } },
      ]);
      expect(again.openapi.consentState('o_durable', NOTICE)).toMatchObject({ onceCredits: 1 });
    } finally {
      await again.close();
    }
  });
});

describe('security.msgSecCheck', () => {
  const check = (content: string) => p.cloud.openapi.security.msgSecCheck({ content, version: 2, scene: 2, openid: 'o_sec' });

  it('passes ordinary text with WeChat v2 shape', async () => {
    const res = await check('3号楼今天下午三点在楼下发放蔬菜包，请按单元排队领取');
    expect(res).toMatchObject({ errCode: 0, errMsg: 'openapi.security.msgSecCheck:ok', result: { suggest: 'pass', label: 100 } });
    expect(res.detail).toEqual(expect.arrayContaining([expect.objectContaining({ strategy: 'content_model', suggest: 'pass' })]));
    expect(typeof res.traceId).toBe('string');
  });

  it('flags gambling and fraud as risky, naming the keyword, even spaced out', async () => {
    const res = await check('兼职刷单返利，加入我们的网 络 赌 博群');
    expect(res.result).toEqual({ suggest: 'risky', label: 20006 });
    expect(res.detail).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ strategy: 'keyword', suggest: 'risky', label: 20006, keyword: '网络赌博' }),
        expect.objectContaining({ strategy: 'keyword', suggest: 'risky', label: 20008, keyword: '刷单返利' }),
      ]),
    );
  });

  it('marks milder words for review', async () => {
    expect((await check('扫码领取优惠')).result).toEqual({ suggest: 'review', label: 10001 });
  });

  it('v1 rejects risky content with 87014 and passes clean content', async () => {
    await expect(p.cloud.openapi.security.msgSecCheck({ content: '出售枪支' })).rejects.toMatchObject({ errCode: 87014 });
    await expect(p.cloud.openapi.security.msgSecCheck({ content: '明天停水' })).resolves.toMatchObject({ errCode: 0 });
  });

  it('v2 needs an openid', async () => {
    await expect(p.cloud.openapi.security.msgSecCheck({ content: '你好', version: 2, scene: 1 })).rejects.toMatchObject({ errCode: 40003 });
  });
});

describe('wxacode.getUnlimited', () => {
  it('returns a PNG QR code of the page and scene, as the SDK returns images', async () => {
    const res = await p.cloud.openapi.wxacode.getUnlimited({ scene: 'b=3&h=302', page: 'pages/checkin/index', width: 300 });
    expect(res).toMatchObject({ errCode: 0, errMsg: 'openapi.wxacode.getUnlimited:ok', contentType: 'image/png' });
    const png = res.buffer as Buffer;
    expect(Buffer.isBuffer(png)).toBe(true);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);

    const image = decodePng(png);
    expect([image.width, image.height]).toEqual([300, 300]);
    // Read every module back and compare with the QR code of the expected text.
    const expected = QRCode.create(wxacodeContent('pages/checkin/index', 'b=3&h=302'), { errorCorrectionLevel: 'M' }).modules;
    const scale = image.width / (expected.size + 4);
    let mismatches = 0;
    for (let row = 0; row < expected.size; row++) {
      for (let col = 0; col < expected.size; col++) {
        const [r] = image.pixel(Math.floor((col + 2.5) * scale), Math.floor((row + 2.5) * scale));
        if (r < 128 !== Boolean(expected.get(row, col))) mismatches++;
      }
    }
    expect(mismatches).toBe(0);
  });

  it('defaults to the home page and 430 px', async () => {
    const res = await p.cloud.openapi.wxacode.getUnlimited({ scene: 'x' });
    expect(decodePng(res.buffer as Buffer).width).toBe(430);
  });

  it('draws lineColor on a transparent background when isHyaline', async () => {
    const res = await p.cloud.openapi.wxacode.getUnlimited({
      scene: 'x',
      width: 280,
      lineColor: { r: 200, g: 30, b: 40 },
      isHyaline: true,
    });
    const image = decodePng(res.buffer as Buffer);
    const size = QRCode.create(wxacodeContent('pages/index/index', 'x'), { errorCorrectionLevel: 'M' }).modules.size;
    const corner = Math.floor(2.5 * (image.width / (size + 4))); // the finder pattern's first module is always dark
    expect(image.pixel(0, 0)[3]).toBe(0);
    expect(image.pixel(corner, corner)).toEqual([200, 30, 40, 255]);
  });

  it('refuses what WeChat refuses', async () => {
    await expect(p.cloud.openapi.wxacode.getUnlimited({ scene: 'x'.repeat(33) })).rejects.toMatchObject({ errCode: 40169 });
    await expect(p.cloud.openapi.wxacode.getUnlimited({ scene: 'x', page: '/pages/index/index' })).rejects.toMatchObject({
      errCode: 41030,
    });
    await expect(p.cloud.openapi.wxacode.getUnlimited({ scene: 'x', page: 'pages/missing/index' })).rejects.toMatchObject({
      errCode: 41030,
    });
    await expect(
      p.cloud.openapi.wxacode.getUnlimited({ scene: 'x', page: 'pages/missing/index', checkPath: false }),
    ).resolves.toMatchObject({ errCode: 0 });
  });
});

it('an openapi the emulator does not provide fails as the platform does (-604100)', async () => {
  await expect(p.cloud.openapi.urlscheme.generate({})).rejects.toMatchObject({ errCode: -604100 });
});
