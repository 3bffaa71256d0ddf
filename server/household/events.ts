/** Every change of a household's state is kept with who and when (householdEvents). */
import type { HouseholdEventView } from '../../typings/contract/community';
import { actorLabel, type CommunityDeps } from '../community/deps';
import { COLLECTIONS } from '../community/records';
import type { Database, Transaction } from '../platform/database';
import type { ActionContext } from '../platform/router';
import type { Actor } from '../policy/roles';
import type { Household, HouseholdEvent } from './household';

export async function recordEvent(
  tx: Transaction,
  deps: Pick<CommunityDeps, 'newId'>,
  ctx: Pick<ActionContext, 'now'>,
  actor: Actor,
  household: Pick<Household, '_id' | 'communityId'>,
  e: { kind: HouseholdEventView['kind']; note?: string; byName?: string },
): Promise<void> {
  const event: Omit<HouseholdEvent, '_id'> = {
    communityId: household.communityId,
    householdId: household._id,
    kind: e.kind,
    by: e.byName ?? actorLabel(actor),
    byOpenid: actor.openid,
    ...(e.note ? { note: e.note } : {}),
    at: ctx.now,
  };
  await tx.collection(COLLECTIONS.events).add({ data: { _id: deps.newId(), ...event } });
}

export async function recentEvents(db: Database, communityId: string, householdId: string, limit = 20): Promise<HouseholdEventView[]> {
  const res = await db
    .collection<HouseholdEvent>(COLLECTIONS.events)
    .where({ communityId, householdId })
    .orderBy('at', 'desc')
    .limit(limit)
    .get();
  return res.data.map((e) => ({ at: e.at.toISOString(), kind: e.kind, by: e.by, ...(e.note ? { note: e.note } : {}) }));
}
