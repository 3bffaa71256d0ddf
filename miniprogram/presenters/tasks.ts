/** 我的待办: one to-do item as a card — urgency and state in words, when it was raised. Pure. */
import type { TaskView } from '../../typings/contract/health';

export interface TaskRow {
  taskId: string;
  title: string;
  detail: string;
  /** 紧急 / 尽快 / 一般 */
  urgency: string;
  urgent: boolean;
  /** 11月22日 16:05 提出 · 已处理（网格员 刘芳：已电话联系） */
  meta: string;
  done: boolean;
}

function shanghaiTime(iso: string): string {
  const t = new Date(new Date(iso).getTime() + 8 * 3600 * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}

export function toTaskRow(task: TaskView): TaskRow {
  const urgency = task.priority <= 1 ? '紧急' : task.priority === 2 ? '尽快' : '一般';
  const done = task.status === 'done';
  const doneText = done ? ` · 已处理${task.doneBy ? `（${task.doneBy}${task.doneNote ? `：${task.doneNote}` : ''}）` : ''}` : ' · 待处理';
  return {
    taskId: task.taskId,
    title: task.title,
    detail: task.detail,
    urgency,
    urgent: task.priority <= 1 && !done,
    meta: `${shanghaiTime(task.createdAt)} 提出${doneText}`,
    done,
  };
}
