import { FakeWx, renderPage, waitFor, type Rendered } from '../harness/render';

const leaderProfile = { name: '李建国', communityName: '幸福里社区', roles: ['resident', 'buildingLeader'] };
const RETRY = '.page-state >>> .state-view__retry >>> .t-button';

let page: Rendered | undefined;
afterEach(() => page?.detach());

describe('我的', () => {
  it('shows the error state when me.get fails, and the retry button loads the profile', async () => {
    const wx = new FakeWx();
    wx.online = false;
    page = renderPage('pages/me/index', { wx });

    await waitFor(() => page!.instance.data.status === 'error');
    expect(page.text()).toContain('网络不给力，请检查网络后重试');
    expect(page.text()).toContain('重新加载');
    expect(wx.toasts).toEqual([{ title: '网络不给力，请检查网络后重试', icon: 'none' }]);
    expect(page.text()).not.toContain('李建国');

    wx.online = true;
    wx.ok('community', 'me.get', leaderProfile);
    await page.tap(RETRY);

    await waitFor(() => page!.text().includes('李建国'));
    expect(wx.callsTo('community', 'me.get')).toHaveLength(1); // the offline try never reached the backend
    expect(page.text()).toContain('幸福里社区');
    expect(page.text()).toContain('楼道长');
    expect(page.text()).toContain('我的楼栋');
    expect(page.exists(RETRY)).toBe(false);
  });

  it('shows the function’s own message for a refused call', async () => {
    const wx = new FakeWx().fail('community', 'me.get', 'AUTH.NOT_REGISTERED', '您还没有登记住户信息，请先登记');
    page = renderPage('pages/me/index', { wx });

    await waitFor(() => page!.instance.data.status === 'error');
    expect(page.text()).toContain('您还没有登记住户信息，请先登记');
    expect(wx.toasts.map((t) => t.title)).toEqual(['您还没有登记住户信息，请先登记']);
  });

  it('opens a workbench in its subpackage', async () => {
    const wx = new FakeWx().ok('community', 'me.get', leaderProfile);
    page = renderPage('pages/me/index', { wx });
    await waitFor(() => page!.text().includes('我的楼栋'));

    await page.tap('.me-workbench >>> .t-cell');
    expect(wx.navigations).toEqual(['/packages/leader/pages/buildings/index']);
  });

  it('switches the demo identity in local mode: the next call is made as that person', async () => {
    const wx = new FakeWx().on('community', 'me.get', (call) => ({
      ok: true,
      data:
        call.openid === 'demo-grid'
          ? { name: '王敏', communityName: '幸福里社区', roles: ['gridWorker'] }
          : { name: '张阿姨', communityName: '幸福里社区', roles: ['resident'] },
    }));
    page = renderPage('pages/me/index', { wx });
    await waitFor(() => page!.text().includes('张阿姨'));
    expect(wx.calls[0]).toMatchObject({ via: 'request', openid: 'demo-resident' });
    expect(page.instance.data.identities.find((i: { current: boolean }) => i.current).openid).toBe('demo-resident');

    await page.tap('#identity-demo-grid >>> .t-cell');

    await waitFor(() => page!.text().includes('王敏'));
    expect(wx.storage.get('shouwang.devOpenid')).toBe('demo-grid');
    expect(wx.calls.map((c) => c.openid)).toEqual(['demo-resident', 'demo-grid']);
    expect(page.text()).toContain('网格看板');
    expect(page.instance.data.identities.find((i: { current: boolean }) => i.current).openid).toBe('demo-grid');
  });

  it('has no identity picker in cloud mode, where WeChat says who the caller is', async () => {
    const wx = new FakeWx().ok('community', 'me.get', leaderProfile);
    wx.envVersion = 'release';
    page = renderPage('pages/me/index', { wx });

    await waitFor(() => page!.text().includes('李建国'));
    expect(wx.calls[0]).toMatchObject({ via: 'cloud', name: 'community', action: 'me.get' });
    expect(wx.cloudInits).toHaveLength(1);
    expect(page.text()).not.toContain('演示身份');
    expect(page.exists('#identity-demo-grid')).toBe(false);
  });
});
