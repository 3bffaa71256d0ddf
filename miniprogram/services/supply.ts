/** The typed client of the `supply` cloud function (typings/contract/supply.d.ts): 物资订单, batches and their lists. */
import type { Page } from '../../typings/contract/community';
import type {
  BatchView,
  CatalogItemView,
  DeliveryList,
  OrderCreateInput,
  OrderView,
  PaymentMethod,
  PurchaseList,
  SupplyApi,
  UnpaidOrder,
} from '../../typings/contract/supply';
import { functionClient } from '../transport/index';

export type { BatchView, CatalogItemView, DeliveryList, OrderCreateInput, OrderView, PaymentMethod, PurchaseList, UnpaidOrder };

export const supply = functionClient<SupplyApi>('supply');

/** The community's catalog: what is in stock, by category. */
export function fetchCatalog(communityId: string): Promise<CatalogItemView[]> {
  return supply('catalog.list', { communityId });
}

/** `requestId` is the submit key's: the same on every retry of one submit, so a retry never orders twice. */
export function submitOrder(input: OrderCreateInput, requestId: string): Promise<OrderView> {
  return supply('order.create', input, { requestId });
}

/** 我的订单, 20 a page, newest first. */
export function fetchMyOrders(cursor: string | null): Promise<Page<OrderView>> {
  return supply('order.mine', cursor ? { cursor } : {});
}

export function cancelOrder(orderId: string): Promise<OrderView> {
  return supply('order.cancel', { orderId });
}

export function confirmReceipt(orderId: string): Promise<OrderView> {
  return supply('order.confirmReceipt', { orderId });
}

export function acceptOrder(orderId: string): Promise<OrderView> {
  return supply('order.accept', { orderId });
}

export function rejectOrder(orderId: string, reason: string): Promise<OrderView> {
  return supply('order.reject', { orderId, reason });
}

/** The delivery list's tick. */
export function markDelivered(orderId: string): Promise<OrderView> {
  return supply('order.markDelivered', { orderId });
}

export function recordPayment(orderId: string, paid: boolean, amountFen?: number, method?: PaymentMethod): Promise<OrderView> {
  return supply('order.recordPayment', paid ? { orderId, paid, amountFen, method } : { orderId, paid });
}

/** A building's batches, 20 a page, newest first. */
export function fetchBatches(buildingId: string, cursor: string | null): Promise<Page<BatchView>> {
  return supply('batch.list', cursor ? { buildingId, cursor } : { buildingId });
}

/** 截单 */
export function closeBatch(batchId: string): Promise<BatchView> {
  return supply('batch.close', { batchId });
}

export function markBatchPurchased(batchId: string): Promise<BatchView> {
  return supply('batch.markPurchased', { batchId });
}

export function fetchPurchaseList(batchId: string): Promise<PurchaseList> {
  return supply('batch.purchaseList', { batchId });
}

export function fetchDeliveryList(batchId: string): Promise<DeliveryList> {
  return supply('batch.deliveryList', { batchId });
}

export function fetchUnpaid(buildingId: string, cursor: string | null): Promise<Page<UnpaidOrder>> {
  return supply('payment.unpaid', cursor ? { buildingId, cursor } : { buildingId });
}
