/**
 * Reads of the community registry that several actions share, each one database request. Lists are bounded
 * by the size of one community (a building has at most a few hundred households), asked for explicitly with
 * limit() because a server get() returns only 100 by default.
 */
import type { Binding } from '../binding/binding';
import type { Household, Resident } from '../household/household';
import type { Database } from '../platform/database';
import { AppError } from '../platform/errors';
import type { Target } from '../policy/roles';
import type { BuildingRecord, CommunityRecord, GridRecord } from './records';
import { COLLECTIONS } from './records';

export const MAX_READ = 1000;

async function byId<T>(db: Database, collection: string, id: string): Promise<T | null> {
  const res = await db.collection<T>(collection).where({ _id: id }).limit(1).get();
  return res.data[0] ?? null;
}

export const registry = (db: Database) => ({
  community: (id: string) => byId<CommunityRecord>(db, COLLECTIONS.communities, id),
  grid: (id: string) => byId<GridRecord>(db, COLLECTIONS.grids, id),
  building: (id: string) => byId<BuildingRecord>(db, COLLECTIONS.buildings, id),
  household: (id: string) => byId<Household>(db, COLLECTIONS.households, id),
  binding: (id: string) => byId<Binding>(db, COLLECTIONS.bindings, id),

  async householdOrFail(id: string): Promise<Household> {
    const h = await byId<Household>(db, COLLECTIONS.households, id);
    if (!h) throw new AppError('HOUSEHOLD.NOT_FOUND', '找不到这户，请刷新后重新选择');
    return h;
  },

  async buildingOrFail(id: string): Promise<BuildingRecord> {
    const b = await byId<BuildingRecord>(db, COLLECTIONS.buildings, id);
    if (!b) throw new AppError('BUILDING.NOT_FOUND', '找不到这栋楼，请刷新后重新选择');
    return b;
  },

  async communityOrFail(id: string): Promise<CommunityRecord> {
    const c = await byId<CommunityRecord>(db, COLLECTIONS.communities, id);
    if (!c) throw new AppError('COMMUNITY.NOT_FOUND', '找不到这个社区，请刷新后重新选择');
    return c;
  },

  grids: async (communityId: string) => (await db.collection<GridRecord>(COLLECTIONS.grids).where({ communityId }).limit(MAX_READ).get()).data,
  buildings: async (communityId: string) =>
    (await db.collection<BuildingRecord>(COLLECTIONS.buildings).where({ communityId }).limit(MAX_READ).get()).data,
  householdsOfBuilding: async (communityId: string, buildingId: string) =>
    (await db.collection<Household>(COLLECTIONS.households).where({ communityId, buildingId }).limit(MAX_READ).get()).data,
  residentsOfHousehold: async (communityId: string, householdId: string) =>
    (await db.collection<Resident>(COLLECTIONS.residents).where({ communityId, householdId }).limit(MAX_READ).get()).data,
});

export type Registry = ReturnType<typeof registry>;

export const householdTarget = (h: Household): Target => ({ communityId: h.communityId, gridId: h.gridId, buildingId: h.buildingId, householdId: h._id });
export const buildingTarget = (b: BuildingRecord): Target => ({ communityId: b.communityId, gridId: b.gridId, buildingId: b._id });
