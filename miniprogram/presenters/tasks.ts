/**
 * 我的待办: one to-do item as a card — urgency and state in words, when it was raised, and the page where it is acted
 * on (one line per kind in ROUTES: a feature adding a kind adds its line). Pure.
 */
import type { SubscriptionTemplate, TaskCounts, TaskKind, TaskView } from '../../typings/contract/health';

export interface TaskRow {
  taskId: string;
  kind: TaskKind;
  title: string;
  detail: string;
  /** 紧急 / 尽快 / 一般 */
  urgency: string;
  urgent: boolean;
  /** 11月22日 16:05 提出 · 已处理（网格员 刘芳：已电话联系） */
  meta: string;
  done: boolean;
  /** Where to act on it ('' when the item is only to read and tick off). */
  url: string;
  /** Done where it is acted on (accepting a help request…), not with 标记已处理. */
  doneThere: boolean;
}

interface Route {
  /** The page that acts on the item, or null when there is none to open. */
  url(task: TaskView): string | null;
  /** The item is done when its subject is (a request resolved), so the inbox offers no 标记已处理. */
  doneThere?: boolean;
}

const q = (params: Record<string, string | undefined>) =>
  Object.entries(params)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`)
    .join('&');

const helpDetail = (t: TaskView) =>
  t.subject.helpRequestId ? `/pages/help-detail/index?${q({ helpRequestId: t.subject.helpRequestId })}` : null;

/** Kind → the place to act on it. A kind without a line is shown without a link (and ticked off here). */
export const ROUTES: Partial<Record<TaskKind, Route>> = {
  'checkIn.abnormal': {
    url: (t) => (t.subject.residentId ? `/pages/check-in-history/index?${q({ residentId: t.subject.residentId })}` : null),
  },
  'checkIn.missed': { url: (t) => `/packages/leader/pages/check-ins/index?${q({ buildingId: t.buildingId })}` },
  'checkIn.escalated': {
    url: (t) => (t.subject.residentId ? `/pages/check-in-history/index?${q({ residentId: t.subject.residentId })}` : null),
  },
  'building.complete': { url: (t) => `/packages/leader/pages/check-ins/index?${q({ buildingId: t.buildingId })}` },
  'help.open': { url: helpDetail, doneThere: true },
  'help.escalated': { url: helpDetail, doneThere: true },
  // Done by itself once the batch is cut off and every order in it is taken.
  'order.submitted': { url: (t) => `/packages/leader/pages/batches/index?${q({ buildingId: t.buildingId })}`, doneThere: true },
  'notice.unread': {
    url: (t) =>
      t.subject.noticeId
        ? `/packages/leader/pages/notice-receipts/index?${q({ noticeId: t.subject.noticeId, buildingId: t.buildingId })}`
        : null,
  },
};

function shanghaiTime(iso: string): string {
  const t = new Date(new Date(iso).getTime() + 8 * 3600 * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}

export function toTaskRow(task: TaskView): TaskRow {
  const urgency = task.priority <= 1 ? '紧急' : task.priority === 2 ? '尽快' : '一般';
  const done = task.status === 'done';
  const doneText = done ? ` · 已处理${task.doneBy ? `（${task.doneBy}${task.doneNote ? `：${task.doneNote}` : ''}）` : ''}` : ' · 待处理';
  const route = ROUTES[task.kind];
  return {
    taskId: task.taskId,
    kind: task.kind,
    title: task.title,
    detail: task.detail,
    urgency,
    urgent: task.priority <= 1 && !done,
    meta: `${shanghaiTime(task.createdAt)} 提出${doneText}`,
    done,
    url: route?.url(task) ?? '',
    doneThere: !!route?.doneThere,
  };
}

/** A badge: '' for none, 99+ beyond. */
export const badgeText = (n: number): string => (n <= 0 ? '' : n > 99 ? '99+' : String(n));

export interface TaskBadge {
  /** Shown only to staff. */
  show: boolean;
  count: string;
  /** 3 件待办，其中 1 件紧急 / 没有待办 */
  description: string;
  urgent: boolean;
}

export function toTaskBadge(c: TaskCounts): TaskBadge {
  return {
    show: c.staff,
    count: badgeText(c.total),
    description: c.total ? `${c.total} 件待办${c.urgent ? `，其中 ${c.urgent} 件紧急` : ''}` : '没有待办',
    urgent: c.urgent > 0,
  };
}

export interface StaffReminders {
  /** Template ids to ask for in one prompt (WeChat allows three), 求助 first. */
  templateIds: string[];
  /** 求助提醒还可接收 2 条 / 还没有开启微信提醒 */
  text: string;
  /** Nothing left to receive: the button asks again. */
  empty: boolean;
}

/**
 * The staff's WeChat reminders: each allowed prompt lets one message of each template through, so the inbox shows
 * how many are left and asks again. Pure.
 */
export function staffReminders(templates: SubscriptionTemplate[]): StaffReminders {
  const staff = templates
    .filter((t) => t.audience === '工作人员')
    .sort((a, b) => Number(b.key === 'helpAlert') - Number(a.key === 'helpAlert'));
  const chosen = staff.slice(0, 3);
  const left = Math.min(...chosen.map((t) => t.remaining), Number.POSITIVE_INFINITY);
  const empty = !chosen.length || left <= 0;
  return {
    templateIds: chosen.map((t) => t.templateId),
    text: empty ? '还没有开启微信提醒：有紧急求助、异常打卡时，只能在这里看到' : `微信提醒已开启，每种还可接收 ${left} 条`,
    empty,
  };
}
