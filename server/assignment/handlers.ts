/** 任命: appoint by invitation code, accept, revoke (effective on the next call), list. */
import type { AssignmentView, CommunityApi, RoleSummary } from '../../typings/contract/community';
import { actorOf, actorLabel, type CommunityDeps } from '../community/deps';
import { communityId, gridId, mobile, personName } from '../community/fields';
import { COLLECTIONS, type BuildingRecord } from '../community/records';
import { MAX_READ } from '../community/registry';
import { stableId } from '../household/household';
import { saveUserInTx, userInTx } from '../identity/userRepository';
import type { Database } from '../platform/database';
import { AppError } from '../platform/errors';
import type { ActionContext, ActionSpec } from '../platform/router';
import { inTransaction } from '../platform/transaction';
import { field, optional } from '../platform/validation';
import { authorize } from '../policy/policy';
import type { Actor } from '../policy/roles';
import { acceptAssignment, grantsFrom, INVITE_TTL_MS, inviteCodeFrom, normaliseInviteCode, revokeAssignment, type Assignment } from './assignment';

type Spec<K extends keyof CommunityApi> = ActionSpec<CommunityApi[K]['input'], CommunityApi[K]['output']>;

const assignments = (db: Database) => db.collection<Assignment>(COLLECTIONS.assignments);

export function assignmentView(a: Assignment): AssignmentView {
  return {
    assignmentId: a._id,
    role: a.role,
    name: a.name,
    phone: a.phone,
    status: a.status,
    scope: a.scopeLabel,
    ...(a.status === 'invited' && a.inviteCode ? { inviteCode: a.inviteCode, inviteExpiresAt: a.inviteExpiresAt?.toISOString() } : {}),
    appointedBy: a.appointedByName,
    at: a.createdAt.toISOString(),
  };
}

export function roleSummary(a: Assignment): RoleSummary {
  return {
    assignmentId: a._id,
    role: a.role,
    communityId: a.communityId,
    communityName: a.communityName,
    ...(a.role === 'gridWorker' ? { gridId: a.gridId, gridName: a.gridName } : {}),
    ...(a.buildingIds ? { buildings: a.buildingIds.map((id, i) => ({ buildingId: id, name: a.buildingNames?.[i] ?? '' })) } : {}),
  };
}

/** A user's grants are recomputed from all their active appointments, in the same transaction as the change. */
async function syncGrants(deps: CommunityDeps, openid: string, changed: Assignment, ctx: Pick<ActionContext, 'now'>, name?: string) {
  const others = (await assignments(deps.db).where({ openid, status: 'active' }).limit(MAX_READ).get()).data.filter((a) => a._id !== changed._id);
  await inTransaction(deps.db, async (tx) => {
    const { _id, ...data } = changed;
    await tx.collection(COLLECTIONS.assignments).doc(_id).set({ data });
    const user = await userInTx(tx, openid, ctx.now);
    await saveUserInTx(tx, { ...user, name: user.name ?? name, grants: grantsFrom([...others, changed]), updatedAt: ctx.now });
  });
}

/** Which appointment decision applies, and on which target: grid workers by the admin, the rest by admin or grid worker. */
function authorizeAppointment(actor: Actor, a: Pick<Assignment, 'role' | 'communityId' | 'gridId' | 'buildingIds'>): void {
  if (a.role === 'gridWorker') authorize(actor, 'role.appointGridWorker', { communityId: a.communityId, gridId: a.gridId! });
  else for (const buildingId of a.buildingIds ?? []) authorize(actor, 'role.appointBuildingStaff', { communityId: a.communityId, gridId: a.gridId!, buildingId });
}

