/** 求助: asking (checked, idempotent), reading, the staff's accept / resolve, cancelling, the response times. */
import type { HelpApi, HelpUrgency } from '../../typings/contract/help';
import { checkText, type MsgSecCheck } from '../contentSafety/contentSafety';
import { actorLabel } from '../community/deps';
import { communityId, householdId } from '../community/fields';
import { COLLECTIONS } from '../community/records';
import { householdTarget, registry, type Registry } from '../community/registry';
import { stableId } from '../household/household';
import { loadActor, type UserStore } from '../identity/users';
import type { NotifyDeps } from '../notifications/notifier';
import { isDuplicateKey } from '../platform/dbErrors';
import { AppError, CommonErrors } from '../platform/errors';
import type { ActionSpec } from '../platform/router';
import { field, optional, type Schema } from '../platform/validation';
import { authorize, decide } from '../policy/policy';
import type { Actor, Target } from '../policy/roles';
import { insertNewTasks } from '../tasks/repository';
import { TASKS } from '../tasks/task';
import { alertPeople } from './alerts';
import {
  CATEGORIES,
  creationAudience,
  FLAGS,
  HELP_REQUESTS,
  helpSummary,
  LEVELS,
  helpView,
  newHelpRequest,
  responseTimesOf,
  transition,
  type HelpCommand,
  type HelpRequest,
  type Viewer,
} from './helpRequest';
import { acceptedTaskChange, allTaskIds, escalatedTaskId, openTask } from './helpTasks';

type Spec<K extends keyof HelpApi> = ActionSpec<HelpApi[K]['input'], HelpApi[K]['output']>;

export interface HelpDeps extends NotifyDeps {
  reg: Registry;
  users: UserStore;
  /** cloud.openapi.security.msgSecCheck */
  msgSecCheck: MsgSecCheck;
}

export function helpDeps(base: Omit<HelpDeps, 'reg'>): HelpDeps {
  return { ...base, reg: registry(base.db) };
}

const PAGE_SIZE = 20;
const urgencyNumber = field.number({ label: '紧急程度', min: 1, max: 4 });
const urgencyField: Schema<HelpUrgency> = {
  doc: '1 | 2 | 3 | 4 (1: life at risk)',
  parse: (value, path, problems) => urgencyNumber.parse(value, path, problems) as HelpUrgency | undefined,
};
const helpRequestId = field.id({ label: '求助' });
/** A photo the mini program uploaded under help/ (transport/upload.ts): a fileID, never a URL from elsewhere. */
const photo = field.string({
  label: '照片',
  max: 300,
  pattern: /^cloud:\/\/[^\s/]+\/help\/[A-Za-z0-9_./-]+$/,
  patternMessage: '照片上传不完整，请重新选择',
});

const targetOf = (r: Pick<HelpRequest, 'communityId' | 'gridId' | 'buildingId' | 'householdId'>): Target => ({
  communityId: r.communityId,
  gridId: r.gridId,
  buildingId: r.buildingId,
  householdId: r.householdId,
});

export async function findHelpRequest(deps: Pick<HelpDeps, 'db'>, id: string): Promise<HelpRequest | null> {
  return (await deps.db.collection<HelpRequest>(HELP_REQUESTS).where({ _id: id }).limit(1).get()).data[0] ?? null;
}

const notFound = () => new AppError('HELP.NOT_FOUND', '找不到这条求助，可能已被撤回，请下拉刷新');

/** What the caller may do with requests of this household. */
function viewerOf(actor: Actor, target: Target): Viewer {
  return { staff: decide(actor, 'help.accept', target).allowed, canCancel: decide(actor, 'help.cancel', target).allowed };
}

/** Who the request says asked: 王秀英 / 李娜（代办） / 楼道长 张建国（代为求助）. */
function askerLabel(actor: Actor, householdId: string, viaResident: boolean): string {
  if (!viaResident) return `${actorLabel(actor)}（代为求助）`;
  const link = actor.households.find((h) => h.householdId === householdId);
  return link?.kind === 'proxy' ? `${actor.name ?? '家属'}（代办）` : (actor.name ?? '住户');
}

/** After a request is stored: its to-do item, and — only when this run created that item — the alerts. */
async function afterCreate(deps: HelpDeps, r: HelpRequest, at: Date): Promise<HelpRequest> {
  const created = await insertNewTasks(deps.db, [openTask(r)]);
  if (!created.length) return r; // raised before (a retried submit)
  const alerts = await alertPeople(deps, r, creationAudience(r), 'created', at);
  if (!alerts.length) return r;
  await deps.db
    .collection(HELP_REQUESTS)
    .where({ _id: r._id })
    .update({ data: { alerts: deps.db.command.push(alerts) } });
  return { ...r, alerts: [...r.alerts, ...alerts] };
}

