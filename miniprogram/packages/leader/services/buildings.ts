/** 楼道长: the buildings they look after, and one building at a glance. Staff-only calls live in this subpackage. */
import type { BuildingBoard, MyBuilding } from '../../../../typings/contract/community';
import { community } from '../../../services/community';

export type { BuildingBoard, MyBuilding };

/** The buildings the caller looks after (楼道长, volunteer, grid worker, admin), with what needs attention. */
export function listMyBuildings(): Promise<MyBuilding[]> {
  return community('building.listMine', {});
}

export function fetchBuildingBoard(buildingId: string): Promise<BuildingBoard> {
  return community('building.board', { buildingId });
}
