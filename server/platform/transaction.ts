/**
 * Multi-document writes go through one transaction: all of it or none of it. A conflict (someone else changed
 * the same document first) is retried a few times, then answered with a message a person can act on.
 */
import { AppError } from './errors';
import type { Database, Transaction } from './database';
import { isWriteConflict } from './dbErrors';

export async function inTransaction<T>(db: Database, work: (tx: Transaction) => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const tx = await db.startTransaction();
    try {
      const result = await work(tx);
      await tx.commit();
      return result;
    } catch (err) {
      await tx.rollback().catch(() => undefined); // already aborted by a conflict: nothing to undo
      if (!isWriteConflict(err)) throw err;
      if (attempt >= attempts) throw new AppError('DATA.CONFLICT', '有人同时修改了这条记录，请刷新后重试');
    }
  }
}
