/**
 * The demo community's supply orders, through the real supply function: the resident sees her milk delivered and can
 * confirm it, the proxy sees her parents' order, the 楼道长 sees two batches of building 3 and the purchase list of
 * the first (milk rounded up to a whole box), and the open batch waits in the 待办.
 */
import { seedDemoCommunity } from '../../../emulator/seed';
import { DEMO_COMMUNITY_ID } from '../../../emulator/seed/demoCommunity';
import type { BatchView, CatalogItemView, OrderView, PurchaseList } from '../../../typings/contract/supply';
import { startScenario, type Scenario } from '../../server/helpers/scenario';

let s: Scenario;
const NOW = '2026-11-22T10:00:00+08:00';
beforeAll(async () => {
  s = await startScenario({ startAt: NOW });
  await seedDemoCommunity(s.cloud.url, new Date(NOW));
}, 60_000);
afterAll(() => s?.close());

const data = async <T>(openid: string, action: string, input: unknown): Promise<T> => {
  const res = await s.as(openid)<T>('supply', action, input);
  if (!res.ok) throw new Error(`${action}: ${res.code} ${res.message}`);
  return res.data;
};

describe('the demo community’s supply orders', () => {
  it('has a catalog by category with one item out of stock', async () => {
    const items = await data<CatalogItemView[]>('demo-resident', 'catalog.list', { communityId: DEMO_COMMUNITY_ID });
    expect(items[0]).toMatchObject({ category: '蔬菜' });
    expect(items.find((i) => i.name === '纯牛奶 250ml')).toMatchObject({ casePack: 12, priceFen: 350 });
    expect(items.some((i) => i.name === '青菜')).toBe(false);
  });

  it('王秀英’s milk is at her door; 李娜 sees her parents’ order', async () => {
    const mine = await data<{ items: OrderView[] }>('demo-resident', 'order.mine', {});
    expect(mine.items).toEqual([expect.objectContaining({ label: '3-1-301', status: 'delivered', batchNo: 1 })]);
    const proxy = await data<{ items: OrderView[] }>('demo-proxy', 'order.mine', {});
    expect(proxy.items).toEqual([expect.objectContaining({ label: '3-2-502', status: 'accepted', batchNo: 2 })]);
  });

  it('the 楼道长 has two batches of building 3, a purchase list with the milk rounded up, and the open batch in 待办', async () => {
    const me = await s.as('demo-leader')('community', 'building.listMine', {});
    const buildingId = me.ok ? (me.data[0].buildingId as string) : '';
    const batches = await data<{ items: BatchView[] }>('demo-leader', 'batch.list', { buildingId });
    expect(batches.items.map((b) => [b.no, b.status, b.activeOrders])).toEqual([
      [2, 'open', 2],
      [1, 'closed', 3],
    ]);
    const list = await data<PurchaseList>('demo-volunteer', 'batch.purchaseList', { batchId: batches.items[1].batchId });
    expect(list.lines.find((l) => l.name === '纯牛奶 250ml')).toMatchObject({ wanted: 13, cases: 2, buy: 24 });
    expect(list.freeText).toEqual([expect.objectContaining({ name: '硝苯地平缓释片', label: '3-1-302' })]);
    const tasks = await s.as('demo-volunteer')('health', 'tasks.listMine', {});
    expect(tasks.ok && tasks.data.items.filter((t: { kind: string }) => t.kind === 'order.submitted')).toEqual([
      expect.objectContaining({ title: '3号楼第 2 批有新的物资订单' }),
    ]);
  });
});