export function appoint(deps: CommunityDeps): Spec<'role.appoint'> {
  return {
    summary: 'Appoints a grid worker (admin) or a 楼道长 / volunteer (admin, grid worker) by an invitation code valid 72 hours',
    input: field.object({
      communityId,
      role: field.oneOf(['gridWorker', 'buildingLeader', 'volunteer', 'communityAdmin'] as const, { label: '角色' }),
      name: personName,
      phone: mobile,
      gridId: optional(gridId),
      buildingIds: optional(field.array(field.id({ label: '楼栋' }), { label: '楼栋', min: 1, max: 30, unique: true })),
    }),
    requiresRequestId: true,
    policy: ['role.appointGridWorker', 'role.appointBuildingStaff'],
    errors: ['COMMUNITY.NOT_FOUND', 'GRID.NOT_FOUND', 'BUILDING.NOT_FOUND'],
    async handle(ctx, input) {
      if (input.role === 'communityAdmin') throw new AppError('INPUT.INVALID', '社区管理员由街道开通，不能在这里任命', { role: '不能任命社区管理员' });
      const id = stableId('asg', ctx.caller.openid, ctx.requestId!);
      const retried = (await assignments(deps.db).where({ _id: id }).limit(1).get()).data[0];
      if (retried) return assignmentView(retried);
      const [actor, community] = await Promise.all([actorOf(deps, ctx.caller.openid), deps.reg.communityOrFail(input.communityId)]);
      let scope: Pick<Assignment, 'gridId' | 'buildingIds' | 'scopeLabel' | 'gridName' | 'buildingNames'>;
      if (input.role === 'gridWorker') {
        if (!input.gridId || input.buildingIds) throw new AppError('INPUT.INVALID', '任命网格员请选择一个网格', { gridId: '请选择网格' });
        const grid = await deps.reg.grid(input.gridId);
        if (!grid || grid.communityId !== community._id) throw new AppError('GRID.NOT_FOUND', '找不到这个网格，请刷新后重新选择');
        scope = { gridId: grid._id, gridName: grid.name, scopeLabel: grid.name };
      } else {
        if (!input.buildingIds) throw new AppError('INPUT.INVALID', `任命${input.role === 'volunteer' ? '志愿者' : '楼道长'}请选择负责的楼栋`, { buildingIds: '请选择楼栋' });
        const all = await deps.reg.buildings(community._id);
        const chosen = input.buildingIds.map((bid) => all.find((b) => b._id === bid));
        if (chosen.some((b) => !b)) throw new AppError('BUILDING.NOT_FOUND', '有楼栋不属于这个社区，请刷新后重新选择');
        const buildings = chosen as BuildingRecord[];
        const grids = new Set(buildings.map((b) => b.gridId));
        if (grids.size > 1) throw new AppError('INPUT.INVALID', '一次任命的楼栋需在同一个网格内', { buildingIds: '楼栋不在同一个网格' });
        scope = { gridId: buildings[0].gridId, buildingIds: buildings.map((b) => b._id), buildingNames: buildings.map((b) => b.name), scopeLabel: buildings.map((b) => b.name).join('、') };
      }
      authorizeAppointment(actor, { role: input.role, communityId: community._id, ...scope });
      const assignment: Assignment = {
        _id: id,
        communityId: community._id,
        communityName: community.name,
        role: input.role,
        ...scope,
        name: input.name,
        phone: input.phone,
        status: 'invited',
        inviteCode: inviteCodeFrom(deps.randomBytes(8)),
        inviteExpiresAt: new Date(ctx.now.getTime() + INVITE_TTL_MS),
        appointedBy: actor.openid,
        appointedByName: actorLabel(actor),
        createdAt: ctx.now,
        updatedAt: ctx.now,
      };
      const { _id, ...data } = assignment;
      await assignments(deps.db).add({ data: { _id, ...data } });
      return assignmentView(assignment);
    },
  };
}

export function acceptInvite(deps: CommunityDeps): Spec<'role.accept'> {
  return {
    summary: 'The appointee enters the invitation code; the role is theirs from the next call',
    input: field.object({ inviteCode: field.string({ label: '任命码', max: 12, pattern: /^[A-Za-z0-9\s-]+$/, patternMessage: '任命码由字母和数字组成' }) }),
    errors: ['ROLE.INVITE_NOT_FOUND', 'ROLE.INVITE_EXPIRED', 'ROLE.INVITE_USED', 'ROLE.INVITE_REVOKED'],
    async handle(ctx, input) {
      const code = normaliseInviteCode(input.inviteCode);
      const found = (await assignments(deps.db).where({ inviteCode: code }).limit(1).get()).data[0];
      // A double tap: the first accept cleared the code; the role is already this user's.
      const already = found ? undefined : (await assignments(deps.db).where({ openid: ctx.caller.openid, status: 'active' }).limit(MAX_READ).get()).data;
      if (!found) {
        const mine = already?.find((a) => a.acceptedAt && ctx.now.getTime() - a.acceptedAt.getTime() < 60_000);
        if (mine) return roleSummary(mine);
        throw new AppError('ROLE.INVITE_NOT_FOUND', '任命码不正确，请核对后重新输入');
      }
      const accepted = acceptAssignment(found, ctx.caller.openid, ctx.now);
      await syncGrants(deps, ctx.caller.openid, { ...accepted, inviteCode: undefined, inviteExpiresAt: undefined }, ctx, found.name);
      return roleSummary(accepted);
    },
  };
}

export function revoke(deps: CommunityDeps): Spec<'role.revoke'> {
  return {
    summary: 'Revokes an appointment (or an unused invitation); it stops working on the next call',
    input: field.object({ assignmentId: field.id({ label: '任命' }) }),
    policy: ['role.appointGridWorker', 'role.appointBuildingStaff'],
    errors: ['ROLE.NOT_FOUND'],
    async handle(ctx, input) {
      const [actor, found] = await Promise.all([actorOf(deps, ctx.caller.openid), assignments(deps.db).where({ _id: input.assignmentId }).limit(1).get()]);
      const a = found.data[0];
      if (!a) throw new AppError('ROLE.NOT_FOUND', '找不到这条任命，请刷新');
      authorizeAppointment(actor, a);
      const revoked = revokeAssignment(a, actor.openid, ctx.now);
      if (revoked === a) return assignmentView(a);
      if (a.openid) await syncGrants(deps, a.openid, revoked, ctx);
      else {
        const { _id, ...data } = revoked;
        await assignments(deps.db).doc(_id).set({ data });
      }
      return assignmentView(revoked);
    },
  };
}

export function listAssignments(deps: CommunityDeps): Spec<'role.list'> {
  return {
    summary: 'Appointments in the community (admin) or in one grid (admin, its grid worker), newest first',
    input: field.object({ communityId, gridId: optional(gridId) }),
    async handle(ctx, input) {
      const actor = await actorOf(deps, ctx.caller.openid);
      if (input.gridId) authorize(actor, 'role.list', { communityId: input.communityId, gridId: input.gridId });
      else authorize(actor, 'grid.list', { communityId: input.communityId }); // the whole community: admin only
      const where = input.gridId ? { communityId: input.communityId, gridId: input.gridId } : { communityId: input.communityId };
      const res = await assignments(deps.db).where(where).orderBy('createdAt', 'desc').limit(MAX_READ).get();
      return res.data.map(assignmentView);
    },
  };
}
