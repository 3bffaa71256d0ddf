/** The typed client of the `community` cloud function (typings/contract/community.d.ts), shared by its services. */
import type { CommunityApi } from '../../typings/contract/community';
import { functionClient } from '../transport/index';

export const community = functionClient<CommunityApi>('community');
