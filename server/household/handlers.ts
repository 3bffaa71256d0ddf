/** A household's members, reachability and history, and the resident's rights over their own data. */
import type { CommunityApi, HouseholdView } from '../../typings/contract/community';
import { bindingRepository } from '../binding/bindingRepository';
import { bindingSummary } from '../binding/view';
import { actorOf, type CommunityDeps } from '../community/deps';
import { householdId, mobile, personName, relation } from '../community/fields';
import { COLLECTIONS } from '../community/records';
import { householdTarget } from '../community/registry';
import { saveUserInTx, userInTx } from '../identity/userRepository';
import { withoutHousehold } from '../identity/users';
import { AppError } from '../platform/errors';
import type { ActionContext, ActionSpec } from '../platform/router';
import { inTransaction } from '../platform/transaction';
import { field, optional } from '../platform/validation';
import { authorize, decide } from '../policy/policy';
import { eraseResidentsHealthData, householdHealthData } from '../privacy/healthData';
import type { Actor } from '../policy/roles';
import { healthFacts } from '../riskColour/refresh';
import { deriveRiskColour } from '../riskColour/riskColour';
import { shanghaiDay } from '../time/shanghai';
import { recentEvents, recordEvent } from './events';
import { stableId, type Household, type Resident } from './household';
import { householdView } from './view';

type Spec<K extends keyof CommunityApi> = ActionSpec<CommunityApi[K]['input'], CommunityApi[K]['output']>;

async function viewOf(deps: CommunityDeps, actor: Actor, h: Household): Promise<HouseholdView> {
  const [residents, proxies, history] = await Promise.all([
    deps.reg.residentsOfHousehold(h.communityId, h._id),
    bindingRepository(deps.db).confirmedProxies(h.communityId, h._id),
    recentEvents(deps.db, h.communityId, h._id),
  ]);
  const seesAllPhones = decide(actor, 'household.viewPhones', householdTarget(h)).allowed;
  return householdView(h, residents, proxies, history, { openid: actor.openid, seesAllPhones });
}

async function load(deps: CommunityDeps, ctx: ActionContext, id: string, action: Parameters<typeof authorize>[1]) {
  const [actor, household] = await Promise.all([actorOf(deps, ctx.caller.openid), deps.reg.householdOrFail(id)]);
  const decision = authorize(actor, action, householdTarget(household));
  return { actor, household, decision };
}

export function getHousehold(deps: CommunityDeps): Spec<'household.get'> {
  return {
    summary: 'Members, state and history of a household; phone numbers masked unless the caller needs them',
    input: field.object({ householdId }),
    errors: ['HOUSEHOLD.NOT_FOUND'],
    async handle(ctx, input) {
      const { actor, household } = await load(deps, ctx, input.householdId, 'household.get');
      return viewOf(deps, actor, household);
    },
  };
}

export function addMember(deps: CommunityDeps): Spec<'household.addMember'> {
  return {
    summary: 'Registers a member without their own WeChat (an elderly parent), by family or the 楼道长',
    input: field.object({ householdId, name: personName, relation, phone: optional(mobile) }),
    errors: ['HOUSEHOLD.NOT_FOUND'],
    async handle(ctx, input) {
      const { actor, household, decision } = await load(deps, ctx, input.householdId, 'household.addMember');
      const residentId = stableId('r', household.communityId, household._id, input.name);
      const residents = await deps.reg.residentsOfHousehold(household.communityId, household._id);
      // The same name in the same household is the same person: adding them twice (a double tap) changes nothing.
      if (!residents.some((r) => r._id === residentId)) {
        const resident: Resident = {
          _id: residentId,
          communityId: household.communityId,
          gridId: household.gridId,
          buildingId: household.buildingId,
          householdId: household._id,
          name: input.name,
          relation: input.relation,
          phone: input.phone ?? '',
          source: decision.via.includes('resident') ? 'family' : 'leader',
          createdAt: ctx.now,
        };
        await inTransaction(deps.db, async (tx) => {
          const { _id, ...data } = resident;
          await tx.collection(COLLECTIONS.residents).doc(_id).set({ data });
          await tx
            .collection(COLLECTIONS.households)
            .doc(household._id)
            .update({ data: { memberCount: deps.db.command.inc(1), updatedAt: ctx.now } });
          await recordEvent(tx, deps, ctx, actor, household, { kind: 'memberAdded', note: `${input.name}（${input.relation}）` });
        });
      }
      return viewOf(deps, actor, await deps.reg.householdOrFail(household._id));
    },
  };
}

