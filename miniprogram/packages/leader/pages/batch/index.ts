/**
 * One batch (楼道长, 志愿者): 采购清单 — each item's total rounded up to whole cases with the rounding shown and who
 * wants it, free-text items apart — and 配送清单 — households by unit, floor and room with 接单, the 送达 tick (the
 * household and its proxies are told) and 记为已付款. Batch actions: 截单, 本批已采购.
 */
import { instanceState } from '../../../../behaviors/instanceState';
import { loadable, type LoadedView } from '../../../../behaviors/loadable';
import { queryValue } from '../../../../behaviors/query';
import { showDone, showError } from '../../../../services/feedback';
import { fetchMyProfile } from '../../../../services/profile';
import {
  acceptOrder,
  closeBatch,
  fetchDeliveryList,
  fetchPurchaseList,
  markBatchPurchased,
  markDelivered,
  recordPayment,
  rejectOrder,
} from '../../../../services/supply';
import type { DatasetEvent } from '../../../../types/events';
import { PAGE_SIZE } from '../../../../services/paging';
import { PAYMENT_METHODS, batchHeader, deliveryView, purchaseView, type StopRow } from '../../presenters/supply';

const local = instanceState(() => ({
  busy: new Set<string>(),
  /** Every stop of the delivery list; the view holds 20 more each time the person reaches the bottom. */
  stops: [] as StopRow[],
}));

type Tab = 'purchase' | 'delivery';

Component({
  behaviors: [loadable],
  data: {
    batchId: '',
    tab: 'purchase' as Tab,
    header: null as ReturnType<typeof batchHeader> | null,
    purchase: null as ReturnType<typeof purchaseView> | null,
    delivery: null as Omit<ReturnType<typeof deliveryView>, 'stops'> | null,
    /** The stops on screen: 20 at a time (a building's whole list in one setData would be too much for the view). */
    stops: [] as StopRow[],
    working: false,
    /** 楼道长 and above may send an order back (volunteers take and deliver). */
    canReject: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}): void {
      const tab: Tab = query.tab === 'delivery' ? 'delivery' : 'purchase';
      this.setData({ batchId: queryValue(query, 'batchId'), tab });
      void this.reloadView();
      // Only decides whether 退回 is offered; the function decides whether it is allowed.
      fetchMyProfile().then(
        (me) => this.setData({ canReject: me.roles.some((r) => r === 'buildingLeader' || r === 'gridWorker' || r === 'communityAdmin') }),
        () => undefined,
      );
    },

    /** Only the open tab is loaded: the lists of a big batch are not both sent to the view at once. */
    async fetchView(): Promise<LoadedView> {
      if (this.data.tab === 'purchase') {
        const list = await fetchPurchaseList(this.data.batchId);
        return { empty: false, data: { header: batchHeader(list.batch), purchase: purchaseView(list), delivery: null } };
      }
      const list = await fetchDeliveryList(this.data.batchId);
      const { stops, ...delivery } = deliveryView(list);
      local(this).stops = stops;
      // After a tick the person stays where they were: as many stops as were on screen.
      const shown = Math.max(PAGE_SIZE, this.data.stops.length);
      return { empty: false, data: { header: batchHeader(list.batch), delivery, stops: stops.slice(0, shown), purchase: null } };
    },

    onReachBottom(): void {
      const all = local(this).stops;
      const shown = this.data.stops.length;
      if (this.data.tab !== 'delivery' || shown >= all.length) return;
      // Path updates: only the next 20 stops travel to the view.
      const patch: Record<string, StopRow> = {};
      all.slice(shown, shown + PAGE_SIZE).forEach((stop, i) => (patch[`stops[${shown + i}]`] = stop));
      this.setData(patch);
    },

    onTab(e: DatasetEvent<{ tab?: Tab }>): void {
      const tab = e.currentTarget.dataset.tab;
      if (!tab || tab === this.data.tab) return;
      this.setData({ tab, stops: [] });
      void this.reloadView(true);
    },

    /** Runs a batch action once at a time; the lists reload after it. */
    async run(work: () => Promise<unknown>, done: string): Promise<void> {
      if (this.data.working) return;
      this.setData({ working: true });
      try {
        await work();
        showDone(done);
        await this.reloadView();
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ working: false });
      }
    },

    onClose(): void {
      wx.showModal({
        title: '截单',
        content: '截单后，新订单会进入下一批。确定现在截单吗？',
        confirmText: '截单',
        success: (res) => {
          if (res.confirm) void this.run(() => closeBatch(this.data.batchId), '已截单');
        },
      });
    },

    onMarkPurchased(): void {
      wx.showModal({
        title: '本批已采购',
        content: '把本批所有已接单的订单标记为已采购？之后可以逐户配送打勾。',
        confirmText: '已采购',
        success: (res) => {
          if (res.confirm) void this.run(() => markBatchPurchased(this.data.batchId), '已标记采购');
        },
      });
    },

    /** One stop's action, once at a time per order; the list reloads after it, whoever won. */
    async stopAction(orderId: string, work: () => Promise<unknown>, done: string): Promise<void> {
      const busy = local(this).busy;
      if (busy.has(orderId)) return;
      busy.add(orderId);
      try {
        await work();
        showDone(done);
        await this.reloadView();
      } catch (err) {
        showError(err);
        // Someone else took it, or it moved meanwhile: show the list as it now is.
        await this.reloadView();
      } finally {
        busy.delete(orderId);
      }
    },

    onAccept(e: DatasetEvent<{ id?: string }>): void {
      const id = e.currentTarget.dataset.id;
      if (id) void this.stopAction(id, () => acceptOrder(id), '已接单');
    },

    onDeliver(e: DatasetEvent<{ id?: string }>): void {
      const id = e.currentTarget.dataset.id;
      if (id) void this.stopAction(id, () => markDelivered(id), '已送达，已通知住户');
    },

    onReject(e: DatasetEvent<{ id?: string }>): void {
      const id = e.currentTarget.dataset.id;
      if (!id) return;
      wx.showModal({
        title: '退回订单',
        editable: true,
        placeholderText: '退回原因，如：本批不供应奶粉',
        confirmText: '退回',
        success: (res) => {
          const reason = (res.content ?? '').trim();
          if (!res.confirm) return;
          if (Array.from(reason).length < 2) {
            wx.showToast({ title: '请写明退回原因，住户会看到', icon: 'none', duration: 2500 });
            return;
          }
          void this.stopAction(id, () => rejectOrder(id, reason), '已退回');
        },
      });
    },

    onPaid(e: DatasetEvent<{ id?: string }>): void {
      const id = e.currentTarget.dataset.id;
      const stop = local(this).stops.find((s) => s.orderId === id);
      if (!id || !stop) return;
      wx.showActionSheet({
        itemList: PAYMENT_METHODS.map((m) => `${m.label}收款`),
        success: (res) => {
          const method = PAYMENT_METHODS[res.tapIndex]?.value;
          if (method) void this.stopAction(id, () => recordPayment(id, true, stop.amountFen, method), '已记为已付款');
        },
      });
    },
  },
});
