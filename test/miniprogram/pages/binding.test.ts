/** 绑定房屋: community → building → room, the person's details checked in the form, one request per submit. */
import { bindingDuplicate, bindingInvalid, bindingRequested, buildings, communities, rooms3 } from '../fixtures/community';
import { FakeWx, renderPage, waitFor, type Rendered } from '../harness/render';

const PAGE = 'pages/binding/index';
const building3 = buildings.find((b) => b.name === '3号楼')!;
const room301 = rooms3[0].rooms.find((r) => r.room === '301')!;

let page: Rendered | undefined;
afterEach(() => page?.detach());

function backend(): FakeWx {
  return new FakeWx()
    .on('community', 'directory.communities', (call) => {
      const keyword = (call.data as { keyword?: string }).keyword;
      return { ok: true, data: !keyword || '吉星新苑'.includes(keyword) ? communities : [] };
    })
    .ok('community', 'directory.buildings', buildings)
    .ok('community', 'directory.rooms', rooms3)
    .ok('community', 'binding.request', bindingRequested);
}

/** Types into a TDesign input the way a keyboard does (the native input's `input` event). */
async function type(p: Rendered, field: string, value: string): Promise<void> {
  p.find(`${field} >>> .t-input__control`).dispatchEvent('input', { detail: { value, cursor: value.length, keyCode: 0 } });
  await waitFor(() => p.instance.data.form[field.replace('.binding-', '')] === value);
}

const tips = (p: Rendered, field: string) => (p.exists(`${field} >>> .t-input__tips`) ? p.textOf(`${field} >>> .t-input__tips`) : '');

/** Community, building and room picked as a person would (the pickers' own events carry the real options). */
async function pickHome(p: Rendered): Promise<void> {
  await waitFor(() => p.instance.data.communityStatus === 'ready');
  await p.tap('.binding-community >>> .t-cell');
  await waitFor(() => p.instance.data.buildingOptions.length === buildings.length);
  expect(p.wx.callsTo('community', 'directory.buildings').map((c) => c.data)).toEqual([{ communityId: 'demo-jixing' }]);

  await p.tap('.binding-building >>> .t-cell');
  expect(p.instance.data.buildingPickerVisible).toBe(true);
  p.instance.onBuildingPicked({ detail: { value: [building3.buildingId], label: ['3号楼'] } });
  await waitFor(() => p.exists('.binding-room'));

  await p.tap('.binding-room >>> .t-cell');
  await waitFor(() => p.instance.data.roomPickerVisible === true);
  expect(p.wx.callsTo('community', 'directory.rooms').map((c) => c.data)).toEqual([{ buildingId: building3.buildingId }]);
  // 单元 → 房号, with the household as the room's value.
  expect(p.instance.data.roomOptions[0]).toMatchObject({
    label: '1单元',
    children: expect.arrayContaining([{ label: '301室', value: room301.householdId }]),
  });
  p.instance.onRoomPicked({ detail: { value: room301.householdId, selectedOptions: [] } });
  await waitFor(() => p.textOf('.binding-room >>> .t-cell').includes('1单元 301室'));
}

