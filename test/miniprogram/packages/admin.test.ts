/** 社区管理, 导入社区结构, 网格管理 and 编辑网格 (admin subpackage). */
import { buildings, grids, gridsAfterSave, gridSaved, importDone, importFailed, myBuildingsGrid } from '../fixtures/community';
import { FakeWx, renderPage, waitFor, type Rendered } from '../harness/render';

const query = { communityId: 'demo-jixing' };
const RETRY = '.page-state >>> .state-view__retry >>> .t-button';

let page: Rendered | undefined;
afterEach(() => page?.detach());

async function type(p: Rendered, field: string, value: string): Promise<void> {
  p.find(`${field} >>> .t-input__control`).dispatchEvent('input', { detail: { value, cursor: value.length, keyCode: 0 } });
  await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('社区管理', () => {
  it('shows the community at a glance and the admin’s work', async () => {
    const wx = new FakeWx().ok('community', 'building.listMine', myBuildingsGrid).ok('community', 'grid.list', grids);
    page = renderPage('packages/admin/pages/overview/index', { wx, query: { ...query, communityName: encodeURIComponent('吉星新苑') } });
    await waitFor(() => page!.instance.data.status === 'ready');

    expect(page.text()).toContain('吉星新苑');
    expect(page.textOf('.page-state').replace(/\s/g, '')).toBe(
      `1网格6楼栋144住户${myBuildingsGrid.reduce((n, b) => n + b.unreachable, 0)}未联系上1待确认绑定0无网格员的网格`,
    );
    await page.tap('.admin-import >>> .t-button');
    expect(wx.navigations).toEqual(['/packages/admin/pages/import/index?communityId=demo-jixing']);
    await page.tap('.admin-appoint-grid >>> .t-cell');
    expect(wx.navigations.at(-1)).toBe('/packages/grid/pages/appoint/index?communityId=demo-jixing&role=gridWorker');
    await page.tap('.admin-records >>> .t-cell');
    expect(wx.navigations.at(-1)).toBe('/packages/grid/pages/assignments/index?communityId=demo-jixing');
  });

  it('shows the error state, and the import stays within reach', async () => {
    const wx = new FakeWx()
      .fail('community', 'grid.list', 'AUTH.FORBIDDEN', '这不在你负责的范围内，无法操作')
      .ok('community', 'building.listMine', []);
    page = renderPage('packages/admin/pages/overview/index', { wx, query });
    await waitFor(() => page!.instance.data.status === 'error');
    expect(page.textOf('.page-state')).toContain('这不在你负责的范围内，无法操作');
    expect(page.exists('.admin-import')).toBe(true);

    wx.ok('community', 'grid.list', []);
    await page.tap(RETRY);
    await waitFor(() => page!.instance.data.status === 'empty');
    expect(page.textOf('.page-state')).toBe('社区还没有楼栋，先导入社区结构');
  });
});

describe('导入社区结构', () => {
  const csv = '楼栋,单元,房号,姓名,手机号,与户主关系\n7号楼,1单元,101,测试甲,13800001111,本人\n7号楼,1单元,102,,,\n';

  it('uploads the chosen file to the local emulator’s storage, imports it, and polls the progress to the end', async () => {
    const reading = {
      ...importDone,
      status: 'reading' as const,
      processed: 2,
      total: 4,
      created: { grids: 0, buildings: 0, households: 0, residents: 0 },
      unchanged: 0,
    };
    const wx = new FakeWx().ok('community', 'structure.import', reading).ok('community', 'structure.importStatus', importDone);
    wx.pickedFile = { name: '吉星新苑.csv', size: csv.length, content: csv };
    page = renderPage('packages/admin/pages/import/index', { wx, query });

    await page.tap('.import-choose >>> .t-button');
    await waitFor(() => page!.instance.data.phase === 'importing' && page!.instance.data.report !== null);
    expect(wx.uploads).toHaveLength(1);
    expect(wx.uploads[0]).toMatchObject({ via: 'request', content: csv });
    expect(wx.uploads[0].cloudPath).toMatch(/^imports\/demo-jixing\/\d+-[0-9a-z]+\.csv$/);
    const start = wx.callsTo('community', 'structure.import')[0];
    expect(start.data).toEqual({ communityId: 'demo-jixing', fileID: wx.uploads[0].fileID });
    expect(start.requestId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(page.instance.data.report.percent).toBe(50);
    expect(page.text()).toContain('已处理 2 / 4');

    await waitFor(() => page!.instance.data.phase === 'finished', 3000);
    expect(wx.callsTo('community', 'structure.importStatus').map((c) => c.data)).toEqual([{ importId: importDone.importId }]);
    const text = page.text().replace(/\s/g, '');
    expect(text).toContain('导入完成');
    expect(text).toContain('1新增楼栋');
    expect(text).toContain('2新增房屋');
    expect(text).toContain('1行与已有信息相同，未改动');
  });

  it('lists the rows to fix when nothing could be imported', async () => {
    const wx = new FakeWx().ok('community', 'structure.import', importFailed);
    wx.pickedFile = { name: 'bad.xlsx', size: 10, content: 'not really xlsx' };
    page = renderPage('packages/admin/pages/import/index', { wx, query });

    await page.tap('.import-choose >>> .t-button');
    await waitFor(() => page!.instance.data.phase === 'failed');
    expect(page.text()).toContain('有 2 处问题，没有导入任何一行');
    const problems = page.comp.querySelectorAll('.import-problems >>> .t-cell').map((c) => c.dom?.textContent?.trim());
    expect(problems).toEqual(['第 4 行：手机号「12」不是有效的大陆手机号', '第 5 行：缺少房号']);
    expect(wx.toasts.at(-1)?.title).toBe('有 2 处问题，没有导入任何一行');
    expect(wx.uploads[0].cloudPath).toMatch(/\.xlsx$/);
  });

  it('in cloud mode uploads with wx.cloud.uploadFile, and a lost answer is retried as the same import', async () => {
    const wx = new FakeWx().ok('community', 'structure.import', importDone).loseAnswer('community', 'structure.import');
    wx.envVersion = 'release';
    wx.pickedFile = { name: '吉星新苑.csv', size: csv.length, content: csv };
    page = renderPage('packages/admin/pages/import/index', { wx, query });

    await page.tap('.import-choose >>> .t-button');
    await waitFor(() => page!.instance.data.phase === 'failed');
    expect(wx.uploads).toEqual([expect.objectContaining({ via: 'cloud', fileID: expect.stringMatching(/^cloud:\/\//) })]);
    expect(page.text()).toContain('网络不给力，请检查网络后重试');

    await page.tap('.import-retry >>> .t-button');
    await waitFor(() => page!.instance.data.phase === 'finished');
    const [first, retry] = wx.callsTo('community', 'structure.import');
    expect(retry.requestId).toBe(first.requestId);
    expect(retry.data).toEqual(first.data);
    expect(wx.uploads).toHaveLength(1);
  });

  it('says the file as a whole could not be read', async () => {
    const unreadable = { ...importFailed, processed: 0, total: 0, problems: [{ row: 0, message: '无法读取上传的文件，请重新上传' }] };
    const wx = new FakeWx().ok('community', 'structure.import', unreadable);
    wx.pickedFile = { name: 'bad.csv', size: 3, content: 'x' };
    page = renderPage('packages/admin/pages/import/index', { wx, query });
    await page.tap('.import-choose >>> .t-button');
    await waitFor(() => page!.instance.data.phase === 'failed');
    expect(page.text()).toContain('文件没有导入，没有写入任何一行');
    expect(page.comp.querySelectorAll('.import-problems >>> .t-cell').map((c) => c.dom?.textContent?.trim())).toEqual([
      '无法读取上传的文件，请重新上传',
    ]);
  });

  it('does nothing when the person closes the chooser', async () => {
    const wx = new FakeWx();
    page = renderPage('packages/admin/pages/import/index', { wx, query });
    await page.tap('.import-choose >>> .t-button');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(page.instance.data.phase).toBe('idle');
    expect(wx.calls).toEqual([]);
    expect(wx.toasts).toEqual([]);
  });
});

describe('网格管理', () => {
  it('lists the grids with their buildings and workers, and opens one', async () => {
    const wx = new FakeWx().ok('community', 'grid.list', gridsAfterSave);
    page = renderPage('packages/admin/pages/grids/index', { wx, query });
    await waitFor(() => page!.instance.data.status === 'ready');
    const rows = page.comp.querySelectorAll('.grid-row');
    expect(rows).toHaveLength(2);
    const text = page.textOf('.page-state');
    expect(text).toContain('第一网格');
    expect(text).toContain('网格员：刘芳');
    expect(text).toContain('第二网格');
    expect(text).toContain('还没有网格员');

    await page.tap('.grid-row >>> .t-cell');
    expect(wx.navigations).toEqual([`/packages/admin/pages/grid-edit/index?communityId=demo-jixing&gridId=${gridsAfterSave[0].gridId}`]);
    await page.tap('.grids-create >>> .t-button');
    expect(wx.navigations.at(-1)).toBe('/packages/admin/pages/grid-edit/index?communityId=demo-jixing');
  });

  it('shows the error state', async () => {
    const wx = new FakeWx().fail('community', 'grid.list', 'AUTH.FORBIDDEN', '这不在你负责的范围内，无法操作');
    page = renderPage('packages/admin/pages/grids/index', { wx, query });
    await waitFor(() => page!.instance.data.status === 'error');
    expect(page.textOf('.page-state')).toContain('这不在你负责的范围内，无法操作');
  });
});

describe('编辑网格', () => {
  it('creates a grid from buildings that move from their old grid, once per submit', async () => {
    const wx = new FakeWx()
      .ok('community', 'directory.buildings', buildings)
      .ok('community', 'grid.list', grids)
      .ok('community', 'grid.save', gridSaved);
    page = renderPage('packages/admin/pages/grid-edit/index', { wx, query });
    await waitFor(() => page!.instance.data.status === 'ready');
    expect(wx.titles).toEqual(['新建网格']);
    const options = page.comp
      .querySelectorAll('.grid-buildings >>> .t-checkbox-option')
      .map((o) => o.querySelector('.t-checkbox')?.dom?.textContent);
    expect(options).toHaveLength(6);
    expect(options[0]).toContain('1号楼');
    expect(options[0]).toContain('现属第一网格，选中后移到本网格');

    await page.tap('.grid-save >>> .t-button');
    expect(page.textOf('.grid-name >>> .t-input__tips')).toBe('请填写网格名称');
    expect(wx.callsTo('community', 'grid.save')).toHaveLength(0);

    await type(page, '.grid-name', '第二网格');
    page.comp.querySelectorAll('.grid-buildings >>> .t-checkbox-option')[5].querySelector('.t-checkbox__content')!.dispatchEvent('tap');
    await waitFor(() => page!.instance.data.buildingIds.length === 1);
    await page.tap('.grid-save >>> .t-button');
    await waitFor(() => wx.backs.length === 1);
    const [save] = wx.callsTo('community', 'grid.save');
    expect(save.data).toEqual({ communityId: 'demo-jixing', name: '第二网格', buildingIds: [buildings[5].buildingId] });
    expect(save.requestId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(wx.toasts.at(-1)?.title).toBe('已保存');
  });

  it('edits an existing grid with its buildings checked, and shows the error state', async () => {
    const wx = new FakeWx().ok('community', 'directory.buildings', buildings).ok('community', 'grid.list', grids);
    page = renderPage('packages/admin/pages/grid-edit/index', { wx, query: { ...query, gridId: grids[0].gridId } });
    await waitFor(() => page!.instance.data.status === 'ready');
    expect(page.instance.data.name).toBe('第一网格');
    expect(page.instance.data.buildingIds).toHaveLength(6);
    expect(page.text()).toContain('已选 6 栋');
    page.detach();

    const broken = new FakeWx()
      .fail('community', 'directory.buildings', 'COMMUNITY.NOT_FOUND', '找不到这个社区')
      .ok('community', 'grid.list', grids);
    page = renderPage('packages/admin/pages/grid-edit/index', { wx: broken, query });
    await waitFor(() => page!.instance.data.status === 'error');
    expect(page.textOf('.page-state')).toContain('找不到这个社区');
  });
});
