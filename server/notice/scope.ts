/**
 * What a scope the author chose resolves to — buildings, grids, households and the audience keys — and whether it is
 * within the author's reach (the policy decides, building by building). A bounded number of reads whatever the size
 * of the scope: given the community's buildings and grids (read with the caller, repository.ts), one aggregate of
 * household counts per building, or for the isolated or named scopes one query for those households (and the
 * isolations).
 */
import type { NoticeScopeInput, ScopePreview } from '../../typings/contract/notice';
import type { BuildingRecord, GridRecord } from '../community/records';
import { COLLECTIONS } from '../community/records';
import { MAX_READ } from '../community/registry';
import type { Household } from '../household/household';
import { ISOLATIONS, type Isolation } from '../isolation/isolation';
import type { Database } from '../platform/database';
import { AppError, CommonErrors } from '../platform/errors';
import { decide } from '../policy/policy';
import type { Actor } from '../policy/roles';
import { shanghaiDay } from '../time/shanghai';
import { describeNumbers, parseBuildingList } from './buildingList';
import { audienceKey, scopeLabel, type BuildingReach, type Notice } from './notice';
import type { ScopeRegistry } from './repository';

export type ResolvedScope = Pick<Notice, 'scope' | 'audience' | 'buildingIds' | 'gridIds' | 'reach' | 'householdCount'> & {
  householdIds?: string[];
};

const byNumber = (a: BuildingRecord, b: BuildingRecord) => a.number.localeCompare(b.number, 'en', { numeric: true });

function outOfReach(names: string[]): AppError {
  return CommonErrors.forbidden(`${names.join('、')}不在你负责的范围内，只能向自己负责的楼栋发布通知`);
}

/** Households per building, one aggregate (households of a building are never fanned out one by one). */
async function householdCounts(db: Database, communityId: string, buildingIds: string[]): Promise<Map<string, number>> {
  if (!buildingIds.length) return new Map();
  const _ = db.command;
  const res = await db
    .collection(COLLECTIONS.households)
    .aggregate()
    .match({ communityId, buildingId: _.in(buildingIds) })
    .group({ _id: '$buildingId', households: _.aggregate.sum(1) })
    .limit(MAX_READ)
    .end();
  return new Map(res.list.map((r) => [r._id as string, r.households as number]));
}

function reachOf(buildings: BuildingRecord[], counts: Map<string, number>): BuildingReach[] {
  return buildings.map((b) => ({ buildingId: b._id, gridId: b.gridId, buildingName: b.name, households: counts.get(b._id) ?? 0 }));
}

function byBuildings(buildings: BuildingRecord[], counts: Map<string, number>, scope: Notice['scope'], audience: string[]): ResolvedScope {
  const reach = reachOf(buildings, counts);
  return {
    scope,
    audience,
    buildingIds: buildings.map((b) => b._id),
    gridIds: [...new Set(buildings.map((b) => b.gridId))],
    reach,
    householdCount: reach.reduce((n, r) => n + r.households, 0),
  };
}

/** Named or isolated households: reach counted from the households themselves. */
function byHouseholds(
  kind: 'isolated' | 'households',
  households: Household[],
  buildings: BuildingRecord[],
  within?: string,
): ResolvedScope {
  const counts = new Map<string, number>();
  for (const h of households) counts.set(h.buildingId, (counts.get(h.buildingId) ?? 0) + 1);
  const touched = buildings.filter((b) => counts.has(b._id));
  return {
    scope: { kind, label: scopeLabel(kind, { households: households.length, within }) },
    audience: households.map((h) => audienceKey.household(h._id)),
    buildingIds: touched.map((b) => b._id),
    gridIds: [...new Set(touched.map((b) => b.gridId))],
    reach: reachOf(touched, counts),
    householdIds: households.map((h) => h._id),
    householdCount: households.length,
  };
}

/** Buildings the actor may publish to, of these: each one checked by the policy. */
export const buildingsInReach = (actor: Actor, buildings: BuildingRecord[]): BuildingRecord[] =>
  buildings.filter(
    (b) => decide(actor, 'notice.publishToBuilding', { communityId: b.communityId, gridId: b.gridId, buildingId: b._id }).allowed,
  );