describe('绑定房屋', () => {
  it('searches communities, says so when none matches, and shows the list again', async () => {
    const wx = backend();
    page = renderPage(PAGE, { wx });
    await waitFor(() => page!.textOf('.binding-communities').includes('吉星新苑'));
    expect(page.textOf('.binding-communities')).toContain('江苏省南京市示例街道吉星路 88 号');

    page.find('.binding-search >>> .t-input__keyword').dispatchEvent('input', { detail: { value: '幸福里' } });
    await waitFor(() => page!.instance.data.communityStatus === 'empty');
    expect(page.textOf('.binding-communities')).toBe('没有找到这个社区，换个名称试试，或联系社区工作人员');
    expect(wx.callsTo('community', 'directory.communities').map((c) => c.data)).toEqual([{}, { keyword: '幸福里' }]);

    page.find('.binding-search >>> .t-input__keyword').dispatchEvent('input', { detail: { value: '吉星' } });
    await waitFor(() => page!.textOf('.binding-communities').includes('吉星新苑'));
  });

  it('checks the form before sending, with the server’s own messages under each field', async () => {
    const wx = backend();
    page = renderPage(PAGE, { wx });
    await waitFor(() => page!.instance.data.communityStatus === 'ready');

    await page.tap('.binding-submit >>> .t-button');
    expect(page.textOf('.binding-error-community')).toBe('请选择社区');
    expect(tips(page, '.binding-name')).toBe('请填写姓名');
    expect(page.textOf('.binding-error-relation')).toBe('请选择与户主关系');
    expect(tips(page, '.binding-phone')).toBe('请填写手机号');
    expect(wx.toasts.at(-1)).toEqual({ title: '请选择社区', icon: 'none' });

    await pickHome(page);
    await type(page, '.binding-name', '欧阳'.repeat(10) + '娜');
    await type(page, '.binding-phone', '12345678901');
    await page.tap('.binding-submit >>> .t-button');
    expect(tips(page, '.binding-name')).toBe('姓名最多 20 个字，现在有 21 个字');
    expect(tips(page, '.binding-phone')).toBe('请填写 11 位大陆手机号，如 13812345678');
    expect(page.exists('.binding-error-room')).toBe(false);
    expect(wx.callsTo('community', 'binding.request')).toHaveLength(0);

    // Fixing a field clears its message.
    await type(page, '.binding-name', '孙磊');
    expect(tips(page, '.binding-name')).toBe('');
    expect(tips(page, '.binding-phone')).toBe('请填写 11 位大陆手机号，如 13812345678');
  });

  it('retries a submit whose answer was lost with the same request id, then shows it is waiting for the 楼道长', async () => {
    const wx = backend().loseAnswer('community', 'binding.request');
    page = renderPage(PAGE, { wx });
    await pickHome(page);
    await type(page, '.binding-name', '孙磊');
    await type(page, '.binding-phone', '13812345678');
    page.instance.onRelationPicked({ detail: { value: ['子女'], label: ['子女'] } });
    const proxyOption = page.comp.querySelectorAll('.binding-kind >>> .t-radio-option')[1];
    expect(proxyOption.querySelector('.t-radio__title')?.dom?.textContent).toBe('代家人办理');
    proxyOption.querySelector('.t-radio__content')!.dispatchEvent('tap');
    await waitFor(() => page!.instance.data.form.kind === 'proxy');

    await page.tap('.binding-submit >>> .t-button');
    await waitFor(() => wx.toasts.some((t) => t.title === '网络不给力，请检查网络后重试'));
    await waitFor(() => !page!.instance.data.submitting);
    expect(page.instance.data.submitted).toBeNull();

    await page.tap('.binding-submit >>> .t-button');
    await waitFor(() => page!.text().includes('已提交，等待楼道长确认'));

    const calls = wx.callsTo('community', 'binding.request');
    expect(calls).toHaveLength(2);
    expect(calls[0].data).toEqual({
      householdId: room301.householdId,
      name: '孙磊',
      relation: '子女',
      phone: '13812345678',
      kind: 'proxy',
    });
    expect(calls[1].data).toEqual(calls[0].data);
    expect(calls[0].requestId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(calls[1].requestId).toBe(calls[0].requestId);
    expect(page.text()).toContain('吉星新苑 3-1-301');

    await page.tap('.binding-done__back >>> .t-button');
    expect(wx.navigations).toEqual(['/pages/me/index']);
  });

  it('a changed form is a new submit; the server’s field problems and refusals show on the form', async () => {
    const wx = backend().on('community', 'binding.request', () => bindingInvalid);
    page = renderPage(PAGE, { wx });
    await pickHome(page);
    await type(page, '.binding-name', '孙磊');
    await type(page, '.binding-phone', '13812345678');
    page.instance.onRelationPicked({ detail: { value: ['租户'], label: ['租户'] } });

    await page.tap('.binding-submit >>> .t-button');
    await waitFor(() => tips(page!, '.binding-phone') === '请填写 11 位大陆手机号，如 13812345678');
    expect(tips(page, '.binding-name')).toBe('请填写姓名');
    expect(wx.toasts.at(-1)?.title).toBe('请填写姓名');

    wx.on('community', 'binding.request', () => bindingDuplicate);
    await type(page, '.binding-phone', '13812345679');
    await page.tap('.binding-submit >>> .t-button');
    await waitFor(() => wx.toasts.at(-1)?.title === '你已提交过这户的绑定申请，请等待楼道长确认');
    const [first, second] = wx.callsTo('community', 'binding.request');
    expect(second.requestId).not.toBe(first.requestId);
    expect(page.instance.data.submitted).toBeNull();
  });
});
