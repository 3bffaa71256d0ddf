/** 居家隔离 / 居家健康监测: start, extend, release, change the care team, look up; and what the resident sees. */
import type { HealthApi, IsolationStatus, MyIsolation, Slot } from '../../typings/contract/health';
import { checkInClock, slotCell } from '../checkIn/board';
import { CHECK_INS, type CheckIn } from '../checkIn/checkIn';
import { SLOTS, windowsOf } from '../checkIn/slots';
import { actorLabel } from '../community/deps';
import { communityId, gridId } from '../community/fields';
import { COLLECTIONS, type CommunityRecord } from '../community/records';
import { MAX_READ } from '../community/registry';
import { actorOf, type HealthDeps } from '../health/deps';
import { dayField, isolationId, residentId } from '../health/fields';
import { residentOrFail, residentTarget } from '../health/residents';
import { stableId, type Resident } from '../household/household';
import type { Transaction } from '../platform/database';
import { isDuplicateKey, isMissingDocument } from '../platform/dbErrors';
import { AppError, CommonErrors } from '../platform/errors';
import type { ActionContext, ActionSpec } from '../platform/router';
import { inTransaction } from '../platform/transaction';
import { field, optional } from '../platform/validation';
import { authorize } from '../policy/policy';
import type { Actor } from '../policy/roles';
import { refreshRiskColours } from '../riskColour/refresh';
import { shanghaiDay } from '../time/shanghai';
import { careTeamField, resolveCareTeam } from './careTeam';
import {
  alreadyApplied,
  changeCareTeam,
  checkStart,
  DEFAULT_DAYS,
  extendIsolation,
  ISOLATIONS,
  isolationStatus,
  KIND_LABELS,
  dayOfIsolation,
  MAX_DAYS,
  progressLabel,
  REASONS,
  releaseIsolation,
  type Change,
  type Isolation,
} from './isolation';
import { isolationListItem, isolationView } from './view';

type Spec<K extends keyof HealthApi> = ActionSpec<HealthApi[K]['input'], HealthApi[K]['output']>;

const todayOf = (ctx: Pick<ActionContext, 'now'>) => shanghaiDay(ctx.now.getTime());
const gridTarget = (iso: Pick<Isolation, 'communityId' | 'gridId'>) => ({ communityId: iso.communityId, gridId: iso.gridId });

async function isolationOrFail(deps: HealthDeps, id: string): Promise<Isolation> {
  const iso = (await deps.db.collection<Isolation>(ISOLATIONS).where({ _id: id }).limit(1).get()).data[0];
  if (!iso) throw new AppError('ISOLATION.NOT_FOUND', '找不到这条隔离记录，请刷新后重试');
  return iso;
}

async function inTx<T>(tx: Transaction, collection: string, id: string): Promise<T | null> {
  try {
    return (await tx.collection<T>(collection).doc(id).get()).data ?? null;
  } catch (err) {
    if (isMissingDocument(err)) return null;
    throw err;
  }
}

const change = (ctx: ActionContext, actor: Actor, requestKey?: string): Change => ({
  at: ctx.now,
  today: todayOf(ctx),
  by: actorLabel(actor),
  byOpenid: actor.openid,
  ...(requestKey ? { requestKey } : {}),
});

/**
 * Loads the isolation inside a transaction, applies `next` unless this request already did, and stores it; when it
 * stops being active, the resident's pointer to it is cleared in the same transaction.
 */
async function update(
  deps: HealthDeps,
  id: string,
  requestKey: string | undefined,
  next: (iso: Isolation) => Isolation,
): Promise<Isolation> {
  return inTransaction(deps.db, async (tx) => {
    const iso = await inTx<Isolation>(tx, ISOLATIONS, id);
    if (!iso) throw new AppError('ISOLATION.NOT_FOUND', '找不到这条隔离记录，请刷新后重试');
    const current = { ...iso, _id: id };
    if (alreadyApplied(current, requestKey)) return current;
    const changed = next(current);
    if (changed === current) return changed; // nothing to do (released twice)
    const { _id, ...data } = changed;
    await tx.collection(ISOLATIONS).doc(_id).set({ data });
    if (changed.status !== 'active') {
      const resident = await inTx<Resident>(tx, COLLECTIONS.residents, changed.residentId);
      if (resident?.isolationId === _id)
        await tx
          .collection(COLLECTIONS.residents)
          .doc(changed.residentId)
          .update({ data: { isolationId: deps.db.command.remove() } });
    }
    return changed;
  });
}

