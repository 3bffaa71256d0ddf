/**
 * 居家隔离 / 居家健康监测 of one person: a start day, a number of days, a reason and a care team (「五包一」).
 * It can be extended or released early, and it ends by itself after its last day — its status is derived from the
 * dates and today's date, so nothing has to run at midnight for it to be right (a daily timer only stores the end,
 * so lists stay cheap). Every change is appended to its history with who and when.
 *
 *   active ──extend──▶ active (more days)
 *     ├────release───▶ released (early, with a reason)
 *     └──(last day passes)──▶ ended
 */
import type { CareRole, IsolationKind, IsolationReason, IsolationStatus, IsolationEventView } from '../../typings/contract/health';
import { AppError } from '../platform/errors';
import { addDays, daysBetween, monthDayLabel, type Day } from '../time/shanghai';

export const ISOLATIONS = 'isolations';

export const KIND_LABELS: Record<IsolationKind, string> = { homeIsolation: '居家隔离', homeMonitoring: '居家健康监测' };
/** Short forms for 「隔离第 5 天」 and for messages. */
const KIND_SHORT: Record<IsolationKind, string> = { homeIsolation: '隔离', homeMonitoring: '健康监测' };

export const REASON_LABELS: Record<IsolationReason, string> = {
  returnedFromElsewhere: '外地返回',
  closeContact: '密切接触者',
  secondaryContact: '密接的密接',
  inbound: '入境人员',
  other: '其他',
};
export const REASONS = Object.keys(REASON_LABELS) as IsolationReason[];

export const CARE_ROLES: readonly CareRole[] = ['社区干部', '社区医生', '民警', '楼道长', '志愿者'];
export const MAX_CARE_TEAM = 5;

export const DEFAULT_DAYS = 14;
export const MAX_DAYS = 60;
/** A registration may count from the day someone returned, up to a month back. */
export const MAX_BACKDATE_DAYS = 30;

export interface CareTeamEntry {
  role: CareRole;
  name: string;
  phone: string;
  /** When the phone belongs to an appointed staff member who uses the app: they get the alerts too. Internal. */
  openid?: string;
}

export interface IsolationEvent {
  kind: IsolationEventView['kind'];
  at: Date;
  by: string;
  byOpenid: string;
  note?: string;
  /** The request that made the change: a retried extend is not applied twice. */
  requestKey?: string;
}

