/** The purchase list's case-pack rounding and the delivery list's door-to-door order. */
import {
  batchView,
  caseRounding,
  compareLabels,
  deliveryList,
  openBatch,
  purchaseList,
  type DeliveryOrder,
} from '../../../server/batch/batch';

const at = new Date('2026-11-22T10:00:00+08:00');
const view = batchView(openBatch({ communityId: 'c', gridId: 'g', buildingId: 'b3', buildingName: '3号楼' }, 1, at));

describe('caseRounding', () => {
  it('rounds up to whole cases and says by how much', () => {
    expect(caseRounding(15, 12, '盒')).toEqual({
      cases: 2,
      buy: 24,
      surplus: 9,
      rounding: '共需 15 盒 → 买 2 箱（每箱 12 盒，共 24 盒，多 9 盒）',
    });
    expect(caseRounding(24, 12, '盒')).toEqual({
      cases: 2,
      buy: 24,
      surplus: 0,
      rounding: '共需 24 盒 → 买 2 箱（每箱 12 盒，共 24 盒，正好）',
    });
    expect(caseRounding(1, 12, '盒')).toMatchObject({ cases: 1, buy: 12, surplus: 11 });
    expect(caseRounding(4.5, 1, '斤')).toEqual({ buy: 4.5, surplus: 0, rounding: '共需 4.5 斤' });
  });
});

describe('purchaseList', () => {
  it('totals per item, merges one household’s two orders, prices what is bought, sorts by category', () => {
    const list = purchaseList(
      view,
      [
        {
          itemId: 'cabbage',
          name: '白菜',
          unit: '斤',
          category: '蔬菜',
          casePack: 1,
          priceFen: 200,
          wants: [
            { label: '3-2-101', quantity: 2 },
            { label: '3-1-301', quantity: 1.5 },
          ],
        },
        {
          itemId: 'milk',
          name: '纯牛奶',
          unit: '盒',
          category: '奶品',
          casePack: 12,
          priceFen: 350,
          wants: [
            { label: '3-1-302', quantity: 4 },
            { label: '3-1-301', quantity: 5 },
            { label: '3-1-301', quantity: 1 },
          ],
        },
      ],
      [{ name: '布洛芬', unit: '盒', quantity: 1, label: '3-1-302', orderId: 'o2' }],
      3,
    );
    expect(list.lines.map((l) => [l.name, l.wanted, l.buy, l.cases, l.estimatedFen])).toEqual([
      ['白菜', 3.5, 3.5, undefined, 700],
      ['纯牛奶', 10, 12, 1, 4200],
    ]);
    expect(list.lines[0].households).toEqual([
      { label: '3-1-301', quantity: 1.5 },
      { label: '3-2-101', quantity: 2 },
    ]);
    expect(list.lines[1].households).toEqual([
      { label: '3-1-301', quantity: 6 },
      { label: '3-1-302', quantity: 4 },
    ]);
    expect(list.freeText).toHaveLength(1);
    expect(list.estimatedFen).toBe(4900);
  });
});

describe('deliveryList', () => {
  const o = (id: string, unit: string, floor: number, room: string, status: DeliveryOrder['status']): DeliveryOrder => ({
    _id: id,
    householdId: `h-${id}`,
    label: `3-${unit}-${room}`,
    unit,
    floor,
    room,
    items: [{ name: '白菜', unit: '斤', quantity: 2 }],
    delivery: 'leaveAtDoor',
    status,
    paymentStatus: 'unpaid',
    estimatedFen: 400,
  });

  it('sorts by unit, floor and room as numbers, leaves out cancelled and rejected, ticks what is delivered', () => {
    const list = deliveryList(view, [
      o('a', '2', 1, '101', 'purchased'),
      o('b', '1', 12, '1201', 'delivered'),
      o('c', '1', 3, '302', 'purchased'),
      o('d', '1', 3, '301', 'received'),
      o('e', '1', 1, '101', 'cancelled'),
      o('f', '10', 1, '101', 'rejected'),
    ]);
    expect(list.stops.map((s) => s.label)).toEqual(['3-1-301', '3-1-302', '3-1-1201', '3-2-101']);
    expect(list.stops.map((s) => [s.delivered, s.tickable])).toEqual([
      [true, false],
      [false, true],
      [true, false],
      [false, true],
    ]);
    expect([list.delivered, list.total]).toEqual([2, 4]);
  });

  it('compares labels as numbers', () => {
    expect(['3-10-101', '3-2-1201', '3-2-301'].sort(compareLabels)).toEqual(['3-2-301', '3-2-1201', '3-10-101']);
  });
});
