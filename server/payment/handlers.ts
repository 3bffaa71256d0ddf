/** 收款: recording what a household paid, and the list of who still owes. */
import type { SupplyApi } from '../../typings/contract/supply';
import { actorLabel } from '../community/deps';
import { buildingId } from '../community/fields';
import { buildingTarget } from '../community/registry';
import { CommonErrors } from '../platform/errors';
import type { ActionSpec } from '../platform/router';
import { field, optional } from '../platform/validation';
import { authorize } from '../policy/policy';
import { ORDERS, orderView, STATUS_LABELS, type Order } from '../order/order';
import { orderBuildingTarget, orderOrFail } from '../order/repository';
import { actorOf, type SupplyDeps } from '../supply/deps';
import { cursorField, orderId } from '../supply/fields';
import { CHARGEABLE, paymentChange } from './payment';

type Spec<K extends keyof SupplyApi> = ActionSpec<SupplyApi[K]['input'], SupplyApi[K]['output']>;

const PAGE_SIZE = 20;

export function recordPayment(deps: SupplyDeps): Spec<'order.recordPayment'> {
  return {
    summary: 'Records whether a household paid for an order, how much (fen) and how; no money passes through the app',
    input: field.object({
      orderId,
      paid: field.boolean({ label: '是否已付款' }),
      amountFen: optional(field.number({ label: '金额（分）', min: 0, max: 10_000_000 })),
      method: optional(field.oneOf(['wechat', 'alipay', 'cash', 'other'] as const, { label: '付款方式' })),
    }),
    errors: ['ORDER.NOT_FOUND', 'PAYMENT.NOT_DUE'],
    async handle(ctx, input) {
      const [actor, order] = await Promise.all([actorOf(deps, ctx.caller.openid), orderOrFail(deps.db, input.orderId)]);
      authorize(actor, 'order.recordPayment', orderBuildingTarget(order));
      const by = actorLabel(actor);
      const change = paymentChange(order, input, by, ctx.now);
      const note = change.paymentStatus === 'paid' ? `已收款 ${(change.payment!.amountFen! / 100).toFixed(2)} 元` : '记为未付款';
      const event = { action: 'payment' as const, at: ctx.now, by, byOpenid: actor.openid, note };
      // Setting the same record twice leaves the same record: a retry needs no request id.
      await deps.db
        .collection(ORDERS)
        .doc(order._id)
        .update({ data: { ...change, updatedAt: ctx.now, history: deps.db.command.push([event]) } });
      return orderView({ ...order, ...change, history: [...order.history, event] });
    },
  };
}

export function listUnpaid(deps: SupplyDeps): Spec<'payment.unpaid'> {
  return {
    summary: "The building's orders bought but not recorded as paid, oldest first, 20 a page: the list to chase",
    input: field.object({ buildingId, cursor: optional(cursorField) }),
    errors: ['BUILDING.NOT_FOUND'],
    async handle(ctx, input) {
      const [actor, building] = await Promise.all([actorOf(deps, ctx.caller.openid), deps.reg.buildingOrFail(input.buildingId)]);
      authorize(actor, 'payment.unpaid', buildingTarget(building));
      const _ = deps.db.command;
      const base = { communityId: building.communityId, buildingId: building._id, paymentStatus: 'unpaid', status: _.in([...CHARGEABLE]) };
      let where: Record<string, unknown> = base;
      if (input.cursor) {
        const m = /^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/.exec(input.cursor);
        if (!m) throw CommonErrors.inputInvalid('列表位置无效，请下拉刷新', { cursor: '无效' });
        const at = new Date(Number(m[1]));
        where = _.and([base, _.or([{ createdAt: _.gt(at) }, { createdAt: at, _id: _.gt(m[2]) }])]) as Record<string, unknown>;
      }
      const res = await deps.db
        .collection<Order>(ORDERS)
        .where(where)
        .orderBy('createdAt', 'asc')
        .orderBy('_id', 'asc')
        .limit(PAGE_SIZE + 1)
        .get();
      const page = res.data.slice(0, PAGE_SIZE);
      const last = page[page.length - 1];
      return {
        items: page.map((o) => ({
          orderId: o._id,
          label: o.label,
          batchId: o.batchId,
          batchNo: o.batchNo,
          status: o.status,
          statusLabel: STATUS_LABELS[o.status],
          estimatedFen: o.estimatedFen,
          createdAt: o.createdAt.toISOString(),
        })),
        nextCursor: res.data.length > PAGE_SIZE ? `${last.createdAt.getTime()}.${last._id}` : null,
      };
    },
  };
}
