/** 健康打卡: submit (by the household or on someone's behalf), the person's history, the boards, the windows. */
import type { HealthApi } from '../../typings/contract/health';
import { actorLabel } from '../community/deps';
import { buildingId, communityId, gridId } from '../community/fields';
import { COLLECTIONS } from '../community/records';
import { buildingTarget } from '../community/registry';
import { actorOf, type HealthDeps } from '../health/deps';
import { loadActor } from '../identity/users';
import { dayField, residentId } from '../health/fields';
import { residentOrFail, residentTarget } from '../health/residents';
import { stableId } from '../household/household';
import { ISOLATIONS, isolationStatus, progressLabel, type Isolation } from '../isolation/isolation';
import type { Transaction } from '../platform/database';
import { isDuplicateKey, isMissingDocument } from '../platform/dbErrors';
import { AppError, CommonErrors } from '../platform/errors';
import type { ActionSpec } from '../platform/router';
import { inTransaction } from '../platform/transaction';
import { field, optional } from '../platform/validation';
import { authorize } from '../policy/policy';
import type { StaffRole } from '../policy/roles';
import { addDays, daysBetween, shanghaiDay, type Day } from '../time/shanghai';
import { checkInClock, leaderBoard } from './board';
import { buildingFacts, buildingHeader } from './boardReads';
import { ATTENTION_LIMIT, buildingCounts, gridBoard, gridSlotQueries } from './gridBoard';
import { attentionPersonByPerson, gridFacts, gridTallies, missingFromRuns, runItems, type RunItems } from './gridReads';
import { archived, CHECK_INS, checkInView, newCheckIn, slotCheckInId, type CheckIn, type Submission } from './checkIn';
import { afterCheckIn } from './effects';
import { slotVersions, submitFacts } from './repository';
import { checkInSlot, parseWindows, SLOTS, windowsOf, windowsToSettings, type Slot } from './slots';
import { symptomLabels, symptomsField } from './symptoms';
import { temperatureField } from './temperature';

type Spec<K extends keyof HealthApi> = ActionSpec<HealthApi[K]['input'], HealthApi[K]['output']>;

/** How far back a board can be looked at: the longest isolation. */
const BOARD_HISTORY_DAYS = 60;

/** The isolation of a person that covers `day` and has not been released — the one a check-in belongs to. */
function isolationForDay(isolations: Isolation[], day: Day): Isolation | null {
  return isolations.find((iso) => iso.startDay <= day && iso.lastDay >= day && isolationStatus(iso, day) === 'active') ?? null;
}

async function checkInInTx(tx: Transaction, id: string): Promise<CheckIn | null> {
  try {
    return (await tx.collection<CheckIn>(CHECK_INS).doc(id).get()).data ?? null;
  } catch (err) {
    if (isMissingDocument(err)) return null;
    throw err;
  }
}

/**
 * Stores a slot's check-in with exactly one effect per request. The usual case — the slot's first — is one insert
 * under the slot's deterministic id; when the slot already holds one, it is this request's own (a retry: answered
 * with it) or an earlier one, which is archived and replaced in a transaction.
 */
