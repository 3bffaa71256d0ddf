/** Cloud function `community`: registry, roles and household binding. */
import type { CommunityApi } from '../../../typings/contract/community';
import { getMe } from '../../community/me';
import { userRepository } from '../../identity/userRepository';
import { cloudPlatform, db } from '../../platform/cloud';
import { createRouter, type RoutesFor } from '../../platform/router';

const users = userRepository(db);

export const routes: RoutesFor<CommunityApi> = {
  'me.get': getMe(users),
};

export const main = createRouter(routes, cloudPlatform);
