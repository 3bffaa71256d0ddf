import type { BuildingEntry, GridView, MyBuilding } from '../services/grids';

export interface GridRow {
  gridId: string;
  title: string;
  buildings: string;
  workers: string;
  url: string;
}

export function toGridRow(g: GridView, communityId: string): GridRow {
  return {
    gridId: g.gridId,
    title: g.name,
    buildings: g.buildings.length ? `${g.buildings.length} 栋：${g.buildings.map((b) => b.name).join('、')}` : '还没有楼栋',
    workers: g.workers.length ? `网格员：${g.workers.map((w) => w.name).join('、')}` : '还没有网格员',
    url: `/packages/admin/pages/grid-edit/index?communityId=${encodeURIComponent(communityId)}&gridId=${encodeURIComponent(g.gridId)}`,
  };
}

export interface BuildingChoice {
  label: string;
  value: string;
  /** Which grid holds it now: a building moves when it is checked here. */
  content: string;
}

/** Pure: the buildings to check for a grid, each saying where it is now. */
export function toBuildingChoices(buildings: BuildingEntry[], grids: GridView[], editingGridId: string): BuildingChoice[] {
  const owner = new Map<string, GridView>();
  for (const g of grids) for (const b of g.buildings) owner.set(b.buildingId, g);
  return buildings.map((b) => {
    const g = owner.get(b.buildingId);
    let content = '还不属于任何网格';
    if (g && g.gridId === editingGridId) content = '属于本网格';
    else if (g) content = `现属${g.name}，选中后移到本网格`;
    return { label: b.name, value: b.buildingId, content };
  });
}

export interface OverviewView {
  stats: { label: string; value: number; alert: boolean }[];
}

/** Pure: the community at a glance, from its buildings and grids. */
export function toOverviewView(buildings: MyBuilding[], grids: GridView[]): { empty: boolean; view: OverviewView } {
  const sum = (pick: (b: MyBuilding) => number) => buildings.reduce((n, b) => n + pick(b), 0);
  const unreachable = sum((b) => b.unreachable);
  const pending = sum((b) => b.pendingBindings);
  return {
    empty: buildings.length === 0,
    view: {
      stats: [
        { label: '网格', value: grids.length, alert: false },
        { label: '楼栋', value: buildings.length, alert: false },
        { label: '住户', value: sum((b) => b.households), alert: false },
        { label: '未联系上', value: unreachable, alert: unreachable > 0 },
        { label: '待确认绑定', value: pending, alert: pending > 0 },
        {
          label: '无网格员的网格',
          value: grids.filter((g) => g.workers.length === 0).length,
          alert: grids.some((g) => g.workers.length === 0),
        },
      ],
    },
  };
}
