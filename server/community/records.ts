/** The community registry's stored documents, one collection each (database/collections.json). */
export interface CommunityRecord {
  _id: string;
  name: string;
  address: string;
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
