/** 绑定房屋: a resident asks, the building's 楼道长 confirms or rejects; every step kept in the household's history. */
import type { BindingSummary, CommunityApi, PendingBinding } from '../../typings/contract/community';
import { actorOf, type CommunityDeps } from '../community/deps';
import { householdId, mobile, personName, relation } from '../community/fields';
import { COLLECTIONS } from '../community/records';
import { householdTarget } from '../community/registry';
import { recordEvent } from '../household/events';
import { stableId, type Resident } from '../household/household';
import { saveUserInTx, userInTx } from '../identity/userRepository';
import { withHousehold } from '../identity/users';
import type { Database } from '../platform/database';
import { isDuplicateKey } from '../platform/dbErrors';
import { AppError } from '../platform/errors';
import type { ActionSpec } from '../platform/router';
import { inTransaction } from '../platform/transaction';
import { field, optional } from '../platform/validation';
import { authorize } from '../policy/policy';
import { assertNoLiveBinding, transitionBinding, type Binding } from './binding';
import { bindingRepository } from './bindingRepository';
import { bindingSummary, pendingBinding } from './view';

type Spec<K extends keyof CommunityApi> = ActionSpec<CommunityApi[K]['input'], CommunityApi[K]['output']>;

const bindingId = field.id({ label: '绑定申请' });

async function loadBinding(db: Database, id: string): Promise<Binding> {
  const res = await db.collection<Binding>(COLLECTIONS.bindings).where({ _id: id }).limit(1).get();
  if (!res.data[0]) throw new AppError('BINDING.NOT_FOUND', '找不到这条绑定申请，请刷新后重试');
  return res.data[0];
}

export function requestBinding(deps: CommunityDeps): Spec<'binding.request'> {
  return {
    summary: 'A resident asks to be linked to a household (living there, or as a proxy); the 楼道长 confirms',
    input: field.object({ householdId, name: personName, relation, phone: mobile, kind: field.oneOf(['member', 'proxy'] as const, { label: '身份' }) }),
    requiresRequestId: true,
    errors: ['HOUSEHOLD.NOT_FOUND', 'BINDING.DUPLICATE'],
    async handle(ctx, input): Promise<BindingSummary> {
      const openid = ctx.caller.openid;
      // The request id makes the document id: a retried submit finds its own request instead of making a second.
      const id = stableId('bind', openid, ctx.requestId!);
      const household = await deps.reg.householdOrFail(input.householdId);
      const community = await deps.reg.communityOrFail(household.communityId);
      const mine = await bindingRepository(deps.db).ofUserForHousehold(openid, household._id);
      const retried = mine.find((b) => b._id === id);
      if (retried) return bindingSummary(retried);
      assertNoLiveBinding(mine);
      const binding: Binding = {
        _id: id,
        communityId: household.communityId,
        gridId: household.gridId,
        buildingId: household.buildingId,
        householdId: household._id,
        label: household.label,
        communityName: community.name,
        openid,
        kind: input.kind,
        name: input.name,
        relation: input.relation,
        phone: input.phone,
        status: 'pending',
        createdAt: ctx.now,
        updatedAt: ctx.now,
      };
      try {
        await inTransaction(deps.db, async (tx) => {
          const { _id, ...data } = binding;
          await tx.collection(COLLECTIONS.bindings).add({ data: { _id, ...data } });
          await tx.collection(COLLECTIONS.households).doc(household._id).update({ data: { pendingBindings: deps.db.command.inc(1), updatedAt: ctx.now } });
        });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err; // a concurrent retry of the same submit got there first
      }
      return bindingSummary(binding);
    },
  };
}

export function cancelBinding(deps: CommunityDeps): Spec<'binding.cancel'> {
  return {
    summary: 'The person who asked withdraws a pending binding request',
    input: field.object({ bindingId }),
    errors: ['BINDING.NOT_FOUND', 'BINDING.NOT_PENDING'],
    async handle(ctx, input) {
      const binding = await loadBinding(deps.db, input.bindingId);
      // Only the person who asked may withdraw it; to anyone else it does not exist.
      if (binding.openid !== ctx.caller.openid) throw new AppError('BINDING.NOT_FOUND', '找不到这条绑定申请，请刷新后重试');
      if (binding.status === 'cancelled') return bindingSummary(binding);
      const next = transitionBinding(binding, { type: 'cancel', at: ctx.now });
      await inTransaction(deps.db, async (tx) => {
        await tx.collection(COLLECTIONS.bindings).doc(binding._id).update({ data: { status: next.status, updatedAt: ctx.now } });
        await tx.collection(COLLECTIONS.households).doc(binding.householdId).update({ data: { pendingBindings: deps.db.command.inc(-1), updatedAt: ctx.now } });
      });
      return bindingSummary(next);
    },
  };
}

