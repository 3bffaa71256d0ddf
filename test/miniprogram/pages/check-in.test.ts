/** 健康打卡: whose, temperature, symptoms, a note; one request per submit; the server's window; 「下次提醒我」. */
import {
  checkInSubmitted,
  myIsolations,
  myIsolationsTwoMembers,
  outsideWindow,
  subscriptions,
  subscriptionsRecorded,
} from '../fixtures/health';
import { FakeWx, renderPage, waitFor, type Rendered } from '../harness/render';

const PAGE = 'pages/check-in/index';
const RETRY = '.page-state >>> .state-view__retry >>> .t-button';
const me = myIsolations[0];

let page: Rendered | undefined;
afterEach(() => page?.detach());

function backend(): FakeWx {
  return new FakeWx()
    .ok('health', 'isolation.mine', myIsolations)
    .ok('health', 'checkIn.submit', checkInSubmitted)
    .ok('health', 'subscription.mine', subscriptions)
    .ok('health', 'subscription.record', subscriptionsRecorded);
}

async function ready(p: Rendered): Promise<void> {
  await waitFor(() => p.instance.data.status === 'ready');
}

async function tickSymptom(p: Rendered, label: string): Promise<void> {
  const options = p.comp.querySelectorAll('.checkin-symptoms >>> .t-checkbox-option');
  const option = options.find((o) => o.querySelector('.t-checkbox__title')?.dom?.textContent === label);
  expect(option).toBeDefined();
  option!.querySelector('.t-checkbox__content')!.dispatchEvent('tap');
  await waitFor(() => p.instance.data.form.symptoms.length > 0);
}

async function typeNote(p: Rendered, value: string): Promise<void> {
  p.find('.checkin-note >>> .t-textarea__wrapper-inner').dispatchEvent('input', { detail: { value, cursor: value.length } });
  await waitFor(() => p.instance.data.form.note === value);
}

