/** The buildings a staff member looks after, and one building's board. */
import type { CommunityApi, MyBuilding } from '../../typings/contract/community';
import { actorOf, type CommunityDeps } from '../community/deps';
import { buildingId } from '../community/fields';
import { COLLECTIONS, type BuildingRecord } from '../community/records';
import { buildingTarget, MAX_READ } from '../community/registry';
import type { ActionSpec } from '../platform/router';
import { field } from '../platform/validation';
import { authorize } from '../policy/policy';
import { buildingBoard } from './board';

type Spec<K extends keyof CommunityApi> = ActionSpec<CommunityApi[K]['input'], CommunityApi[K]['output']>;

export function listMyBuildings(deps: CommunityDeps): Spec<'building.listMine'> {
  return {
    summary: 'The buildings the caller looks after (楼道长, volunteer, grid worker, admin), with counts to act on',
    input: field.object({}),
    async handle(ctx) {
      const actor = await actorOf(deps, ctx.caller.openid);
      const _ = deps.db.command;
      // What each grant covers, as one query: listed buildings, whole grids, whole communities.
      const clauses = actor.grants.map((g) =>
        g.role === 'communityAdmin' ? { communityId: g.communityId } : g.role === 'gridWorker' ? { communityId: g.communityId, gridId: g.gridId } : { communityId: g.communityId, _id: _.in(g.buildingIds) },
      );
      if (!clauses.length) return [];
      const buildings = (await deps.db.collection<BuildingRecord>(COLLECTIONS.buildings).where(clauses.length === 1 ? clauses[0] : (_.or(clauses) as Record<string, unknown>)).limit(MAX_READ).get()).data;
      if (!buildings.length) return [];
      const communityIds = [...new Set(buildings.map((b) => b.communityId))];
      const [stats, grids] = await Promise.all([
        deps.db
          .collection(COLLECTIONS.households)
          .aggregate()
          .match({ communityId: _.in(communityIds), buildingId: _.in(buildings.map((b) => b._id)) })
          .group({
            _id: '$buildingId',
            households: _.aggregate.sum(1),
            pendingBindings: _.aggregate.sum('$pendingBindings'),
            unreachable: _.aggregate.sum(_.aggregate.cond([_.aggregate.eq(['$reachable', false]), 1, 0])),
          })
          .limit(MAX_READ)
          .end(),
        deps.db.collection<{ _id: string; name: string }>(COLLECTIONS.grids).where({ communityId: _.in(communityIds) }).limit(MAX_READ).get(),
      ]);
      const byBuilding = new Map(stats.list.map((s) => [s._id as string, s as { households: number; pendingBindings: number; unreachable: number }]));
      const gridName = new Map(grids.data.map((g) => [g._id, g.name]));
      return buildings
        .map(
          (b): MyBuilding => ({
            buildingId: b._id,
            communityId: b.communityId,
            name: b.name,
            gridName: gridName.get(b.gridId) ?? '',
            households: byBuilding.get(b._id)?.households ?? 0,
            pendingBindings: byBuilding.get(b._id)?.pendingBindings ?? 0,
            unreachable: byBuilding.get(b._id)?.unreachable ?? 0,
          }),
        )
        .sort((a, b) => Number(a.name.replace(/\D/g, '')) - Number(b.name.replace(/\D/g, '')) || a.name.localeCompare(b.name, 'zh'));
    },
  };
}

export function getBuildingBoard(deps: CommunityDeps): Spec<'building.board'> {
  return {
    summary: "One building at a glance: units × floors × rooms coloured by state, with counts",
    input: field.object({ buildingId }),
    errors: ['BUILDING.NOT_FOUND'],
    async handle(ctx, input) {
      const [actor, building] = await Promise.all([actorOf(deps, ctx.caller.openid), deps.reg.buildingOrFail(input.buildingId)]);
      authorize(actor, 'building.board', buildingTarget(building));
      return buildingBoard(building, await deps.reg.householdsOfBuilding(building.communityId, building._id));
    },
  };
}
