import type { BuildingSummary } from '../services/buildings';

export interface BuildingRow {
  id: string;
  title: string;
  description: string;
  /** Shown on the right when someone in the building is isolated. */
  note: string;
}

/** Pure: one row of 我的楼栋. */
export function toBuildingRow(building: BuildingSummary): BuildingRow {
  return {
    id: building.id,
    title: building.name,
    description: `共 ${building.households} 户`,
    note: building.isolatedHouseholds > 0 ? `${building.isolatedHouseholds} 户隔离中` : '',
  };
}
