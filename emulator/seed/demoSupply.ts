/**
 * The demo community's 物资订单: a catalog of everyday goods (milk by the box of 12), and building 3's batches —
 * yesterday's batch 1 cut off by the 楼道长, bought and partly delivered (王秀英's milk at her door, not yet confirmed);
 * today's batch 2 open, with 李娜's order for her parents in 3-2-502 and a neighbour's order waiting for a volunteer
 * (one item in the 待办 of the 楼道长 and the volunteers). Built with the supply domain functions, so it has exactly the
 * shape real orders have.
 */
import { closeBatch, openBatch, type Batch } from '../../server/batch/batch';
import type { CatalogItem } from '../../server/catalog/catalog';
import type { Household } from '../../server/household/household';
import { stableId } from '../../server/household/household';
import { orderSubmittedTask } from '../../server/order/effects';
import { applyTransition, newOrder, orderLines, type Order } from '../../server/order/order';
import type { Task } from '../../server/tasks/task';
import type { CatalogCategory, DeliveryPreference, OrderAction, OrderLineInput } from '../../typings/contract/supply';

export interface SupplyDemo {
  catalogItems: CatalogItem[];
  batches: Batch[];
  orders: Order[];
  tasks: Task[];
}

const CATALOG: [string, string, number | undefined, number, CatalogCategory, boolean, boolean][] = [
  // name, unit, price (fen), case-pack, category, loose, available
  ['大白菜', '斤', 180, 1, '蔬菜', true, true],
  ['土豆', '斤', 250, 1, '蔬菜', true, true],
  ['西红柿', '斤', 450, 1, '蔬菜', true, true],
  ['青菜', '斤', 300, 1, '蔬菜', true, false],
  ['鸡蛋（30 枚）', '盒', 1800, 1, '肉蛋', false, true],
  ['猪肉', '斤', undefined, 1, '肉蛋', true, true],
  ['大米 5kg', '袋', 3500, 1, '粮油', false, true],
  ['挂面', '把', 550, 1, '粮油', false, true],
  ['食用油 5L', '桶', 6900, 1, '粮油', false, true],
  ['纯牛奶 250ml', '盒', 350, 12, '奶品', false, true],
  ['酸奶', '杯', 450, 6, '奶品', false, true],
  ['退烧贴', '盒', 1500, 1, '药品', false, true],
  ['医用口罩', '包', 1000, 1, '药品', false, true],
  ['卫生纸', '提', 2990, 1, '日用', false, true],
  ['垃圾袋', '卷', 500, 1, '日用', false, true],
];

const LEADER = { openid: 'demo-leader', name: '楼道长 张建国' };
const VOLUNTEER = { openid: 'demo-volunteer', name: '志愿者 陈志强' };

