import type { Database } from '../platform/database';
import type { UserRecord, UserStore } from './users';

export function userRepository(db: Database): UserStore {
  const users = db.collection<UserRecord>('users');
  return {
    async get(openid) {
      // where() rather than doc().get(): a missing user is normal here, not an error.
      const res = await users.where({ _id: openid }).limit(1).get();
      return res.data[0] ?? null;
    },
  };
}
