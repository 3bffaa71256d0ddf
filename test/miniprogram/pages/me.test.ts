import { meAdmin, meGrid, meLeader, meNewcomerAfter, meResident } from '../fixtures/community';
import { FakeWx, renderPage, waitFor, type Rendered } from '../harness/render';

const PROFILE = '.page-state';
const RETRY = '.page-state >>> .state-view__retry >>> .t-button';

/** A person who is both 楼道长 and a resident (a real leader lives in the building too). */
const leaderAtHome = { ...meLeader, roles: ['buildingLeader', 'resident'], households: meResident.households };

let page: Rendered | undefined;
afterEach(() => page?.detach());

describe('我的', () => {
  it('shows the error state when me.get fails, and the retry button loads the profile', async () => {
    const wx = new FakeWx();
    wx.online = false;
    page = renderPage('pages/me/index', { wx });

    await waitFor(() => page!.instance.data.status === 'error');
    expect(page.textOf(PROFILE)).toContain('网络不给力，请检查网络后重试');
    expect(page.textOf(PROFILE)).toContain('重新加载');
    expect(wx.toasts).toEqual([{ title: '网络不给力，请检查网络后重试', icon: 'none' }]);
    expect(page.textOf(PROFILE)).not.toContain('楼道长');

    wx.online = true;
    wx.ok('community', 'me.get', leaderAtHome);
    await page.tap(RETRY);

    await waitFor(() => page!.textOf(PROFILE).includes('我的楼栋'));
    expect(wx.callsTo('community', 'me.get')).toHaveLength(1); // the offline try never reached the backend
    expect(page.textOf(PROFILE)).toContain('已绑定 1 户房屋');
    expect(page.textOf('.me-household >>> .t-cell')).toContain('吉星新苑 3-1-301');
    expect(page.textOf('.me-household >>> .t-cell')).toContain('绿·正常');
    expect(page.exists(RETRY)).toBe(false);
  });

  it('shows the function’s own message for a refused call', async () => {
    const wx = new FakeWx().fail('community', 'me.get', 'AUTH.FORBIDDEN', '这不在你负责的范围内，无法操作');
    page = renderPage('pages/me/index', { wx });

    await waitFor(() => page!.instance.data.status === 'error');
    expect(page.textOf(PROFILE)).toContain('这不在你负责的范围内，无法操作');
    expect(wx.toasts.map((t) => t.title)).toEqual(['这不在你负责的范围内，无法操作']);
  });

  it('switches roles: the chosen role decides the workbench, and is remembered', async () => {
    const wx = new FakeWx().ok('community', 'me.get', leaderAtHome);
    page = renderPage('pages/me/index', { wx });
    await waitFor(() => page!.instance.data.status === 'ready');

    // Most responsibility first: acting as 楼道长 by default.
    expect(page.text()).toContain('楼道长');
    expect(page.textOf(PROFILE)).toContain('我的楼栋');
    const tabs = page.comp.querySelectorAll('.me-roles >>> .t-tabs__item');
    expect(tabs.map((t) => t.dom?.textContent?.trim())).toEqual(['楼道长', '居民']);

    tabs[1].dispatchEvent('tap');
    await waitFor(() => page!.instance.data.profile.activeRole === 'resident');
    expect(page.textOf('.me-card')).toContain('居民');
    expect(page.textOf(PROFILE)).not.toContain('我的楼栋');
    expect(wx.storage.get('shouwang.activeRole')).toBe('resident');
    expect(wx.callsTo('community', 'me.get')).toHaveLength(1); // a switch redraws, it does not reload

    // The next launch starts as the role chosen last time.
    page.detach();
    const next = new FakeWx().ok('community', 'me.get', leaderAtHome);
    next.storage.set('shouwang.activeRole', 'resident');
    page = renderPage('pages/me/index', { wx: next });
    await waitFor(() => page!.instance.data.status === 'ready');
    expect(page.instance.data.profile.activeRole).toBe('resident');
  });

  it('opens a workbench in its subpackage with the scope it needs', async () => {
    const wx = new FakeWx().ok('community', 'me.get', meGrid);
    page = renderPage('pages/me/index', { wx });
    await waitFor(() => page!.textOf(PROFILE).includes('第一网格工作台'));
    expect(page.exists('.me-roles')).toBe(false); // one role: nothing to switch

    await page.tap('.me-workbench >>> .t-cell');
    expect(wx.navigations).toEqual([
      `/packages/grid/pages/board/index?communityId=demo-jixing&gridId=${meGrid.grants[0].gridId}&gridName=${encodeURIComponent('第一网格')}`,
    ]);
  });

  it('lists binding requests with their status and reason, and withdraws a pending one after confirming', async () => {
    const wx = new FakeWx().ok('community', 'me.get', meNewcomerAfter);
    const pending = meNewcomerAfter.bindings.find((b) => b.status === 'pending')!;
    wx.ok('community', 'binding.cancel', { ...pending, status: 'cancelled' });
    page = renderPage('pages/me/index', { wx });
    await waitFor(() => page!.instance.data.status === 'ready');

    const cards = page.comp.querySelectorAll('.me-binding');
    expect(cards).toHaveLength(2);
    expect(cards[0].dom?.textContent).toContain('等待楼道长确认');
    expect(cards[1].dom?.textContent).toContain('未通过');
    expect(cards[1].dom?.textContent).toContain('原因：房主说不认识此人');
    expect(page.textOf(PROFILE)).toContain('绑定申请已提交，等待楼道长确认');

    await page.tap('.me-binding-cancel >>> .t-button');
    expect(page.instance.data.cancelBindingId).toBe(pending.bindingId);
    expect(wx.callsTo('community', 'binding.cancel')).toHaveLength(0); // nothing happens before the person confirms

    wx.ok('community', 'me.get', { ...meNewcomerAfter, bindings: meNewcomerAfter.bindings.filter((b) => b !== pending) });
    await page.tap('.me-cancel-dialog >>> .t-dialog__button--confirm >>> .t-button');
    await waitFor(() => page!.comp.querySelectorAll('.me-binding').length === 1);
    expect(wx.callsTo('community', 'binding.cancel').map((c) => c.data)).toEqual([{ bindingId: pending.bindingId }]);
    expect(wx.toasts.map((t) => t.title)).toContain('已撤回申请');
  });

  it('switches the demo identity in local mode: the next call is made as that person', async () => {
    const wx = new FakeWx().on('community', 'me.get', (call) => ({
      ok: true,
      data: call.openid === 'demo-admin' ? meAdmin : meResident,
    }));
    page = renderPage('pages/me/index', { wx });
    await waitFor(() => page!.instance.data.status === 'ready');
    expect(page.textOf(PROFILE)).not.toContain('社区管理');
    expect(wx.calls[0]).toMatchObject({ via: 'request', openid: 'demo-resident' });
    expect(page.instance.data.identities).toHaveLength(7);

    await page.tap('#identity-demo-admin >>> .t-cell');

    await waitFor(() => page!.textOf(PROFILE).includes('社区管理'));
    expect(wx.storage.get('shouwang.devOpenid')).toBe('demo-admin');
    expect(wx.calls.map((c) => c.openid)).toEqual(['demo-resident', 'demo-admin']);
    expect(page.textOf(PROFILE)).toContain('还没有绑定房屋');
    expect(page.instance.data.identities.find((i: { current: boolean }) => i.current).openid).toBe('demo-admin');
  });

  it('has no identity picker in cloud mode, where WeChat says who the caller is', async () => {
    const wx = new FakeWx().ok('community', 'me.get', meLeader);
    wx.envVersion = 'release';
    page = renderPage('pages/me/index', { wx });

    await waitFor(() => page!.textOf(PROFILE).includes('楼道长'));
    expect(wx.calls[0]).toMatchObject({ via: 'cloud', name: 'community', action: 'me.get' });
    expect(wx.cloudInits).toHaveLength(1);
    expect(page.text()).not.toContain('演示身份');
    expect(page.exists('#identity-demo-grid')).toBe(false);
  });
});