export function createHelpRequest(deps: HelpDeps): Spec<'help.create'> {
  return {
    summary:
      'A help request for one household, by its user (member or proxy) or staff on its behalf; the text passes the content check; urgency 1 alerts the 楼道长, grid worker and admin at once',
    input: field.object({
      householdId,
      category: field.oneOf(CATEGORIES, { label: '求助类型' }),
      flags: field.array(field.oneOf(FLAGS, { label: '特殊人群' }), { label: '特殊人群', max: FLAGS.length, unique: true }),
      urgency: urgencyField,
      description: field.string({ label: '情况说明', max: 500 }),
      photos: optional(field.array(photo, { label: '照片', max: 6, unique: true })),
    }),
    requiresRequestId: true,
    errors: ['HOUSEHOLD.NOT_FOUND', 'HELP.CONTENT_REJECTED', 'CONTENT.CHECK_UNAVAILABLE'],
    async handle(ctx, input) {
      const [actor, household] = await Promise.all([loadActor(deps.users, ctx.caller.openid), deps.reg.householdOrFail(input.householdId)]);
      const decision = authorize(actor, 'help.create', householdTarget(household));
      // Photos uploaded for this household (miniprogram/services/help.ts puts them under help/<householdId>/).
      const foreign = (input.photos ?? []).filter((p) => !p.includes(`/help/${household._id}/`));
      if (foreign.length) throw CommonErrors.inputInvalid('照片不属于这一户，请重新选择照片', { photos: '请重新选择照片' });
      const _id = stableId('help', ctx.caller.openid, ctx.requestId!);
      const retried = await findHelpRequest(deps, _id);
      const viewer = viewerOf(actor, householdTarget(household));
      if (retried) return helpView(await afterCreate(deps, retried, ctx.now), viewer);

      const urgency = input.urgency;
      const verdict = await checkText(deps.msgSecCheck, input.description, ctx.caller.openid);
      if (verdict.kind === 'rejected') {
        throw new AppError('HELP.CONTENT_REJECTED', `情况说明含有不适宜发布的内容（${verdict.reason}），请修改后再提交`, {
          description: `含有${verdict.reason}内容`,
        });
      }
      // A life at risk is not held up by a content check that cannot run; anything else waits for it.
      if (verdict.kind === 'unavailable' && urgency !== 1) {
        throw new AppError('CONTENT.CHECK_UNAVAILABLE', '内容检查暂时不可用，请稍后重试；危及生命时请选「危及生命」或直接拨打社区电话');
      }
      const [community, residents] = await Promise.all([
        deps.reg.community(household.communityId),
        deps.reg.residentsOfHousehold(household.communityId, household._id),
      ]);
      const r = newHelpRequest({
        _id,
        household,
        category: input.category,
        flags: input.flags,
        urgency,
        description: input.description,
        photos: input.photos ?? [],
        requestedByOpenid: actor.openid,
        requestedBy: askerLabel(actor, household._id, decision.via.includes('resident')),
        contacts: residents.filter((p) => p.phone).map((p) => ({ name: p.name, relation: p.relation, phone: p.phone })),
        contentUnchecked: verdict.kind === 'unavailable',
        at: ctx.now,
        times: responseTimesOf(community?.settings),
      });
      let stored = r;
      try {
        await deps.db.collection(HELP_REQUESTS).add({ data: { ...r } });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        stored = (await findHelpRequest(deps, _id)) ?? r; // the same submit, arriving twice at once
      }
      return helpView(await afterCreate(deps, stored, ctx.now), viewer);
    },
  };
}

interface Cursor {
  at: number;
  id: string;
}

const encode = (r: HelpRequest) => `${r.createdAt.getTime()}.${r._id}`;
function decode(cursor: string): Cursor {
  const m = /^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/.exec(cursor);
  if (!m) throw CommonErrors.inputInvalid('列表位置无效，请下拉刷新', { cursor: '无效' });
  return { at: Number(m[1]), id: m[2] };
}

