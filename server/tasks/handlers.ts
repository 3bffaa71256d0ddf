/** 我的待办: open items for the caller's roles and scopes, most urgent first; marking one done. */
import type { HealthApi, TaskKind } from '../../typings/contract/health';
import { CHECK_INS } from '../checkIn/checkIn';
import { actorLabel } from '../community/deps';
import { actorOf, type HealthDeps } from '../health/deps';
import { AppError } from '../platform/errors';
import type { ActionSpec } from '../platform/router';
import { field, optional } from '../platform/validation';
import { refreshRiskColours } from '../riskColour/refresh';
import { shanghaiDay } from '../time/shanghai';
import { taskOrFail } from './repository';
import { canSee, completeTask, decodeCursor, DONE_BY_SUBJECT, encodeCursor, keysOf, TASKS, taskView, type Task } from './task';

type Spec<K extends keyof HealthApi> = ActionSpec<HealthApi[K]['input'], HealthApi[K]['output']>;

const PAGE_SIZE = 20;

export function listMyTasks(deps: HealthDeps): Spec<'tasks.listMine'> {
  return {
    summary: "Open to-do items for the caller's roles and scopes (and care teams they are on), most urgent first, 20 a page",
    input: field.object({ cursor: optional(field.string({ label: '列表位置', max: 100 })) }),
    async handle(ctx, input) {
      const actor = await actorOf(deps, ctx.caller.openid);
      const _ = deps.db.command;
      const mine = { seenBy: _.in(keysOf(actor)), status: 'open' };
      const c = input.cursor ? decodeCursor(input.cursor) : undefined;
      const at = c ? new Date(c.createdAt) : undefined;
      // Keyset paging: items done between two pages do not shift the next page.
      const where = c
        ? _.and([
            mine,
            _.or([
              { priority: _.gt(c.priority) },
              { priority: c.priority, createdAt: _.gt(at) },
              { priority: c.priority, createdAt: at, _id: _.gt(c.id) },
            ]),
          ])
        : mine;
      const res = await deps.db
        .collection<Task>(TASKS)
        .where(where as Record<string, unknown>)
        .orderBy('priority', 'asc')
        .orderBy('createdAt', 'asc')
        .orderBy('_id', 'asc')
        .limit(PAGE_SIZE + 1)
        .get();
      const page = res.data.slice(0, PAGE_SIZE);
      return { items: page.map(taskView), nextCursor: res.data.length > PAGE_SIZE ? encodeCursor(page[page.length - 1]) : null };
    },
  };
}

/** Badge numbers: one aggregate over the same index as the list, grouped by kind and priority, whatever the size. */
export function countMyTasks(deps: HealthDeps): Spec<'tasks.counts'> {
  return {
    summary: "Open to-do items in the caller's scopes, counted: all, urgent (priority 1) and per kind, for badges; one aggregate",
    input: field.object({}),
    async handle(ctx) {
      const actor = await actorOf(deps, ctx.caller.openid);
      const $ = deps.db.command.aggregate;
      const groups = (
        await deps.db
          .collection<Task>(TASKS)
          .aggregate()
          .match({ seenBy: deps.db.command.in(keysOf(actor)), status: 'open' })
          .group({ _id: { kind: '$kind', priority: '$priority' }, n: $.sum(1) })
          .limit(1000)
          .end()
      ).list as { _id: { kind: TaskKind; priority: number }; n: number }[];
      const byKind: Partial<Record<TaskKind, number>> = {};
      let total = 0;
      let urgent = 0;
      for (const g of groups) {
        byKind[g._id.kind] = (byKind[g._id.kind] ?? 0) + g.n;
        total += g.n;
        if (g._id.priority <= 1) urgent += g.n;
      }
      return { staff: actor.grants.length > 0, total, urgent, byKind };
    },
  };
}

export function markTaskDone(deps: HealthDeps): Spec<'tasks.done'> {
  return {
    summary:
      'Marks a to-do item done (once, whoever of its audience does it); an abnormal check-in handled no longer keeps the household red',
    input: field.object({ taskId: field.id({ label: '待办' }), note: optional(field.string({ label: '处理说明', max: 100 })) }),
    errors: ['TASK.NOT_FOUND', 'TASK.DONE_BY_SUBJECT'],
    async handle(ctx, input) {
      const [actor, task] = await Promise.all([actorOf(deps, ctx.caller.openid), taskOrFail(deps.db, input.taskId)]);
      // Someone else's item does not exist, as far as the caller is told.
      if (!canSee(task, keysOf(actor))) throw new AppError('TASK.NOT_FOUND', '找不到这条待办，可能已被处理，请下拉刷新');
      if (task.status === 'done') return taskView(task);
      if (DONE_BY_SUBJECT.has(task.kind)) {
        throw new AppError('TASK.DONE_BY_SUBJECT', '这条待办需要在详情页处理（接单、解决），处理后会自动完成');
      }
      const done = completeTask(task, { openid: actor.openid, name: actorLabel(actor) }, ctx.now, input.note);
      // Conditional: two people marking it at once, one of them does it.
      const res = await deps.db
        .collection(TASKS)
        .where({ _id: task._id, status: 'open' })
        .update({
          data: {
            status: 'done',
            doneAt: done.doneAt,
            doneBy: done.doneBy,
            doneByName: done.doneByName,
            ...(done.doneNote ? { doneNote: done.doneNote } : {}),
          },
        });
      if (!res.stats.updated) return taskView(await taskOrFail(deps.db, task._id));
      const s = task.subject;
      if (task.kind === 'checkIn.abnormal' && s.residentId && s.day && s.slot) {
        await deps.db
          .collection(CHECK_INS)
          .where({ communityId: task.communityId, residentId: s.residentId, day: s.day, slot: s.slot, alertOpen: true })
          .update({ data: { alertOpen: false, resolvedAt: ctx.now, resolvedBy: done.doneByName } });
        if (task.householdId)
          await refreshRiskColours(deps.db, task.communityId, [task.householdId], shanghaiDay(ctx.now.getTime()), ctx.now);
      }
      return taskView(done);
    },
  };
}
