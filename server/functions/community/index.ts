/** Cloud function `community`: registry, roles and household binding. */
import type { CommunityApi } from '../../../typings/contract/community';
import { acceptInvite, appoint, listAssignments, revoke } from '../../assignment/handlers';
import { cancelBinding, listPendingBindings, requestBinding, reviewBinding } from '../../binding/handlers';
import { getBuildingBoard, listMyBuildings } from '../../building/handlers';
import { communityDeps } from '../../community/deps';
import { listBuildings, listCommunities, listRooms } from '../../community/directory';
import { listGrids, saveGrid } from '../../community/grids';
import { getMe } from '../../community/me';
import { addMember, getHousehold, myHouseholdData, removeMember, setReachability, unbindHousehold } from '../../household/handlers';
import { userRepository } from '../../identity/userRepository';
import { cloud, cloudPlatform, db } from '../../platform/cloud';
import { newId, randomBytesFor } from '../../platform/ids';
import { createRouter, type RoutesFor } from '../../platform/router';
import { importStatus, importStructure } from '../../structure/handlers';

const deps = communityDeps(
  db,
  userRepository(db),
  { download: async (fileID) => (await cloud.downloadFile({ fileID })).fileContent as Buffer },
  newId,
  randomBytesFor,
);

export const routes: RoutesFor<CommunityApi> = {
  'me.get': getMe(deps),
  'directory.communities': listCommunities(deps),
  'directory.buildings': listBuildings(deps),
  'directory.rooms': listRooms(deps),
  'binding.request': requestBinding(deps),
  'binding.cancel': cancelBinding(deps),
  'binding.pending': listPendingBindings(deps),
  'binding.review': reviewBinding(deps),
  'household.get': getHousehold(deps),
  'household.addMember': addMember(deps),
  'household.removeMember': removeMember(deps),
  'household.setReachability': setReachability(deps),
  'household.myData': myHouseholdData(deps),
  'household.unbind': unbindHousehold(deps),
  'building.listMine': listMyBuildings(deps),
  'building.board': getBuildingBoard(deps),
  'grid.list': listGrids(deps),
  'grid.save': saveGrid(deps),
  'role.appoint': appoint(deps),
  'role.accept': acceptInvite(deps),
  'role.revoke': revoke(deps),
  'role.list': listAssignments(deps),
  'structure.import': importStructure(deps),
  'structure.importStatus': importStatus(deps),
};

export const main = createRouter(routes, cloudPlatform);
