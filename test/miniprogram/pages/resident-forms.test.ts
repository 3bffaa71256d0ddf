/** 添加家人 and 输入任命码: the resident's small forms — checked in the form, the server's word final. */
import { acceptInvalid, accepted, householdResidentAdded } from '../fixtures/community';
import { FakeWx, renderPage, waitFor, type Rendered } from '../harness/render';

let page: Rendered | undefined;
afterEach(() => page?.detach());

async function type(p: Rendered, field: string, value: string): Promise<void> {
  p.find(`${field} >>> .t-input__control`).dispatchEvent('input', { detail: { value, cursor: value.length, keyCode: 0 } });
  await new Promise((resolve) => setTimeout(resolve, 10));
}

const tips = (p: Rendered, field: string) => (p.exists(`${field} >>> .t-input__tips`) ? p.textOf(`${field} >>> .t-input__tips`) : '');

describe('添加家人', () => {
  const query = { householdId: householdResidentAdded.householdId };

  it('checks the name and an optional phone, then adds the member and goes back', async () => {
    const wx = new FakeWx().ok('community', 'household.addMember', householdResidentAdded);
    page = renderPage('pages/member-add/index', { wx, query });

    await page.tap('.member-submit >>> .t-button');
    expect(tips(page, '.member-name')).toBe('请填写姓名');
    expect(page.textOf('.member-error-relation')).toBe('请选择与户主关系');
    expect(tips(page, '.member-phone')).toBe(''); // a parent without a phone is fine

    await type(page, '.member-name', '王大爷');
    await type(page, '.member-phone', '1381234');
    page.instance.onRelationPicked({ detail: { value: ['父母'], label: ['父母'] } });
    await page.tap('.member-submit >>> .t-button');
    expect(tips(page, '.member-phone')).toBe('请填写 11 位大陆手机号，如 13812345678');
    expect(wx.callsTo('community', 'household.addMember')).toHaveLength(0);

    await type(page, '.member-phone', '');
    await page.tap('.member-submit >>> .t-button');
    await waitFor(() => wx.backs.length === 1);
    expect(wx.callsTo('community', 'household.addMember').map((c) => c.data)).toEqual([
      { householdId: query.householdId, name: '王大爷', relation: '父母' },
    ]);
    expect(wx.toasts.at(-1)).toEqual({ title: '已添加王大爷', icon: 'success' });
  });

  it('stays on the form with a toast when the server refuses', async () => {
    const wx = new FakeWx().fail('community', 'household.addMember', 'AUTH.FORBIDDEN', '这不在你负责的范围内，无法操作');
    page = renderPage('pages/member-add/index', { wx, query });
    await type(page, '.member-name', '王大爷');
    page.instance.onRelationPicked({ detail: { value: ['父母'], label: ['父母'] } });
    await page.tap('.member-submit >>> .t-button');
    await waitFor(() => wx.toasts.at(-1)?.title === '这不在你负责的范围内，无法操作');
    expect(wx.backs).toEqual([]);
    expect(page.instance.data.submitting).toBe(false);
  });
});

describe('输入任命码', () => {
  it('says under the field when the code is wrong, then accepts a right one and opens the workbench as that role', async () => {
    const wx = new FakeWx().on('community', 'role.accept', (call) =>
      (call.data as { inviteCode: string }).inviteCode === 'YTFAWSHW' ? { ok: true, data: accepted } : acceptInvalid,
    );
    page = renderPage('pages/role-accept/index', { wx });

    await page.tap('.accept-submit >>> .t-button');
    expect(tips(page, '.accept-code')).toBe('请填写任命码');
    await type(page, '.accept-code', '好的');
    await page.tap('.accept-submit >>> .t-button');
    expect(tips(page, '.accept-code')).toBe('任命码由字母和数字组成');
    expect(wx.calls).toHaveLength(0);

    await type(page, '.accept-code', 'nope1234');
    await page.tap('.accept-submit >>> .t-button');
    await waitFor(() => tips(page!, '.accept-code') === '任命码不正确，请核对后重新输入');
    expect(wx.calls[0].data).toEqual({ inviteCode: 'NOPE1234' });
    expect(wx.toasts.at(-1)?.title).toBe('任命码不正确，请核对后重新输入');

    await type(page, '.accept-code', 'ytfawshw');
    await page.tap('.accept-submit >>> .t-button');
    await waitFor(() => page!.text().includes('任命已生效'));
    expect(page.text()).toContain('您已成为吉星新苑 3号楼的志愿者');

    await page.tap('.accept-to-workbench >>> .t-button');
    expect(wx.storage.get('shouwang.activeRole')).toBe('volunteer');
    expect(wx.navigations).toEqual(['/pages/me/index']);
  });
});
