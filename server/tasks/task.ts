/**
 * 待办 (to-do items) for the whole app: an alert to act on, a person to chase, a building that is done. Who sees an
 * item is decided by scope — "the 楼道长 of 3号楼", "the grid worker of 第一网格" — not by a person, so a newly
 * appointed 楼道长 inherits what is open; named app users (a care-team volunteer) can be added beside the scopes.
 * Ids are deterministic (kind + subject), so a retried trigger or submit never makes a second item.
 */
import type { Slot, TaskKind, TaskView } from '../../typings/contract/health';
import { stableId } from '../household/household';
import { AppError } from '../platform/errors';
import type { Actor, StaffRole } from '../policy/roles';

export const TASKS = 'tasks';

export interface Audience {
  role: StaffRole;
  scopeId: string;
}

export interface TaskSubject {
  residentId?: string;
  checkInId?: string;
  isolationId?: string;
  day?: string;
  slot?: Slot;
  helpRequestId?: string;
  noticeId?: string;
  /** Who a missed check-in's item is about, so that lists of them sort by building and door without a join. */
  name?: string;
  label?: string;
  buildingName?: string;
}

export interface Task {
  _id: string;
  communityId: string;
  gridId: string;
  buildingId: string;
  householdId?: string;
  kind: TaskKind;
  audience: Audience[];
  /** App users named on the item beyond the scopes (care-team members). */
  recipients: string[];
  /** audience and recipients as keys (`buildingLeader:b1`, `openid:o1`), for one indexed `_.in` query. */
  seenBy: string[];
  priority: number;
  title: string;
  detail: string;
  subject: TaskSubject;
  status: 'open' | 'done';
  createdAt: Date;
  dueAt?: Date;
  doneAt?: Date;
  doneBy?: string;
  doneByName?: string;
  doneNote?: string;
}

/** 1 is the most urgent: someone has a fever before someone is late. */
export const PRIORITY: Record<TaskKind, number> = {
  'checkIn.abnormal': 1,
  'checkIn.escalated': 2,
  'checkIn.missed': 3,
  'building.complete': 5,
  // Help items carry their own priority from the request's urgency (1–4); these are the defaults.
  'help.open': 2,
  'help.escalated': 1,
  // A building still to acknowledge a notice: chased by its 楼道长 after the urgent and the late.
  'notice.unread': 4,
  // A building batch with orders waiting for a volunteer.
  'order.submitted': 4,
};

/**
 * Kinds that are done when their subject is (a help request accepted and resolved, an order delivered), not by
 * 标记已处理: tasks.done refuses them and the inbox opens the subject's page instead.
 */
export const DONE_BY_SUBJECT: ReadonlySet<TaskKind> = new Set<TaskKind>(['help.open', 'help.escalated', 'order.submitted']);

export const taskId = (kind: TaskKind, ...subject: string[]): string => stableId('task', kind, ...subject);

export const audienceKey = (a: Audience): string => `${a.role}:${a.scopeId}`;
export const recipientKey = (openid: string): string => `openid:${openid}`;

export function makeTask(t: Omit<Task, 'seenBy' | 'status' | 'priority' | 'recipients'> & { recipients?: string[] }): Task {
  const recipients = [...new Set(t.recipients ?? [])];
  return {
    ...t,
    recipients,
    priority: PRIORITY[t.kind],
    status: 'open',
    seenBy: [...t.audience.map(audienceKey), ...recipients.map(recipientKey)],
  };
}

/** Every key an actor's grants and identity cover: what their to-do list is made of. */
export function keysOf(actor: Actor): string[] {
  const keys = actor.grants.flatMap((g) => {
    switch (g.role) {
      case 'communityAdmin':
        return [audienceKey({ role: g.role, scopeId: g.communityId })];
      case 'gridWorker':
        return [audienceKey({ role: g.role, scopeId: g.gridId })];
      default:
        return g.buildingIds.map((b) => audienceKey({ role: g.role, scopeId: b }));
    }
  });
  return [...new Set([...keys, recipientKey(actor.openid)])];
}

export const canSee = (task: Pick<Task, 'seenBy'>, keys: readonly string[]): boolean => task.seenBy.some((k) => keys.includes(k));

/** Marks an item done; doing it again changes nothing. */
export function completeTask(task: Task, by: { openid: string; name: string }, at: Date, note?: string): Task {
  if (task.status === 'done') return task;
  return { ...task, status: 'done', doneAt: at, doneBy: by.openid, doneByName: by.name, ...(note ? { doneNote: note } : {}) };
}

// ── Paging: most urgent first, then oldest first; the cursor is where the last page stopped ──────────

export interface TaskCursor {
  priority: number;
  createdAt: number;
  id: string;
}

export function encodeCursor(t: Pick<Task, 'priority' | 'createdAt' | '_id'>): string {
  return `${t.priority}.${t.createdAt.getTime()}.${t._id}`;
}

export function decodeCursor(cursor: string): TaskCursor {
  const m = /^(\d{1,2})\.(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/.exec(cursor);
  if (!m) throw new AppError('INPUT.INVALID', '列表位置无效，请下拉刷新', { cursor: '无效' });
  return { priority: Number(m[1]), createdAt: Number(m[2]), id: m[3] };
}

export function compareTasks(a: Pick<Task, 'priority' | 'createdAt' | '_id'>, b: Pick<Task, 'priority' | 'createdAt' | '_id'>): number {
  return a.priority - b.priority || a.createdAt.getTime() - b.createdAt.getTime() || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);
}

export function taskView(t: Task): TaskView {
  return {
    taskId: t._id,
    kind: t.kind,
    priority: t.priority,
    title: t.title,
    detail: t.detail,
    status: t.status,
    communityId: t.communityId,
    buildingId: t.buildingId,
    ...(t.householdId ? { householdId: t.householdId } : {}),
    subject: t.subject,
    createdAt: t.createdAt.toISOString(),
    ...(t.dueAt ? { dueAt: t.dueAt.toISOString() } : {}),
    ...(t.doneAt ? { doneAt: t.doneAt.toISOString() } : {}),
    ...(t.doneByName ? { doneBy: t.doneByName } : {}),
    ...(t.doneNote ? { doneNote: t.doneNote } : {}),
  };
}
