/**
 * Issue 6's acceptance through the function host: three households of building 3 order (one of them by the 楼道长 on
 * the phone for an elderly couple whose daughter is their proxy), the 楼道长 cuts off the batch, the purchase list
 * totals are right with the milk rounded up to whole boxes, two volunteers race to accept one order — one wins and the
 * other is told who took it — the ticks notify the household and the proxy, the resident confirms and the rest are
 * confirmed by the timer. Then every bad input in the issue, each refused with nothing written.
 */
import { templateId } from '../../../server/notifications/templates';
import type { OrderView, PurchaseList } from '../../../typings/contract/supply';
import { setUpCommunity, TEST_STAFF, type TestCommunity } from '../helpers/community';
import { openCommunity, requestId, startScenario, type Scenario } from '../helpers/scenario';

// Moving the clock by hours runs every timer that fell due in between (the health slots too): slow on a busy machine.
jest.setTimeout(60_000);

let s: Scenario;
let c: TestCommunity;
const C = { id: 'c-supply', name: '物资社区' };
const WANG = { openid: 'o-wang', name: '王秀英', phone: '13911120001' };
const ZHOU = { openid: 'o-zhou', name: '周海', phone: '13911120002' };
const DAUGHTER = { openid: 'o-daughter', name: '李娜', phone: '13911120003' };
const QIAN = { openid: 'o-qian', name: '钱四', phone: '13911120005' };
const VOL2 = { openid: 'o-vol2', name: '赵志愿', phone: '13922220009' };
const VOL4 = { openid: 'o-vol4', name: '孙四楼', phone: '13922220010' };
const LEADER = TEST_STAFF.leader.openid;
const VOL1 = TEST_STAFF.volunteer.openid;
const items: Record<string, string> = {};
let otherCommunityItem = '';

const ok = async <T>(p: Promise<{ ok: boolean; data?: T; code?: string; message?: string }>): Promise<T> => {
  const res = await p;
  if (!res.ok) throw new Error(`expected ok, got ${res.code}: ${res.message}`);
  return res.data as T;
};

beforeAll(async () => {
  s = await startScenario({ startAt: '2026-11-22T08:00:00+08:00' });
  c = await setUpCommunity(
    s,
    C,
    [
      ['3', '1', '301', WANG.name, WANG.phone, '本人'],
      ['3', '1', '302', ZHOU.name, ZHOU.phone, '本人'],
      ['3', '2', '101', '李大爷', '', '本人'],
      ['4', '1', '101', QIAN.name, QIAN.phone, '本人'],
    ],
    [
      [WANG.openid, '3-1-301', WANG.name, '本人', WANG.phone],
      [ZHOU.openid, '3-1-302', ZHOU.name, '本人', ZHOU.phone],
      [QIAN.openid, '4-1-101', QIAN.name, '本人', QIAN.phone],
    ],
  );
  // The daughter in another city looks after her parents in 3-2-101.
  const b = await ok<{ bindingId: string }>(
    s.as(DAUGHTER.openid)(
      'community',
      'binding.request',
      { householdId: c.households['3-2-101'], name: DAUGHTER.name, relation: '子女', phone: DAUGHTER.phone, kind: 'proxy' },
      requestId('bind'),
    ),
  );
  await ok(s.as(LEADER)('community', 'binding.review', { bindingId: b.bindingId, decision: 'confirm' }));
  // A second volunteer of building 3, and one of building 4.
  for (const [who, building] of [
    [VOL2, '3号楼'],
    [VOL4, '4号楼'],
  ] as const) {
    const a = await ok<{ inviteCode: string }>(
      s.as(TEST_STAFF.grid.openid)(
        'community',
        'role.appoint',
        { communityId: C.id, role: 'volunteer', name: who.name, phone: who.phone, buildingIds: [c.buildings[building]] },
        requestId('apt'),
      ),
    );
    await ok(s.as(who.openid)('community', 'role.accept', { inviteCode: a.inviteCode }));
  }
  // The catalog, kept by the admin.
  const save = (data: Record<string, unknown>, communityId = C.id, admin = 'o-admin') =>
    ok<{ itemId: string }>(s.as(admin)('supply', 'catalog.save', { communityId, ...data }, requestId('item')));
  items.milk = (await save({ name: '纯牛奶', unit: '盒', priceFen: 350, casePack: 12, category: '奶品', available: true })).itemId;
  items.cabbage = (await save({ name: '大白菜', unit: '斤', priceFen: 200, category: '蔬菜', available: true, loose: true })).itemId;
  items.eggs = (await save({ name: '鸡蛋', unit: '盒', priceFen: 1500, category: '肉蛋', available: false })).itemId;
  await openCommunity(s, { id: 'c-other', name: '别的社区' }, 'o-admin2');
  otherCommunityItem = (await save({ name: '别处的米', unit: '袋', category: '粮油', available: true }, 'c-other', 'o-admin2')).itemId;
  // Who allowed the delivery message: the resident of 301 and the daughter.
  for (const openid of [WANG.openid, DAUGHTER.openid]) {
    const id = templateId('orderDelivered');
    await ok(s.as(openid)('health', 'subscription.record', { templateIds: [id], accepted: [id] }, requestId('sub')));
    s.cloud.openapi.recordConsent({ openid, templateId: id, accept: true });
  }
}, 180_000);
afterAll(() => s?.close());

