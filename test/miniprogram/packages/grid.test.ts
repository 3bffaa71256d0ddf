/** 网格工作台, 任命 and 任命记录 (grid subpackage): appointing by invitation code, the records, revoking. */
import {
  appointInvalid,
  appointedGridWorker,
  appointedLeader,
  grids,
  meGrid,
  myBuildingsGrid,
  revoked,
  rolesGridWithInvite,
} from '../fixtures/community';
import { FakeWx, renderPage, waitFor, type Rendered } from '../harness/render';

const gridId = meGrid.grants[0].gridId!;
const query = { communityId: 'demo-jixing', gridId, gridName: encodeURIComponent('第一网格') };
const RETRY = '.page-state >>> .state-view__retry >>> .t-button';

let page: Rendered | undefined;
afterEach(() => page?.detach());

async function type(p: Rendered, field: string, value: string): Promise<void> {
  p.find(`${field} >>> .t-input__control`).dispatchEvent('input', { detail: { value, cursor: value.length, keyCode: 0 } });
  await new Promise((resolve) => setTimeout(resolve, 10));
}
const tips = (p: Rendered, field: string) => (p.exists(`${field} >>> .t-input__tips`) ? p.textOf(`${field} >>> .t-input__tips`) : '');

/** Taps the n-th option of a TDesign radio / checkbox group, as a finger would. */
function tapOption(p: Rendered, group: string, kind: 'radio' | 'checkbox', n: number): void {
  p.comp.querySelectorAll(`${group} >>> .t-${kind}-option`)[n].querySelector(`.t-${kind}__content`)!.dispatchEvent('tap');
}

describe('网格工作台', () => {
  it('sums the grid’s buildings and opens a building’s board', async () => {
    const wx = new FakeWx().ok('community', 'building.listMine', myBuildingsGrid);
    page = renderPage('packages/grid/pages/board/index', { wx, query });
    await waitFor(() => page!.instance.data.status === 'ready');

    const stats = page.textOf('.grid-stats').replace(/\s/g, '');
    expect(stats).toBe(`6楼栋144住户${myBuildingsGrid.reduce((n, b) => n + b.unreachable, 0)}未联系上1待确认绑定`);
    expect(page.text()).toContain('第一网格');
    expect(page.comp.querySelectorAll('.grid-building')).toHaveLength(6);

    await page.tap('.grid-building >>> .t-cell');
    expect(wx.navigations).toEqual([`/packages/leader/pages/board/index?buildingId=${myBuildingsGrid[0].buildingId}`]);
    await page.tap('.grid-appoint >>> .t-button');
    expect(wx.navigations.at(-1)).toBe(
      `/packages/grid/pages/appoint/index?communityId=demo-jixing&gridId=${gridId}&gridName=${encodeURIComponent('第一网格')}`,
    );
  });

  it('shows the error state and retries', async () => {
    const wx = new FakeWx().fail('community', 'building.listMine', 'INTERNAL', '服务出错了，请稍后重试');
    page = renderPage('packages/grid/pages/board/index', { wx, query });
    await waitFor(() => page!.instance.data.status === 'error');
    expect(page.textOf('.page-state')).toContain('服务出错了，请稍后重试');
    wx.ok('community', 'building.listMine', myBuildingsGrid);
    await page.tap(RETRY);
    await waitFor(() => page!.instance.data.status === 'ready');
  });
});

