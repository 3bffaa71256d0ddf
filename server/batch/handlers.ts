/** 批次: a building's batches, the cut-off (截单), and the 楼道长's purchase and delivery lists. */
import type { OrderStatus, SupplyApi } from '../../typings/contract/supply';
import { actorLabel } from '../community/deps';
import { buildingId } from '../community/fields';
import { buildingTarget } from '../community/registry';
import { AppError, CommonErrors } from '../platform/errors';
import type { ActionSpec } from '../platform/router';
import { field, optional } from '../platform/validation';
import { authorize, type PolicyAction } from '../policy/policy';
import type { Actor, Target } from '../policy/roles';
import { ORDERS } from '../order/order';
import { settleBatchTaskIf } from '../order/effects';
import { actorOf, type SupplyDeps } from '../supply/deps';
import { batchIdField, cursorField } from '../supply/fields';
import { BATCHES, batchView, closeBatch, deliveryList, purchaseList, type Batch } from './batch';
import { batchOrFail, deliveryOrders, purchaseRows, statusCounts } from './repository';

type Spec<K extends keyof SupplyApi> = ActionSpec<SupplyApi[K]['input'], SupplyApi[K]['output']>;

const PAGE_SIZE = 20;

const target = (b: Batch): Target => ({ communityId: b.communityId, gridId: b.gridId, buildingId: b.buildingId });

async function authorizedBatch(
  deps: SupplyDeps,
  openid: string,
  id: string,
  action: PolicyAction,
): Promise<{ actor: Actor; batch: Batch }> {
  const [actor, batch] = await Promise.all([actorOf(deps, openid), batchOrFail(deps.db, id)]);
  authorize(actor, action, target(batch));
  return { actor, batch };
}

async function viewOf(deps: SupplyDeps, b: Batch) {
  return batchView(b, (await statusCounts(deps.db, b.communityId, [b._id])).get(b._id));
}

export function listBatches(deps: SupplyDeps): Spec<'batch.list'> {
  return {
    summary: "A building's batches, newest first, 20 a page, each with its orders counted by status (two requests a page)",
    input: field.object({ buildingId, cursor: optional(cursorField) }),
    errors: ['BUILDING.NOT_FOUND'],
    async handle(ctx, input) {
      const [actor, building] = await Promise.all([actorOf(deps, ctx.caller.openid), deps.reg.buildingOrFail(input.buildingId)]);
      authorize(actor, 'batch.list', buildingTarget(building));
      let before: number | undefined;
      if (input.cursor !== undefined) {
        if (!/^\d{1,6}$/.test(input.cursor)) throw CommonErrors.inputInvalid('列表位置无效，请下拉刷新', { cursor: '无效' });
        before = Number(input.cursor);
      }
      const _ = deps.db.command;
      const res = await deps.db
        .collection<Batch>(BATCHES)
        .where({ communityId: building.communityId, buildingId: building._id, ...(before !== undefined ? { no: _.lt(before) } : {}) })
        .orderBy('no', 'desc')
        .limit(PAGE_SIZE + 1)
        .get();
      const page = res.data.slice(0, PAGE_SIZE);
      const counts = await statusCounts(
        deps.db,
        building.communityId,
        page.map((b) => b._id),
      );
      return {
        items: page.map((b) => batchView(b, counts.get(b._id))),
        nextCursor: res.data.length > PAGE_SIZE ? String(page[page.length - 1].no) : null,
      };
    },
  };
}

/** How long a cut-off waits, at most, for an order that had counted itself into the batch to be written. */
const LANDING_WAITS_MS = [20, 40, 80, 160, 320, 640, 1000, 1000];

/**
 * The closed batch and its orders counted by status, once every order counted into it (`orderCount`, which no longer
 * moves once the batch is closed) has been written. An order whose function died between the two (so never will be)
 * is waited for about three seconds, then the count is set to the orders that are there.
 */
async function landed(deps: SupplyDeps, b: Batch, at: Date): Promise<{ batch: Batch; counts: Partial<Record<OrderStatus, number>> }> {
  for (let i = 0; ; i++) {
    const [batch, all] = await Promise.all([batchOrFail(deps.db, b._id), statusCounts(deps.db, b.communityId, [b._id])]);
    const counts = all.get(b._id) ?? {};
    const total = Object.values(counts).reduce((n, k) => n + (k ?? 0), 0);
    if (total >= batch.orderCount) return { batch, counts };
    if (i >= LANDING_WAITS_MS.length) {
      await deps.db
        .collection(BATCHES)
        .where({ _id: b._id })
        .update({ data: { orderCount: total, updatedAt: at } });
      return { batch: { ...batch, orderCount: total }, counts };
    }
    await new Promise((resolve) => setTimeout(resolve, LANDING_WAITS_MS[i]));
  }
}

