/** 楼道长: the buildings this leader looks after. Lives in the leader subpackage, like every staff-only call. */
import { pageQuery, type Page } from '../../../services/paging';
import { callFunction } from '../../../transport/index';

export interface BuildingSummary {
  id: string;
  /** e.g. "3 栋" */
  name: string;
  households: number;
  /** Households with someone under home isolation or home monitoring now. */
  isolatedHouseholds: number;
}

export function fetchMyBuildings(cursor: string | null): Promise<Page<BuildingSummary>> {
  return callFunction<Page<BuildingSummary>>('community', 'building.listMine', pageQuery(cursor));
}