describe('任命楼道长、志愿者', () => {
  const building3 = myBuildingsGrid.find((b) => b.name === '3号楼')!;

  it('checks the form, retries a lost answer with the same request id, and shows the code big with a copy button', async () => {
    const wx = new FakeWx()
      .ok('community', 'building.listMine', myBuildingsGrid)
      .ok('community', 'role.appoint', appointedLeader)
      .loseAnswer('community', 'role.appoint');
    page = renderPage('packages/grid/pages/appoint/index', { wx, query });
    await waitFor(() => page!.instance.data.scopeStatus === 'ready');
    expect(wx.titles).toEqual(['任命楼道长、志愿者']);

    await page.tap('.appoint-submit >>> .t-button');
    expect(tips(page, '.appoint-name')).toBe('请填写姓名');
    expect(tips(page, '.appoint-phone')).toBe('请填写手机号');
    expect(page.textOf('.appoint-error-scope')).toBe('请至少选择 1 项楼栋');
    expect(wx.callsTo('community', 'role.appoint')).toHaveLength(0);

    await type(page, '.appoint-name', '周楼长');
    await type(page, '.appoint-phone', '13811112222');
    tapOption(page, '.appoint-buildings', 'checkbox', myBuildingsGrid.indexOf(building3));
    await waitFor(() => page!.instance.data.form.buildingIds.length === 1);
    await page.tap('.appoint-submit >>> .t-button');
    await waitFor(() => wx.toasts.at(-1)?.title === '网络不给力，请检查网络后重试');
    await waitFor(() => !page!.instance.data.submitting);

    await page.tap('.appoint-submit >>> .t-button');
    await waitFor(() => page!.exists('.appoint-code'));
    const [first, retry] = wx.callsTo('community', 'role.appoint');
    expect(first.data).toEqual({
      communityId: 'demo-jixing',
      role: 'buildingLeader',
      name: '周楼长',
      phone: '13811112222',
      buildingIds: [building3.buildingId],
    });
    expect(retry.data).toEqual(first.data);
    expect(retry.requestId).toBe(first.requestId);

    expect(page.textOf('.appoint-code')).toBe(appointedLeader.inviteCode);
    expect(page.text()).toContain('周楼长 · 楼道长 · 3号楼');
    expect(page.text()).toContain('11月25日 15:17 前有效');
    await page.tap('.appoint-copy >>> .t-button');
    expect(wx.clipboard).toEqual([appointedLeader.inviteCode]);
    expect(wx.toasts.at(-1)?.title).toBe('已复制任命码');

    // The next appointment is a new one.
    await page.tap('.appoint-another >>> .t-button');
    expect(page.exists('.appoint-code')).toBe(false);
    expect(page.instance.data.form.name).toBe('');
  });

  it('shows the server’s field problems under the fields', async () => {
    const wx = new FakeWx().ok('community', 'building.listMine', myBuildingsGrid).on('community', 'role.appoint', () => appointInvalid);
    page = renderPage('packages/grid/pages/appoint/index', { wx, query });
    await waitFor(() => page!.instance.data.scopeStatus === 'ready');
    tapOption(page, '.appoint-role', 'radio', 1);
    await waitFor(() => page!.instance.data.form.role === 'volunteer');
    await type(page, '.appoint-name', '陈志强');
    await type(page, '.appoint-phone', '13900000004');
    tapOption(page, '.appoint-buildings', 'checkbox', 0);
    await waitFor(() => page!.instance.data.form.buildingIds.length === 1);

    await page.tap('.appoint-submit >>> .t-button');
    await waitFor(() => tips(page!, '.appoint-phone') === '请填写 11 位大陆手机号，如 13812345678');
    expect(tips(page, '.appoint-name')).toBe('请填写姓名');
    expect(page.textOf('.appoint-error-scope')).toBe('请至少选择 1 项楼栋');
    expect(wx.callsTo('community', 'role.appoint')[0].data).toMatchObject({ role: 'volunteer' });
  });

  it('lets an admin appoint a grid worker for a grid', async () => {
    const wx = new FakeWx().ok('community', 'grid.list', grids).ok('community', 'role.appoint', appointedGridWorker);
    page = renderPage('packages/grid/pages/appoint/index', { wx, query: { communityId: 'demo-jixing', role: 'gridWorker' } });
    await waitFor(() => page!.instance.data.scopeStatus === 'ready');
    expect(wx.titles).toEqual(['任命网格员']);
    expect(page.exists('.appoint-role')).toBe(false);
    expect(page.textOf('.appoint-scope')).toContain('第一网格');
    expect(page.textOf('.appoint-scope')).toContain('网格员 刘芳');

    await type(page, '.appoint-name', '钱网格');
    await type(page, '.appoint-phone', '13811113333');
    await page.tap('.appoint-submit >>> .t-button');
    expect(page.textOf('.appoint-error-scope')).toBe('请选择网格');

    tapOption(page, '.appoint-grids', 'radio', 0);
    await waitFor(() => page!.instance.data.form.gridId === grids[0].gridId);
    await page.tap('.appoint-submit >>> .t-button');
    await waitFor(() => page!.exists('.appoint-code'));
    expect(wx.callsTo('community', 'role.appoint')[0].data).toEqual({
      communityId: 'demo-jixing',
      role: 'gridWorker',
      name: '钱网格',
      phone: '13811113333',
      gridId: grids[0].gridId,
    });
    expect(page.textOf('.appoint-code')).toBe(appointedGridWorker.inviteCode);
  });

  it('says so when the scope cannot load', async () => {
    const wx = new FakeWx().fail('community', 'grid.list', 'AUTH.FORBIDDEN', '这不在你负责的范围内，无法操作');
    page = renderPage('packages/grid/pages/appoint/index', { wx, query: { communityId: 'demo-jixing', role: 'gridWorker' } });
    await waitFor(() => page!.instance.data.scopeStatus === 'error');
    expect(page.textOf('.appoint-scope')).toContain('这不在你负责的范围内，无法操作');
    expect(wx.toasts.map((t) => t.title)).toEqual(['这不在你负责的范围内，无法操作']);
  });
});