async function storeCheckIn(
  db: HealthDeps['db'],
  isolation: Isolation,
  ref: { day: Day; slot: Slot },
  submission: Submission,
): Promise<CheckIn> {
  const first = newCheckIn(isolation, ref.day, ref.slot, submission, null);
  try {
    const { _id, ...data } = first;
    await db.collection(CHECK_INS).add({ data: { _id, ...data } });
    return first;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
  const own = (await slotVersions(db, isolation.communityId, isolation.residentId, ref.day, ref.slot)).find(
    (c) => c.requestKey === submission.requestKey,
  );
  if (own) return own;
  return inTransaction(db, async (tx) => {
    const previous = await checkInInTx(tx, slotCheckInId(isolation.residentId, ref.day, ref.slot));
    if (previous?.requestKey === submission.requestKey) return previous; // the same submit, arriving twice at once
    const next = newCheckIn(isolation, ref.day, ref.slot, submission, previous);
    if (previous) {
      const { _id, ...kept } = archived(previous, submission.at);
      await tx.collection(CHECK_INS).doc(_id).set({ data: kept });
    }
    const { _id, ...data } = next;
    await tx.collection(CHECK_INS).doc(_id).set({ data });
    return next;
  });
}

const STAFF_PREFERENCE: StaffRole[] = ['buildingLeader', 'gridWorker', 'communityAdmin'];

export function submitCheckIn(deps: HealthDeps): Spec<'checkIn.submit'> {
  return {
    summary:
      'A check-in for one person under isolation, by their household or by staff on their behalf (door or phone); a second one in the same slot replaces the first, which is kept',
    input: field.object({
      residentId,
      temperature: temperatureField,
      symptoms: symptomsField,
      note: optional(field.string({ label: '备注', max: 200 })),
      method: optional(field.oneOf(['door', 'phone'] as const, { label: '代为打卡的方式' })),
    }),
    requiresRequestId: true,
    errors: ['RESIDENT.NOT_FOUND', 'CHECKIN.OUTSIDE_WINDOW', 'CHECKIN.NOT_ISOLATED'],
    async handle(ctx, input) {
      if (input.symptoms.includes('other') && !input.note) {
        throw CommonErrors.inputInvalid('选了「其他」症状，请在备注里写明是什么症状', { note: '请写明其他症状' });
      }
      const facts = await submitFacts(deps.db, input.residentId, ctx.caller.openid);
      if (!facts) throw new AppError('RESIDENT.NOT_FOUND', '找不到这位居民，可能已从本户移除，请刷新后重新选择');
      const { resident } = facts;
      const actor = await loadActor({ get: async () => facts.user }, ctx.caller.openid);
      const decision = authorize(actor, 'checkIn.submit', residentTarget(resident));
      const staffRole = STAFF_PREFERENCE.find((r) => decision.via.includes(r));
      const onBehalf = input.method !== undefined;
      if (onBehalf && !staffRole) throw CommonErrors.forbidden('只有楼道长、网格员和社区工作人员可以代为打卡');
      if (!onBehalf && !decision.via.includes('resident')) {
        throw CommonErrors.inputInvalid('代为打卡请选择方式：上门还是电话', { method: '请选择上门或电话' });
      }
      const windows = windowsOf(facts.community);
      const slot = checkInSlot(ctx.now.getTime(), windows, { onBehalf });
      const isolation = isolationForDay(facts.isolations, slot.day);
      if (!isolation) throw new AppError('CHECKIN.NOT_ISOLATED', `${resident.name}现在不在居家隔离或健康监测中，不需要打卡`);

      const stored = await storeCheckIn(deps.db, isolation, slot, {
        temperature: input.temperature,
        symptoms: input.symptoms,
        note: input.note,
        by: onBehalf ? 'leader' : 'resident',
        byRole: onBehalf ? staffRole : undefined,
        method: input.method,
        byOpenid: actor.openid,
        byName: onBehalf ? actorLabel(actor) : (actor.name ?? '住户'),
        late: slot.late,
        requestKey: stableId('cireq', ctx.caller.openid, ctx.requestId!),
        at: ctx.now,
      });
      await afterCheckIn(deps, stored, isolation, windows, ctx.now);
      return checkInView(stored);
    },
  };
}

export function checkInHistory(deps: HealthDeps): Spec<'checkIn.history'> {
  return {
    summary: "One person's check-ins over their latest isolation, oldest first, for a temperature chart",
    input: field.object({ residentId }),
    errors: ['RESIDENT.NOT_FOUND'],
    async handle(ctx, input) {
      const [actor, resident] = await Promise.all([actorOf(deps, ctx.caller.openid), residentOrFail(deps, input.residentId)]);
      authorize(actor, 'checkIn.history', residentTarget(resident));
      const today = shanghaiDay(ctx.now.getTime());
      const iso = (
        await deps.db
          .collection<Isolation>(ISOLATIONS)
          .where({ communityId: resident.communityId, residentId: resident._id })
          .orderBy('startDay', 'desc')
          .limit(1)
          .get()
      ).data[0];
      if (!iso) return { residentId: resident._id, name: resident.name, isolation: null, points: [] };
      const _ = deps.db.command;
      const checkIns = (
        await deps.db
          .collection<CheckIn>(CHECK_INS)
          .where({ communityId: resident.communityId, residentId: resident._id, day: _.gte(iso.startDay), status: 'current' })
          .orderBy('day', 'asc')
          .limit(200)
          .get()
      ).data;
      return {
        residentId: resident._id,
        name: resident.name,
        isolation: {
          isolationId: iso._id,
          kind: iso.kind,
          startDay: iso.startDay,
          endDay: iso.lastDay,
          progress: progressLabel(iso, today),
        },
        points: checkIns
          .sort((a, b) => a.day.localeCompare(b.day) || SLOTS.indexOf(a.slot) - SLOTS.indexOf(b.slot))
          .map((c) => ({
            day: c.day,
            slot: c.slot,
            temperature: c.temperature,
            abnormal: c.abnormal,
            symptomLabels: symptomLabels(c.symptoms),
            at: c.at.toISOString(),
            by: c.by,
          })),
      };
    },
  };
}

/** The day a board is asked for: today by default, never the future, at most 60 days back. */
function boardDay(requested: string | undefined, now: Date): Day {
  const today = shanghaiDay(now.getTime());
  const day = requested ?? today;
  if (day > today) throw CommonErrors.inputInvalid('还没到这一天，不能查看', { day: '不能晚于今天' });
  if (daysBetween(day, today) > BOARD_HISTORY_DAYS)
    throw CommonErrors.inputInvalid(`只能查看最近 ${BOARD_HISTORY_DAYS} 天的打卡`, {
      day: `不能早于 ${addDays(today, -BOARD_HISTORY_DAYS)}`,
    });
  return day;
}

export function getLeaderBoard(deps: HealthDeps): Spec<'checkIn.leaderBoard'> {
  return {
    summary:
      "楼道长's check-ins of one building for a day: per slot done / missing / abnormal, by unit, floor and home, with the home's phones; two database requests whatever the size",
    input: field.object({ buildingId, day: optional(dayField('日期')), slot: optional(field.oneOf(SLOTS, { label: '时段' })) }),
    errors: ['BUILDING.NOT_FOUND'],
    async handle(ctx, input) {
      const header = await buildingHeader(deps.db, input.buildingId, ctx.caller.openid);
      if (!header) throw new AppError('BUILDING.NOT_FOUND', '找不到这栋楼，请刷新后重新选择');
      const { building, community } = header;
      const actor = await loadActor({ get: async () => header.user }, ctx.caller.openid);
      authorize(actor, 'checkIn.leaderBoard', buildingTarget(building));
      const day = boardDay(input.day, ctx.now);
      const scope = { communityId: building.communityId, buildingId: building._id };
      const { isolations, contacts, checkIns } = await buildingFacts(deps.db, scope, day);
      const windows = windowsOf(community);
      const slots: readonly Slot[] = input.slot ? [input.slot] : SLOTS;
      const board = leaderBoard(building, { day, now: ctx.now.getTime(), windows, isolations, contacts, checkIns, slots });
      return { ...board, clock: checkInClock(ctx.now.getTime(), windows) };
    },
  };
}

export function getGridBoard(deps: HealthDeps): Spec<'checkIn.gridBoard'> {
  return {
    summary:
      "网格员's check-ins of the grid for a day: completion per building counted in the database, and the first 50 people needing someone (abnormal, escalated, missing); three database requests whatever the size",
    input: field.object({ gridId, day: optional(dayField('日期')) }),
    errors: ['GRID.NOT_FOUND'],
    async handle(ctx, input) {
      const day = boardDay(input.day, ctx.now);
      const now = ctx.now.getTime();
      const facts = await gridFacts(deps.db, input.gridId, ctx.caller.openid, day);
      if (!facts) throw new AppError('GRID.NOT_FOUND', '找不到这个网格，请刷新后重新选择');
      const { grid } = facts;
      const actor = await loadActor({ get: async () => facts.user }, ctx.caller.openid);
      authorize(actor, 'checkIn.gridBoard', { communityId: grid.communityId, gridId: grid._id });
      const scope = { communityId: grid.communityId, gridId: grid._id };
      const windows = windowsOf(facts.community);
      const slots = gridSlotQueries(day, now, windows);
      const closed = slots.filter((q) => q.pending);
      // The missing are listed from their to-do items once a run of each closed slot raised them (minutes after the
      // close); until then, person by person.
      const items = closed.map((q) => runItems(q, facts.runsDone));
      const fromRuns = items.every((q) => q !== null);
      const [{ tallies, abnormal }, listed] = await Promise.all([
        gridTallies(deps.db, scope, day, facts.changed),
        !closed.length
          ? []
          : fromRuns
            ? missingFromRuns(deps.db, scope, day, items as RunItems[], ATTENTION_LIMIT)
            : attentionPersonByPerson(deps.db, scope, day, slots, ATTENTION_LIMIT),
      ]);
      const buildings = buildingCounts(tallies, day, slots);
      const names = new Map(buildings.map((b) => [b.buildingId, b.buildingName]));
      const attention = fromRuns
        ? [...abnormal.map(({ buildingId, ...a }) => ({ ...a, buildingName: names.get(buildingId) ?? '' })), ...listed]
        : listed;
      const board = gridBoard(grid, { day, now, windows, buildings, attention });
      return { ...board, clock: checkInClock(now, windows) };
    },
  };
}

const windowField = field.object(
  { start: field.string({ label: '开始时间', max: 5 }), end: field.string({ label: '结束时间', max: 5 }) },
  { label: '打卡时间' },
);

export function setWindows(deps: HealthDeps): Spec<'checkIn.setWindows'> {
  return {
    summary: "Sets the community's check-in windows (on the 10 minutes; am before pm); they apply from the next check-in",
    input: field.object({ communityId, windows: field.object({ am: windowField, pm: windowField }, { label: '打卡时间' }) }),
    errors: ['COMMUNITY.NOT_FOUND'],
    async handle(ctx, input) {
      authorize(await actorOf(deps, ctx.caller.openid), 'checkIn.setWindows', { communityId: input.communityId });
      await deps.reg.communityOrFail(input.communityId);
      const parsed = parseWindows(input.windows);
      if ('problem' in parsed) throw CommonErrors.inputInvalid(parsed.problem, { [`windows.${parsed.field}`]: parsed.problem });
      await deps.db
        .collection(COLLECTIONS.communities)
        .doc(input.communityId)
        .update({ data: { settings: { checkInWindows: windowsToSettings(parsed.windows) } } });
      return checkInClock(ctx.now.getTime(), parsed.windows);
    },
  };
}