export async function resolveScope(
  deps: { db: Database },
  actor: Actor,
  registry: ScopeRegistry,
  input: NoticeScopeInput,
  now: Date,
): Promise<ResolvedScope> {
  const { community, grids } = registry;
  const communityId = community._id;
  const buildings = [...registry.buildings].sort(byNumber);
  const gridOrFail = (gridId: string): GridRecord => {
    const g = grids.find((x) => x._id === gridId);
    if (!g) throw new AppError('GRID.NOT_FOUND', `${community.name}没有这个网格，请刷新后重新选择`);
    return g;
  };
  switch (input.kind) {
    case 'community': {
      if (!decide(actor, 'notice.publishToCommunity', { communityId }).allowed) {
        throw CommonErrors.forbidden('只有社区管理员可以向全社区发布通知，请选择你负责的网格或楼栋');
      }
      const counts = await householdCounts(
        deps.db,
        communityId,
        buildings.map((b) => b._id),
      );
      return byBuildings(buildings, counts, { kind: 'community', label: scopeLabel('community', {}) }, [
        audienceKey.community(communityId),
      ]);
    }
    case 'grid': {
      const grid = gridOrFail(input.gridId);
      if (!decide(actor, 'notice.publishToGrid', { communityId, gridId: grid._id }).allowed) throw outOfReach([grid.name]);
      const inGrid = buildings.filter((b) => b.gridId === grid._id);
      const counts = await householdCounts(
        deps.db,
        communityId,
        inGrid.map((b) => b._id),
      );
      return byBuildings(inGrid, counts, { kind: 'grid', label: grid.name }, [audienceKey.grid(grid._id)]);
    }
    case 'buildings': {
      const parsed = parseBuildingList(
        input.buildings,
        buildings.map((b) => b.number),
      );
      if (!parsed.ok) throw new AppError('NOTICE.BUILDINGS_INVALID', parsed.message, { 'scope.buildings': parsed.message });
      const chosen = buildings.filter((b) => parsed.numbers.includes(b.number));
      const allowed = new Set(buildingsInReach(actor, chosen).map((b) => b._id));
      const refused = chosen.filter((b) => !allowed.has(b._id));
      if (refused.length) throw outOfReach(refused.map((b) => b.name));
      const counts = await householdCounts(
        deps.db,
        communityId,
        chosen.map((b) => b._id),
      );
      return byBuildings(
        chosen,
        counts,
        { kind: 'buildings', label: describeNumbers(chosen.map((b) => b.number)) },
        chosen.map((b) => audienceKey.building(b._id)),
      );
    }
    case 'isolated': {
      const grid = input.gridId ? gridOrFail(input.gridId) : undefined;
      const allowed = grid
        ? decide(actor, 'notice.publishToGrid', { communityId, gridId: grid._id }).allowed
        : decide(actor, 'notice.publishToCommunity', { communityId }).allowed;
      if (!allowed)
        throw grid ? outOfReach([grid.name]) : CommonErrors.forbidden('只有社区管理员可以通知全社区的隔离户，请选择你负责的网格');
      const _ = deps.db.command;
      const today = shanghaiDay(now.getTime());
      // Active isolations only: an isolation past its last day has ended, whatever its stored status says.
      const isolations = (
        await deps.db
          .collection<Pick<Isolation, 'householdId'>>(ISOLATIONS)
          .where({ communityId, ...(grid ? { gridId: grid._id } : {}), status: 'active', lastDay: _.gte(today) })
          .field({ householdId: true })
          .limit(MAX_READ)
          .get()
      ).data;
      const ids = [...new Set(isolations.map((i) => i.householdId))];
      if (!ids.length) throw new AppError('NOTICE.SCOPE_EMPTY', `${grid ? grid.name : community.name}现在没有隔离户，无需发送`);
      const households = await householdsByIds(deps.db, communityId, ids);
      return byHouseholds('isolated', households, buildings, grid?.name);
    }
    case 'households': {
      const households = await householdsByIds(deps.db, communityId, input.householdIds);
      if (households.length !== new Set(input.householdIds).size) {
        throw new AppError('HOUSEHOLD.NOT_FOUND', '有住户在本社区找不到，可能已被删除，请刷新后重新选择');
      }
      const refused = households.filter(
        (h) => !decide(actor, 'notice.publishToBuilding', { communityId, gridId: h.gridId, buildingId: h.buildingId }).allowed,
      );
      if (refused.length) throw outOfReach(refused.map((h) => h.label));
      return byHouseholds('households', households, buildings);
    }
  }
}

async function householdsByIds(db: Database, communityId: string, ids: string[]): Promise<Household[]> {
  return (
    await db
      .collection<Household>(COLLECTIONS.households)
      .where({ _id: db.command.in(ids), communityId })
      .limit(MAX_READ)
      .get()
  ).data;
}

export const previewOf = (r: ResolvedScope): ScopePreview => ({
  scope: r.scope,
  buildings: r.reach.map((b) => ({ buildingId: b.buildingId, name: b.buildingName })),
  households: r.householdCount,
});
