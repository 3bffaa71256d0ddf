/** 社区管理员: the community at a glance. */
import { callFunction } from '../../../transport/index';

export interface CommunityOverview {
  communityName: string;
  grids: number;
  buildings: number;
  households: number;
  /** People under home isolation or home monitoring now. */
  isolatedResidents: number;
}

export function fetchCommunityOverview(): Promise<CommunityOverview> {
  return callFunction<CommunityOverview>('community', 'community.overview');
}
