/**
 * A building's batch of supply orders written straight into the database, as many orders came through order.create,
 * built with the same domain functions the function uses: for the purchase-list request count test and the supply
 * benchmark. Deterministic: the same arguments give the same documents.
 */
import { closeBatch, openBatch, type Batch } from '../../../server/batch/batch';
import type { CatalogItem } from '../../../server/catalog/catalog';
import { stableId } from '../../../server/household/household';
import type { UserRecord } from '../../../server/identity/users';
import { newOrder, orderLines, type Order } from '../../../server/order/order';
import type { CatalogCategory } from '../../../typings/contract/supply';

export interface SupplyWorld {
  /** collection → documents, in the order to insert them. */
  plan: [string, object[]][];
  batches: Batch[];
  leaderOpenid: string;
  catalog: CatalogItem[];
}

const PRODUCTS: [string, string, number, number, CatalogCategory, boolean][] = [
  ['纯牛奶', '盒', 350, 12, '奶品', false],
  ['酸奶', '杯', 500, 6, '奶品', false],
  ['大白菜', '斤', 200, 1, '蔬菜', true],
  ['土豆', '斤', 250, 1, '蔬菜', true],
  ['西红柿', '斤', 400, 1, '蔬菜', true],
  ['鸡蛋', '盒', 1500, 1, '肉蛋', false],
  ['猪肉', '斤', 1800, 1, '肉蛋', true],
  ['大米', '袋', 4500, 1, '粮油', false],
  ['食用油', '桶', 6900, 1, '粮油', false],
  ['挂面', '把', 600, 1, '粮油', false],
  ['卫生纸', '提', 2900, 1, '日用', false],
  ['洗洁精', '瓶', 990, 1, '日用', false],
];

/**
 * Community `communityId` with one grid and `batches.length` buildings; building i has one batch of `batches[i]`
 * orders (one per household), each of `itemsPerOrder` catalog lines. The 楼道长 `o-supply-leader` leads them all.
 */
export function supplyWorld(communityId: string, batchSizes: number[], itemsPerOrder: number, at: Date): SupplyWorld {
  const gridId = `${communityId}-g1`;
  const catalog: CatalogItem[] = PRODUCTS.map(([name, unit, priceFen, casePack, category, loose], i) => ({
    _id: `${communityId}-item-${i}`,
    communityId,
    name,
    unit,
    priceFen,
    casePack,
    category,
    available: true,
    loose,
    createdAt: at,
    updatedAt: at,
    updatedBy: '社区管理员',
  }));
  const byId = new Map(catalog.map((c) => [c._id, c]));
  const buildings: object[] = [];
  const households: object[] = [];
  const batches: Batch[] = [];
  const orders: Order[] = [];
  batchSizes.forEach((size, b) => {
    const buildingId = `${communityId}-b${b + 1}`;
    const buildingName = `${b + 1}号楼`;
    buildings.push({ _id: buildingId, communityId, gridId, number: String(b + 1), name: buildingName, createdAt: at });
    const batch = closeBatch(openBatch({ communityId, gridId, buildingId, buildingName }, 1, at), '楼道长 测试', at);
    for (let i = 0; i < size; i++) {
      const unit = String((i % 4) + 1);
      const floor = Math.floor(i / 8) + 1;
      const room = `${floor}${String((Math.floor(i / 4) % 2) + 1).padStart(2, '0')}`;
      const label = `${b + 1}-${unit}-${room}`;
      const household = { _id: stableId('h', communityId, label), communityId, gridId, buildingId, buildingName, label, unit, floor, room };
      households.push({
        ...household,
        reachable: true,
        riskColour: 'green',
        memberCount: 2,
        pendingBindings: 0,
        createdAt: at,
        updatedAt: at,
      });
      const lines = orderLines(
        Array.from({ length: itemsPerOrder }, (_, k) => {
          const item = catalog[(i + k) % catalog.length];
          return { itemId: item._id, quantity: item.loose ? 1.5 : (k % 3) + 1 };
        }),
        byId,
        communityId,
      );
      orders.push(
        newOrder({
          id: stableId('order', communityId, label, 'world'),
          household,
          batch: { _id: batch._id, no: 1 },
          lines,
          delivery: 'leaveAtDoor',
          by: { name: '居民', openid: `o-${label}`, onBehalf: false },
          at: new Date(at.getTime() + i * 1000),
        }),
      );
    }
    batches.push({ ...batch, orderCount: size });
  });
  const leaderOpenid = 'o-supply-leader';
  const leader: UserRecord = {
    _id: leaderOpenid,
    name: '测试',
    grants: [{ role: 'buildingLeader', communityId, buildingIds: batches.map((b) => b.buildingId) }],
    households: [],
    createdAt: at,
    updatedAt: at,
  };
  return {
    plan: [
      ['communities', [{ _id: communityId, name: '订单社区', address: '测试路 3 号', createdAt: at }]],
      ['grids', [{ _id: gridId, communityId, name: '第一网格', createdAt: at, updatedAt: at }]],
      ['buildings', buildings],
      ['households', households],
      ['users', [leader]],
      ['catalogItems', catalog],
      ['batches', batches],
      ['orders', orders],
    ],
    batches,
    leaderOpenid,
    catalog,
  };
}
