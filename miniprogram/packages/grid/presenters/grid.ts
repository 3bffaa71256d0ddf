import type { MyBuilding } from '../services/appointments';

export interface GridBoardView {
  title: string;
  stats: { label: string; value: number; alert: boolean }[];
  buildings: { buildingId: string; title: string; description: string; alerts: string; url: string }[];
}

/** Pure: the grid worker's grid at a glance, from the buildings it holds. */
export function toGridBoardView(gridName: string, buildings: MyBuilding[]): { empty: boolean; view: GridBoardView } {
  const sum = (pick: (b: MyBuilding) => number) => buildings.reduce((n, b) => n + pick(b), 0);
  const unreachable = sum((b) => b.unreachable);
  const pending = sum((b) => b.pendingBindings);
  return {
    empty: buildings.length === 0,
    view: {
      title: gridName || buildings[0]?.gridName || '我的网格',
      stats: [
        { label: '楼栋', value: buildings.length, alert: false },
        { label: '住户', value: sum((b) => b.households), alert: false },
        { label: '未联系上', value: unreachable, alert: unreachable > 0 },
        { label: '待确认绑定', value: pending, alert: pending > 0 },
      ],
      buildings: buildings.map((b) => ({
        buildingId: b.buildingId,
        title: b.name,
        description: `共 ${b.households} 户`,
        alerts: [b.pendingBindings ? `${b.pendingBindings} 条绑定待确认` : '', b.unreachable ? `${b.unreachable} 户未联系上` : '']
          .filter(Boolean)
          .join(' · '),
        url: `/packages/leader/pages/board/index?buildingId=${encodeURIComponent(b.buildingId)}`,
      })),
    },
  };
}
