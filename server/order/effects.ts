/**
 * What follows an order's change, each step safe to run twice: the building's 「新订单」 to-do item (one per batch,
 * deterministic id, created with the batch, so a thousand orders make one item), closing it once nothing in the batch waits for a volunteer,
 * and the delivery notice to the household and its proxies (a subscribe message where they allowed one; the order's
 * 已送达 status in 我的订单 is the in-app notice that never depends on a push).
 */
import type { Batch } from '../batch/batch';
import { BATCHES } from '../batch/batch';
import { clip, thing, time, type Message } from '../notifications/messages';
import { notify } from '../notifications/notifier';
import type { SupplyDeps } from '../supply/deps';
import { isDuplicateKey } from '../platform/dbErrors';
import { makeTask, taskId, TASKS, type Task } from '../tasks/task';
import { ORDERS, type Order } from './order';
import { householdOpenids } from './repository';

export function orderSubmittedTask(batch: Batch, at: Date): Task {
  return makeTask({
    _id: taskId('order.submitted', batch._id),
    communityId: batch.communityId,
    gridId: batch.gridId,
    buildingId: batch.buildingId,
    kind: 'order.submitted',
    audience: [
      { role: 'buildingLeader', scopeId: batch.buildingId },
      { role: 'volunteer', scopeId: batch.buildingId },
    ],
    title: `${batch.buildingName}第 ${batch.no} 批有新的物资订单`,
    detail: '请接单；到点截单后按采购清单统一采购',
    subject: {},
    createdAt: at,
  });
}

/**
 * A batch being opened by its first order: its to-do item, created once (one add, a duplicate id meaning it is there
 * already), before the batch itself, so that the orders joining the batch later need not look for it.
 */
export async function beforeBatchOpened(deps: SupplyDeps, batch: Batch, at: Date): Promise<void> {
  const task = orderSubmittedTask(batch, at);
  try {
    await deps.db.collection(TASKS).add({ data: { ...task } });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

/**
 * The batch's item is done once the batch is cut off and no order in it still waits to be accepted (accepted,
 * rejected or cancelled, every one). Two requests at most.
 */
export async function settleBatchTask(deps: SupplyDeps, batchId: string, by: { openid: string; name: string }, at: Date): Promise<void> {
  const batch = (await deps.db.collection<Batch>(BATCHES).where({ _id: batchId }).limit(1).get()).data[0];
  if (!batch || batch.status !== 'closed') return;
  const waiting = await deps.db.collection(ORDERS).where({ communityId: batch.communityId, batchId, status: 'submitted' }).count();
  await settleBatchTaskIf(deps, batchId, waiting.total, by, at);
}

/** The same, for a caller that has just counted the closed batch's waiting orders itself. One request at most. */
export async function settleBatchTaskIf(
  deps: SupplyDeps,
  batchId: string,
  waiting: number,
  by: { openid: string; name: string },
  at: Date,
): Promise<void> {
  if (waiting > 0) return;
  await deps.db
    .collection(TASKS)
    .where({ _id: taskId('order.submitted', batchId), status: 'open' })
    .update({ data: { status: 'done', doneAt: at, doneBy: by.openid, doneByName: by.name, doneNote: '本批订单已全部处理' } });
}

/** WeChat's keywords: 物品 (thing1), 送达地点 (thing2), 送达时间 (time3), 温馨提示 (thing4). */
export function orderDeliveredMessage(o: Pick<Order, 'items' | 'label'>, at: Date): Message {
  const first = o.items[0]?.name ?? '物资';
  const what = o.items.length > 1 ? `${clip(first, 12)}等${o.items.length}样` : first;
  return {
    template: 'orderDelivered',
    data: {
      thing1: thing(what),
      thing2: thing(`${o.label} 门口`),
      time3: time(at.getTime()),
      thing4: thing('请尽快取回并在小程序确认收货'),
    },
  };
}

/** Ticked delivered: the household's users (members and proxies) are told; answers who got a message. */
export async function notifyDelivered(deps: SupplyDeps, o: Order, at: Date): Promise<string[]> {
  const recipients = await householdOpenids(deps.db, o.householdId);
  return notify(deps, recipients, orderDeliveredMessage(o, at), at);
}