export function listPendingBindings(deps: CommunityDeps): Spec<'binding.pending'> {
  return {
    summary: 'The binding requests of one building waiting for the 楼道长, oldest first',
    input: field.object({ buildingId: field.id({ label: '楼栋' }) }),
    errors: ['BUILDING.NOT_FOUND'],
    async handle(ctx, input): Promise<PendingBinding[]> {
      const [actor, building] = await Promise.all([actorOf(deps, ctx.caller.openid), deps.reg.buildingOrFail(input.buildingId)]);
      authorize(actor, 'binding.pending', { communityId: building.communityId, gridId: building.gridId, buildingId: building._id });
      return (await bindingRepository(deps.db).pendingInBuilding(building.communityId, building._id)).map(pendingBinding);
    },
  };
}

export function reviewBinding(deps: CommunityDeps): Spec<'binding.review'> {
  return {
    summary: 'The 楼道长 confirms (the person joins the household) or rejects with a reason',
    input: field.object({
      bindingId,
      decision: field.oneOf(['confirm', 'reject'] as const, { label: '处理结果' }),
      reason: optional(field.string({ label: '驳回原因', max: 100 })),
    }),
    errors: ['BINDING.NOT_FOUND', 'BINDING.NOT_PENDING'],
    async handle(ctx, input) {
      if (input.decision === 'reject' && !input.reason) throw new AppError('INPUT.INVALID', '驳回时请写明原因，方便居民修改后重新申请', { reason: '请填写驳回原因' });
      const [actor, binding] = await Promise.all([actorOf(deps, ctx.caller.openid), loadBinding(deps.db, input.bindingId)]);
      const household = await deps.reg.householdOrFail(binding.householdId);
      authorize(actor, 'binding.review', householdTarget(household));
      const community = await deps.reg.communityOrFail(household.communityId);
      const next =
        input.decision === 'confirm'
          ? transitionBinding(binding, { type: 'confirm', by: actor.openid, at: ctx.now })
          : transitionBinding(binding, { type: 'reject', by: actor.openid, at: ctx.now, reason: input.reason! });
      const resident: Resident | undefined =
        next.status === 'confirmed' && binding.kind === 'member'
          ? {
              _id: stableId('r', household.communityId, household._id, binding.name),
              communityId: household.communityId,
              gridId: household.gridId,
              buildingId: household.buildingId,
              householdId: household._id,
              name: binding.name,
              relation: binding.relation,
              phone: binding.phone,
              openid: binding.openid,
              source: 'binding',
              createdAt: ctx.now,
            }
          : undefined;
      const existing = resident ? (await deps.reg.residentsOfHousehold(household.communityId, household._id)).find((r) => r._id === resident._id) : undefined;
      await inTransaction(deps.db, async (tx) => {
        const { _id, ...bindingData } = { ...next, ...(resident ? { residentId: resident._id } : {}) };
        await tx.collection(COLLECTIONS.bindings).doc(_id).set({ data: bindingData });
        const inc = deps.db.command.inc;
        if (resident) {
          // An imported resident with the same name is the same person: they now have their own WeChat.
          const { _id: rid, ...data } = existing ? { ...existing, openid: binding.openid, phone: binding.phone } : resident;
          await tx.collection(COLLECTIONS.residents).doc(rid).set({ data });
        }
        await tx.collection(COLLECTIONS.households).doc(household._id).update({
          data: { pendingBindings: inc(-1), ...(resident && !existing ? { memberCount: inc(1) } : {}), updatedAt: ctx.now },
        });
        if (next.status === 'confirmed') {
          const user = await userInTx(tx, binding.openid, ctx.now);
          await saveUserInTx(
            tx,
            withHousehold(
              { ...user, name: user.name ?? binding.name },
              {
                householdId: household._id,
                communityId: household.communityId,
                gridId: household.gridId,
                buildingId: household.buildingId,
                kind: binding.kind,
                label: household.label,
                communityName: community.name,
              },
              ctx.now,
            ),
          );
        }
        await recordEvent(tx, deps, ctx, actor, household, {
          kind: next.status === 'confirmed' ? 'bindingConfirmed' : 'bindingRejected',
          note: `${binding.name}（${binding.kind === 'proxy' ? '代办' : binding.relation}）${next.status === 'rejected' ? `：${input.reason}` : ''}`,
        });
      });
      return bindingSummary(next);
    },
  };
}
