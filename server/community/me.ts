/** 我的: who the caller is — roles, linked households, binding requests — in at most four database requests. */
import type { CommunityApi, MyProfile } from '../../typings/contract/community';
import type { Assignment } from '../assignment/assignment';
import { roleSummary } from '../assignment/handlers';
import { bindingRepository } from '../binding/bindingRepository';
import { bindingSummary } from '../binding/view';
import type { Household } from '../household/household';
import type { ActionSpec } from '../platform/router';
import { field } from '../platform/validation';
import { rolesOf } from '../policy/roles';
import { actorOf, type CommunityDeps } from './deps';
import { COLLECTIONS } from './records';
import { MAX_READ } from './registry';

const RECENT_MS = 7 * 86400_000;

export function getMe(deps: CommunityDeps): ActionSpec<CommunityApi['me.get']['input'], MyProfile> {
  return {
    summary: 'Who the caller is: roles, linked households and binding requests',
    input: field.object({}),
    async handle(ctx) {
      const _ = deps.db.command;
      const [actor, assignments, bindings] = await Promise.all([
        actorOf(deps, ctx.caller.openid),
        deps.db.collection<Assignment>(COLLECTIONS.assignments).where({ openid: ctx.caller.openid, status: 'active' }).limit(MAX_READ).get(),
        bindingRepository(deps.db).ofUser(ctx.caller.openid),
      ]);
      const ids = actor.households.map((h) => h.householdId);
      const households = ids.length ? (await deps.db.collection<Household>(COLLECTIONS.households).where({ _id: _.in(ids) }).limit(MAX_READ).get()).data : [];
      const colour = new Map(households.map((h) => [h._id, h.riskColour]));
      return {
        roles: rolesOf(actor),
        grants: assignments.data.map(roleSummary),
        households: actor.households.map((h) => ({
          householdId: h.householdId,
          communityId: h.communityId,
          communityName: h.communityName ?? '',
          buildingId: h.buildingId,
          label: h.label ?? '',
          kind: h.kind,
          riskColour: colour.get(h.householdId) ?? 'green',
        })),
        bindings: bindings
          .filter((b) => b.status === 'pending' || ctx.now.getTime() - b.updatedAt.getTime() < RECENT_MS)
          .map((b) => bindingSummary(b)),
      };
    },
  };
}
