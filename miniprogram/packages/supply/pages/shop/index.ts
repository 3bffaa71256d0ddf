/**
 * 买菜买药: the community's catalog by category, a cart, free-text items (a medicine, a milk-powder brand), a note and
 * how to deliver; submitted into the building's current batch. Staff open it with `?householdId=…&communityId=…&label=…`
 * to order on a household's behalf after a phone call. One submit = one request id, reused when the person retries
 * after a failure; changing the cart makes it a new submit.
 */
import { instanceState } from '../../../../behaviors/instanceState';
import { loadable, type LoadedView } from '../../../../behaviors/loadable';
import { queryValue } from '../../../../behaviors/query';
import { showError } from '../../../../services/feedback';
import { fetchMyProfile } from '../../../../services/profile';
import { fetchCatalog, submitOrder, type CatalogItemView } from '../../../../services/supply';
import { createSubmitKey } from '../../../../transport/index';
import type { DatasetEvent, ValueEvent } from '../../../../types/events';
import {
  DELIVERY_OPTIONS,
  MAX_NOTE,
  cartSummary,
  categoryTabs,
  checkOrder,
  itemRows,
  toOrderInput,
  type Cart,
  type FreeItem,
} from '../../presenters/orders';
import type { CatalogCategory, DeliveryPreference } from '../../../../../typings/contract/supply';

const local = instanceState(() => ({
  submitKey: createSubmitKey(),
  catalog: [] as CatalogItemView[],
  cart: {} as Cart,
  /** household → community, for loading the right catalog. */
  communities: new Map<string, string>(),
}));

