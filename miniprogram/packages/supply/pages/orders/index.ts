/**
 * 我的订单: the orders of the person's households (and those they look after as a proxy), newest first, 20 at a
 * time, each with its steps 已提交 → 已接单 → 已采购 → 已送达 → 已收货; 取消 while nobody has taken it, 确认收货 once
 * it is at the door (it confirms itself a day later otherwise).
 */
import { instanceState } from '../../../../behaviors/instanceState';
import { pagedList } from '../../../../behaviors/pagedList';
import { showDone, showError } from '../../../../services/feedback';
import type { Page } from '../../../../services/paging';
import { cancelOrder, confirmReceipt, fetchMyOrders, type OrderView } from '../../../../services/supply';
import type { DatasetEvent } from '../../../../types/events';
import { STEP_LABELS, orderCard, type OrderCard } from '../../presenters/orders';
import { reloadOnReturn } from '../../../../behaviors/reloadOnReturn';

const local = instanceState(() => ({ busy: new Set<string>() }));

Component({
  behaviors: [pagedList, reloadOnReturn],
  data: {
    steps: STEP_LABELS,
  },
  methods: {
    onLoad(): void {
      void this.reloadList();
    },

    /** Back from a new order: the list shows it. */
    async fetchPage(cursor: string | null): Promise<Page<OrderCard>> {
      const page = await fetchMyOrders(cursor);
      return { items: page.items.map(orderCard), nextCursor: page.nextCursor };
    },

    /** Puts the changed order in its place on screen (one path update, not the whole list). */
    replace(view: OrderView): void {
      const index = (this.data.items as OrderCard[]).findIndex((o) => o.orderId === view.orderId);
      if (index >= 0) this.setData({ [`items[${index}]`]: orderCard(view) });
    },

    async act(orderId: string, call: (id: string) => Promise<OrderView>, done: string): Promise<void> {
      const busy = local(this).busy;
      if (busy.has(orderId)) return;
      busy.add(orderId);
      try {
        this.replace(await call(orderId));
        showDone(done);
      } catch (err) {
        showError(err);
      } finally {
        busy.delete(orderId);
      }
    },

    onConfirm(e: DatasetEvent<{ id?: string }>): void {
      const id = e.currentTarget.dataset.id;
      if (id) void this.act(id, confirmReceipt, '已确认收货');
    },

    onCancel(e: DatasetEvent<{ id?: string }>): void {
      const id = e.currentTarget.dataset.id;
      if (!id) return;
      wx.showModal({
        title: '取消这个订单？',
        content: '取消后楼道长不会再为这一单采购。',
        confirmText: '取消订单',
        cancelText: '再想想',
        success: (res) => {
          if (res.confirm) void this.act(id, cancelOrder, '已取消');
        },
      });
    },

    onNew(): void {
      wx.navigateTo({ url: '/packages/supply/pages/shop/index' });
    },
  },
});
