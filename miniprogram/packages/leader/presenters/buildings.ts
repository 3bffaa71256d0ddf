import type { MyBuilding } from '../services/buildings';

export interface BuildingRow {
  buildingId: string;
  title: string;
  description: string;
  pending: number;
  /** What needs attention, in words ('' when nothing does). */
  alerts: string;
  url: string;
  /** 今日打卡 of the building ('' when the caller may not open it). */
  checkInsUrl: string;
}

/** Pure: one row of 我的楼栋. `openable`: the caller may see the building's board (a volunteer may not). */
export function toBuildingRow(b: MyBuilding, openable: boolean): BuildingRow {
  const alerts = [b.pendingBindings > 0 ? `${b.pendingBindings} 条绑定待确认` : '', b.unreachable > 0 ? `${b.unreachable} 户未联系上` : '']
    .filter(Boolean)
    .join(' · ');
  return {
    buildingId: b.buildingId,
    title: b.name,
    description: `${b.gridName} · 共 ${b.households} 户`,
    pending: b.pendingBindings,
    alerts,
    url: openable ? `/packages/leader/pages/board/index?buildingId=${encodeURIComponent(b.buildingId)}` : '',
    checkInsUrl: openable ? `/packages/leader/pages/check-ins/index?buildingId=${encodeURIComponent(b.buildingId)}` : '',
  };
}