export interface Isolation {
  _id: string;
  communityId: string;
  gridId: string;
  buildingId: string;
  householdId: string;
  residentId: string;
  // Copied from the registry so a board needs no join: who, and where to knock.
  name: string;
  buildingName: string;
  label: string;
  unit: string;
  floor: number;
  room: string;
  kind: IsolationKind;
  startDay: Day;
  days: number;
  /** startDay + days − 1: kept stored so "covers this day" is one indexed range query. */
  lastDay: Day;
  reason: IsolationReason;
  reasonNote?: string;
  careTeam: CareTeamEntry[];
  /** Stored state; `isolationStatus` is the truth (an 'active' one past its last day has ended). */
  status: IsolationStatus;
  releasedAt?: Date;
  releaseReason?: string;
  endedAt?: Date;
  /** When its check-ins were deleted, the retention period after its end having passed (privacy/healthData.ts). */
  healthDataPurgedAt?: Date;
  events: IsolationEvent[];
  /** The request that created it: a retried start finds its own isolation. */
  requestKey: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export const lastDayOf = (startDay: Day, days: number): Day => addDays(startDay, days - 1);

export function isolationStatus(iso: Pick<Isolation, 'status' | 'lastDay'>, today: Day): IsolationStatus {
  if (iso.status === 'released') return 'released';
  return today > iso.lastDay ? 'ended' : iso.status === 'ended' ? 'ended' : 'active';
}

/** 1 on the start day, N on the last; 0 when it is not active today. */
export function dayOfIsolation(iso: Pick<Isolation, 'status' | 'lastDay' | 'startDay'>, today: Day): number {
  if (isolationStatus(iso, today) !== 'active' || today < iso.startDay) return 0;
  return daysBetween(iso.startDay, today) + 1;
}

/** 隔离第 5 天 / 共 14 天 · 健康监测第 2 天 / 共 7 天 · 已于 12月5日结束 · 已提前解除 */
export function progressLabel(iso: Pick<Isolation, 'status' | 'lastDay' | 'startDay' | 'days' | 'kind'>, today: Day): string {
  const status = isolationStatus(iso, today);
  if (status === 'released') return `${KIND_SHORT[iso.kind]}已提前解除`;
  if (status === 'ended') return `${KIND_SHORT[iso.kind]}已于 ${monthDayLabel(iso.lastDay)}结束`;
  return `${KIND_SHORT[iso.kind]}第 ${dayOfIsolation(iso, today)} 天 / 共 ${iso.days} 天`;
}

export interface StartPlan {
  startDay: Day;
  days: number;
  today: Day;
}

/** The dates of a new isolation, or INPUT.INVALID naming the field. */
export function checkStart({ startDay, days, today }: StartPlan): { lastDay: Day } {
  if (startDay > today)
    throw new AppError('INPUT.INVALID', '开始日期不能晚于今天；提前知道的返回人员，请在返回当天登记', { startDay: '不能晚于今天' });
  if (daysBetween(startDay, today) > MAX_BACKDATE_DAYS) {
    throw new AppError('INPUT.INVALID', `开始日期最多往前 ${MAX_BACKDATE_DAYS} 天`, { startDay: `不能早于 ${MAX_BACKDATE_DAYS} 天前` });
  }
  const lastDay = lastDayOf(startDay, days);
  if (lastDay < today) {
    throw new AppError('INPUT.INVALID', `从 ${monthDayLabel(startDay)}起 ${days} 天，已于 ${monthDayLabel(lastDay)}结束，无需登记`, {
      days: '按这个天数已经结束',
    });
  }
  return { lastDay };
}

function assertActive(iso: Isolation, today: Day): void {
  const status = isolationStatus(iso, today);
  if (status === 'released')
    throw new AppError('ISOLATION.NOT_ACTIVE', `${iso.name}的${KIND_LABELS[iso.kind]}已提前解除，如需再次隔离请重新登记`);
  if (status === 'ended')
    throw new AppError(
      'ISOLATION.NOT_ACTIVE',
      `${iso.name}的${KIND_LABELS[iso.kind]}已于 ${monthDayLabel(iso.lastDay)}结束，如需再次隔离请重新登记`,
    );
}

export interface Change {
  at: Date;
  today: Day;
  by: string;
  byOpenid: string;
  requestKey?: string;
}

const event = (kind: IsolationEvent['kind'], c: Change, note?: string): IsolationEvent => ({
  kind,
  at: c.at,
  by: c.by,
  byOpenid: c.byOpenid,
  ...(note ? { note } : {}),
  ...(c.requestKey ? { requestKey: c.requestKey } : {}),
});

/** A change already applied by this request (a retry): answered as it is, not applied twice. */
export const alreadyApplied = (iso: Isolation, requestKey: string | undefined): boolean =>
  Boolean(requestKey) && iso.events.some((e) => e.requestKey === requestKey);

export function extendIsolation(iso: Isolation, addDaysCount: number, change: Change, note?: string): Isolation {
  assertActive(iso, change.today);
  const days = iso.days + addDaysCount;
  if (days > MAX_DAYS)
    throw new AppError('INPUT.INVALID', `延长后共 ${days} 天，超过了 ${MAX_DAYS} 天的上限`, {
      addDays: `最多还能延长 ${MAX_DAYS - iso.days} 天`,
    });
  const lastDay = lastDayOf(iso.startDay, days);
  const text = `延长 ${addDaysCount} 天，至 ${monthDayLabel(lastDay)}${note ? `：${note}` : ''}`;
  return { ...iso, days, lastDay, updatedAt: change.at, events: [...iso.events, event('extended', change, text)] };
}

/** Releasing twice is answered with the isolation as it is; releasing one that already ended is refused. */
export function releaseIsolation(iso: Isolation, reason: string, change: Change): Isolation {
  if (iso.status === 'released') return iso;
  assertActive(iso, change.today);
  return {
    ...iso,
    status: 'released',
    releasedAt: change.at,
    releaseReason: reason,
    updatedAt: change.at,
    events: [...iso.events, event('released', change, reason)],
  };
}

export function changeCareTeam(iso: Isolation, careTeam: CareTeamEntry[], change: Change): Isolation {
  assertActive(iso, change.today);
  const note = careTeam.length ? careTeam.map((m) => `${m.role} ${m.name}`).join('、') : '已清空';
  return { ...iso, careTeam, updatedAt: change.at, events: [...iso.events, event('careTeamChanged', change, note)] };
}

/** What the daily timer stores for an isolation whose last day has passed. */
export function endIsolation(iso: Isolation, at: Date): Isolation {
  return {
    ...iso,
    status: 'ended',
    endedAt: at,
    updatedAt: at,
    events: [...iso.events, { kind: 'ended', at, by: '系统', byOpenid: '', note: `${KIND_LABELS[iso.kind]}期满` }],
  };
}

/** Whether the isolation covers a day at all (a board of that day lists the person). */
export function coversDay(
  iso: Pick<Isolation, 'startDay' | 'lastDay' | 'releasedAt' | 'createdAt'>,
  day: Day,
  dayStartMs: number,
  dayEndMs: number,
): boolean {
  if (day < iso.startDay || day > iso.lastDay) return false;
  if (iso.createdAt.getTime() >= dayEndMs) return false;
  return !iso.releasedAt || iso.releasedAt.getTime() > dayStartMs;
}

/**
 * Whether a check-in is expected from the person in a slot that closes at `closesAt`: the isolation covers the day,
 * was registered before the slot closed (nobody is 「未打卡」 for a slot that was over when they were registered), and
 * was not released before it closed.
 */
export function expectedInSlot(
  iso: Pick<Isolation, 'startDay' | 'lastDay' | 'releasedAt' | 'createdAt'>,
  day: Day,
  closesAt: number,
): boolean {
  if (day < iso.startDay || day > iso.lastDay) return false;
  if (iso.createdAt.getTime() >= closesAt) return false;
  return !iso.releasedAt || iso.releasedAt.getTime() >= closesAt;
}