export function removeMember(deps: CommunityDeps): Spec<'household.removeMember'> {
  return {
    summary: 'Removes a member; one with their own WeChat leaves by unbinding, or is removed by staff',
    input: field.object({ householdId, residentId: field.id({ label: '成员' }) }),
    errors: ['HOUSEHOLD.NOT_FOUND', 'HOUSEHOLD.MEMBER_NOT_FOUND', 'HOUSEHOLD.MEMBER_HAS_WECHAT', 'HOUSEHOLD.UNDER_ISOLATION'],
    async handle(ctx, input) {
      const { actor, household, decision } = await load(deps, ctx, input.householdId, 'household.removeMember');
      const resident = (await deps.reg.residentsOfHousehold(household.communityId, household._id)).find((r) => r._id === input.residentId);
      if (!resident) throw new AppError('HOUSEHOLD.MEMBER_NOT_FOUND', '这位成员已不在本户，请刷新');
      const staff = decision.via.some((r) => r !== 'resident');
      if (resident.openid && resident.openid !== actor.openid && !staff) {
        throw new AppError('HOUSEHOLD.MEMBER_HAS_WECHAT', `${resident.name}已用自己的微信绑定，需本人解除绑定，或请楼道长处理`);
      }
      if (resident.isolationId) {
        throw new AppError('HOUSEHOLD.UNDER_ISOLATION', `${resident.name}正在居家隔离或健康监测中，需网格员先解除隔离，才能移出本户`);
      }
      await eraseResidentsHealthData(deps.db, household.communityId, [resident._id], ctx.now);
      await inTransaction(deps.db, async (tx) => {
        await tx.collection(COLLECTIONS.residents).doc(resident._id).remove();
        await tx
          .collection(COLLECTIONS.households)
          .doc(household._id)
          .update({ data: { memberCount: deps.db.command.inc(-1), updatedAt: ctx.now } });
        if (resident.openid) {
          const user = await userInTx(tx, resident.openid, ctx.now);
          await saveUserInTx(tx, withoutHousehold(user, household._id, ctx.now));
        }
        await recordEvent(tx, deps, ctx, actor, household, { kind: 'memberRemoved', note: resident.name });
      });
      return viewOf(deps, actor, await deps.reg.householdOrFail(household._id));
    },
  };
}

export function setReachability(deps: CommunityDeps): Spec<'household.setReachability'> {
  return {
    summary: 'Marks a household unreachable (no answer at the door, blue 「平安」 sticker posted) or reachable again',
    input: field.object({
      householdId,
      reachable: field.boolean({ label: '是否联系上' }),
      note: optional(field.string({ label: '说明', max: 100 })),
    }),
    errors: ['HOUSEHOLD.NOT_FOUND'],
    async handle(ctx, input) {
      const { actor, household } = await load(deps, ctx, input.householdId, 'household.setReachability');
      if (household.reachable !== input.reachable || (input.note && input.note !== household.reachabilityNote)) {
        const note = input.reachable ? undefined : (input.note ?? '敲门无人应答，已贴蓝色「平安」贴');
        // The colour follows the ledger: recomputed from all the household's facts, never set by hand — so marking
        // a household reachable again does not wipe the orange of someone isolated there.
        const facts = (await healthFacts(deps.db, household.communityId, [household._id], shanghaiDay(ctx.now.getTime()))).get(
          household._id,
        );
        const riskColour = deriveRiskColour({ unreachable: !input.reachable, ...facts });
        await inTransaction(deps.db, async (tx) => {
          await tx
            .collection(COLLECTIONS.households)
            .doc(household._id)
            .update({
              data: { reachable: input.reachable, reachabilityNote: note ?? deps.db.command.remove(), riskColour, updatedAt: ctx.now },
            });
          await recordEvent(tx, deps, ctx, actor, household, { kind: input.reachable ? 'reachable' : 'unreachable', note });
        });
      }
      return viewOf(deps, actor, await deps.reg.householdOrFail(household._id));
    },
  };
}