function alreadyActive(iso: Isolation, today: string): AppError {
  return new AppError(
    'ISOLATION.ALREADY_ACTIVE',
    `${iso.name}正在${KIND_LABELS[iso.kind]}（${progressLabel(iso, today)}），需要时请延长或调整那一条记录`,
  );
}

export function startIsolation(deps: HealthDeps): Spec<'isolation.start'> {
  return {
    summary:
      'Puts a resident under home isolation or home monitoring: start day (default today), days (default 14), reason, care team of up to five',
    input: field.object({
      residentId,
      kind: field.oneOf(['homeIsolation', 'homeMonitoring'] as const, { label: '类型' }),
      startDay: optional(dayField('开始日期')),
      days: optional(field.number({ label: '天数', min: 1, max: MAX_DAYS })),
      reason: field.oneOf(REASONS, { label: '原因' }),
      reasonNote: optional(field.string({ label: '原因说明', max: 50 })),
      careTeam: optional(careTeamField),
    }),
    requiresRequestId: true,
    errors: ['RESIDENT.NOT_FOUND', 'ISOLATION.ALREADY_ACTIVE'],
    async handle(ctx, input) {
      const today = todayOf(ctx);
      const id = stableId('iso', ctx.caller.openid, ctx.requestId!);
      const retried = (await deps.db.collection<Isolation>(ISOLATIONS).where({ _id: id }).limit(1).get()).data[0];
      if (retried) return isolationView(retried, today);
      if (input.reason === 'other' && !input.reasonNote)
        throw CommonErrors.inputInvalid('原因选了「其他」，请写明原因', { reasonNote: '请写明原因' });
      const [actor, resident] = await Promise.all([actorOf(deps, ctx.caller.openid), residentOrFail(deps, input.residentId)]);
      authorize(actor, 'isolation.start', { communityId: resident.communityId, gridId: resident.gridId });
      const startDay = input.startDay ?? today;
      const days = input.days ?? DEFAULT_DAYS;
      const { lastDay } = checkStart({ startDay, days, today });
      const [household, careTeam] = await Promise.all([
        deps.reg.householdOrFail(resident.householdId),
        resolveCareTeam(deps.db, resident.communityId, input.careTeam ?? []),
      ]);
      const by = actorLabel(actor);
      const iso: Isolation = {
        _id: id,
        communityId: resident.communityId,
        gridId: resident.gridId,
        buildingId: resident.buildingId,
        householdId: resident.householdId,
        residentId: resident._id,
        name: resident.name,
        buildingName: household.buildingName,
        label: household.label,
        unit: household.unit,
        floor: household.floor,
        room: household.room,
        kind: input.kind,
        startDay,
        days,
        lastDay,
        reason: input.reason,
        ...(input.reasonNote ? { reasonNote: input.reasonNote } : {}),
        careTeam,
        status: 'active',
        events: [{ kind: 'started', at: ctx.now, by, byOpenid: actor.openid, note: `${KIND_LABELS[input.kind]} ${days} 天` }],
        requestKey: id,
        createdBy: actor.openid,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      };
      try {
        await inTransaction(deps.db, async (tx) => {
          const current = await inTx<Resident>(tx, COLLECTIONS.residents, resident._id);
          if (!current) throw new AppError('RESIDENT.NOT_FOUND', '找不到这位居民，可能已从本户移除，请刷新后重新选择');
          if (current.isolationId === id) return; // this very request, arriving twice at once
          if (current.isolationId) {
            const other = await inTx<Isolation>(tx, ISOLATIONS, current.isolationId);
            if (other && isolationStatus(other, today) === 'active') throw alreadyActive({ ...other, _id: current.isolationId }, today);
          }
          const { _id, ...data } = iso;
          await tx.collection(ISOLATIONS).add({ data: { _id, ...data } });
          await tx
            .collection(COLLECTIONS.residents)
            .doc(resident._id)
            .update({ data: { isolationId: id } });
        });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err; // a concurrent retry of the same start got there first
      }
      await refreshRiskColours(deps.db, iso.communityId, [iso.householdId], today, ctx.now);
      return isolationView(iso, today);
    },
  };
}