export function myHelpRequests(deps: HelpDeps): Spec<'help.mine'> {
  return {
    summary: "Help requests of the caller's households (as a member or a proxy), newest first, 20 a page",
    input: field.object({ cursor: optional(field.string({ label: '列表位置', max: 100 })) }),
    async handle(ctx, input) {
      const actor = await loadActor(deps.users, ctx.caller.openid);
      const ids = actor.households.map((h) => h.householdId);
      if (!ids.length) return { items: [], nextCursor: null };
      const _ = deps.db.command;
      const mine = { householdId: _.in(ids) };
      const c = input.cursor ? decode(input.cursor) : undefined;
      const at = c ? new Date(c.at) : undefined;
      const where = c ? _.and([mine, _.or([{ createdAt: _.lt(at) }, { createdAt: at, _id: _.lt(c.id) }])]) : mine;
      const res = await deps.db
        .collection<HelpRequest>(HELP_REQUESTS)
        .where(where as Record<string, unknown>)
        .orderBy('createdAt', 'desc')
        .orderBy('_id', 'desc')
        .limit(PAGE_SIZE + 1)
        .get();
      const page = res.data.slice(0, PAGE_SIZE);
      return { items: page.map(helpSummary), nextCursor: res.data.length > PAGE_SIZE ? encode(page[page.length - 1]) : null };
    },
  };
}

export function getHelpRequest(deps: HelpDeps): Spec<'help.get'> {
  return {
    summary: 'One help request: status, history, who was alerted and when, household phones for staff, what the caller may do',
    input: field.object({ helpRequestId }),
    errors: ['HELP.NOT_FOUND'],
    async handle(ctx, input) {
      const [actor, r] = await Promise.all([loadActor(deps.users, ctx.caller.openid), findHelpRequest(deps, input.helpRequestId)]);
      if (!r) throw notFound();
      if (!decide(actor, 'help.get', targetOf(r)).allowed) throw notFound(); // someone else's request does not exist for them
      return helpView(r, viewerOf(actor, targetOf(r)));
    },
  };
}

/** Closes the request's items (all of them, or the escalations only) that are still open. */
async function closeTasks(deps: HelpDeps, ids: string[], by: { openid: string; name: string }, note: string, at: Date): Promise<void> {
  await deps.db
    .collection(TASKS)
    .where({ _id: deps.db.command.in(ids), status: 'open' })
    .update({ data: { status: 'done', doneAt: at, doneBy: by.openid, doneByName: by.name, doneNote: note } });
}

/**
 * Applies a command with a conditional update on the version: of two staff accepting at once, the second finds the
 * version moved, reads the request again and is told who took it.
 */
async function apply(deps: HelpDeps, r: HelpRequest, cmd: HelpCommand, at: Date): Promise<{ before: HelpRequest; after: HelpRequest }> {
  let current = r;
  for (let attempt = 0; attempt < 3; attempt++) {
    const next = transition(current, cmd, at);
    if (next === current) return { before: current, after: current };
    const res = await deps.db
      .collection(HELP_REQUESTS)
      .where({ _id: current._id, version: current.version })
      .update({
        data: {
          status: next.status,
          level: next.level,
          version: next.version,
          escalatesAt: next.escalatesAt ?? null,
          history: next.history,
          ...(next.acceptedByOpenid
            ? { acceptedByOpenid: next.acceptedByOpenid, acceptedBy: next.acceptedBy, acceptedAt: next.acceptedAt }
            : {}),
          ...(next.resolvedAt ? { resolvedAt: next.resolvedAt, resolutionNote: next.resolutionNote } : {}),
          ...(next.cancelledAt ? { cancelledAt: next.cancelledAt } : {}),
          ...(next.cancelReason ? { cancelReason: next.cancelReason } : {}),
        },
      });
    if (res.stats.updated) return { before: current, after: next };
    const fresh = await findHelpRequest(deps, r._id);
    if (!fresh) throw notFound();
    current = fresh;
  }
  throw new AppError('HELP.BUSY', '这条求助正在被其他人处理，请刷新后再试');
}

async function loadFor(deps: HelpDeps, openid: string, id: string, action: 'help.accept' | 'help.resolve' | 'help.cancel') {
  const [actor, r] = await Promise.all([loadActor(deps.users, openid), findHelpRequest(deps, id)]);
  if (!r) throw notFound();
  if (!decide(actor, 'help.get', targetOf(r)).allowed) throw notFound();
  const decision = authorize(actor, action, targetOf(r));
  return { actor, r, decision };
}

export function acceptHelpRequest(deps: HelpDeps): Spec<'help.accept'> {
  return {
    summary: 'Staff take a request (conditional update: of two at once exactly one wins, the other is told who took it); it stops climbing',
    input: field.object({ helpRequestId }),
    errors: ['HELP.NOT_FOUND', 'HELP.ALREADY_TAKEN', 'HELP.CLOSED', 'HELP.BUSY'],
    async handle(ctx, input) {
      const { actor, r } = await loadFor(deps, ctx.caller.openid, input.helpRequestId, 'help.accept');
      const by = { openid: actor.openid, name: actorLabel(actor) };
      const { before, after } = await apply(deps, r, { kind: 'accept', by }, ctx.now);
      if (after !== before) {
        // The item becomes the taker's own 「待解决」; the escalation items are done.
        await deps.db
          .collection(TASKS)
          .where({ _id: allTaskIds(r._id)[0], status: 'open' })
          .update({ data: { ...acceptedTaskChange(after), dueAt: null } });
        await closeTasks(
          deps,
          LEVELS.slice(1).map((l) => escalatedTaskId(r._id, l)),
          by,
          `${by.name} 已接单`,
          ctx.now,
        );
      }
      return helpView(after, viewerOf(actor, targetOf(after)));
    },
  };
}

