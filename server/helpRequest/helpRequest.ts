/**
 * 求助, pure. A household asks for help; staff accept it, then resolve it with a note; the household (or staff) may
 * cancel it while it is not done. A request nobody accepts in time climbs one level — 楼道长 → 网格员 → 社区管理员 —
 * and the request says so ("已升级至网格员 02:10"). Urgency 1 (life at risk) alerts all three at once and climbs after
 * 10 minutes; the others alert the building's 楼道长 and volunteers and climb after 2 hours (per community).
 * Time comes in as arguments; ids are made by the caller.
 */
import type {
  HelpAction,
  HelpCategory,
  HelpContact,
  HelpEventView,
  HelpLevel,
  HelpRequestSummary,
  HelpRequestView,
  HelpResponseTimes,
  HelpStatus,
  HelpUrgency,
  VulnerableFlag,
} from '../../typings/contract/help';
import { AppError } from '../platform/errors';
import type { Audience } from '../tasks/task';
import { formatMinutes, minuteOfDay } from '../time/shanghai';

export const HELP_REQUESTS = 'helpRequests';

export const CATEGORIES: readonly HelpCategory[] = ['倒垃圾', '取快递', '买药', '就医', '紧急求助', '维修', '心理疏导', '其他'];
export const FLAGS: readonly VulnerableFlag[] = ['独居老人', '婴幼儿', '孕妇', '残障', '慢性病'];
export const URGENCIES: readonly HelpUrgency[] = [1, 2, 3, 4];

export const URGENCY_LABELS: Record<HelpUrgency, string> = { 1: '危及生命', 2: '紧急', 3: '尽快', 4: '一般' };
export const STATUS_LABELS: Record<HelpStatus, string> = { open: '等待接单', accepted: '已接单', resolved: '已解决', cancelled: '已取消' };
/** The ladder, bottom first. */
export const LEVELS: readonly HelpLevel[] = ['buildingLeader', 'gridWorker', 'communityAdmin'];
export const LEVEL_LABELS: Record<HelpLevel, string> = { buildingLeader: '楼道长', gridWorker: '网格员', communityAdmin: '社区管理员' };

export const DEFAULT_RESPONSE_TIMES: HelpResponseTimes = { urgentMinutes: 10, otherMinutes: 120 };

export interface HelpEvent {
  at: Date;
  kind: HelpEventView['kind'];
  by: string;
  note?: string;
}

export interface HelpAlert {
  at: Date;
  openid: string;
  who: string;
  role: HelpLevel | 'volunteer';
  reason: 'created' | 'escalated';
  pushed: boolean;
}

export interface HelpRequest {
  /** From the asker and their request id: a retried or double-tapped submit finds the same document. */
  _id: string;
  communityId: string;
  gridId: string;
  buildingId: string;
  buildingName: string;
  householdId: string;
  label: string;
  category: HelpCategory;
  flags: VulnerableFlag[];
  urgency: HelpUrgency;
  description: string;
  photos: string[];
  status: HelpStatus;
  level: HelpLevel;
  /** Bumped by every transition: the conditional update that makes one of two competing transitions win. */
  version: number;
  requestedByOpenid: string;
  requestedBy: string;
  contacts: HelpContact[];
  /** The content check could not run and the request went through anyway (urgency 1 only). */
  contentUnchecked?: boolean;
  createdAt: Date;
  /** When it climbs a level if still open; absent at the top of the ladder and once accepted. */
  escalatesAt?: Date | null;
  acceptedByOpenid?: string;
  acceptedBy?: string;
  acceptedAt?: Date;
  resolvedAt?: Date;
  resolutionNote?: string;
  cancelledAt?: Date;
  cancelReason?: string;
  history: HelpEvent[];
  alerts: HelpAlert[];
}

const minutesOf = (urgency: HelpUrgency, times: HelpResponseTimes) => (urgency === 1 ? times.urgentMinutes : times.otherMinutes);

/** The community's response times, falling back to the defaults for anything unreadable. */
export function responseTimesOf(settings: { helpResponseTimes?: Partial<HelpResponseTimes> } | undefined): HelpResponseTimes {
  const t = settings?.helpResponseTimes;
  const ok = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 24 * 60;
  return {
    urgentMinutes: ok(t?.urgentMinutes) ? t.urgentMinutes : DEFAULT_RESPONSE_TIMES.urgentMinutes,
    otherMinutes: ok(t?.otherMinutes) ? t.otherMinutes : DEFAULT_RESPONSE_TIMES.otherMinutes,
  };
}

export const clockOf = (at: Date): string => formatMinutes(minuteOfDay(at.getTime()));

/** The escalation timer's period (cloudfunctions/help/config.json: every 5 minutes on the clock). */
export const TICK_MINUTES = 5;
const TICK_MS = TICK_MINUTES * 60_000;

/**
 * When a level's time is up: its minutes counted from the clock minute it was asked in ("asked at 02:00, escalated at
 * 02:10"), then on to the timer's next run, so the time the request shows is the time it climbs (02:03 → 02:15).
 */
