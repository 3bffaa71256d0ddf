/**
 * The to-do items a help request puts in staff inboxes, pure. `help.open` is the request itself: addressed to who is
 * told at creation, and once accepted, re-addressed to the one who took it ("待解决") until it is resolved or
 * cancelled. `help.escalated` is one per level climbed, for the level it reached; accepting closes them.
 */
import { clip } from '../notifications/messages';
import { makeTask, recipientKey, taskId, type Task } from '../tasks/task';
import {
  clockOf,
  creationAudience,
  LEVEL_LABELS,
  LEVELS,
  levelAudience,
  taskPriorityOf,
  URGENCY_LABELS,
  type HelpRequest,
} from './helpRequest';
import type { HelpLevel } from '../../typings/contract/help';

export const openTaskId = (helpRequestId: string): string => taskId('help.open', helpRequestId);
export const escalatedTaskId = (helpRequestId: string, level: HelpLevel): string => taskId('help.escalated', helpRequestId, level);
/** Every item a request can have made: closing them is one conditional update by id. */
export const allTaskIds = (helpRequestId: string): string[] => [
  openTaskId(helpRequestId),
  ...LEVELS.slice(1).map((l) => escalatedTaskId(helpRequestId, l)),
];

const who = (r: HelpRequest) => `${r.label} ${r.category}`;
const flagText = (r: HelpRequest) => (r.flags.length ? `${r.flags.join('、')} · ` : '');

export function openTask(r: HelpRequest): Task {
  const above = LEVELS[LEVELS.indexOf(r.level) + 1];
  const deadline = r.escalatesAt && above ? `${clockOf(r.escalatesAt)} 前无人接单将上报${LEVEL_LABELS[above]}。` : '';
  return {
    ...makeTask({
      _id: openTaskId(r._id),
      communityId: r.communityId,
      gridId: r.gridId,
      buildingId: r.buildingId,
      householdId: r.householdId,
      kind: 'help.open',
      audience: creationAudience(r),
      title: `求助（${URGENCY_LABELS[r.urgency]}）：${who(r)}`,
      detail: `${flagText(r)}${clip(r.description, 60)}。${deadline}请接单后电话联系。`,
      subject: { helpRequestId: r._id },
      createdAt: r.createdAt,
      ...(r.escalatesAt ? { dueAt: r.escalatesAt } : {}),
    }),
    priority: taskPriorityOf(r.urgency),
  };
}

/** The `help.open` item once someone took it: theirs alone, until resolved. */
export function acceptedTaskChange(r: HelpRequest): Pick<Task, 'audience' | 'recipients' | 'seenBy' | 'title' | 'detail'> {
  const openid = r.acceptedByOpenid!;
  return {
    audience: [],
    recipients: [openid],
    seenBy: [recipientKey(openid)],
    title: `待解决（${URGENCY_LABELS[r.urgency]}）：${who(r)}`,
    detail: `${r.acceptedAt ? clockOf(r.acceptedAt) : ''} 已接单。${flagText(r)}${clip(r.description, 60)}。处理完请写明结果并标记解决。`,
  };
}

export function escalatedTask(r: HelpRequest, at: Date): Task {
  // Whole clock minutes, as the deadline is counted: asked 02:00:37, escalated 02:10 → 10 分钟.
  const minutes = Math.floor(at.getTime() / 60_000) - Math.floor(r.createdAt.getTime() / 60_000);
  const waited = minutes >= 60 ? `${Math.floor(minutes / 60)} 小时${minutes % 60 ? ` ${minutes % 60} 分钟` : ''}` : `${minutes} 分钟`;
  return {
    ...makeTask({
      _id: escalatedTaskId(r._id, r.level),
      communityId: r.communityId,
      gridId: r.gridId,
      buildingId: r.buildingId,
      householdId: r.householdId,
      kind: 'help.escalated',
      audience: [levelAudience(r, r.level)],
      title: `求助无人接单，已升级至${LEVEL_LABELS[r.level]}：${who(r)}`,
      detail: `${clockOf(r.createdAt)} 提出（${URGENCY_LABELS[r.urgency]}），${waited}无人接单。${flagText(r)}${clip(r.description, 60)}。请立即接单或电话联系。`,
      subject: { helpRequestId: r._id },
      createdAt: at,
      ...(r.escalatesAt ? { dueAt: r.escalatesAt } : {}),
    }),
    // An unanswered request is more urgent than it was asked as: one step up, never below a fever.
    priority: Math.max(1, taskPriorityOf(r.urgency) - 1),
  };
}
