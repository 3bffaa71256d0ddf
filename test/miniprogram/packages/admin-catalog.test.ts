/** 物资目录 (社区管理员): the catalog by category, 上架 with the form's checks and a request id, 有货 / 缺货, editing. */
import { catalog } from '../fixtures/supply';
import { FakeWx, renderPage, waitFor, type Rendered } from '../harness/render';

let page: Rendered | undefined;
afterEach(() => page?.detach());

const PAGE = 'packages/admin/pages/catalog/index';
const query = { communityId: 'demo-jixing' };
const type = (p: Rendered, cls: string, value: string) =>
  p.find(`${cls} >>> .t-input__control`).dispatchEvent('input', { detail: { value } });

describe('物资目录', () => {
  it('lists every item with its price and case-pack; 上架 checks the form, then sends it once per submit', async () => {
    const wx = new FakeWx().ok('supply', 'catalog.list', catalog).ok('supply', 'catalog.save', catalog[0]);
    page = renderPage(PAGE, { wx, query });
    await waitFor(() => page!.instance.data.status === 'ready');
    expect(wx.callsTo('supply', 'catalog.list')[0].data).toEqual({ communityId: 'demo-jixing', includeUnavailable: true });
    const milk = page.instance.data.rows.find((r: { name: string }) => r.name === '纯牛奶 250ml');
    expect(milk).toEqual(expect.objectContaining({ meta: '奶品 · ¥3.50 / 盒 · 整箱 12 盒', available: true }));

    await page.tap('.catalog-save >>> .t-button');
    expect(page.instance.data.errors).toEqual({ name: '请填写物资名称', unit: '请填写单位，如 斤、盒、袋' });
    expect(wx.callsTo('supply', 'catalog.save')).toHaveLength(0);

    type(page, '.catalog-name', '酸奶 100g');
    type(page, '.catalog-unit', '杯');
    type(page, '.catalog-price', '4.5');
    type(page, '.catalog-case', '6');
    await waitFor(() => page!.instance.data.form.casePack === '6');
    await page.tap('.catalog-save >>> .t-button');
    await waitFor(() => wx.callsTo('supply', 'catalog.save').length === 1);
    const [save] = wx.callsTo('supply', 'catalog.save');
    expect(save.data).toEqual({
      communityId: 'demo-jixing',
      name: '酸奶 100g',
      unit: '杯',
      priceFen: 450,
      casePack: 6,
      category: '蔬菜',
      available: true,
      loose: false,
    });
    expect(save.requestId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    await waitFor(() => page!.instance.data.form.name === '');
  });

  it('a tap fills the form to change an item; the switch sets it out of stock', async () => {
    const wx = new FakeWx().ok('supply', 'catalog.list', catalog).ok('supply', 'catalog.save', { ...catalog[0], available: false });
    page = renderPage(PAGE, { wx, query });
    await waitFor(() => page!.instance.data.status === 'ready');
    page.comp.querySelectorAll('.catalog-row__text')[0].dispatchEvent('tap');
    await waitFor(() => page!.instance.data.form.itemId === catalog[0].itemId);
    expect(page.instance.data.form).toMatchObject({ name: catalog[0].name, price: '1.8', loose: true });
    page.comp.querySelectorAll('.catalog-available')[0].querySelector('.t-button')!.dispatchEvent('tap');
    await waitFor(() => wx.callsTo('supply', 'catalog.save').length === 1);
    expect(wx.callsTo('supply', 'catalog.save')[0].data).toMatchObject({ itemId: catalog[0].itemId, available: false, priceFen: 180 });
  });

  it('is linked from 社区管理', async () => {
    const wx = new FakeWx();
    page = renderPage('packages/admin/pages/overview/index', {
      wx,
      query: { communityId: 'demo-jixing', communityName: encodeURIComponent('吉星新苑') },
    });
    await page.tap('.admin-catalog >>> .t-cell');
    expect(wx.navigations).toContain('/packages/admin/pages/catalog/index?communityId=demo-jixing');
  });
});
