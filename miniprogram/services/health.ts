/** The typed client of the `health` cloud function (typings/contract/health.d.ts): 健康打卡 and isolation. */
import type { Page } from '../../typings/contract/community';
import type {
  CheckInHistory,
  CheckInView,
  HealthApi,
  MyIsolation,
  Symptom,
  SubscriptionTemplate,
  TaskCounts,
  TaskView,
} from '../../typings/contract/health';
import { functionClient } from '../transport/index';

export type { CheckInHistory, CheckInView, MyIsolation, Symptom, SubscriptionTemplate, TaskCounts, TaskView };

export const health = functionClient<HealthApi>('health');

/** 本户正在隔离的家人（第几天、结束日期、「五包一」电话、今天的打卡）。 */
export function fetchMyIsolations(): Promise<MyIsolation[]> {
  return health('isolation.mine', {});
}

export interface CheckInRequest {
  residentId: string;
  temperature: number;
  symptoms: Symptom[];
  note?: string;
  /** Only when staff record it on the person's behalf. */
  method?: 'door' | 'phone';
}

/** `requestId` is the submit key's: the same on every retry of one submit, so a retry never records twice. */
export function submitCheckIn(request: CheckInRequest, requestId: string): Promise<CheckInView> {
  return health('checkIn.submit', request, { requestId });
}

export function fetchCheckInHistory(residentId: string): Promise<CheckInHistory> {
  return health('checkIn.history', { residentId });
}

export function fetchSubscriptions(): Promise<SubscriptionTemplate[]> {
  return health('subscription.mine', {});
}

export function recordSubscriptions(templateIds: string[], accepted: string[], requestId: string): Promise<SubscriptionTemplate[]> {
  return health('subscription.record', { templateIds, accepted }, { requestId });
}

/** 我的待办, 20 a page, most urgent first. */
export function listMyTasks(cursor: string | null): Promise<Page<TaskView>> {
  return health('tasks.listMine', cursor ? { cursor } : {});
}

/** Badges for 我的待办 (zero and `staff: false` for residents). */
export function fetchTaskCounts(): Promise<TaskCounts> {
  return health('tasks.counts', {});
}

/** `requestId`: the same on a retry of one tap, so the item is marked done once. */
export function markTaskDone(taskId: string, requestId: string, note?: string): Promise<TaskView> {
  return health('tasks.done', note ? { taskId, note } : { taskId }, { requestId });
}
