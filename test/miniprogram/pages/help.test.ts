/**
 * 求助 pages: the form (category grid, urgency, flags, description, photos; one request id per submit, reused on a
 * lost answer; photos uploaded once), 我的求助 with status, the detail with steps and who was told, staff 接单 (told
 * who was quicker) and 标记解决 with a note, and the home entries.
 */
import { household601Staff, meResident } from '../fixtures/community';
import {
  countsGrid,
  countsResident,
  helpAccepted,
  helpAsLeader,
  helpAsResident,
  helpMine,
  helpRejected,
  helpResolved,
  helpTaken,
  helpUrgentCreated,
  responseTimesDefault,
  responseTimesSaved,
} from '../fixtures/help';
import { myIsolations } from '../fixtures/health';
import { FakeWx, renderPage, waitFor, type Rendered } from '../harness/render';

let page: Rendered | undefined;
afterEach(() => page?.detach());

const home = meResident.households[0];

async function pickRadio(p: Rendered, group: string, label: string): Promise<void> {
  const option = p.comp
    .querySelectorAll(`${group} >>> .t-radio-option`)
    .find((o) => o.querySelector('.t-radio__title')?.dom?.textContent === label);
  expect(option).toBeDefined();
  option!.querySelector('.t-radio__content')!.dispatchEvent('tap');
}

async function tickFlag(p: Rendered, label: string): Promise<void> {
  const option = p.comp
    .querySelectorAll('.help-flags >>> .t-checkbox-option')
    .find((o) => o.querySelector('.t-checkbox__title')?.dom?.textContent === label);
  expect(option).toBeDefined();
  option!.querySelector('.t-checkbox__content')!.dispatchEvent('tap');
}

async function describe_(p: Rendered, value: string): Promise<void> {
  p.find('.help-description >>> .t-textarea__wrapper-inner').dispatchEvent('input', { detail: { value, cursor: value.length } });
  await waitFor(() => p.instance.data.form.description === value);
}

