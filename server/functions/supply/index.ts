/** Cloud function `supply`: the catalog, orders and their state machine, building batches with the 楼道长's lists, payments, and the receipt timer. */
import type { SupplyApi } from '../../../typings/contract/supply';
import { closeBatchAction, getDeliveryList, getPurchaseList, listBatches, markBatchPurchased } from '../../batch/handlers';
import { listCatalog, saveCatalogItem } from '../../catalog/handlers';
import { userRepository } from '../../identity/userRepository';
import {
  acceptOrder,
  autoConfirmDue,
  cancelOrder,
  confirmReceipt,
  createOrder,
  getOrder,
  markDelivered,
  markPurchased,
  myOrders,
  rejectOrder,
} from '../../order/handlers';
import { listUnpaid, recordPayment } from '../../payment/handlers';
import { cloud, cloudPlatform, db } from '../../platform/cloud';
import { newId } from '../../platform/ids';
import { createRouter, type RoutesFor, type Timers } from '../../platform/router';
import { supplyDeps } from '../../supply/deps';

const deps = supplyDeps(
  db,
  userRepository(db),
  { send: (message) => cloud.openapi.subscribeMessage.send(message) },
  cloudPlatform.log,
  newId,
);

export const routes: RoutesFor<SupplyApi> = {
  'catalog.list': listCatalog(deps),
  'catalog.save': saveCatalogItem(deps),
  'order.create': createOrder(deps),
  'order.mine': myOrders(deps),
  'order.get': getOrder(deps),
  'order.cancel': cancelOrder(deps),
  'order.accept': acceptOrder(deps),
  'order.reject': rejectOrder(deps),
  'order.markPurchased': markPurchased(deps),
  'order.markDelivered': markDelivered(deps),
  'order.confirmReceipt': confirmReceipt(deps),
  'order.recordPayment': recordPayment(deps),
  'batch.list': listBatches(deps),
  'batch.close': closeBatchAction(deps),
  'batch.purchaseList': getPurchaseList(deps),
  'batch.deliveryList': getDeliveryList(deps),
  'batch.markPurchased': markBatchPurchased(deps),
  'payment.unpaid': listUnpaid(deps),
};

/** Named as in cloudfunctions/supply/config.json. */
export const timers: Timers = {
  autoConfirm: ({ now }) => autoConfirmDue(deps, now),
};

export const main = createRouter(routes, cloudPlatform, timers);