export function demoSupply(now: Date, communityId: string, households: Household[]): SupplyDemo {
  const hoursAgo = (h: number) => new Date(Math.floor(now.getTime() / 60_000) * 60_000 - h * 3600_000);
  const catalogItems: CatalogItem[] = CATALOG.map(([name, unit, priceFen, casePack, category, loose, available], i) => ({
    _id: stableId('item', communityId, 'seed', String(i)),
    communityId,
    name,
    unit,
    ...(priceFen !== undefined ? { priceFen } : {}),
    casePack,
    category,
    available,
    loose,
    createdAt: hoursAgo(72),
    updatedAt: hoursAgo(72),
    updatedBy: '社区管理员 赵敏',
  }));
  const item = (name: string) => catalogItems.find((i) => i.name === name)!._id;
  const catalog = new Map(catalogItems.map((i) => [i._id, i]));
  const byLabel = (label: string) => households.find((h) => h.label === label)!;
  const three = byLabel('3-1-301');
  const where = { communityId, gridId: three.gridId, buildingId: three.buildingId, buildingName: three.buildingName };
  const first = closeBatch({ ...openBatch(where, 1, hoursAgo(30)), orderCount: 3 }, LEADER.name, hoursAgo(20));
  const second = { ...openBatch(where, 2, hoursAgo(6)), orderCount: 2 };

  const order = (p: {
    key: string;
    label: string;
    batch: Batch;
    by: { openid: string; name: string; onBehalf?: boolean };
    lines: OrderLineInput[];
    note?: string;
    delivery: DeliveryPreference;
    at: Date;
    moves: [OrderAction, { openid: string; name: string }, Date][];
  }): Order => {
    const h = byLabel(p.label);
    let o = newOrder({
      id: stableId('order', p.by.openid, 'seed', p.key),
      household: h,
      batch: { _id: p.batch._id, no: p.batch.no },
      lines: orderLines(p.lines, catalog, communityId),
      note: p.note,
      delivery: p.delivery,
      by: { name: p.by.name, openid: p.by.openid, onBehalf: p.by.onBehalf ?? false },
      at: p.at,
    });
    for (const [action, who, at] of p.moves) o = applyTransition(o, action, who, at);
    return o;
  };

  const orders = [
    order({
      key: 'wang-1',
      label: '3-1-301',
      batch: first,
      by: { openid: 'demo-resident', name: '居民 王秀英' },
      lines: [
        { itemId: item('纯牛奶 250ml'), quantity: 6 },
        { itemId: item('大白菜'), quantity: 2 },
        { itemId: item('鸡蛋（30 枚）'), quantity: 1 },
      ],
      note: '放门口，敲门就行',
      delivery: 'leaveAtDoor',
      at: hoursAgo(26),
      moves: [
        ['accept', VOLUNTEER, hoursAgo(19)],
        ['purchase', VOLUNTEER, hoursAgo(4)],
        ['deliver', VOLUNTEER, hoursAgo(2)],
      ],
    }),
    order({
      key: '302-1',
      label: '3-1-302',
      batch: first,
      by: { openid: 'demo-leader', name: LEADER.name, onBehalf: true },
      lines: [
        { itemId: item('纯牛奶 250ml'), quantity: 4 },
        { itemId: item('大米 5kg'), quantity: 1 },
        { name: '硝苯地平缓释片', quantity: 1, unit: '盒' },
      ],
      delivery: 'callFirst',
      at: hoursAgo(25),
      moves: [
        ['accept', LEADER, hoursAgo(19)],
        ['purchase', VOLUNTEER, hoursAgo(4)],
      ],
    }),
    order({
      key: '401-1',
      label: '3-1-401',
      batch: first,
      by: { openid: 'demo-leader', name: LEADER.name, onBehalf: true },
      lines: [
        { itemId: item('土豆'), quantity: 3 },
        { itemId: item('纯牛奶 250ml'), quantity: 3 },
      ],
      delivery: 'handToMe',
      at: hoursAgo(24),
      moves: [
        ['accept', VOLUNTEER, hoursAgo(19)],
        ['purchase', VOLUNTEER, hoursAgo(4)],
      ],
    }),
    order({
      key: 'parents-2',
      label: '3-2-502',
      batch: second,
      by: { openid: 'demo-proxy', name: '居民 李娜' },
      lines: [
        { itemId: item('挂面'), quantity: 2 },
        { itemId: item('西红柿'), quantity: 1.5 },
        { itemId: item('酸奶'), quantity: 4 },
        { name: '某品牌无糖奶粉', quantity: 1, unit: '罐' },
      ],
      note: '爸妈听力不好，请多敲几下门',
      delivery: 'callFirst',
      at: hoursAgo(5),
      moves: [['accept', VOLUNTEER, hoursAgo(3)]],
    }),
    order({
      key: '202-2',
      label: '3-2-202',
      batch: second,
      by: { openid: 'demo-leader', name: LEADER.name, onBehalf: true },
      lines: [
        { itemId: item('卫生纸'), quantity: 1 },
        { itemId: item('医用口罩'), quantity: 2 },
      ],
      delivery: 'leaveAtDoor',
      at: hoursAgo(1),
      moves: [],
    }),
  ];
  return { catalogItems, batches: [first, second], orders, tasks: [orderSubmittedTask(second, orders[3].createdAt)] };
}
