import type { MyProfile } from '../../typings/contract/community';
import { loadActor } from '../identity/users';
import type { UserStore } from '../identity/users';
import { rolesOf } from '../policy/roles';
import type { ActionSpec } from '../platform/router';
import { field } from '../platform/validation';

export function getMe(users: UserStore): ActionSpec<Record<string, never>, MyProfile> {
  return {
    summary: 'Who the caller is: roles and linked households',
    input: field.object({}),
    async handle(ctx) {
      const actor = await loadActor(users, ctx.caller.openid);
      return {
        roles: rolesOf(actor),
        grants: actor.grants.map((g) => ({ ...g })),
        households: actor.households.map(({ householdId, communityId, buildingId, kind }) => ({ householdId, communityId, buildingId, kind })),
      };
    },
  };
}