const writes = () => s.dbWrites();
const outbox = (openid: string) => s.cloud.openapi.listOutbox({ touser: openid, templateId: templateId('orderDelivered') });
const orderTasks = async (openid: string) => {
  const res = await ok<{ items: { taskId: string; kind: string; title: string; buildingId: string }[] }>(
    s.as(openid)('health', 'tasks.listMine', {}),
  );
  return res.items.filter((t) => t.kind === 'order.submitted');
};

const order = (openid: string, household: string, lines: unknown[], extra: Record<string, unknown> = {}, req = requestId('ord')) =>
  s.as(openid)<OrderView>(
    'supply',
    'order.create',
    { householdId: c.households[household], items: lines, delivery: 'leaveAtDoor', ...extra },
    req,
  );

describe('acceptance: building 3 orders, the 楼道长 buys in one trip, the goods reach the door', () => {
  const ids: Record<string, string> = {};
  let batchId = '';

  it('the catalog lists what is available by category; staff can see what is out of stock', async () => {
    const list = await ok<{ name: string; category: string }[]>(s.as(WANG.openid)('supply', 'catalog.list', { communityId: C.id }));
    expect(list.map((i) => i.name)).toEqual(['大白菜', '纯牛奶']);
    const all = await ok<{ name: string }[]>(s.as('o-admin')('supply', 'catalog.list', { communityId: C.id, includeUnavailable: true }));
    expect(all.map((i) => i.name)).toEqual(['大白菜', '鸡蛋', '纯牛奶']);
  });

  it('three households order (one by the 楼道长 after a phone call); a double submit has one effect; one to-do item for the batch', async () => {
    const req = requestId('wang');
    const wang = await ok(
      order(
        WANG.openid,
        '3-1-301',
        [
          { itemId: items.milk, quantity: 5 },
          { itemId: items.cabbage, quantity: 2 },
        ],
        { note: '放门口就好' },
        req,
      ),
    );
    expect(wang).toMatchObject({
      status: 'submitted',
      statusLabel: '待接单',
      label: '3-1-301',
      batchNo: 1,
      estimatedFen: 5 * 350 + 400,
      createdBy: `居民 ${WANG.name}`,
    });
    const before = writes();
    expect(
      await ok(
        order(
          WANG.openid,
          '3-1-301',
          [
            { itemId: items.milk, quantity: 5 },
            { itemId: items.cabbage, quantity: 2 },
          ],
          { note: '放门口就好' },
          req,
        ),
      ),
    ).toMatchObject({
      orderId: wang.orderId,
    });
    expect(writes()).toBe(before);
    ids.wang = wang.orderId;
    batchId = wang.batchId;

    ids.zhou = (
      await ok(
        order(ZHOU.openid, '3-1-302', [
          { itemId: items.milk, quantity: 4 },
          { name: '布洛芬', quantity: 1, unit: '盒' },
        ]),
      )
    ).orderId;
    const parents = await ok(
      order(
        LEADER,
        '3-2-101',
        [
          { itemId: items.milk, quantity: 6 },
          { itemId: items.cabbage, quantity: 1.5 },
        ],
        { delivery: 'callFirst' },
      ),
    );
    expect(parents).toMatchObject({
      batchId,
      onBehalfBy: `楼道长 ${TEST_STAFF.leader.name}`,
      history: [{ action: 'create', note: '代下单' }],
    });
    ids.parents = parents.orderId;

    // The daughter sees her parents' order in 我的订单.
    const mine = await ok<{ items: OrderView[] }>(s.as(DAUGHTER.openid)('supply', 'order.mine', {}));
    expect(mine.items.map((o) => o.orderId)).toEqual([ids.parents]);
    // One item in the inbox of the 楼道长 and the volunteers of building 3, none for building 4's.
    expect(await orderTasks(LEADER)).toEqual([expect.objectContaining({ title: '3号楼第 1 批有新的物资订单' })]);
    expect(await orderTasks(VOL2.openid)).toHaveLength(1);
    expect(await orderTasks(VOL4.openid)).toHaveLength(0);
    // It closes by itself when the work is done, not by 标记已处理.
    const [item] = await orderTasks(LEADER);
    expect(await s.as(LEADER)('health', 'tasks.done', { taskId: item.taskId })).toMatchObject({ ok: false, code: 'TASK.DONE_BY_SUBJECT' });
  });

  it('the 楼道长 cuts off the batch (截单); a later order goes into the next batch', async () => {
    const closed = await ok<{ status: string; closedBy: string; activeOrders: number }>(s.as(LEADER)('supply', 'batch.close', { batchId }));
    expect(closed).toMatchObject({
      status: 'closed',
      closedBy: `楼道长 ${TEST_STAFF.leader.name}`,
      activeOrders: 3,
      counts: { submitted: 3 },
    });
    // A double tap by the same 楼道长 answers the same; a volunteer cannot cut off.
    expect(await s.as(LEADER)('supply', 'batch.close', { batchId })).toMatchObject({ ok: true, data: { status: 'closed' } });
    expect(await s.as(VOL1)('supply', 'batch.close', { batchId })).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    const late = await ok(order(ZHOU.openid, '3-1-302', [{ itemId: items.cabbage, quantity: 1 }]));
    expect(late).toMatchObject({ batchNo: 2 });
    expect(late.batchId).not.toBe(batchId);
    const batches = await ok<{ items: { no: number; status: string; activeOrders: number }[] }>(
      s.as(VOL1)('supply', 'batch.list', { buildingId: c.buildings['3号楼'] }),
    );
    expect(batches.items.map((b) => [b.no, b.status, b.activeOrders])).toEqual([
      [2, 'open', 1],
      [1, 'closed', 3],
    ]);
  });

  it('the purchase list totals each item, rounds the milk up to whole boxes and shows it, lists free text apart', async () => {
    const list = await ok<PurchaseList>(s.as(VOL1)('supply', 'batch.purchaseList', { batchId }));
    expect(list.households).toBe(3);
    expect(list.lines).toEqual([
      expect.objectContaining({
        name: '大白菜',
        wanted: 3.5,
        buy: 3.5,
        surplus: 0,
        rounding: '共需 3.5 斤',
        estimatedFen: 700,
        households: [
          { label: '3-1-301', quantity: 2 },
          { label: '3-2-101', quantity: 1.5 },
        ],
      }),
      expect.objectContaining({
        name: '纯牛奶',
        wanted: 15,
        cases: 2,
        buy: 24,
        surplus: 9,
        rounding: '共需 15 盒 → 买 2 箱（每箱 12 盒，共 24 盒，多 9 盒）',
        estimatedFen: 24 * 350,
        households: [
          { label: '3-1-301', quantity: 5 },
          { label: '3-1-302', quantity: 4 },
          { label: '3-2-101', quantity: 6 },
        ],
      }),
    ]);
    expect(list.freeText).toEqual([{ name: '布洛芬', unit: '盒', quantity: 1, label: '3-1-302', orderId: ids.zhou }]);
  });

  it('two volunteers accept the same order at once: exactly one wins, the other is told who took it', async () => {
    const [a, b] = await Promise.all([
      s.as(VOL1)<OrderView>('supply', 'order.accept', { orderId: ids.wang }),
      s.as(VOL2.openid)<OrderView>('supply', 'order.accept', { orderId: ids.wang }),
    ]);
    const winners = [a, b].filter((r) => r.ok);
    const losers = [a, b].filter((r) => !r.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    const winner = (winners[0].ok && winners[0].data.acceptedBy) || '';
    expect([`志愿者 ${TEST_STAFF.volunteer.name}`, `志愿者 ${VOL2.name}`]).toContain(winner);
    expect(losers[0]).toEqual({ ok: false, code: 'ORDER.ALREADY_TAKEN', message: `这单已被${winner}接单，请看看别的订单` });
    const stored = await ok<OrderView>(s.as(WANG.openid)('supply', 'order.get', { orderId: ids.wang }));
    expect(stored.history.filter((e) => e.action === 'accept')).toHaveLength(1);
    // The winner tapping again: the same answer.
    const winnerOpenid = winner.endsWith(VOL2.name) ? VOL2.openid : VOL1;
    expect(await s.as(winnerOpenid)('supply', 'order.accept', { orderId: ids.wang })).toMatchObject({
      ok: true,
      data: { status: 'accepted' },
    });
  });

  it('once every order of the closed batch is taken, its to-do item is done', async () => {
    await ok(s.as(VOL1)('supply', 'order.accept', { orderId: ids.zhou }));
    // One order of batch 1 still waits: its item stays, beside batch 2's.
    expect((await orderTasks(LEADER)).map((t) => t.title)).toEqual(['3号楼第 1 批有新的物资订单', '3号楼第 2 批有新的物资订单']);
    await ok(s.as(LEADER)('supply', 'order.accept', { orderId: ids.parents }));
    // Batch 1 is done; batch 2 (open, one order waiting) has its own item.
    expect((await orderTasks(LEADER)).map((t) => t.title)).toEqual(['3号楼第 2 批有新的物资订单']);
  });

  it('after the shopping trip the batch is marked purchased; the delivery list goes door to door with ticks', async () => {
    expect(await ok(s.as(VOL1)('supply', 'batch.markPurchased', { batchId }))).toMatchObject({ counts: { purchased: 3 } });
    const list = await ok<{ stops: { label: string; tickable: boolean; deliveryLabel: string }[]; delivered: number; total: number }>(
      s.as(VOL1)('supply', 'batch.deliveryList', { batchId }),
    );
    expect(list.stops.map((x) => [x.label, x.tickable])).toEqual([
      ['3-1-301', true],
      ['3-1-302', true],
      ['3-2-101', true],
    ]);
    expect(list.stops[2].deliveryLabel).toBe('送前先打电话');
    expect([list.delivered, list.total]).toEqual([0, 3]);
  });

  it('a tick notifies the household and its proxy (where they allowed it); the order shows 已送达 in the app either way', async () => {
    await s.setClock('2026-11-22T15:00:00+08:00');
    const d = await ok<OrderView>(s.as(VOL1)('supply', 'order.markDelivered', { orderId: ids.parents }));
    expect(d).toMatchObject({ status: 'delivered', statusLabel: '已送达', deliveredAt: expect.stringMatching(/^2026-11-22T07:00/) });
    // Received by itself a day after delivery unless confirmed.
    expect(Date.parse(d.autoConfirmAt!) - Date.parse(d.deliveredAt!)).toBe(24 * 3600_000);
    expect(outbox(DAUGHTER.openid)).toEqual([
      expect.objectContaining({
        data: {
          thing1: { value: '纯牛奶等2样' },
          thing2: { value: '3-2-101 门口' },
          time3: { value: expect.stringContaining('15:00') },
          thing4: { value: '请尽快取回并在小程序确认收货' },
        },
      }),
    ]);
    // A second tick (a retry): no second message.
    expect(await s.as(VOL1)('supply', 'order.markDelivered', { orderId: ids.parents })).toMatchObject({ ok: true });
    expect(outbox(DAUGHTER.openid)).toHaveLength(1);
    const mine = await ok<{ items: OrderView[] }>(s.as(DAUGHTER.openid)('supply', 'order.mine', {}));
    expect(mine.items[0]).toMatchObject({ status: 'delivered' });

    await ok(s.as(VOL2.openid)('supply', 'order.markDelivered', { orderId: ids.wang }));
    await ok(s.as(VOL2.openid)('supply', 'order.markDelivered', { orderId: ids.zhou }));
    expect(outbox(WANG.openid)).toHaveLength(1);
    // 周海 did not allow the message: nothing pushed, the order still says 已送达.
    expect(outbox(ZHOU.openid)).toHaveLength(0);
    expect(await ok<OrderView>(s.as(ZHOU.openid)('supply', 'order.get', { orderId: ids.zhou }))).toMatchObject({ status: 'delivered' });
  });

  it('the resident confirms receipt; the others are confirmed by the timer a day later', async () => {
    expect(await ok<OrderView>(s.as(WANG.openid)('supply', 'order.confirmReceipt', { orderId: ids.wang }))).toMatchObject({
      status: 'received',
      history: expect.arrayContaining([expect.objectContaining({ action: 'confirm', by: `居民 ${WANG.name}` })]),
    });
    // A volunteer cannot confirm for the household.
    expect(await s.as(VOL1)('supply', 'order.confirmReceipt', { orderId: ids.zhou })).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    await s.setClock('2026-11-23T14:00:00+08:00');
    expect(await ok<OrderView>(s.as(ZHOU.openid)('supply', 'order.get', { orderId: ids.zhou }))).toMatchObject({ status: 'delivered' });
    const fired = await s.setClock('2026-11-23T16:30:00+08:00');
    expect(fired.fired).toEqual(
      expect.arrayContaining([expect.objectContaining({ functionName: 'supply', triggerName: 'autoConfirm', ok: true })]),
    );
    for (const id of [ids.zhou, ids.parents]) {
      expect(await ok<OrderView>(s.as(LEADER)('supply', 'order.get', { orderId: id }))).toMatchObject({
        status: 'received',
        history: expect.arrayContaining([expect.objectContaining({ action: 'autoConfirm', by: '系统' })]),
      });
    }
  });

  it('payment is recorded, not processed; the unpaid list is what is left to chase', async () => {
    const unpaid = async () =>
      (await ok<{ items: { label: string }[] }>(s.as(LEADER)('supply', 'payment.unpaid', { buildingId: c.buildings['3号楼'] }))).items.map(
        (i) => i.label,
      );
    expect(await unpaid()).toEqual(['3-1-301', '3-1-302', '3-2-101']);
    const paid = await ok<OrderView>(
      s.as(VOL1)('supply', 'order.recordPayment', { orderId: ids.wang, paid: true, amountFen: 2150, method: 'wechat' }),
    );
    expect(paid.payment).toMatchObject({
      status: 'paid',
      amountFen: 2150,
      method: 'wechat',
      methodLabel: '微信转账',
      recordedBy: `志愿者 ${TEST_STAFF.volunteer.name}`,
    });
    expect(await unpaid()).toEqual(['3-1-302', '3-2-101']);
    // Paid without an amount is refused, and a batch-2 order (not bought yet) is not due.
    expect(await s.as(VOL1)('supply', 'order.recordPayment', { orderId: ids.zhou, paid: true })).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
  });
});

describe('bad input: refused with a clear message, nothing written', () => {
  const refused = async (res: Promise<{ ok: boolean; code?: string; message?: string }>, code: string, message: RegExp) => {
    const before = writes();
    const r = await res;
    expect(r).toMatchObject({ ok: false, code });
    expect(r.message).toMatch(message);
    expect(writes()).toBe(before);
  };

  it.each([
    ['0', 0, /数量应在 0.5 到 99 之间/],
    ['-1', -1, /数量应在 0.5 到 99 之间/],
    ['10^9', 1e9, /数量应在 0.5 到 99 之间/],
  ])('quantity %s', async (_label, quantity, message) => {
    await refused(order(WANG.openid, '3-1-301', [{ itemId: items.milk, quantity }]), 'INPUT.INVALID', message);
  });

  it('1.5 of a packaged item', async () => {
    await refused(
      order(WANG.openid, '3-1-301', [{ itemId: items.milk, quantity: 1.5 }]),
      'INPUT.INVALID',
      /「纯牛奶」按盒卖，数量必须是整数/,
    );
  });

  it('an unavailable item, and one of another community', async () => {
    await refused(order(WANG.openid, '3-1-301', [{ itemId: items.eggs, quantity: 1 }]), 'ORDER.ITEM_UNAVAILABLE', /「鸡蛋」暂时缺货/);
    await refused(
      order(WANG.openid, '3-1-301', [{ itemId: otherCommunityItem, quantity: 1 }]),
      'ORDER.ITEM_UNKNOWN',
      /不在本社区的物资目录里/,
    );
  });

  it('a 100 KB note', async () => {
    await refused(
      order(WANG.openid, '3-1-301', [{ itemId: items.milk, quantity: 1 }], { note: '很'.repeat(100 * 1024) }),
      'INPUT.INVALID',
      /备注最多 200 个字/,
    );
  });

  it('an order for another household (and by a volunteer of another building)', async () => {
    await refused(order(WANG.openid, '3-1-302', [{ itemId: items.milk, quantity: 1 }]), 'AUTH.FORBIDDEN', /不在你负责的范围内/);
    await refused(order(VOL4.openid, '3-1-302', [{ itemId: items.milk, quantity: 1 }]), 'AUTH.FORBIDDEN', /不在你负责的范围内/);
  });

  it('cancelling a purchased order; a volunteer of another building accepting; rejecting a purchased order', async () => {
    const o = await ok(order(QIAN.openid, '4-1-101', [{ itemId: items.milk, quantity: 2 }]));
    await ok(s.as(VOL4.openid)('supply', 'order.accept', { orderId: o.orderId }));
    await ok(s.as(VOL4.openid)('supply', 'order.markPurchased', { orderId: o.orderId }));
    await refused(
      s.as(QIAN.openid)('supply', 'order.cancel', { orderId: o.orderId }),
      'ORDER.STATE_INVALID',
      /订单已采购，不能再取消；如需退换，请联系楼道长/,
    );
    await refused(s.as(LEADER)('supply', 'order.reject', { orderId: o.orderId, reason: '缺货' }), 'AUTH.FORBIDDEN', /不在你负责的范围内/);

    const mine = await ok(order(ZHOU.openid, '3-1-302', [{ itemId: items.milk, quantity: 1 }]));
    await refused(s.as(VOL4.openid)('supply', 'order.accept', { orderId: mine.orderId }), 'AUTH.FORBIDDEN', /不在你负责的范围内/);
    await refused(s.as(VOL1)('supply', 'order.markDelivered', { orderId: mine.orderId }), 'ORDER.STATE_INVALID', /还没有采购/);
    // The resident may still cancel it while nobody has taken it.
    expect(await ok<OrderView>(s.as(ZHOU.openid)('supply', 'order.cancel', { orderId: mine.orderId }))).toMatchObject({
      status: 'cancelled',
      statusLabel: '已取消',
    });
  });

  it('a reject needs a reason; an openid smuggled into the payload is refused', async () => {
    const o = await ok(order(ZHOU.openid, '3-1-302', [{ itemId: items.cabbage, quantity: 1 }]));
    await refused(s.as(LEADER)('supply', 'order.reject', { orderId: o.orderId }), 'INPUT.INVALID', /请填写退回原因/);
    await refused(
      s.as(WANG.openid)(
        'supply',
        'order.create',
        { householdId: c.households['3-1-301'], items: [{ itemId: items.milk, quantity: 1 }], delivery: 'leaveAtDoor', openid: 'x' },
        requestId('x'),
      ),
      'INPUT.INVALID',
      /不支持的字段「openid」/,
    );
    expect(await ok<OrderView>(s.as(LEADER)('supply', 'order.reject', { orderId: o.orderId, reason: '本批白菜已售完' }))).toMatchObject({
      status: 'rejected',
      rejectReason: '本批白菜已售完',
    });
  });
});

describe('a cut-off at the same moment as orders', () => {
  it('every order lands in the closed batch (counted in it) or the next one, never in a batch after it closed', async () => {
    const first = await ok(order(QIAN.openid, '4-1-101', [{ itemId: items.cabbage, quantity: 1 }]));
    const db = s.sdk.database();
    const inBatch = async () =>
      (await db.collection('orders').where({ communityId: C.id, batchId: first.batchId }).count()).total as number;
    const before = await inBatch();
    const [a, closed, b, c2] = await Promise.all([
      order(QIAN.openid, '4-1-101', [{ itemId: items.cabbage, quantity: 2 }]),
      s.as(TEST_STAFF.grid.openid)('supply', 'batch.close', { batchId: first.batchId }),
      order(QIAN.openid, '4-1-101', [{ itemId: items.cabbage, quantity: 3 }]),
      order(QIAN.openid, '4-1-101', [{ itemId: items.cabbage, quantity: 4 }]),
    ]);
    expect(closed).toMatchObject({ ok: true, data: { status: 'closed' } });
    const placed = [a, b, c2].map((r) => (r.ok ? r.data : null));
    expect(placed.every(Boolean)).toBe(true);
    for (const o of placed) expect([first.batchNo, first.batchNo + 1]).toContain(o!.batchNo);
    // The batch document counted, in the same transaction, exactly the orders that carry its id.
    const batch = (await db.collection('batches').doc(first.batchId).get()).data;
    const inIt = await inBatch();
    expect(batch.status).toBe('closed');
    expect(batch.orderCount).toBe(inIt);
    expect(inIt).toBe(before + placed.filter((o) => o!.batchId === first.batchId).length);
  });
});

describe('what the emulator saw', () => {
  it('every supply query was served by a declared index, and no function failed unexpectedly', () => {
    expect(s.cloud.logs.filter((l) => /WARN query on "(orders|batches|catalogItems|tasks|users)"/.test(l))).toEqual([]);
    expect(s.cloud.logs.filter((l) => l.includes('"level":"error"'))).toEqual([]);
  });
});