describe('我要求助', () => {
  it('asks: category from the grid (紧急求助 picks 危及生命), flags, description; says who was told; a lost answer is retried with the same request id', async () => {
    const wx = new FakeWx()
      .ok('community', 'me.get', meResident)
      .ok('help', 'help.create', helpUrgentCreated)
      .loseAnswer('help', 'help.create');
    page = renderPage('pages/help/index', { wx });
    await waitFor(() => page!.instance.data.status === 'ready');
    expect(page.instance.data.form.householdId).toBe(home.householdId);
    expect(page.comp.querySelectorAll('.help-category')).toHaveLength(8);

    // Nothing chosen: the form says what is missing, nothing is sent.
    await page.tap('.help-submit >>> .t-button');
    expect(wx.toasts.at(-1)).toEqual({ title: '请选择求助类型', icon: 'none' });
    expect(page.textOf('.page-state')).toContain('请选择紧急程度');
    expect(wx.callsTo('help', 'help.create')).toHaveLength(0);

    await page.tap('#category-4');
    await waitFor(() => page!.instance.data.form.category === '紧急求助');
    expect(page.instance.data.form.urgency).toBe('1');
    expect(page.textOf('.help-submit >>> .t-button')).toBe('发出紧急求助');
    await tickFlag(page, '独居老人');
    await waitFor(() => page!.instance.data.form.flags.length === 1);
    await describe_(page, '家里老人突然头晕站不稳，已打120，请楼道长帮忙开单元门');

    await page.tap('.help-submit >>> .t-button');
    await waitFor(() => wx.toasts.some((t) => t.title === '网络不给力，请检查网络后重试'));
    await waitFor(() => !page!.instance.data.submitting);
    await page.tap('.help-submit >>> .t-button');
    await waitFor(() => page!.instance.data.result !== null);

    const calls = wx.callsTo('help', 'help.create');
    expect(calls).toHaveLength(2);
    expect(calls[1].requestId).toBe(calls[0].requestId);
    expect(calls[0].data).toEqual({
      householdId: home.householdId,
      category: '紧急求助',
      flags: ['独居老人'],
      urgency: 1,
      description: '家里老人突然头晕站不稳，已打120，请楼道长帮忙开单元门',
    });
    expect(page.text()).toContain('已发出紧急求助');
    expect(page.text()).toContain('已通知 楼道长 张建国、网格员 刘芳、社区管理员 赵敏');
    await page.tap('.help-view >>> .t-button');
    expect(wx.navigations).toEqual([`/pages/help-detail/index?helpRequestId=${helpUrgentCreated.helpRequestId}`]);
  });

  it('the content check’s refusal shows under the description; changing the text makes a new submit', async () => {
    const wx = new FakeWx().ok('community', 'me.get', meResident).fail('help', 'help.create', helpRejected.code, helpRejected.message);
    page = renderPage('pages/help/index', { wx });
    await waitFor(() => page!.instance.data.status === 'ready');
    await page.tap('#category-7');
    await pickRadio(page, '.help-urgency', '尽快');
    await waitFor(() => page!.instance.data.form.urgency === '3');
    await describe_(page, '有人在群里搞网络赌博');
    await page.tap('.help-submit >>> .t-button');
    await waitFor(() => wx.toasts.some((t) => t.title === helpRejected.message));
    await describe_(page, '楼上漏水到我家');
    wx.ok('help', 'help.create', helpUrgentCreated);
    await page.tap('.help-submit >>> .t-button');
    await waitFor(() => page!.instance.data.result !== null);
    const [first, second] = wx.callsTo('help', 'help.create');
    expect(second.requestId).not.toBe(first.requestId);
  });

  it('photos: picked from the album, uploaded once under help/<household>/ even when the submit is retried', async () => {
    const wx = new FakeWx().ok('community', 'me.get', meResident).fail('help', 'help.create', 'SYSTEM.BUSY', '系统繁忙，请稍后重试');
    wx.pickedFile = { name: 'leak.jpg', size: 2048, content: 'jpeg bytes' };
    page = renderPage('pages/help/index', { wx });
    // The album: FakeWx plays chooseMessageFile; the photo picker is played here with the same temp file.
    (globalThis as unknown as { wx: Record<string, unknown> }).wx.chooseMedia = (o: {
      count: number;
      success: (r: { tempFiles: { tempFilePath: string }[] }) => void;
    }) => setTimeout(() => o.success({ tempFiles: [{ tempFilePath: 'http://tmp/leak.jpg' }] }), 0);
    await waitFor(() => page!.instance.data.status === 'ready');
    await page.tap('#category-5');
    await pickRadio(page, '.help-urgency', '一般（有空时）');
    await describe_(page, '卫生间顶上漏水');
    await page.tap('.help-photo--add');
    await waitFor(() => page!.instance.data.photos.length === 1);
    // Tapping a thumbnail removes it; add it again.
    await page.comp.querySelectorAll('.help-photo')[0].dispatchEvent('tap');
    await waitFor(() => page!.instance.data.photos.length === 0);
    await page.tap('.help-photo--add');
    await waitFor(() => page!.instance.data.photos.length === 1);

    await page.tap('.help-submit >>> .t-button');
    await waitFor(() => wx.toasts.some((t) => t.title === '系统繁忙，请稍后重试'));
    await waitFor(() => !page!.instance.data.submitting);
    await page.tap('.help-submit >>> .t-button');
    await waitFor(() => wx.callsTo('help', 'help.create').length === 2);

    expect(wx.uploads).toHaveLength(1);
    expect(wx.uploads[0].cloudPath).toMatch(new RegExp(`^help/${home.householdId}/\\d+-[a-z0-9]+-0\\.jpg$`));
    const sent = wx.callsTo('help', 'help.create').map((c) => (c.data as { photos?: string[] }).photos);
    expect(sent[0]).toHaveLength(1);
    expect(sent[0]![0]).toMatch(/^cloud:\/\/.+\/help\//);
    expect(sent[1]).toEqual(sent[0]);
  });

  it('the 楼道长 opens it for a household from its page, and asks on its behalf', async () => {
    const wx = new FakeWx().ok('community', 'household.get', household601Staff).ok('help', 'help.create', helpUrgentCreated);
    page = renderPage('packages/leader/pages/household/index', { wx, query: { householdId: household601Staff.householdId } });
    await waitFor(() => page!.instance.data.status === 'ready');
    await page.tap('.staff-help >>> .t-button');
    const url = `/pages/help/index?householdId=${household601Staff.householdId}&label=${encodeURIComponent(household601Staff.label)}`;
    expect(wx.navigations).toEqual([url]);
    page.detach();

    page = renderPage('pages/help/index', {
      wx,
      query: { householdId: household601Staff.householdId, label: encodeURIComponent(household601Staff.label) },
    });
    await waitFor(() => page!.instance.data.status === 'ready');
    expect(wx.titles).toContain('代为求助');
    expect(page.textOf('.page-state')).toContain(`为 ${household601Staff.label} 代为求助`);
    expect(wx.callsTo('community', 'me.get')).toHaveLength(0);
    await page.tap('#category-1');
    await pickRadio(page, '.help-urgency', '尽快');
    await describe_(page, '住户电话说快递在小区门口，腿脚不便');
    await page.tap('.help-submit >>> .t-button');
    await waitFor(() => wx.callsTo('help', 'help.create').length === 1);
    expect(wx.callsTo('help', 'help.create')[0].data).toMatchObject({
      householdId: household601Staff.householdId,
      category: '取快递',
      urgency: 3,
    });
  });

  it('asks a resident with no household to bind one first', async () => {
    const wx = new FakeWx().ok('community', 'me.get', { ...meResident, households: [] });
    page = renderPage('pages/help/index', { wx });
    await waitFor(() => page!.instance.data.status === 'empty');
    expect(page.textOf('.page-state')).toContain('请先在「我的」里绑定房屋');
  });
});

describe('我的求助', () => {
  it('lists requests with their state, newest first; a row opens its progress', async () => {
    const wx = new FakeWx().ok('help', 'help.mine', helpMine);
    page = renderPage('pages/help-mine/index', { wx });
    await waitFor(() => page!.instance.data.status === 'ready');
    expect(page.instance.data.items.map((r: { title: string; statusLabel: string }) => [r.title, r.statusLabel])).toEqual([
      ['买药 · 3-1-301', '等待接单'],
      ['倒垃圾 · 3-1-301', '已解决'],
    ]);
    expect(page.instance.data.items[0].meta).toBe('11月22日 15:25 · 紧急 · 已通知楼道长');
    expect(page.instance.data.items[1].meta).toBe('11月21日 16:05 · 一般');
    await page.tap('.help-row');
    expect(wx.navigations).toEqual([`/pages/help-detail/index?helpRequestId=${helpMine.items[0].helpRequestId}`]);
  });

  it('empty and error states, pull-to-refresh', async () => {
    const wx = new FakeWx().fail('help', 'help.mine', 'SYSTEM.BUSY', '系统繁忙，请稍后重试');
    page = renderPage('pages/help-mine/index', { wx });
    await waitFor(() => page!.instance.data.status === 'error');
    wx.ok('help', 'help.mine', { items: [], nextCursor: null });
    await page.tap('.page-state >>> .state-view__retry >>> .t-button');
    await waitFor(() => page!.instance.data.status === 'empty');
    expect(page.textOf('.page-state')).toBe('还没有求助记录');
    await page.instance.onPullDownRefresh();
    expect(wx.pullDownStops).toBe(1);
  });
});

describe('求助详情', () => {
  const id = helpAsLeader.helpRequestId;

  it('the resident sees the steps and who was told, may cancel, sees no phones', async () => {
    const wx = new FakeWx().ok('help', 'help.get', helpAsResident);
    page = renderPage('pages/help-detail/index', { wx, query: { helpRequestId: id } });
    await waitFor(() => page!.instance.data.status === 'ready');
    const d = page.instance.data.detail;
    expect(d.steps.map((s: { title: string; state: string }) => [s.title, s.state])).toEqual([
      ['已提交', 'done'],
      ['等待接单', 'current'],
      ['解决', 'waiting'],
    ]);
    expect(d.steps[1].note).toBe('已通知楼道长，17:25 前无人接单将继续上报');
    expect(d.alerts).toEqual([
      { time: '15:25', who: '楼道长 张建国', how: '待办', reason: '提交时通知' },
      { time: '15:25', who: '志愿者 陈志强', how: '待办', reason: '提交时通知' },
    ]);
    expect(page.exists('.help-call')).toBe(false);
    expect(page.exists('.help-accept')).toBe(false);
    expect(page.exists('.help-cancel')).toBe(true);
  });

  it('staff call the household, accept (a lost answer retried with the same id), then resolve with a note', async () => {
    const wx = new FakeWx()
      .ok('help', 'help.get', helpAsLeader)
      .ok('help', 'help.accept', helpAccepted)
      .loseAnswer('help', 'help.accept')
      .ok('help', 'help.resolve', helpResolved);
    page = renderPage('pages/help-detail/index', { wx, query: { helpRequestId: id } });
    await waitFor(() => page!.instance.data.status === 'ready');
    expect(page.textOf('.help-contacts')).toContain('王秀英（本人）');
    await page.tap('.help-call >>> .t-button');
    expect(wx.phoneCalls).toEqual([helpAsLeader.contacts[0].phone]);

    await page.tap('.help-accept >>> .t-button');
    await waitFor(() => wx.toasts.some((t) => t.title === '网络不给力，请检查网络后重试'));
    await waitFor(() => !page!.instance.data.busy);
    await page.tap('.help-accept >>> .t-button');
    await waitFor(() => page!.instance.data.detail.canResolve);
    const accepts = wx.callsTo('help', 'help.accept');
    expect(accepts[1].requestId).toBe(accepts[0].requestId);
    expect(page.instance.data.detail.steps[1]).toEqual({ title: '已接单', note: '志愿者 陈志强 16:05', state: 'done' });

    await page.tap('.help-resolve >>> .t-button');
    await waitFor(() => page!.instance.data.dialog === 'resolve');
    await page.instance.onDialogConfirm();
    expect(page.instance.data.noteError).toBe('请写明怎么处理的，例如：药已送到门口');
    expect(wx.callsTo('help', 'help.resolve')).toHaveLength(0);
    page.instance.onNoteChange({ detail: { value: '药已买到，放在门口，已电话告知' } });
    await page.instance.onDialogConfirm();
    await waitFor(() => page!.instance.data.detail.statusLabel === '已解决');
    expect(wx.callsTo('help', 'help.resolve')[0].data).toEqual({ helpRequestId: id, note: '药已买到，放在门口，已电话告知' });
    expect(page.instance.data.detail.steps[2]).toEqual({ title: '已解决', note: '16:05 药已买到，放在门口，已电话告知', state: 'done' });
    expect(page.exists('.help-resolve')).toBe(false);
    expect(wx.toasts.at(-1)).toEqual({ title: '已标记解决', icon: 'success' });
  });

  it('accepting what someone else took: says who, and shows the request as it is now', async () => {
    const wx = new FakeWx().ok('help', 'help.get', helpAsLeader).fail('help', 'help.accept', helpTaken.code, helpTaken.message);
    page = renderPage('pages/help-detail/index', { wx, query: { helpRequestId: id } });
    await waitFor(() => page!.instance.data.status === 'ready');
    wx.ok('help', 'help.get', { ...helpAccepted, actions: [] });
    await page.tap('.help-accept >>> .t-button');
    await waitFor(() => page!.instance.data.takenMessage === '这条求助已由志愿者 陈志强于 16:05 接单，无需重复处理');
    await waitFor(() => !page!.instance.data.detail.canAccept);
    expect(page.text()).toContain('这条求助已由志愿者 陈志强于 16:05 接单');
    expect(wx.toasts.at(-1)?.title).toBe(helpTaken.message);
  });
});

describe('首页', () => {
  it('offers 我要求助 and 我的求助 to everyone; staff see 我的待办 with a badge', async () => {
    const wx = new FakeWx().ok('health', 'isolation.mine', myIsolations).ok('health', 'tasks.counts', countsGrid);
    page = renderPage('pages/home/index', { wx });
    await waitFor(() => page!.instance.data.inbox !== null);
    expect(page.instance.data.inbox).toEqual({ show: true, count: '2', description: '2 件待办，其中 2 件紧急', urgent: true });
    expect(page.textOf('.home-inbox >>> .t-cell')).toContain('我的待办');
    await page.tap('.home-help >>> .t-cell');
    await page.tap('.home-help-mine >>> .t-cell');
    await page.tap('.home-inbox >>> .t-cell');
    expect(wx.navigations).toEqual(['/pages/help/index', '/pages/help-mine/index', '/pages/tasks/index']);
  });

  it('a resident sees no 我的待办', async () => {
    const wx = new FakeWx().ok('health', 'isolation.mine', myIsolations).ok('health', 'tasks.counts', countsResident);
    page = renderPage('pages/home/index', { wx });
    await waitFor(() => page!.instance.data.inbox !== null);
    expect(page.exists('.home-inbox')).toBe(false);
    expect(page.exists('.home-help')).toBe(true);
  });
});

describe('求助升级时间 (admin)', () => {
  it('shows the community’s times and saves new ones; reached from 社区管理', async () => {
    const wx = new FakeWx().ok('help', 'help.responseTimes', responseTimesDefault).ok('help', 'help.setResponseTimes', responseTimesSaved);
    page = renderPage('packages/admin/pages/help-settings/index', { wx, query: { communityId: 'demo-jixing' } });
    await waitFor(() => page!.instance.data.status === 'ready');
    expect(page.textOf('.help-settings-summary')).toContain('危及生命的求助 10 分钟无人接单就升级，其他求助 2 小时');
    await pickRadio(page, '.help-settings-urgent', '5 分钟');
    await pickRadio(page, '.help-settings-other', '1 小时');
    await waitFor(() => page!.instance.data.form.other === '60');
    await page.tap('.help-settings-save >>> .t-button');
    await waitFor(() => page!.instance.data.form.summary.includes('5 分钟'));
    expect(wx.callsTo('help', 'help.setResponseTimes')[0].data).toEqual({ communityId: 'demo-jixing', urgentMinutes: 5, otherMinutes: 60 });
    expect(wx.toasts.at(-1)).toEqual({ title: '已保存', icon: 'success' });
    page.detach();

    page = renderPage('packages/admin/pages/overview/index', { wx, query: { communityId: 'demo-jixing', communityName: '吉星新苑' } });
    await page.tap('.admin-help-settings >>> .t-cell');
    expect(wx.navigations.at(-1)).toBe('/packages/admin/pages/help-settings/index?communityId=demo-jixing');
  });
});