export function extend(deps: HealthDeps): Spec<'isolation.extend'> {
  return {
    summary: 'Adds days to an active isolation (at most 60 in all); kept in its history',
    input: field.object({
      isolationId,
      addDays: field.number({ label: '延长天数', min: 1, max: MAX_DAYS }),
      note: optional(field.string({ label: '说明', max: 50 })),
    }),
    requiresRequestId: true,
    errors: ['ISOLATION.NOT_FOUND', 'ISOLATION.NOT_ACTIVE'],
    async handle(ctx, input) {
      const [actor, found] = await Promise.all([actorOf(deps, ctx.caller.openid), isolationOrFail(deps, input.isolationId)]);
      authorize(actor, 'isolation.extend', gridTarget(found));
      const key = stableId('isox', ctx.caller.openid, ctx.requestId!);
      const iso = await update(deps, found._id, key, (i) => extendIsolation(i, input.addDays, change(ctx, actor, key), input.note));
      return isolationView(iso, todayOf(ctx));
    },
  };
}

export function release(deps: HealthDeps): Spec<'isolation.release'> {
  return {
    summary: 'Releases an isolation early, with the reason; the household colour follows at once',
    input: field.object({ isolationId, reason: field.string({ label: '解除原因', max: 50 }) }),
    errors: ['ISOLATION.NOT_FOUND', 'ISOLATION.NOT_ACTIVE'],
    async handle(ctx, input) {
      const [actor, found] = await Promise.all([actorOf(deps, ctx.caller.openid), isolationOrFail(deps, input.isolationId)]);
      authorize(actor, 'isolation.release', gridTarget(found));
      const iso = await update(deps, found._id, undefined, (i) => releaseIsolation(i, input.reason, change(ctx, actor)));
      await refreshRiskColours(deps.db, iso.communityId, [iso.householdId], todayOf(ctx), ctx.now);
      return isolationView(iso, todayOf(ctx));
    },
  };
}

export function setCareTeam(deps: HealthDeps): Spec<'isolation.setCareTeam'> {
  return {
    summary: 'Replaces the care team (「五包一」) of an active isolation; kept in its history',
    input: field.object({ isolationId, careTeam: careTeamField }),
    requiresRequestId: true,
    errors: ['ISOLATION.NOT_FOUND', 'ISOLATION.NOT_ACTIVE'],
    async handle(ctx, input) {
      const [actor, found] = await Promise.all([actorOf(deps, ctx.caller.openid), isolationOrFail(deps, input.isolationId)]);
      authorize(actor, 'isolation.setCareTeam', gridTarget(found));
      const careTeam = await resolveCareTeam(deps.db, found.communityId, input.careTeam);
      const key = stableId('isoc', ctx.caller.openid, ctx.requestId!);
      const iso = await update(deps, found._id, key, (i) => changeCareTeam(i, careTeam, change(ctx, actor, key)));
      return isolationView(iso, todayOf(ctx));
    },
  };
}

export function getIsolation(deps: HealthDeps): Spec<'isolation.get'> {
  return {
    summary: 'One isolation with its care team and full history, for staff',
    input: field.object({ isolationId }),
    errors: ['ISOLATION.NOT_FOUND'],
    async handle(ctx, input) {
      const [actor, iso] = await Promise.all([actorOf(deps, ctx.caller.openid), isolationOrFail(deps, input.isolationId)]);
      authorize(actor, 'isolation.get', residentTarget(iso));
      return isolationView(iso, todayOf(ctx));
    },
  };
}

const PAGE_SIZE = 20;

