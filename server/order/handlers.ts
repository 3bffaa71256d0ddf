/** 物资订单: placing one (idempotent), reading them, and every move of the state machine as a conditional update. */
import type { OrderAction, SupplyApi } from '../../typings/contract/supply';
import { joinBatch, joinOrOpenBatch, leaveBatch } from '../batch/repository';
import { actorLabel } from '../community/deps';
import { householdId } from '../community/fields';
import { householdTarget } from '../community/registry';
import { stableId } from '../household/household';
import { loadActor } from '../identity/users';
import { isDuplicateKey } from '../platform/dbErrors';
import { AppError, CommonErrors } from '../platform/errors';
import type { ActionContext, ActionSpec } from '../platform/router';
import { field, optional } from '../platform/validation';
import { authorize, type PolicyAction } from '../policy/policy';
import type { Actor } from '../policy/roles';
import { actorOf, type SupplyDeps } from '../supply/deps';
import { cursorField, orderId, orderLines as orderLinesField } from '../supply/fields';
import { beforeBatchOpened, notifyDelivered, settleBatchTask } from './effects';
import { applyTransition, newOrder, orderLines, ORDERS, orderView, transition, type Order } from './order';
import { orderBuildingTarget, orderHouseholdTarget, orderIfAny, orderOrFail, placementOf } from './repository';

type Spec<K extends keyof SupplyApi> = ActionSpec<SupplyApi[K]['input'], SupplyApi[K]['output']>;

const PAGE_SIZE = 20;

/** 居民 王秀英 for a household's own user; 楼道长 张建国 for staff. */
function whoLabel(actor: Actor, asResident: boolean): string {
  return asResident ? `居民 ${actor.name ?? ''}`.trim() : actorLabel(actor);
}

export function createOrder(deps: SupplyDeps): Spec<'order.create'> {
  return {
    summary:
      "Places an order for a household (by its user, a proxy, or staff of the building on its behalf) into the building's open batch; the same request id has one effect",
    input: field.object({
      householdId,
      items: orderLinesField,
      note: optional(field.string({ label: '备注', max: 200 })),
      delivery: field.oneOf(['leaveAtDoor', 'handToMe', 'callFirst'] as const, { label: '送货方式' }),
    }),
    requiresRequestId: true,
    errors: ['HOUSEHOLD.NOT_FOUND', 'ORDER.ITEM_UNKNOWN', 'ORDER.ITEM_UNAVAILABLE', 'DATA.CONFLICT'],
    /**
     * Three requests when the building's batch is open: one aggregate reads everything (placementOf), one conditional
     * update counts the order into the batch while it is still open, one add writes the order under an id made from
     * the request id. The batch's first order also opens it (and its to-do item): five then.
     */
    async handle(ctx, input) {
      const id = stableId('order', ctx.caller.openid, ctx.requestId!);
      const itemIds = input.items.flatMap((l) => ('itemId' in l ? [l.itemId] : []));
      const found = await placementOf(deps.db, { householdId: input.householdId, openid: ctx.caller.openid, orderId: id, itemIds });
      if (!found) throw new AppError('HOUSEHOLD.NOT_FOUND', '找不到这户，请刷新后重新选择');
      const { household, user, building } = found;
      const actor = await loadActor({ get: async () => user }, ctx.caller.openid);
      const decision = authorize(actor, 'order.create', householdTarget(household));
      const asResident = decision.via.includes('resident');
      if (found.existing) return orderView(found.existing);

      const lines = orderLines(input.items, new Map(found.catalog.map((i) => [i._id, i])), household.communityId);
      if (!building) throw new AppError('BUILDING.NOT_FOUND', '找不到这栋楼，请刷新后重新选择');

      // Counted into the batch while it is open (a conditional update), before the order is written: a cut-off either
      // came first, and the order goes to the next batch, or waits for this order to be written (batch.close).
      const batch =
        found.openBatch && (await joinBatch(deps.db, found.openBatch, ctx.now))
          ? found.openBatch
          : await joinOrOpenBatch(deps.db, building, ctx.now, (b) => beforeBatchOpened(deps, b, ctx.now));
      const order = newOrder({
        id,
        household: { ...household, buildingName: building.name },
        batch: { _id: batch._id, no: batch.no },
        lines,
        note: input.note,
        delivery: input.delivery,
        by: { name: whoLabel(actor, asResident), openid: actor.openid, onBehalf: !asResident },
        at: ctx.now,
      });
      try {
        await deps.db.collection(ORDERS).add({ data: { ...order } });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        // The same submit arriving twice at once: the other copy wrote it. Ours is not in the batch after all.
        await leaveBatch(deps.db, batch._id, ctx.now);
        const stored = await orderIfAny(deps.db, id);
        if (!stored) throw err;
        return orderView(stored);
      }
      return orderView(order);
    },
  };
}

