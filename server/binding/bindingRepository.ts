import { COLLECTIONS } from '../community/records';
import type { Database } from '../platform/database';
import type { Binding } from './binding';

export const bindingRepository = (db: Database) => {
  const bindings = () => db.collection<Binding>(COLLECTIONS.bindings);
  return {
    ofUser: async (openid: string) => (await bindings().where({ openid }).orderBy('createdAt', 'desc').limit(100).get()).data,
    ofUserForHousehold: async (openid: string, householdId: string) => (await bindings().where({ openid, householdId }).limit(100).get()).data,
    pendingInBuilding: async (communityId: string, buildingId: string) =>
      (await bindings().where({ communityId, buildingId, status: 'pending' }).orderBy('createdAt', 'asc').limit(1000).get()).data,
    confirmedProxies: async (communityId: string, householdId: string) =>
      (await bindings().where({ communityId, householdId, status: 'confirmed', kind: 'proxy' }).limit(100).get()).data,
  };
};
