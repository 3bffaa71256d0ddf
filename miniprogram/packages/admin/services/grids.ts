/** 网格管理 (社区管理员): the community's grids and which buildings each holds. */
import type { BuildingEntry, GridView, MyBuilding } from '../../../../typings/contract/community';
import { community } from '../../../services/community';

export type { BuildingEntry, GridView, MyBuilding };

export function listGrids(communityId: string): Promise<GridView[]> {
  return community('grid.list', { communityId });
}

/** Creates (no gridId) or changes a grid; buildings move from their old grid. One request id per submit. */
export function saveGrid(
  grid: { communityId: string; gridId?: string; name: string; buildingIds: string[] },
  requestId: string,
): Promise<GridView> {
  return community('grid.save', grid, { requestId });
}

export function listCommunityBuildings(communityId: string): Promise<BuildingEntry[]> {
  return community('directory.buildings', { communityId });
}

/** Every building of the admin's community, with its counts. */
export function listMyBuildings(): Promise<MyBuilding[]> {
  return community('building.listMine', {});
}