export function closeBatchAction(deps: SupplyDeps): Spec<'batch.close'> {
  return {
    summary:
      '截单: closes the open batch; orders placed from now on go into the next one (an order arriving at the same moment lands in one or the other, never lost)',
    input: field.object({ batchId: batchIdField }),
    errors: ['BATCH.NOT_FOUND', 'BATCH.CLOSED', 'DATA.CONFLICT'],
    async handle(ctx, input) {
      const { actor, batch } = await authorizedBatch(deps, ctx.caller.openid, input.batchId, 'batch.close');
      const by = actorLabel(actor);
      // A conditional update, as an order joins the batch (joinBatch): of the two, exactly one comes first. An order
      // that came first is counted in `orderCount`, and the answer waits until it is written.
      const closing = closeBatch(batch, by, ctx.now);
      const res = await deps.db
        .collection(BATCHES)
        .where({ _id: batch._id, status: 'open' })
        .update({
          data: {
            status: closing.status,
            closedAt: closing.closedAt,
            closedBy: closing.closedBy,
            updatedAt: closing.updatedAt,
            openFor: deps.db.command.remove(),
          },
        });
      if (res.stats.updated !== 1) {
        const again = await batchOrFail(deps.db, batch._id);
        // A double tap by the same person: the batch they closed.
        if (again.closedBy === by) return viewOf(deps, again);
        throw new AppError('BATCH.CLOSED', `这一批已经由${again.closedBy ?? '其他人'}截单了`);
      }
      const { batch: closed, counts } = await landed(deps, batch, ctx.now);
      await settleBatchTaskIf(deps, closed._id, counts.submitted ?? 0, { openid: actor.openid, name: by }, ctx.now);
      return batchView(closed, counts);
    },
  };
}

export function getPurchaseList(deps: SupplyDeps): Spec<'batch.purchaseList'> {
  return {
    summary:
      "The batch's purchase list: each catalog item's total rounded up to whole cases (the rounding shown) and which households want it; free-text items apart. One aggregate over the orders",
    input: field.object({ batchId: batchIdField }),
    errors: ['BATCH.NOT_FOUND'],
    async handle(ctx, input) {
      const { batch } = await authorizedBatch(deps, ctx.caller.openid, input.batchId, 'batch.purchaseList');
      const [view, rows] = await Promise.all([viewOf(deps, batch), purchaseRows(deps.db, batch.communityId, batch._id)]);
      const households = new Set([...rows.items.flatMap((r) => r.wants.map((w) => w.label)), ...rows.freeText.map((f) => f.label)]).size;
      return purchaseList(view, rows.items, rows.freeText, households);
    },
  };
}

export function getDeliveryList(deps: SupplyDeps): Spec<'batch.deliveryList'> {
  return {
    summary: "The batch's delivery list: households by unit, floor and room, each with its items, payment and a tick",
    input: field.object({ batchId: batchIdField }),
    errors: ['BATCH.NOT_FOUND'],
    async handle(ctx, input) {
      const { batch } = await authorizedBatch(deps, ctx.caller.openid, input.batchId, 'batch.deliveryList');
      const [view, orders] = await Promise.all([viewOf(deps, batch), deliveryOrders(deps.db, batch.communityId, batch._id)]);
      return deliveryList(view, orders);
    },
  };
}

export function markBatchPurchased(deps: SupplyDeps): Spec<'batch.markPurchased'> {
  return {
    summary: 'After the shopping trip: every accepted order of the closed batch becomes purchased, in one conditional update',
    input: field.object({ batchId: batchIdField }),
    errors: ['BATCH.NOT_FOUND', 'BATCH.OPEN'],
    async handle(ctx, input) {
      const { actor, batch } = await authorizedBatch(deps, ctx.caller.openid, input.batchId, 'batch.markPurchased');
      if (batch.status === 'open') throw new AppError('BATCH.OPEN', '这一批还没有截单，请先截单再统一采购');
      const _ = deps.db.command;
      await deps.db
        .collection(ORDERS)
        .where({ communityId: batch.communityId, batchId: batch._id, status: 'accepted' })
        .update({
          data: {
            status: 'purchased',
            updatedAt: ctx.now,
            history: _.push([{ action: 'purchase', at: ctx.now, by: actorLabel(actor), byOpenid: actor.openid, note: '整批采购' }]),
          },
        });
      return viewOf(deps, batch);
    },
  };
}