describe('任命记录', () => {
  it('lists appointments with unused codes, and revokes one after confirming', async () => {
    const wx = new FakeWx().ok('community', 'role.list', rolesGridWithInvite);
    const target = rolesGridWithInvite.find((a) => a.assignmentId === revoked.assignmentId)!;
    wx.ok('community', 'role.revoke', revoked);
    page = renderPage('packages/grid/pages/assignments/index', { wx, query });
    await waitFor(() => page!.instance.data.status === 'ready');
    expect(wx.calls[0].data).toEqual({ communityId: 'demo-jixing', gridId });

    const card = page.find(`#assignment-${target.assignmentId}`).dom!.textContent!;
    expect(card).toContain('周楼长 · 楼道长');
    expect(card).toContain('待接受');
    expect(card).toContain(`任命码 ${target.inviteCode}`);
    expect(card).toContain('负责：3号楼');
    expect(page.find(`#assignment-${rolesGridWithInvite.find((a) => a.name === '刘芳')!.assignmentId}`).dom!.textContent).toContain('在任');

    const index = rolesGridWithInvite.indexOf(target);
    page.comp.querySelectorAll('.assignment-revoke')[index].querySelector('.t-button')!.dispatchEvent('tap');
    await waitFor(() => page!.instance.data.revoking?.assignmentId === target.assignmentId);
    expect(page.textOf('.assignment-revoke-dialog >>> .t-dialog__header')).toBe('撤销 周楼长 的楼道长任命？');
    await page.tap('.assignment-revoke-dialog >>> .t-dialog__button--confirm >>> .t-button');

    await waitFor(() => page!.find(`#assignment-${target.assignmentId}`).dom!.textContent!.includes('已撤销'));
    expect(wx.callsTo('community', 'role.revoke').map((c) => c.data)).toEqual([{ assignmentId: target.assignmentId }]);
    expect(page.find(`#assignment-${target.assignmentId}`).dom!.textContent).not.toContain('任命码');
    expect(wx.toasts.at(-1)?.title).toBe('已撤销任命');
  });

  it('shows the error state', async () => {
    const wx = new FakeWx();
    wx.online = false;
    page = renderPage('packages/grid/pages/assignments/index', { wx, query });
    await waitFor(() => page!.instance.data.status === 'error');
    expect(page.textOf('.page-state')).toContain('网络不给力，请检查网络后重试');
  });
});