export function resolveHelpRequest(deps: HelpDeps): Spec<'help.resolve'> {
  return {
    summary: 'Marks an accepted request resolved with what was done; its to-do items are done',
    input: field.object({ helpRequestId, note: field.string({ label: '处理结果', max: 200 }) }),
    errors: ['HELP.NOT_FOUND', 'HELP.NOT_ACCEPTED', 'HELP.CLOSED', 'HELP.BUSY'],
    async handle(ctx, input) {
      const { actor, r } = await loadFor(deps, ctx.caller.openid, input.helpRequestId, 'help.resolve');
      const by = { openid: actor.openid, name: actorLabel(actor) };
      const { before, after } = await apply(deps, r, { kind: 'resolve', by, note: input.note }, ctx.now);
      if (after !== before) await closeTasks(deps, allTaskIds(r._id), by, `已解决：${input.note}`, ctx.now);
      return helpView(after, viewerOf(actor, targetOf(after)));
    },
  };
}

export function cancelHelpRequest(deps: HelpDeps): Spec<'help.cancel'> {
  return {
    summary: 'Withdraws a request that is not resolved: the household when it no longer needs help, staff with a reason',
    input: field.object({ helpRequestId, reason: optional(field.string({ label: '取消原因', max: 100 })) }),
    errors: ['HELP.NOT_FOUND', 'HELP.CLOSED', 'HELP.BUSY'],
    async handle(ctx, input) {
      const { actor, r, decision } = await loadFor(deps, ctx.caller.openid, input.helpRequestId, 'help.cancel');
      const asResident = decision.via.includes('resident');
      if (!asResident && !input.reason) throw CommonErrors.inputInvalid('工作人员取消求助请写明原因', { reason: '请写明原因' });
      const by = { openid: actor.openid, name: asResident ? askerLabel(actor, r.householdId, true) : actorLabel(actor) };
      const { before, after } = await apply(deps, r, { kind: 'cancel', by, reason: input.reason }, ctx.now);
      if (after !== before) await closeTasks(deps, allTaskIds(r._id), by, `已取消${input.reason ? `：${input.reason}` : ''}`, ctx.now);
      return helpView(after, viewerOf(actor, targetOf(after)));
    },
  };
}

export function getResponseTimes(deps: HelpDeps): Spec<'help.responseTimes'> {
  return {
    summary: "A community's response times: its own, or the defaults (10 minutes for urgency 1, 2 hours otherwise)",
    input: field.object({ communityId }),
    errors: ['COMMUNITY.NOT_FOUND'],
    async handle(ctx, input) {
      const actor = await loadActor(deps.users, ctx.caller.openid);
      authorize(actor, 'help.responseTimes', { communityId: input.communityId });
      return responseTimesOf((await deps.reg.communityOrFail(input.communityId)).settings);
    },
  };
}

export function setResponseTimes(deps: HelpDeps): Spec<'help.setResponseTimes'> {
  return {
    summary: "Sets how long a community's requests wait before climbing a level (urgency 1, and the rest)",
    input: field.object({
      communityId,
      urgentMinutes: field.number({ label: '危及生命的求助升级时间', min: 1, max: 60, unit: ' 分钟' }),
      otherMinutes: field.number({ label: '其他求助升级时间', min: 10, max: 1440, unit: ' 分钟' }),
    }),
    errors: ['COMMUNITY.NOT_FOUND'],
    async handle(ctx, input) {
      const actor = await loadActor(deps.users, ctx.caller.openid);
      authorize(actor, 'help.setResponseTimes', { communityId: input.communityId });
      await deps.reg.communityOrFail(input.communityId);
      if (input.urgentMinutes > input.otherMinutes) {
        throw CommonErrors.inputInvalid('危及生命的求助应当比其他求助更早升级', { urgentMinutes: '不能长于其他求助的时间' });
      }
      const times = { urgentMinutes: input.urgentMinutes, otherMinutes: input.otherMinutes };
      await deps.db
        .collection(COLLECTIONS.communities)
        .where({ _id: input.communityId })
        .update({ data: { settings: { helpResponseTimes: times } } });
      return times;
    },
  };
}