export function myOrders(deps: SupplyDeps): Spec<'order.mine'> {
  return {
    summary: 'Orders of the households the caller is linked to (as a member or a proxy), newest first, 20 a page',
    input: field.object({ cursor: optional(cursorField) }),
    async handle(ctx, input) {
      const actor = await actorOf(deps, ctx.caller.openid);
      const ids = actor.households.map((h) => h.householdId);
      if (!ids.length) return { items: [], nextCursor: null };
      const _ = deps.db.command;
      const mine = { householdId: _.in(ids) };
      let where: Record<string, unknown> = mine;
      if (input.cursor) {
        const m = /^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/.exec(input.cursor);
        if (!m) throw CommonErrors.inputInvalid('列表位置无效，请下拉刷新', { cursor: '无效' });
        const at = new Date(Number(m[1]));
        // Keyset paging: a new order placed meanwhile does not shift the next page.
        where = _.and([mine, _.or([{ createdAt: _.lt(at) }, { createdAt: at, _id: _.lt(m[2]) }])]) as Record<string, unknown>;
      }
      const res = await deps.db
        .collection<Order>(ORDERS)
        .where(where)
        .orderBy('createdAt', 'desc')
        .orderBy('_id', 'desc')
        .limit(PAGE_SIZE + 1)
        .get();
      const page = res.data.slice(0, PAGE_SIZE);
      const last = page[page.length - 1];
      return { items: page.map(orderView), nextCursor: res.data.length > PAGE_SIZE ? `${last.createdAt.getTime()}.${last._id}` : null };
    },
  };
}

export function getOrder(deps: SupplyDeps): Spec<'order.get'> {
  return {
    summary: 'One order with its history, for the household and the staff of its building',
    input: field.object({ orderId }),
    errors: ['ORDER.NOT_FOUND'],
    async handle(ctx, input) {
      const [actor, order] = await Promise.all([actorOf(deps, ctx.caller.openid), orderOrFail(deps.db, input.orderId)]);
      authorize(actor, 'order.get', orderHouseholdTarget(order));
      return orderView(order);
    },
  };
}

interface Move {
  action: OrderAction;
  policy: PolicyAction;
  /** The household's own action (cancel, confirm) or the building staff's. */
  level: 'household' | 'building';
  note?: (input: Record<string, unknown>) => string | undefined;
}

/**
 * One move of the state machine: the pure rule decides, then a conditional update (`where status is still what we
 * read`) applies it, so of two people moving the same order at once exactly one does; the other is told who did.
 */
async function move(deps: SupplyDeps, ctx: ActionContext, id: string, m: Move, note?: string): Promise<{ order: Order; moved: boolean }> {
  const [actor, order] = await Promise.all([actorOf(deps, ctx.caller.openid), orderOrFail(deps.db, id)]);
  const decision = authorize(actor, m.policy, m.level === 'household' ? orderHouseholdTarget(order) : orderBuildingTarget(order));
  const by = { name: whoLabel(actor, m.level === 'household' && decision.via.includes('resident')), openid: actor.openid };
  let current = order;
  for (let attempt = 0; attempt < 3; attempt++) {
    const t = transition(current.status, m.action);
    if (!t.ok) {
      const last = current.history[current.history.length - 1];
      // A retry of the move that already happened (a double tap, a lost answer): the same answer, nothing written.
      if (last?.action === m.action && last.byOpenid === actor.openid) return { order: current, moved: false };
      if (
        m.action === 'accept' &&
        current.status !== 'submitted' &&
        current.acceptedBy &&
        current.status !== 'cancelled' &&
        current.status !== 'rejected'
      ) {
        throw new AppError('ORDER.ALREADY_TAKEN', `这单已被${current.acceptedBy}接单，请看看别的订单`);
      }
      throw new AppError(t.code, t.message);
    }
    const next = applyTransition(current, m.action, by, ctx.now, note);
    const _ = deps.db.command;
    const event = next.history[next.history.length - 1];
    const changed: Record<string, unknown> = { status: next.status, updatedAt: ctx.now, history: _.push([event]) };
    for (const k of ['acceptedBy', 'acceptedByOpenid', 'rejectReason', 'deliveredAt', 'autoConfirmAt', 'receivedAt'] as const) {
      if (next[k] !== undefined && next[k] !== current[k]) changed[k] = next[k];
    }
    const res = await deps.db.collection(ORDERS).where({ _id: current._id, status: current.status }).update({ data: changed });
    if (res.stats.updated === 1) return { order: next, moved: true };
    current = await orderOrFail(deps.db, id); // someone moved it first: decide again on what they left
  }
  throw new AppError('DATA.CONFLICT', '有人同时修改了这个订单，请刷新后重试');
}

