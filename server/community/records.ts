/** The community registry's stored documents, one collection each (database/collections.json). */
import type { CheckInWindows } from '../../typings/contract/health';
import type { HelpResponseTimes } from '../../typings/contract/help';

export interface CommunitySettings {
  /** 打卡时间, when the community has set its own (default 06:00–12:00 and 14:00–21:00). */
  checkInWindows?: CheckInWindows;
  /** 求助 升级时间, when the community has set its own (default 10 minutes for urgency 1, 2 hours otherwise). */
  helpResponseTimes?: HelpResponseTimes;
}

export interface CommunityRecord {
  _id: string;
  name: string;
  address: string;
  settings?: CommunitySettings;
  createdAt: Date;
}

export interface GridRecord {
  _id: string;
  communityId: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface BuildingRecord {
  _id: string;
  communityId: string;
  gridId: string;
  /** "3": what people write before the unit and room. */
  number: string;
  name: string;
  createdAt: Date;
}

export const COLLECTIONS = {
  communities: 'communities',
  grids: 'grids',
  buildings: 'buildings',
  households: 'households',
  residents: 'residents',
  bindings: 'bindingRequests',
  assignments: 'roleAssignments',
  events: 'householdEvents',
  users: 'users',
  imports: 'importJobs',
} as const;
