/** What a resident picks from when binding a household: communities, buildings, units and rooms (no personal data). */
import type { BuildingEntry, CommunityEntry, UnitEntry } from '../../typings/contract/community';
import { community } from './community';

export type { BuildingEntry, CommunityEntry, UnitEntry };

export function searchCommunities(keyword: string): Promise<CommunityEntry[]> {
  const word = keyword.trim();
  return community('directory.communities', word ? { keyword: word } : {});
}

export function listBuildings(communityId: string): Promise<BuildingEntry[]> {
  return community('directory.buildings', { communityId });
}

export function listRooms(buildingId: string): Promise<UnitEntry[]> {
  return community('directory.rooms', { buildingId });
}
