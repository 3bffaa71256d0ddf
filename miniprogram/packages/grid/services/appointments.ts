/** 任命: appointing 楼道长, volunteers (grid worker, admin) and grid workers (admin), the records, revoking. */
import type { AssignmentView, GridView, MyBuilding, StaffRole } from '../../../../typings/contract/community';
import { community } from '../../../services/community';

export type { AssignmentView, GridView, MyBuilding, StaffRole };

export interface Appointment {
  communityId: string;
  role: StaffRole;
  name: string;
  phone: string;
  /** A grid worker's grid. */
  gridId?: string;
  /** A 楼道长's or volunteer's buildings. */
  buildingIds?: string[];
}

/** `requestId`: the same on every retry of one submit, so a retry never appoints twice. */
export function appoint(appointment: Appointment, requestId: string): Promise<AssignmentView> {
  return community('role.appoint', appointment, { requestId });
}

export function listAssignments(communityId: string, gridId?: string): Promise<AssignmentView[]> {
  return community('role.list', gridId ? { communityId, gridId } : { communityId });
}

export function revokeAssignment(assignmentId: string): Promise<AssignmentView> {
  return community('role.revoke', { assignmentId });
}

/** The buildings the caller looks after: a grid worker's grid, an admin's community. */
export function listScopeBuildings(): Promise<MyBuilding[]> {
  return community('building.listMine', {});
}

/** The community's grids (admin), for appointing a grid worker. */
export function listGrids(communityId: string): Promise<GridView[]> {
  return community('grid.list', { communityId });
}