describe('健康打卡', () => {
  it('shows the day of isolation, the end date, today’s check-ins and the care team with call buttons', async () => {
    const wx = backend();
    page = renderPage(PAGE, { wx });
    await ready(page);

    expect(page.textOf('.page-state')).toContain('隔离第 5 天 / 共 14 天');
    expect(page.textOf('.page-state')).toContain('12月1日结束（含当天）');
    expect(page.textOf('.page-state')).toContain('今天：上午 已打卡 36.4 °C；下午 待打卡');
    expect(page.textOf('.page-state')).toContain('现在可以打卡（下午 14:00–21:00）');
    expect(page.instance.data.temperatureText).toBe('36.5');
    expect(page.instance.data.form.residentId).toBe(me.residentId);

    const calls = page.comp.querySelectorAll('.checkin-care__call');
    expect(calls).toHaveLength(me.careTeam.length);
    expect(page.textOf('.page-state')).toContain('社区医生 孙医生');
    calls[1].querySelector('.t-button')!.dispatchEvent('tap');
    await waitFor(() => wx.phoneCalls.length === 1);
    expect(wx.phoneCalls).toEqual(['13900000011']);
  });

  it('says when nobody at home needs to check in', async () => {
    const wx = backend().ok('health', 'isolation.mine', []);
    page = renderPage(PAGE, { wx });
    await waitFor(() => page!.instance.data.status === 'empty');
    expect(page.textOf('.page-state')).toBe('您家里目前没有人在居家隔离或健康监测，不需要打卡');
  });

  it('shows the error with a retry', async () => {
    const wx = backend().fail('health', 'isolation.mine', 'SYSTEM.BUSY', '系统繁忙，请稍后重试');
    page = renderPage(PAGE, { wx });
    await waitFor(() => page!.instance.data.status === 'error');
    expect(page.textOf('.page-state')).toContain('系统繁忙，请稍后重试');
    expect(wx.toasts.at(-1)).toEqual({ title: '系统繁忙，请稍后重试', icon: 'none' });

    wx.ok('health', 'isolation.mine', myIsolations);
    await page.tap(RETRY);
    await ready(page);
  });

  it('asks what 「其他」 is before sending', async () => {
    const wx = backend();
    page = renderPage(PAGE, { wx });
    await ready(page);
    await tickSymptom(page, '其他');
    expect(page.instance.data.form.symptoms).toEqual(['other']);

    await page.tap('.checkin-submit >>> .t-button');
    expect(page.textOf('.checkin-error-note')).toBe('选了「其他」症状，请在备注里写明');
    expect(wx.toasts.at(-1)).toEqual({ title: '选了「其他」症状，请在备注里写明', icon: 'none' });
    expect(wx.callsTo('health', 'checkIn.submit')).toHaveLength(0);

    await typeNote(page, '头晕');
    expect(page.exists('.checkin-error-note')).toBe(false);
  });

  it('sends the check-in, retries a lost answer with the same request id, then offers 「下次提醒我」', async () => {
    const wx = backend().loseAnswer('health', 'checkIn.submit');
    page = renderPage(PAGE, { wx });
    await ready(page);

    page.instance.onTemperaturePicked({ detail: { value: ['37.6'], label: ['37.6 °C'] } });
    await waitFor(() => page!.instance.data.temperatureText === '37.6');
    expect(page.text()).toContain('体温偏高（≥ 37.3 °C），提交后会通知楼道长和社区医生');
    await tickSymptom(page, '咳嗽');
    await typeNote(page, '有点咳');

    await page.tap('.checkin-submit >>> .t-button');
    await waitFor(() => wx.toasts.some((t) => t.title === '网络不给力，请检查网络后重试'));
    await waitFor(() => !page!.instance.data.submitting);
    expect(page.instance.data.result).toBeNull();

    await page.tap('.checkin-submit >>> .t-button');
    await waitFor(() => page!.instance.data.result !== null);

    const calls = wx.callsTo('health', 'checkIn.submit');
    expect(calls).toHaveLength(2);
    expect(calls[0].data).toEqual({ residentId: me.residentId, temperature: 37.6, symptoms: ['cough'], note: '有点咳' });
    expect(calls[1].data).toEqual(calls[0].data);
    expect(calls[0].requestId).toBeTruthy();
    expect(calls[1].requestId).toBe(calls[0].requestId);

    expect(page.text()).toContain('王秀英 下午已打卡：异常');
    expect(page.text()).toContain('体温 37.6 °C，咳嗽。已通知楼道长和社区医生');

    await page.tap('.checkin-subscribe >>> .t-button');
    await waitFor(() => page!.instance.data.subscribed);
    expect(wx.subscribeRequests).toEqual([['local-checkin-reminder']]);
    expect(wx.callsTo('health', 'subscription.record').map((c) => c.data)).toEqual([
      { templateIds: ['local-checkin-reminder'], accepted: ['local-checkin-reminder'] },
    ]);
    expect(page.text()).toContain('已开启提醒');
  });

  it('records a refused prompt as refused and says to remember', async () => {
    const wx = backend();
    wx.subscribeAnswer = 'reject';
    page = renderPage(PAGE, { wx });
    await ready(page);
    await page.tap('.checkin-submit >>> .t-button');
    await waitFor(() => page!.instance.data.result !== null);
    await page.tap('.checkin-subscribe >>> .t-button');
    await waitFor(() => wx.callsTo('health', 'subscription.record').length === 1);
    await waitFor(() => !page!.instance.data.subscribing);
    expect(wx.callsTo('health', 'subscription.record')[0].data).toEqual({ templateIds: ['local-checkin-reminder'], accepted: [] });
    expect(wx.toasts.at(-1)?.title).toBe('没有开启提醒，记得按时打卡');
  });

  it('for a household with two people to check in for: asks 为谁打卡, shows the chosen one, and sends their id', async () => {
    const wx = backend().ok('health', 'isolation.mine', myIsolationsTwoMembers);
    page = renderPage(PAGE, { wx });
    await ready(page);
    const [grandpa, mother] = myIsolationsTwoMembers;

    expect(page.textOf('.page-state')).toContain('为谁打卡');
    const options = page.comp.querySelectorAll('.checkin-member >>> .t-radio-option');
    expect(options.map((o) => o.querySelector('.t-radio__title')?.dom?.textContent)).toEqual(['王大爷（3-1-301）', '王秀英（3-1-301）']);
    // The first is chosen to begin with, and the card is theirs.
    expect(page.instance.data.form.residentId).toBe(grandpa.residentId);
    expect(page.textOf('.page-state')).toContain('健康监测第 1 天 / 共 7 天');

    options[1].querySelector('.t-radio__content')!.dispatchEvent('tap');
    await waitFor(() => page!.instance.data.form.residentId === mother.residentId);
    expect(page.textOf('.page-state')).toContain('隔离第 5 天 / 共 14 天');
    expect(page.textOf('.page-state')).toContain('下午 已打卡');

    await page.tap('.checkin-submit >>> .t-button');
    await waitFor(() => page!.instance.data.result !== null);
    expect(wx.callsTo('health', 'checkIn.submit').map((c) => (c.data as { residentId: string }).residentId)).toEqual([mother.residentId]);
  });

  it('shows the server’s message outside the check-in window', async () => {
    const wx = backend().fail('health', 'checkIn.submit', outsideWindow.code, outsideWindow.message);
    page = renderPage(PAGE, { wx });
    await ready(page);
    await page.tap('.checkin-submit >>> .t-button');
    await waitFor(() => page!.exists('.checkin-closed'));
    expect(page.textOf('.checkin-closed')).toBe('现在不在打卡时间，下一次打卡 明天 06:00 开始');
    expect(wx.toasts.at(-1)).toEqual({ title: outsideWindow.message, icon: 'none' });
    expect(page.instance.data.result).toBeNull();
  });

  it('on someone’s behalf: asks how the staff member learned it and sends the method', async () => {
    const wx = backend();
    page = renderPage(PAGE, { wx, query: { residentId: me.residentId, name: '王秀英', label: '3-1-301', behalf: '1' } });
    await ready(page);
    expect(wx.callsTo('health', 'isolation.mine')).toHaveLength(0);
    expect(wx.titles).toEqual(['代为打卡']);
    expect(page.textOf('.checkin-behalf')).toContain('代 王秀英（3-1-301）打卡');

    await page.tap('.checkin-submit >>> .t-button');
    expect(page.textOf('.checkin-error-method')).toBe('请选择是上门还是电话询问的');
    expect(wx.callsTo('health', 'checkIn.submit')).toHaveLength(0);

    const phone = page.comp.querySelectorAll('.checkin-method >>> .t-radio-option')[1];
    phone.querySelector('.t-radio__content')!.dispatchEvent('tap');
    await waitFor(() => page!.instance.data.form.method === 'phone');
    await page.tap('.checkin-submit >>> .t-button');
    await waitFor(() => page!.instance.data.result !== null);
    expect(wx.callsTo('health', 'checkIn.submit')[0].data).toEqual({
      residentId: me.residentId,
      temperature: 36.5,
      symptoms: [],
      method: 'phone',
    });
    expect(page.exists('.checkin-subscribe')).toBe(false);
    await page.tap('.checkin-done__back >>> .t-button');
    expect(wx.backs).toEqual([1]);
  });
});
