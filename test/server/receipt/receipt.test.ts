/** 回执 counting: per building, totals, the outstanding households in door order, the words for the 楼道长. */
import { buildingRows, newReceipt, outstandingHouseholds, outstandingSummary, receiptId, totalsOf } from '../../../server/receipt/receipt';

const AT = new Date('2026-11-22T10:00:00+08:00');
const reach = [
  { buildingId: 'b4', gridId: 'g1', buildingName: '4号楼', households: 3 },
  { buildingId: 'b3', gridId: 'g1', buildingName: '3号楼', households: 2 },
  { buildingId: 'b10', gridId: 'g1', buildingName: '10号楼', households: 1 },
];

describe('receipts', () => {
  it('have one id per notice and household, and record who acknowledged how', () => {
    expect(receiptId('n1', 'h1')).toBe(receiptId('n1', 'h1'));
    expect(receiptId('n1', 'h1')).not.toBe(receiptId('n1', 'h2'));
    const key = { noticeId: 'n1', communityId: 'c1', gridId: 'g1', buildingId: 'b3', householdId: 'h1' };
    expect(newReceipt(key, 'o1', AT)).toMatchObject({ acknowledged: 0, readAt: AT, readBy: 'o1' });
    expect(newReceipt(key, '楼道长 张建国（电话告知）', AT, { method: 'phone' })).toMatchObject({
      acknowledged: 1,
      ackMethod: 'phone',
      acknowledgedAt: AT,
    });
  });

  it('count per building in building order; outstanding is unread, or unacknowledged when asked', () => {
    const counts = [
      { buildingId: 'b3', read: 2, acknowledged: 1 },
      { buildingId: 'b4', read: 1, acknowledged: 0 },
    ];
    const rows = buildingRows(reach, counts, true);
    expect(rows).toEqual([
      { buildingId: 'b3', buildingName: '3号楼', households: 2, read: 2, acknowledged: 1, outstanding: 1 },
      { buildingId: 'b4', buildingName: '4号楼', households: 3, read: 1, acknowledged: 0, outstanding: 3 },
      { buildingId: 'b10', buildingName: '10号楼', households: 1, read: 0, acknowledged: 0, outstanding: 1 },
    ]);
    expect(buildingRows(reach, counts, false).map((r) => r.outstanding)).toEqual([0, 2, 1]);
    expect(totalsOf(rows)).toEqual({ households: 6, read: 3, acknowledged: 1, outstanding: 5 });
  });

  it('never shows more read than households (a household added after publishing)', () => {
    expect(buildingRows([reach[1]], [{ buildingId: 'b3', read: 3, acknowledged: 3 }], true)[0]).toMatchObject({
      households: 3,
      outstanding: 0,
    });
  });

  it('lists the outstanding households in door order with their phones', () => {
    const reached = [
      { householdId: 'h3', label: '4-1-1001' },
      { householdId: 'h1', label: '4-1-201' },
      { householdId: 'h2', label: '4-1-202' },
      { householdId: 'h4', label: '4-2-101' },
    ];
    const got = [
      { householdId: 'h2', acknowledged: 1 as const },
      { householdId: 'h4', acknowledged: 0 as const },
    ];
    const phones = new Map([['h1', [{ name: '王一', relation: '本人', phone: '13900000001' }]]]);
    expect(outstandingHouseholds(reached, got, true, phones)).toEqual([
      { householdId: 'h1', label: '4-1-201', read: false, phones: [{ name: '王一', relation: '本人', phone: '13900000001' }] },
      { householdId: 'h3', label: '4-1-1001', read: false, phones: [] },
      { householdId: 'h4', label: '4-2-101', read: true, phones: [] },
    ]);
    expect(outstandingHouseholds(reached, got, false, phones).map((h) => h.label)).toEqual(['4-1-201', '4-1-1001']);
  });

  it('says it the way the 楼道长 says it in the group', () => {
    expect(outstandingSummary(3, false)).toBe('还有 3 户未读');
    expect(outstandingSummary(2, true)).toBe('还有 2 户未确认');
    expect(outstandingSummary(0, false)).toBe('全部已读');
    expect(outstandingSummary(0, true)).toBe('全部已确认');
  });
});