export function listIsolations(deps: HealthDeps): Spec<'isolation.list'> {
  return {
    summary:
      'Isolations of a grid (grid worker, admin) or of the whole community (admin), by status (active by default), ending soonest first, 20 a page',
    input: field.object({
      communityId,
      gridId: optional(gridId),
      status: optional(field.oneOf(['active', 'ended', 'released'] as const, { label: '状态' })),
      cursor: optional(
        field.string({
          label: '列表位置',
          max: 100,
          pattern: /^\d{4}-\d{2}-\d{2}\.[A-Za-z0-9_-]{1,64}$/,
          patternMessage: '列表位置无效，请下拉刷新',
        }),
      ),
    }),
    policy: ['isolation.list', 'isolation.listCommunity'],
    async handle(ctx, input) {
      const actor = await actorOf(deps, ctx.caller.openid);
      if (input.gridId) authorize(actor, 'isolation.list', { communityId: input.communityId, gridId: input.gridId });
      else authorize(actor, 'isolation.listCommunity', { communityId: input.communityId });
      const today = todayOf(ctx);
      const _ = deps.db.command;
      const status: IsolationStatus = input.status ?? 'active';
      // Stored status lags the calendar until the daily timer runs, so "active" and "ended" are also read from the dates.
      const byStatus =
        status === 'active'
          ? { status: 'active', lastDay: _.gte(today) }
          : status === 'ended'
            ? _.or([{ status: 'ended' }, { status: 'active', lastDay: _.lt(today) }])
            : { status: 'released' };
      const [afterDay, afterId] = input.cursor ? input.cursor.split('.') : [];
      const after = input.cursor ? [_.or([{ lastDay: _.gt(afterDay) }, { lastDay: afterDay, _id: _.gt(afterId) }])] : [];
      const scope = { communityId: input.communityId, ...(input.gridId ? { gridId: input.gridId } : {}) };
      const res = await deps.db
        .collection<Isolation>(ISOLATIONS)
        .where(_.and([scope, byStatus, ...after]) as Record<string, unknown>)
        .orderBy('lastDay', 'asc')
        .orderBy('_id', 'asc')
        .limit(PAGE_SIZE + 1)
        .get();
      const page = res.data.slice(0, PAGE_SIZE);
      const last = page[page.length - 1];
      return {
        items: page.map((iso) => isolationListItem(iso, today)),
        nextCursor: res.data.length > PAGE_SIZE && last ? `${last.lastDay}.${last._id}` : null,
      };
    },
  };
}

export function myIsolations(deps: HealthDeps): Spec<'isolation.mine'> {
  return {
    summary: "The caller's household members under isolation: day X of N, end day, care team with phones, today's check-ins",
    input: field.object({}),
    async handle(ctx): Promise<MyIsolation[]> {
      const actor = await actorOf(deps, ctx.caller.openid);
      if (!actor.households.length) return [];
      const _ = deps.db.command;
      const now = ctx.now.getTime();
      const today = todayOf(ctx);
      const communityIds = [...new Set(actor.households.map((h) => h.communityId))];
      const householdIds = actor.households.map((h) => h.householdId);
      const [isolations, checkIns, communities] = await Promise.all([
        deps.db
          .collection<Isolation>(ISOLATIONS)
          .where({ communityId: _.in(communityIds), householdId: _.in(householdIds), lastDay: _.gte(today) })
          .limit(MAX_READ)
          .get(),
        deps.db
          .collection<CheckIn>(CHECK_INS)
          .where({ communityId: _.in(communityIds), householdId: _.in(householdIds), day: today, status: 'current' })
          .limit(MAX_READ)
          .get(),
        deps.db
          .collection<CommunityRecord>(COLLECTIONS.communities)
          .where({ _id: _.in(communityIds) })
          .limit(MAX_READ)
          .get(),
      ]);
      return isolations.data
        .filter((iso) => iso.startDay <= today && isolationStatus(iso, today) === 'active')
        .sort((a, b) => a.label.localeCompare(b.label) || a.name.localeCompare(b.name, 'zh'))
        .map((iso) => {
          const windows = windowsOf(communities.data.find((c) => c._id === iso.communityId));
          const cell = (slot: Slot) =>
            slotCell(
              iso,
              { day: today, slot },
              checkIns.data.find((c) => c.residentId === iso.residentId && c.slot === slot),
              now,
              windows,
            );
          return {
            isolationId: iso._id,
            residentId: iso.residentId,
            name: iso.name,
            householdId: iso.householdId,
            label: iso.label,
            kind: iso.kind,
            kindLabel: KIND_LABELS[iso.kind],
            startDay: iso.startDay,
            endDay: iso.lastDay,
            days: iso.days,
            dayOfIsolation: dayOfIsolation(iso, today),
            progress: progressLabel(iso, today),
            careTeam: iso.careTeam.map((m) => ({ role: m.role, name: m.name, phone: m.phone })),
            today: Object.fromEntries(SLOTS.map((s) => [s, cell(s)])) as MyIsolation['today'],
            clock: checkInClock(now, windows),
          };
        });
    },
  };
}
