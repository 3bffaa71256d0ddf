/** Reading and writing to-do items. Creation is by deterministic id, so whatever runs twice creates once. */
import type { Database } from '../platform/database';
import { isDuplicateKey } from '../platform/dbErrors';
import { AppError } from '../platform/errors';
import { TASKS, type Task } from './task';

/** Inserts the items that do not exist yet; answers those it created (the ones to send a message about). */
export async function insertNewTasks(db: Database, tasks: Task[]): Promise<Task[]> {
  if (!tasks.length) return [];
  const ids = tasks.map((t) => t._id);
  const existing = new Set(
    (
      await db
        .collection<{ _id: string }>(TASKS)
        .where({ _id: db.command.in(ids) })
        .field({ _id: true })
        .limit(1000)
        .get()
    ).data.map((d) => d._id),
  );
  const fresh = tasks.filter((t, i) => !existing.has(t._id) && ids.indexOf(t._id) === i);
  if (!fresh.length) return [];
  try {
    await db.collection(TASKS).add({ data: fresh.map((t) => ({ ...t })) });
    return fresh;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    // Someone else created some of them meanwhile: add one by one, keeping what this call created.
    const created: Task[] = [];
    for (const t of fresh) {
      try {
        await db.collection(TASKS).add({ data: { ...t } });
        created.push(t);
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
      }
    }
    return created;
  }
}

export async function taskOrFail(db: Database, id: string): Promise<Task> {
  const t = (await db.collection<Task>(TASKS).where({ _id: id }).limit(1).get()).data[0];
  if (!t) throw new AppError('TASK.NOT_FOUND', '找不到这条待办，可能已被处理，请下拉刷新');
  return t;
}
