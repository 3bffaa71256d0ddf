/** Pure presenters of 通知 over captured answers: rows, badge, detail, counts per building, the form's scope, the 待办 route. */
import {
  expiryFrom,
  managedRow,
  noticeDetailView,
  noticeRow,
  outstandingRow,
  previewText,
  receiptRow,
  roomOptions,
  scopeFromForm,
  scopeOptions,
  unreadBadge,
} from '../../../miniprogram/presenters/notices';
import { toTaskRow } from '../../../miniprogram/presenters/tasks';
import {
  acknowledged,
  composerGrid,
  composerLeader,
  managedLeader,
  myNotices,
  noticeTask,
  opened,
  outstanding,
  preview,
  receiptsLeader,
} from '../fixtures/notice';

describe('通知 rows and detail', () => {
  it('marks unread, pinned, category and 需确认收到 / 已确认, and links the detail', () => {
    expect(noticeRow(myNotices.items[0])).toEqual({
      noticeId: myNotices.items[0].noticeId,
      title: '明天（周一）全员核酸检测',
      excerpt: myNotices.items[0].excerpt,
      category: '核酸',
      categoryTheme: 'warning',
      pinned: true,
      unread: true,
      ackLabel: '需确认收到',
      meta: '网格员 刘芳 · 11月22日 08:00',
      url: `/pages/notice-detail/index?noticeId=${myNotices.items[0].noticeId}`,
    });
    expect(noticeRow({ ...myNotices.items[0], read: true, acknowledged: true }).ackLabel).toBe('已确认');
    expect(noticeRow(myNotices.items[2])).toMatchObject({ unread: false, ackLabel: '', categoryTheme: 'success' });
  });

  it('puts the unread count on the badge, 99+ beyond, nothing at zero', () => {
    expect(unreadBadge({ count: 0, more: false })).toBe('');
    expect(unreadBadge({ count: 2, more: false })).toBe('2');
    expect(unreadBadge({ count: 100, more: true })).toBe('99+');
  });

  it('shows the body in paragraphs, the scope and expiry, and 确认收到 until acknowledged', () => {
    const view = noticeDetailView(opened);
    expect(view).toMatchObject({ scopeLine: '发送范围：第一网格 · 11月23日 10:00 到期', canAcknowledge: true, acknowledgedText: '' });
    expect(view.paragraphs).toHaveLength(3);
    expect(noticeDetailView(acknowledged)).toMatchObject({
      canAcknowledge: false,
      acknowledgedText: expect.stringMatching(/^已于 11月22日 \d\d:\d\d 确认收到$/),
    });
  });
});

describe('staff views', () => {
  it('counts read and acknowledged per notice and per building, in words', () => {
    const n = managedLeader.items[0];
    expect(managedRow(n)).toMatchObject({
      progress: `已读 ${n.read}/${n.households} 户 · 已确认 ${n.acknowledged} 户`,
      meta: '第一网格 · 网格员 刘芳 · 11月22日 08:00',
      url: `/packages/leader/pages/notice-receipts/index?noticeId=${n.noticeId}`,
    });
    const b = receiptsLeader.buildings[0];
    expect(receiptRow(b, true)).toEqual({
      buildingId: b.buildingId,
      buildingName: '3号楼',
      progress: `已读 ${b.read}/${b.households} 户 · 已确认 ${b.acknowledged} 户`,
      outstandingText: `还有 ${b.outstanding} 户未确认`,
      done: false,
      percent: Math.round((b.acknowledged / b.households) * 100),
    });
    expect(receiptRow({ ...b, outstanding: 0, read: b.households }, false)).toMatchObject({
      outstandingText: '全部已读',
      done: true,
      percent: 100,
    });
    expect(outstandingRow(outstanding.households[0])).toMatchObject({ label: outstanding.households[0].label, state: '已读未确认' });
    expect(outstandingRow({ householdId: 'h', label: '3-2-502', read: false, phones: [] })).toMatchObject({ state: '未读', noPhone: true });
  });

  it('opens the building’s receipts from a 待办 chaser', () => {
    expect(toTaskRow(noticeTask)).toMatchObject({
      kind: 'notice.unread',
      urgency: '一般',
      url: `/packages/leader/pages/notice-receipts/index?noticeId=${noticeTask.subject.noticeId}&buildingId=${noticeTask.buildingId}`,
      doneThere: false,
    });
  });
});

describe('the publish form', () => {
  it('offers the scope kinds the caller may use', () => {
    expect(scopeOptions(composerGrid.communities[0]).map((o) => o.label)).toEqual(['网格', '楼栋', '隔离户', '指定住户']);
    expect(scopeOptions(composerLeader.communities[0]).map((o) => o.label)).toEqual(['楼栋', '指定住户']);
  });

  it('turns the form into a scope, or says what is missing', () => {
    const base = { kind: 'buildings' as const, gridId: '', buildings: '', householdIds: [] };
    expect(scopeFromForm({ ...base, buildings: ' 3-5 ' })).toEqual({ ok: true, scope: { kind: 'buildings', buildings: '3-5' } });
    expect(scopeFromForm(base)).toEqual({ ok: false, message: '请填写楼号，例如「3-5, 8」' });
    expect(scopeFromForm({ ...base, kind: 'grid' })).toEqual({ ok: false, message: '请选择网格' });
    expect(scopeFromForm({ ...base, kind: 'isolated' })).toEqual({ ok: true, scope: { kind: 'isolated' } });
    expect(scopeFromForm({ ...base, kind: 'households' })).toEqual({ ok: false, message: '请至少选择一户' });
    expect(scopeFromForm({ ...base, kind: 'community' })).toEqual({ ok: true, scope: { kind: 'community' } });
  });

  it('computes the expiry from now, previews in words, and lists rooms by unit', () => {
    const now = Date.parse('2026-11-22T10:00:00+08:00');
    expect(expiryFrom('none', now)).toBeUndefined();
    expect(expiryFrom('3', now)).toBe('2026-11-25T02:00:00.000Z');
    expect(previewText(preview)).toBe('将发送给 3–5号楼，共 72 户');
    expect(roomOptions([{ unit: '2', rooms: [{ householdId: 'h1', room: '502' }] }])).toEqual([{ value: 'h1', label: '2单元 502' }]);
  });
});