function nextEscalation(level: HelpLevel, urgency: HelpUrgency, from: Date, times: HelpResponseTimes): Date | null {
  if (LEVELS.indexOf(level) >= LEVELS.length - 1) return null;
  const due = Math.floor(from.getTime() / 60_000) * 60_000 + minutesOf(urgency, times) * 60_000;
  return new Date(Math.ceil(due / TICK_MS) * TICK_MS);
}

export interface NewHelpRequest {
  _id: string;
  household: { _id: string; communityId: string; gridId: string; buildingId: string; buildingName: string; label: string };
  category: HelpCategory;
  flags: VulnerableFlag[];
  urgency: HelpUrgency;
  description: string;
  photos: string[];
  requestedByOpenid: string;
  requestedBy: string;
  contacts: HelpContact[];
  contentUnchecked: boolean;
  at: Date;
  times: HelpResponseTimes;
}

export function newHelpRequest(n: NewHelpRequest): HelpRequest {
  const h = n.household;
  return {
    _id: n._id,
    communityId: h.communityId,
    gridId: h.gridId,
    buildingId: h.buildingId,
    buildingName: h.buildingName,
    householdId: h._id,
    label: h.label,
    category: n.category,
    flags: [...new Set(n.flags)],
    urgency: n.urgency,
    description: n.description,
    photos: n.photos,
    status: 'open',
    level: 'buildingLeader',
    version: 1,
    requestedByOpenid: n.requestedByOpenid,
    requestedBy: n.requestedBy,
    contacts: n.contacts,
    ...(n.contentUnchecked ? { contentUnchecked: true } : {}),
    createdAt: n.at,
    escalatesAt: nextEscalation('buildingLeader', n.urgency, n.at, n.times),
    history: [{ at: n.at, kind: 'created', by: n.requestedBy }],
    alerts: [],
  };
}

// ── Transitions ────────────────────────────────────────────────────────────────────────────────────

export interface Staff {
  openid: string;
  /** 楼道长 张建国 */
  name: string;
}

export type HelpCommand =
  | { kind: 'accept'; by: Staff }
  | { kind: 'resolve'; by: Staff; note: string }
  | { kind: 'cancel'; by: Staff; reason?: string }
  | { kind: 'escalate'; times: HelpResponseTimes };

export const COMMANDS: readonly HelpCommand['kind'][] = ['accept', 'resolve', 'cancel', 'escalate'];

const takenMessage = (r: HelpRequest) =>
  `这条求助已由${r.acceptedBy ?? '其他工作人员'}于 ${r.acceptedAt ? clockOf(r.acceptedAt) : ''} 接单，无需重复处理`;

function closed(r: HelpRequest): AppError {
  return r.status === 'resolved'
    ? new AppError('HELP.CLOSED', `这条求助已解决${r.resolutionNote ? `（${r.resolutionNote}）` : ''}，不能再更改`)
    : new AppError('HELP.CLOSED', `这条求助已取消${r.cancelReason ? `（${r.cancelReason}）` : ''}，不能再更改`);
}

/**
 * The state machine: the request after `cmd`, or the same object when the command was already done (a repeated tap:
 * accepting what one accepted, cancelling what is cancelled), or an AppError saying why not.
 */
export function transition(r: HelpRequest, cmd: HelpCommand, at: Date): HelpRequest {
  const bump = (change: Partial<HelpRequest>, event: HelpEvent): HelpRequest => ({
    ...r,
    ...change,
    version: r.version + 1,
    history: [...r.history, event],
  });
  switch (cmd.kind) {
    case 'accept':
      if (r.status === 'accepted') {
        if (r.acceptedByOpenid === cmd.by.openid) return r;
        throw new AppError('HELP.ALREADY_TAKEN', takenMessage(r));
      }
      if (r.status !== 'open') throw closed(r);
      return bump(
        { status: 'accepted', acceptedByOpenid: cmd.by.openid, acceptedBy: cmd.by.name, acceptedAt: at, escalatesAt: null },
        { at, kind: 'accepted', by: cmd.by.name },
      );
    case 'resolve':
      if (r.status === 'open') throw new AppError('HELP.NOT_ACCEPTED', '请先接单，处理完再标记解决');
      if (r.status === 'resolved' && r.resolutionNote === cmd.note) return r;
      if (r.status !== 'accepted') throw closed(r);
      return bump(
        { status: 'resolved', resolvedAt: at, resolutionNote: cmd.note },
        { at, kind: 'resolved', by: cmd.by.name, note: cmd.note },
      );
    case 'cancel':
      if (r.status === 'cancelled') return r;
      if (r.status === 'resolved') throw closed(r);
      return bump(
        { status: 'cancelled', cancelledAt: at, escalatesAt: null, ...(cmd.reason ? { cancelReason: cmd.reason } : {}) },
        { at, kind: 'cancelled', by: cmd.by.name, ...(cmd.reason ? { note: cmd.reason } : {}) },
      );
    case 'escalate': {
      const i = LEVELS.indexOf(r.level);
      if (r.status !== 'open' || i >= LEVELS.length - 1) throw new AppError('HELP.NOT_ESCALATABLE', '这条求助无需升级');
      const level = LEVELS[i + 1];
      return bump(
        { level, escalatesAt: nextEscalation(level, r.urgency, at, cmd.times) },
        { at, kind: 'escalated', by: '系统', note: `无人接单，已升级至${LEVEL_LABELS[level]} ${clockOf(at)}` },
      );
    }
  }
}