const simpleMove = (
  deps: SupplyDeps,
  m: Move,
  summary: string,
  after?: (deps: SupplyDeps, order: Order, ctx: ActionContext, actor: { openid: string; name: string }) => Promise<void>,
): ActionSpec<{ orderId: string }, ReturnType<typeof orderView>> => ({
  summary,
  input: field.object({ orderId }),
  errors: ['ORDER.NOT_FOUND', 'ORDER.STATE_INVALID', ...(m.action === 'accept' ? ['ORDER.ALREADY_TAKEN'] : []), 'DATA.CONFLICT'],
  async handle(ctx, input) {
    const { order, moved } = await move(deps, ctx, input.orderId, m);
    if (after && moved) await after(deps, order, ctx, { openid: ctx.caller.openid, name: order.history[order.history.length - 1].by });
    return orderView(order);
  },
});

const settle = (deps: SupplyDeps, order: Order, ctx: ActionContext, by: { openid: string; name: string }) =>
  settleBatchTask(deps, order.batchId, by, ctx.now);

export const cancelOrder = (deps: SupplyDeps): Spec<'order.cancel'> =>
  simpleMove(
    deps,
    { action: 'cancel', policy: 'order.cancel', level: 'household' },
    'The household cancels an order nobody has accepted yet',
    settle,
  );

export const acceptOrder = (deps: SupplyDeps): Spec<'order.accept'> =>
  simpleMove(
    deps,
    { action: 'accept', policy: 'order.accept', level: 'building' },
    'A volunteer or 楼道长 of the building takes an order; of two at once exactly one does, the other is told who took it',
    settle,
  );

export const markPurchased = (deps: SupplyDeps): Spec<'order.markPurchased'> =>
  simpleMove(deps, { action: 'purchase', policy: 'order.markPurchased', level: 'building' }, 'An accepted order has been bought');

export const markDelivered = (deps: SupplyDeps): Spec<'order.markDelivered'> =>
  simpleMove(
    deps,
    { action: 'deliver', policy: 'order.markDelivered', level: 'building' },
    "The delivery list's tick: the goods are at the door; the household and its proxies are told",
    async (d, order, ctx) => void (await notifyDelivered(d, order, ctx.now)),
  );

export const confirmReceipt = (deps: SupplyDeps): Spec<'order.confirmReceipt'> =>
  simpleMove(
    deps,
    { action: 'confirm', policy: 'order.confirmReceipt', level: 'household' },
    'The household confirms it received a delivered order',
  );

export function rejectOrder(deps: SupplyDeps): Spec<'order.reject'> {
  return {
    summary: 'The 楼道长 sends an order back with a reason, before anything is bought',
    input: field.object({ orderId, reason: field.string({ label: '退回原因', min: 2, max: 100 }) }),
    errors: ['ORDER.NOT_FOUND', 'ORDER.STATE_INVALID', 'DATA.CONFLICT'],
    async handle(ctx, input) {
      const { order, moved } = await move(
        deps,
        ctx,
        input.orderId,
        { action: 'reject', policy: 'order.reject', level: 'building' },
        input.reason,
      );
      if (moved) await settle(deps, order, ctx, { openid: ctx.caller.openid, name: order.history[order.history.length - 1].by });
      return orderView(order);
    },
  };
}

/** Delivered orders nobody confirmed within the set time count as received: one conditional update for all of them. */
export async function autoConfirmDue(deps: SupplyDeps, now: Date): Promise<{ confirmed: number }> {
  const _ = deps.db.command;
  const res = await deps.db
    .collection(ORDERS)
    .where({ status: 'delivered', autoConfirmAt: _.lte(now) })
    .update({
      data: {
        status: 'received',
        receivedAt: now,
        updatedAt: now,
        history: _.push([{ action: 'autoConfirm', at: now, by: '系统', note: '送达后未确认，自动确认收货' }]),
      },
    });
  return { confirmed: res.stats.updated };
}
