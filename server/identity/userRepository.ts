import type { Database, Transaction } from '../platform/database';
import { isMissingDocument } from '../platform/dbErrors';
import { emptyUser, type UserRecord, type UserStore } from './users';

export function userRepository(db: Database): UserStore {
  const users = db.collection<UserRecord>('users');
  return {
    async get(openid) {
      // where() rather than doc().get(): a user with no record yet is normal here, not an error.
      const res = await users.where({ _id: openid }).limit(1).get();
      return res.data[0] ?? null;
    },
  };
}

/** Reads a user's record inside a transaction, or a fresh one. */
export async function userInTx(tx: Transaction, openid: string, at: Date): Promise<UserRecord> {
  try {
    const res = await tx.collection<UserRecord>('users').doc(openid).get();
    return res.data ?? emptyUser(openid, at);
  } catch (err) {
    if (isMissingDocument(err)) return emptyUser(openid, at);
    throw err;
  }
}

export async function saveUserInTx(tx: Transaction, user: UserRecord): Promise<void> {
  const { _id, ...data } = user;
  await tx.collection('users').doc(_id).set({ data });
}