export function myHouseholdData(deps: CommunityDeps): Spec<'household.myData'> {
  return {
    summary: 'Everything kept about the household, for the resident linked to it',
    input: field.object({ householdId }),
    errors: ['HOUSEHOLD.NOT_FOUND'],
    async handle(ctx, input) {
      const { actor, household } = await load(deps, ctx, input.householdId, 'household.myData');
      const [view, bindings, health] = await Promise.all([
        viewOf(deps, actor, household),
        bindingRepository(deps.db).ofUserForHousehold(actor.openid, household._id),
        householdHealthData(deps.db, household.communityId, household._id, shanghaiDay(ctx.now.getTime())),
      ]);
      return { household: view, bindings: bindings.map((b) => bindingSummary(b)), health, exportedAt: ctx.now.toISOString() };
    },
  };
}

export function unbindHousehold(deps: CommunityDeps): Spec<'household.unbind'> {
  return {
    summary: 'The resident leaves the household: their link and their own personal data (check-ins included) are removed',
    input: field.object({ householdId }),
    errors: ['HOUSEHOLD.NOT_FOUND', 'HOUSEHOLD.UNDER_ISOLATION'],
    async handle(ctx, input) {
      const { actor, household } = await load(deps, ctx, input.householdId, 'household.unbind');
      const own = (await deps.reg.residentsOfHousehold(household.communityId, household._id)).filter((r) => r.openid === actor.openid);
      if (own.some((r) => r.isolationId)) {
        throw new AppError('HOUSEHOLD.UNDER_ISOLATION', '你正在居家隔离或健康监测中，暂不能解除绑定。如已搬离，请联系网格员办理解除。');
      }
      const bindings = await bindingRepository(deps.db).ofUserForHousehold(actor.openid, household._id);
      // Before the link goes: erasing is idempotent, so a retry after a failure below finishes the job.
      await eraseResidentsHealthData(
        deps.db,
        household.communityId,
        own.map((r) => r._id),
        ctx.now,
      );
      await inTransaction(deps.db, async (tx) => {
        for (const r of own) await tx.collection(COLLECTIONS.residents).doc(r._id).remove();
        const pending = bindings.filter((b) => b.status === 'pending').length;
        if (own.length || pending) {
          const inc = deps.db.command.inc;
          await tx
            .collection(COLLECTIONS.households)
            .doc(household._id)
            .update({ data: { memberCount: inc(-own.length), pendingBindings: inc(-pending), updatedAt: ctx.now } });
        }
        // The requests stay as a record that something happened, without the person's name and number.
        for (const b of bindings) {
          await tx
            .collection(COLLECTIONS.bindings)
            .doc(b._id)
            .update({
              data: { name: '（已解除绑定）', phone: '', status: b.status === 'pending' ? 'cancelled' : b.status, updatedAt: ctx.now },
            });
        }
        const user = await userInTx(tx, actor.openid, ctx.now);
        await saveUserInTx(tx, withoutHousehold(user, household._id, ctx.now));
        await recordEvent(tx, deps, ctx, actor, household, { kind: 'unbound', byName: '居民' });
      });
      return { householdId: household._id, removedResidents: own.length };
    },
  };
}
