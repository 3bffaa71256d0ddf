/**
 * 通知追踪: for a notice that asks for 确认收到, one to-do item per building it reaches, for that building's 楼道长 —
 * the way they used to chase people in the group. The item is done by itself when every household of the building
 * has acknowledged (or the 楼道长 marks it done). Written in one insert at publishing, bounded by the buildings.
 */
import { clip } from '../notifications/messages';
import type { Database } from '../platform/database';
import { isDuplicateKey } from '../platform/dbErrors';
import { RECEIPTS } from '../receipt/receipt';
import { insertNewTasks } from '../tasks/repository';
import { makeTask, taskId, TASKS, type Task } from '../tasks/task';
import type { Notice } from './notice';

export const chaserId = (noticeId: string, buildingId: string): string => taskId('notice.unread', noticeId, buildingId);

export function chaserTasks(n: Notice): Task[] {
  if (!n.requiresAck) return [];
  return n.reach
    .filter((r) => r.households > 0)
    .map((r) =>
      makeTask({
        _id: chaserId(n._id, r.buildingId),
        communityId: n.communityId,
        gridId: r.gridId,
        buildingId: r.buildingId,
        kind: 'notice.unread',
        audience: [{ role: 'buildingLeader', scopeId: r.buildingId }],
        title: `通知待确认：${clip(n.title, 20)}`,
        detail: `${r.buildingName} ${r.households} 户需「确认收到」，请提醒还没确认的住户，可电话告知后代为确认`,
        subject: { noticeId: n._id },
        createdAt: n.publishedAt,
        ...(n.expiresAt ? { dueAt: n.expiresAt } : {}),
      }),
    );
}

/** The chasers a notice is missing (a retry finishing what a crash cut short): read which exist, add the rest. */
export const createChasers = (db: Database, n: Notice): Promise<Task[]> => insertNewTasks(db, chaserTasks(n));

/**
 * The chasers of a notice this very call inserted: none can exist yet (their ids come from the notice's), so one
 * insert without looking first; should some exist after all, the careful path sorts it out.
 */
export async function createChasersOfNew(db: Database, n: Notice): Promise<void> {
  const tasks = chaserTasks(n);
  if (!tasks.length) return;
  try {
    await db.collection(TASKS).add({ data: tasks.map((t) => ({ ...t })) });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    await insertNewTasks(db, tasks);
  }
}

/** After an acknowledgement in a building: when nobody is left there, its chaser is done (once). */
export async function closeChaserIfDone(db: Database, n: Notice, buildingId: string, at: Date): Promise<void> {
  if (!n.requiresAck) return;
  const reach = n.reach.find((r) => r.buildingId === buildingId);
  if (!reach) return;
  const { total } = await db.collection(RECEIPTS).where({ noticeId: n._id, buildingId, acknowledged: 1 }).count();
  if (total < reach.households) return;
  await db
    .collection(TASKS)
    .where({ _id: chaserId(n._id, buildingId), status: 'open' })
    .update({ data: { status: 'done', doneAt: at, doneBy: 'system', doneByName: '系统', doneNote: '全部住户已确认收到' } });
}

/**
 * Hourly: the chasers of notices that have expired are done — nobody should chase people about a notice that is no
 * longer up. One conditional update, however many there are.
 */
export async function closeExpiredChasers(db: Database, now: Date): Promise<{ closed: number }> {
  const res = await db
    .collection(TASKS)
    .where({ kind: 'notice.unread', status: 'open', dueAt: db.command.lte(now) })
    .update({ data: { status: 'done', doneAt: now, doneBy: 'system', doneByName: '系统', doneNote: '通知已过期' } });
  return { closed: res.stats.updated };
}