/** Due for the next level: open, and its time has come. */
export const isDue = (r: Pick<HelpRequest, 'status' | 'escalatesAt'>, now: Date): boolean =>
  r.status === 'open' && !!r.escalatesAt && r.escalatesAt.getTime() <= now.getTime();

// ── Who is told ────────────────────────────────────────────────────────────────────────────────────

/** Who is told when it is asked for: a life at risk reaches the whole ladder at once; the rest the building's people. */
export function creationAudience(r: Pick<HelpRequest, 'urgency' | 'communityId' | 'gridId' | 'buildingId'>): Audience[] {
  return r.urgency === 1
    ? [
        { role: 'buildingLeader', scopeId: r.buildingId },
        { role: 'gridWorker', scopeId: r.gridId },
        { role: 'communityAdmin', scopeId: r.communityId },
      ]
    : [
        { role: 'buildingLeader', scopeId: r.buildingId },
        { role: 'volunteer', scopeId: r.buildingId },
      ];
}

/** Who a level is: the grid worker of its grid, the admins of its community. */
export function levelAudience(r: Pick<HelpRequest, 'communityId' | 'gridId' | 'buildingId'>, level: HelpLevel): Audience {
  return { role: level, scopeId: level === 'communityAdmin' ? r.communityId : level === 'gridWorker' ? r.gridId : r.buildingId };
}

/** Urgency 1 is as urgent as a fever; 4 is after a missed check-in. */
export const taskPriorityOf = (urgency: HelpUrgency): number => urgency;

// ── Views ──────────────────────────────────────────────────────────────────────────────────────────

export interface Viewer {
  /** May accept / resolve (staff of the building's scope). */
  staff: boolean;
  /** May cancel (the household's own user, or staff). */
  canCancel: boolean;
}

export function actionsFor(r: Pick<HelpRequest, 'status'>, v: Viewer): HelpAction[] {
  const out: HelpAction[] = [];
  if (v.staff && r.status === 'open') out.push('accept');
  if (v.staff && r.status === 'accepted') out.push('resolve');
  if (v.canCancel && (r.status === 'open' || r.status === 'accepted')) out.push('cancel');
  return out;
}

const iso = (d: Date | null | undefined) => (d ? { value: d.toISOString() } : undefined);

export function helpView(r: HelpRequest, v: Viewer): HelpRequestView {
  const escalates = r.status === 'open' ? iso(r.escalatesAt) : undefined;
  return {
    helpRequestId: r._id,
    communityId: r.communityId,
    householdId: r.householdId,
    label: r.label,
    buildingName: r.buildingName,
    category: r.category,
    flags: r.flags,
    urgency: r.urgency,
    urgencyLabel: URGENCY_LABELS[r.urgency],
    description: r.description,
    photos: r.photos,
    status: r.status,
    statusLabel: STATUS_LABELS[r.status],
    level: r.level,
    levelLabel: LEVEL_LABELS[r.level],
    requestedBy: r.requestedBy,
    createdAt: r.createdAt.toISOString(),
    ...(escalates ? { escalatesAt: escalates.value } : {}),
    ...(r.acceptedBy ? { acceptedBy: r.acceptedBy } : {}),
    ...(r.acceptedAt ? { acceptedAt: r.acceptedAt.toISOString() } : {}),
    ...(r.resolvedAt ? { resolvedAt: r.resolvedAt.toISOString() } : {}),
    ...(r.resolutionNote ? { resolutionNote: r.resolutionNote } : {}),
    ...(r.cancelledAt ? { cancelledAt: r.cancelledAt.toISOString() } : {}),
    ...(r.cancelReason ? { cancelReason: r.cancelReason } : {}),
    contacts: v.staff ? r.contacts : [],
    history: r.history.map((e) => ({ at: e.at.toISOString(), kind: e.kind, by: e.by, ...(e.note ? { note: e.note } : {}) })),
    alerts: r.alerts.map((a) => ({ at: a.at.toISOString(), who: a.who, role: a.role, reason: a.reason, pushed: a.pushed })),
    actions: actionsFor(r, v),
  };
}

export function helpSummary(r: HelpRequest): HelpRequestSummary {
  return {
    helpRequestId: r._id,
    label: r.label,
    category: r.category,
    urgency: r.urgency,
    urgencyLabel: URGENCY_LABELS[r.urgency],
    description: r.description,
    status: r.status,
    statusLabel: STATUS_LABELS[r.status],
    levelLabel: LEVEL_LABELS[r.level],
    createdAt: r.createdAt.toISOString(),
    ...(r.acceptedBy ? { acceptedBy: r.acceptedBy } : {}),
  };
}
