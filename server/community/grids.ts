/** 网格: the admin groups buildings into grids, each looked after by grid workers. */
import type { CommunityApi, GridView } from '../../typings/contract/community';
import type { Assignment } from '../assignment/assignment';
import { stableId } from '../household/household';
import { AppError } from '../platform/errors';
import type { ActionSpec } from '../platform/router';
import { field, optional } from '../platform/validation';
import { authorize } from '../policy/policy';
import { actorOf, type CommunityDeps } from './deps';
import { communityId, gridId } from './fields';
import { moveBuildingsToGrid } from './gridMove';
import { COLLECTIONS, type BuildingRecord, type GridRecord } from './records';
import { MAX_READ } from './registry';

type Spec<K extends keyof CommunityApi> = ActionSpec<CommunityApi[K]['input'], CommunityApi[K]['output']>;

function gridViews(grids: GridRecord[], buildings: BuildingRecord[], workers: Assignment[]): GridView[] {
  return grids
    .map((g) => ({
      gridId: g._id,
      name: g.name,
      buildings: buildings.filter((b) => b.gridId === g._id).map((b) => ({ buildingId: b._id, name: b.name })),
      workers: workers.filter((w) => w.gridId === g._id).map((w) => ({ name: w.name, assignmentId: w._id })),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh'));
}

async function load(deps: CommunityDeps, community: string) {
  return Promise.all([
    deps.reg.grids(community),
    deps.reg.buildings(community),
    deps.db
      .collection<Assignment>(COLLECTIONS.assignments)
      .where({ communityId: community, role: 'gridWorker', status: 'active' })
      .limit(MAX_READ)
      .get(),
  ]);
}

export function listGrids(deps: CommunityDeps): Spec<'grid.list'> {
  return {
    summary: "The community's grids with their buildings and grid workers",
    input: field.object({ communityId }),
    async handle(ctx, input) {
      authorize(await actorOf(deps, ctx.caller.openid), 'grid.list', { communityId: input.communityId });
      const [grids, buildings, workers] = await load(deps, input.communityId);
      return gridViews(grids, buildings, workers.data);
    },
  };
}

export function saveGrid(deps: CommunityDeps): Spec<'grid.save'> {
  return {
    summary: 'Creates or renames a grid and sets which buildings it holds (buildings move from their old grid)',
    input: field.object({
      communityId,
      gridId: optional(gridId),
      name: field.string({ label: '网格名称', max: 20 }),
      buildingIds: field.array(field.id({ label: '楼栋' }), { label: '楼栋', max: 200, unique: true }),
    }),
    requiresRequestId: true,
    errors: ['GRID.NOT_FOUND', 'BUILDING.NOT_FOUND', 'GRID.NAME_TAKEN'],
    async handle(ctx, input) {
      authorize(await actorOf(deps, ctx.caller.openid), 'grid.save', { communityId: input.communityId });
      const [grids, buildings] = await load(deps, input.communityId);
      const id = input.gridId ?? stableId('g', input.communityId, input.name);
      const existing = grids.find((g) => g._id === id);
      if (input.gridId && !existing) throw new AppError('GRID.NOT_FOUND', '找不到这个网格，请刷新');
      if (grids.some((g) => g._id !== id && g.name === input.name))
        throw new AppError('GRID.NAME_TAKEN', `已有名为「${input.name}」的网格`, { name: '网格名称重复' });
      const unknown = input.buildingIds.filter((b) => !buildings.some((x) => x._id === b));
      if (unknown.length) throw new AppError('BUILDING.NOT_FOUND', '有楼栋不属于这个社区，请刷新后重新选择');
      const grid: GridRecord = {
        _id: id,
        communityId: input.communityId,
        name: input.name,
        createdAt: existing?.createdAt ?? ctx.now,
        updatedAt: ctx.now,
      };
      const { _id, ...data } = grid;
      await deps.db.collection(COLLECTIONS.grids).doc(_id).set({ data });
      const moving = input.buildingIds.filter((b) => buildings.find((x) => x._id === b)!.gridId !== id);
      await moveBuildingsToGrid(deps.db, input.communityId, moving, id, ctx.now);
      const [g2, b2, w2] = await load(deps, input.communityId);
      return gridViews(g2, b2, w2.data).find((g) => g.gridId === id)!;
    },
  };
}
