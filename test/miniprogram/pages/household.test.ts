/** 我的房屋 and 查看我的数据: a household as its resident sees it, and what they may do with it. */
import { householdProxy, householdResident, myDataResident, unbound } from '../fixtures/community';
import { FakeWx, renderPage, waitFor, type Rendered } from '../harness/render';

const HOUSEHOLD = 'pages/household/index';
const RETRY = '.page-state >>> .state-view__retry >>> .t-button';
const query = { householdId: householdResident.householdId };

let page: Rendered | undefined;
afterEach(() => page?.detach());

describe('我的房屋', () => {
  it('shows members with phones as the server gave them, the state in words and colour, and the history', async () => {
    const wx = new FakeWx().ok('community', 'household.get', householdResident);
    page = renderPage(HOUSEHOLD, { wx, query });
    await waitFor(() => page!.instance.data.status === 'ready');

    expect(wx.calls.map((c) => [c.action, c.data])).toEqual([['household.get', query]]);
    const text = page.textOf('.page-state');
    expect(text).toContain('3-1-301');
    expect(text).toContain('3号楼 1单元 301室');
    expect(page.textOf('.household-risk')).toBe('绿·正常');
    expect(page.find('.household-risk').dom?.className).toContain('risk-chip--green');

    const members = page.comp.querySelectorAll('.household-member');
    expect(members.map((m) => m.dom?.textContent?.replace(/\s+/g, ''))).toEqual([
      expect.stringContaining('王秀英（本人）手机：13912345678本人已绑定微信'),
      '王大爷（父母）移除手机：未登记手机号没有绑定微信，由家人或楼道长代管',
      '王小明（子女）移除手机：137****1111没有绑定微信，由家人或楼道长代管',
    ]);
    // One who has their own WeChat leaves by unbinding; only the others can be removed here.
    expect(members[0].dom?.textContent).not.toContain('移除');
    expect(text).toContain('添加成员：王大爷（父母）');
    expect(text).toContain('居民');

    await page.tap('.household-add >>> .t-button');
    expect(wx.navigations).toEqual([`/pages/member-add/index?householdId=${query.householdId}`]);
    await page.tap('.household-data >>> .t-cell');
    expect(wx.navigations.at(-1)).toBe(`/pages/household-data/index?householdId=${query.householdId}`);
  });

  it('shows who acts for the household from elsewhere', async () => {
    const wx = new FakeWx().ok('community', 'household.get', householdProxy);
    page = renderPage(HOUSEHOLD, { wx, query: { householdId: householdProxy.householdId } });
    await waitFor(() => page!.instance.data.status === 'ready');
    expect(page.textOf('.page-state')).toContain('李娜（子女）在外地代为办理');
    expect(page.textOf('.page-state')).toContain('还没有变更记录');
  });

  it('shows the error with a retry, then the household', async () => {
    const wx = new FakeWx().fail('community', 'household.get', 'HOUSEHOLD.NOT_FOUND', '找不到这户房屋');
    page = renderPage(HOUSEHOLD, { wx, query });
    await waitFor(() => page!.instance.data.status === 'error');
    expect(page.textOf('.page-state')).toContain('找不到这户房屋');
    expect(wx.toasts.map((t) => t.title)).toEqual(['找不到这户房屋']);

    wx.ok('community', 'household.get', householdResident);
    await page.tap(RETRY);
    await waitFor(() => page!.instance.data.status === 'ready');
  });

  it('removes a member only after the person confirms', async () => {
    const wx = new FakeWx().ok('community', 'household.get', householdResident);
    const grandpa = householdResident.members[1];
    wx.ok('community', 'household.removeMember', { ...householdResident, members: householdResident.members.filter((m) => m !== grandpa) });
    page = renderPage(HOUSEHOLD, { wx, query });
    await waitFor(() => page!.instance.data.status === 'ready');

    await page.tap('.household-member__remove >>> .t-button');
    expect(page.instance.data.removing).toEqual({ residentId: grandpa.residentId, name: '王大爷' });
    expect(page.textOf('.household-remove-dialog >>> .t-dialog__header')).toBe('移除 王大爷？');
    expect(wx.callsTo('community', 'household.removeMember')).toHaveLength(0);

    await page.tap('.household-remove-dialog >>> .t-dialog__button--confirm >>> .t-button');
    await waitFor(() => page!.comp.querySelectorAll('.household-member').length === 2);
    expect(wx.callsTo('community', 'household.removeMember').map((c) => c.data)).toEqual([
      { householdId: query.householdId, residentId: grandpa.residentId },
    ]);
    expect(wx.toasts.at(-1)?.title).toBe('已移除');
  });

  it('unbinds after a dialog that says the person’s data will be deleted, and a failure keeps them here', async () => {
    const wx = new FakeWx()
      .ok('community', 'household.get', householdResident)
      .fail('community', 'household.unbind', 'INTERNAL', '服务出错了，请稍后重试');
    page = renderPage(HOUSEHOLD, { wx, query });
    await waitFor(() => page!.instance.data.status === 'ready');

    await page.tap('.household-unbind >>> .t-cell');
    expect(page.textOf('.household-unbind-dialog >>> .t-dialog__body')).toContain('个人信息（姓名、手机号）');
    expect(page.textOf('.household-unbind-dialog >>> .t-dialog__body')).toContain('将被删除');

    await page.tap('.household-unbind-dialog >>> .t-dialog__button--confirm >>> .t-button');
    await waitFor(() => wx.toasts.at(-1)?.title === '服务出错了，请稍后重试');
    expect(wx.backs).toEqual([]);

    wx.ok('community', 'household.unbind', unbound);
    await page.tap('.household-unbind >>> .t-cell');
    await page.tap('.household-unbind-dialog >>> .t-dialog__button--confirm >>> .t-button');
    await waitFor(() => wx.backs.length === 1);
    expect(wx.callsTo('community', 'household.unbind').map((c) => c.data)).toEqual([query, query]);
    expect(wx.toasts.at(-1)?.title).toBe('已解除绑定');
  });
});

describe('查看我的数据', () => {
  it('lists everything kept about the household in words', async () => {
    const wx = new FakeWx().ok('community', 'household.myData', myDataResident);
    page = renderPage('pages/household-data/index', { wx, query });
    await waitFor(() => page!.instance.data.status === 'ready');

    const text = page.textOf('.page-state');
    expect(text).toContain('3-1-301');
    expect(text).toContain('橙·居家隔离');
    expect(text).toContain('王秀英（本人）');
    // Health data is part of what is kept, with how long.
    expect(text).toContain('王秀英 · 居家隔离（外地返回）');
    expect(text).toContain('2026-11-18 至 2026-12-01');
    expect(text).toContain('王秀英 · 2026-11-18 上午');
    expect(text).toContain('36.2 °C · 无症状');
    expect(text).toContain('隔离结束 30 天后自动删除');
    expect(text).toContain('137****1111');
    expect(text).toContain('没有代办人');
    expect(text).toContain('本人住这里');
    expect(text).toContain('已确认');
    expect(wx.callsTo('community', 'household.myData').map((c) => c.data)).toEqual([query]);
  });

  it('shows the error state', async () => {
    const wx = new FakeWx();
    wx.online = false;
    page = renderPage('pages/household-data/index', { wx, query });
    await waitFor(() => page!.instance.data.status === 'error');
    expect(page.textOf('.page-state')).toContain('网络不给力，请检查网络后重试');
  });
});
