import type { CommunityOverview } from '../services/overview';

export interface OverviewView {
  communityName: string;
  stats: { label: string; value: number; alert: boolean }[];
}

/** Pure: what 社区管理 shows; `empty` until the community has buildings. */
export function toOverviewView(overview: CommunityOverview): { empty: boolean; view: OverviewView } {
  return {
    empty: overview.buildings === 0,
    view: {
      communityName: overview.communityName,
      stats: [
        { label: '网格', value: overview.grids, alert: false },
        { label: '楼栋', value: overview.buildings, alert: false },
        { label: '住户', value: overview.households, alert: false },
        { label: '隔离中（人）', value: overview.isolatedResidents, alert: false },
      ],
    },
  };
}
