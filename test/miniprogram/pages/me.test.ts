import { FakeWx, renderPage, waitFor, type Rendered } from '../harness/render';

const leaderProfile = {
  roles: ['resident', 'buildingLeader'],
  grants: [{ role: 'buildingLeader', communityId: 'c1', buildingIds: ['b3'] }],
  households: [{ householdId: 'h301', communityId: 'c1', buildingId: 'b3', kind: 'member' }],
};
const gridProfile = { roles: ['gridWorker'], grants: [{ role: 'gridWorker', communityId: 'c1', gridId: 'g1' }], households: [] };
const residentProfile = { roles: ['resident'], grants: [], households: [leaderProfile.households[0]] };
const PROFILE = '.page-state';
const RETRY = '.page-state >>> .state-view__retry >>> .t-button';

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
    wx.ok('community', 'me.get', leaderProfile);
    await page.tap(RETRY);

    await waitFor(() => page!.textOf(PROFILE).includes('楼道长'));
    expect(wx.callsTo('community', 'me.get')).toHaveLength(1); // the offline try never reached the backend
    expect(page.textOf(PROFILE)).toContain('已绑定 1 户房屋');
    expect(page.textOf(PROFILE)).toContain('居民');
    expect(page.textOf(PROFILE)).toContain('我的楼栋');
    expect(page.exists(RETRY)).toBe(false);
  });

  it('shows the function’s own message for a refused call', async () => {
    const wx = new FakeWx().fail('community', 'me.get', 'AUTH.NOT_REGISTERED', '您还没有登记住户信息，请先登记');
    page = renderPage('pages/me/index', { wx });

    await waitFor(() => page!.instance.data.status === 'error');
    expect(page.textOf(PROFILE)).toContain('您还没有登记住户信息，请先登记');
    expect(wx.toasts.map((t) => t.title)).toEqual(['您还没有登记住户信息，请先登记']);
  });

  it('opens a workbench in its subpackage', async () => {
    const wx = new FakeWx().ok('community', 'me.get', leaderProfile);
    page = renderPage('pages/me/index', { wx });
    await waitFor(() => page!.textOf(PROFILE).includes('我的楼栋'));

    await page.tap('.me-workbench >>> .t-cell');
    expect(wx.navigations).toEqual(['/packages/leader/pages/buildings/index']);
  });

  it('switches the demo identity in local mode: the next call is made as that person', async () => {
    const wx = new FakeWx().on('community', 'me.get', (call) => ({
      ok: true,
      data: call.openid === 'demo-grid' ? gridProfile : residentProfile,
    }));
    page = renderPage('pages/me/index', { wx });
    await waitFor(() => page!.instance.data.status === 'ready');
    expect(page.textOf(PROFILE)).not.toContain('网格看板');
    expect(wx.calls[0]).toMatchObject({ via: 'request', openid: 'demo-resident' });
    expect(page.instance.data.identities.find((i: { current: boolean }) => i.current).openid).toBe('demo-resident');

    await page.tap('#identity-demo-grid >>> .t-cell');

    await waitFor(() => page!.textOf(PROFILE).includes('网格看板'));
    expect(wx.storage.get('shouwang.devOpenid')).toBe('demo-grid');
    expect(wx.calls.map((c) => c.openid)).toEqual(['demo-resident', 'demo-grid']);
    expect(page.textOf(PROFILE)).toContain('还没有绑定房屋');
    expect(page.instance.data.identities.find((i: { current: boolean }) => i.current).openid).toBe('demo-grid');
  });

  it('has no identity picker in cloud mode, where WeChat says who the caller is', async () => {
    const wx = new FakeWx().ok('community', 'me.get', leaderProfile);
    wx.envVersion = 'release';
    page = renderPage('pages/me/index', { wx });

    await waitFor(() => page!.textOf(PROFILE).includes('楼道长'));
    expect(wx.calls[0]).toMatchObject({ via: 'cloud', name: 'community', action: 'me.get' });
    expect(wx.cloudInits).toHaveLength(1);
    expect(page.text()).not.toContain('演示身份');
    expect(page.exists('#identity-demo-grid')).toBe(false);
  });
});