Component({
  behaviors: [loadable],
  data: {
    onBehalf: false,
    behalfLabel: '',
    householdId: '',
    householdOptions: [] as { label: string; value: string }[],
    tabs: [] as { category: CatalogCategory; label: string }[],
    category: '' as CatalogCategory | '',
    rows: [] as ReturnType<typeof itemRows>,
    free: [] as FreeItem[],
    note: '',
    maxNote: MAX_NOTE,
    delivery: 'leaveAtDoor' as DeliveryPreference,
    deliveryOptions: DELIVERY_OPTIONS,
    summary: { count: 0, text: '还没有选物资', empty: true },
    submitting: false,
    result: null as { title: string; description: string } | null,
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}): void {
      if (query.householdId && query.communityId) {
        local(this).communities.set(query.householdId, queryValue(query, 'communityId'));
        this.setData({ onBehalf: true, behalfLabel: queryValue(query, 'label'), householdId: query.householdId });
        wx.setNavigationBarTitle({ title: '代为下单' });
      }
      void this.reloadView();
    },

    async fetchView(): Promise<LoadedView> {
      const state = local(this);
      let householdId = this.data.householdId;
      let householdOptions = this.data.householdOptions;
      if (!this.data.onBehalf) {
        const households = (await fetchMyProfile()).households;
        households.forEach((h) => state.communities.set(h.householdId, h.communityId));
        householdOptions = households.map((h) => ({ label: `${h.label}${h.kind === 'proxy' ? '（代办）' : ''}`, value: h.householdId }));
        householdId = householdOptions.find((o) => o.value === householdId)?.value ?? householdOptions[0]?.value ?? '';
      }
      const communityId = state.communities.get(householdId);
      if (!communityId) return { empty: true, data: { householdOptions } };
      state.catalog = await fetchCatalog(communityId);
      const tabs = categoryTabs(state.catalog, state.cart);
      const category = tabs.find((t) => t.category === this.data.category)?.category ?? tabs[0]?.category ?? '';
      return {
        empty: false,
        data: {
          householdOptions,
          householdId,
          tabs,
          category,
          rows: category ? itemRows(state.catalog, category, state.cart) : [],
          summary: cartSummary(state.catalog, state.cart, this.data.free),
        },
      };
    },

    /** Any change to what would be submitted makes it a new submit; the view shows the cart as it now is. */
    refreshCart(extra: Record<string, unknown> = {}): void {
      const state = local(this);
      state.submitKey.renew();
      const free = (extra.free as FreeItem[] | undefined) ?? this.data.free;
      const category = (extra.category as CatalogCategory | undefined) ?? this.data.category;
      this.setData({
        ...extra,
        tabs: categoryTabs(state.catalog, state.cart),
        rows: category ? itemRows(state.catalog, category, state.cart) : [],
        summary: cartSummary(state.catalog, state.cart, free),
      });
    },

    onHouseholdChange(e: ValueEvent<string>): void {
      const state = local(this);
      const before = state.communities.get(this.data.householdId);
      this.setData({ householdId: e.detail.value });
      state.submitKey.renew();
      // Another community has another catalog: start the cart again.
      if (state.communities.get(e.detail.value) !== before) {
        state.cart = {};
        void this.reloadView(true);
      }
    },

    onCategory(e: DatasetEvent<{ value?: CatalogCategory }>): void {
      const category = e.currentTarget.dataset.value;
      if (category) this.refreshCart({ category });
    },

    onQuantity(e: DatasetEvent<{ id?: string }> & { detail: { value: number | string } }): void {
      const id = e.currentTarget.dataset.id;
      if (!id) return;
      const q = Number(e.detail.value);
      local(this).cart[id] = Number.isFinite(q) && q > 0 ? q : 0;
      this.refreshCart();
    },

    onAddFree(): void {
      this.refreshCart({ free: [...this.data.free, { name: '', quantity: 1, unit: '' }] });
    },

    onFreeName(e: DatasetEvent<{ index?: number }> & ValueEvent<string>): void {
      const i = Number(e.currentTarget.dataset.index);
      const free = this.data.free.map((f, k) => (k === i ? { ...f, name: e.detail.value ?? '' } : f));
      this.refreshCart({ free });
    },

    onFreeUnit(e: DatasetEvent<{ index?: number }> & ValueEvent<string>): void {
      const i = Number(e.currentTarget.dataset.index);
      const free = this.data.free.map((f, k) => (k === i ? { ...f, unit: e.detail.value ?? '' } : f));
      this.refreshCart({ free });
    },

    onFreeQuantity(e: DatasetEvent<{ index?: number }> & { detail: { value: number | string } }): void {
      const i = Number(e.currentTarget.dataset.index);
      const q = Math.max(1, Math.round(Number(e.detail.value) || 1));
      this.refreshCart({ free: this.data.free.map((f, k) => (k === i ? { ...f, quantity: q } : f)) });
    },

    onRemoveFree(e: DatasetEvent<{ index?: number }>): void {
      const i = Number(e.currentTarget.dataset.index);
      this.refreshCart({ free: this.data.free.filter((_, k) => k !== i) });
    },

    onNote(e: ValueEvent<string>): void {
      local(this).submitKey.renew();
      this.setData({ note: e.detail.value ?? '' });
    },

    onDelivery(e: ValueEvent<DeliveryPreference>): void {
      local(this).submitKey.renew();
      this.setData({ delivery: e.detail.value });
    },

    async onSubmit(): Promise<void> {
      if (this.data.submitting) return;
      const state = local(this);
      const problem = checkOrder(this.data.householdId, state.cart, this.data.free, this.data.note);
      if (problem) {
        wx.showToast({ title: problem, icon: 'none', duration: 2500 });
        return;
      }
      const key = state.submitKey;
      this.setData({ submitting: true });
      try {
        const order = await submitOrder(
          toOrderInput(this.data.householdId, state.cart, this.data.free, this.data.note, this.data.delivery),
          key.requestId,
        );
        key.renew();
        state.cart = {};
        this.setData({
          submitting: false,
          free: [],
          note: '',
          result: {
            title: '订单已提交',
            description: `${order.label} 的订单进入${order.buildingName}第 ${order.batchNo} 批，楼道长截单后统一采购配送。进度可在「我的订单」里查看。`,
          },
        });
      } catch (err) {
        // The same key on a retry: if the order did arrive, the retry answers it instead of ordering twice.
        this.setData({ submitting: false });
        showError(err);
      }
    },

    onViewOrders(): void {
      wx.redirectTo({ url: '/packages/supply/pages/orders/index' });
    },

    onAnother(): void {
      this.setData({ result: null });
      this.refreshCart();
    },
  },
});
