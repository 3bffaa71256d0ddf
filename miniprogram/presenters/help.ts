/** 求助: the form's choices and checks, a row of 我的求助, a request's detail (steps, who was told, history). Pure. */
import type {
  HelpAction,
  HelpCategory,
  HelpRequestSummary,
  HelpRequestView,
  HelpStatus,
  HelpUrgency,
  VulnerableFlag,
} from '../../typings/contract/help';

export const CATEGORY_OPTIONS: { value: HelpCategory; icon: string }[] = [
  { value: '倒垃圾', icon: 'delete' },
  { value: '取快递', icon: 'shop' },
  { value: '买药', icon: 'heart' },
  { value: '就医', icon: 'hospital' },
  { value: '紧急求助', icon: 'error-circle' },
  { value: '维修', icon: 'tools' },
  { value: '心理疏导', icon: 'chat' },
  { value: '其他', icon: 'more' },
];

export const URGENCY_OPTIONS: { value: string; label: string }[] = [
  { value: '1', label: '危及生命（立即通知楼道长、网格员和社区）' },
  { value: '2', label: '紧急（今天内）' },
  { value: '3', label: '尽快' },
  { value: '4', label: '一般（有空时）' },
];

export const FLAG_OPTIONS: { value: VulnerableFlag; label: string }[] = (['独居老人', '婴幼儿', '孕妇', '残障', '慢性病'] as const).map(
  (f) => ({ value: f, label: f }),
);

export const MAX_DESCRIPTION = 500;

export interface HelpForm {
  householdId: string;
  category: HelpCategory | '';
  /** '1'…'4' as the radio group holds it; '' until chosen. */
  urgency: string;
  flags: VulnerableFlag[];
  description: string;
}

export const emptyHelpForm = (householdId = ''): HelpForm => ({ householdId, category: '', urgency: '', flags: [], description: '' });

/** 紧急求助 is about a life: choosing it picks urgency 1 unless the person chose otherwise. */
export function withCategory(form: HelpForm, category: HelpCategory): HelpForm {
  return { ...form, category, urgency: category === '紧急求助' && !form.urgency ? '1' : form.urgency };
}

export function validateHelp(form: HelpForm): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!form.householdId) errors.householdId = '请选择为哪一户求助';
  if (!form.category) errors.category = '请选择求助类型';
  if (!['1', '2', '3', '4'].includes(form.urgency)) errors.urgency = '请选择紧急程度';
  const length = Array.from(form.description.trim()).length;
  if (!length) errors.description = '请写明需要什么帮助';
  else if (length > MAX_DESCRIPTION) errors.description = `情况说明最多 ${MAX_DESCRIPTION} 个字，现在有 ${length} 个字`;
  return errors;
}

export function toHelpInput(form: HelpForm, photos: string[]) {
  return {
    householdId: form.householdId,
    category: form.category as HelpCategory,
    flags: form.flags,
    urgency: Number(form.urgency) as HelpUrgency,
    description: form.description.trim(),
    ...(photos.length ? { photos } : {}),
  };
}

function shanghai(iso: string): { day: string; time: string } {
  const t = new Date(new Date(iso).getTime() + 8 * 3600 * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { day: `${t.getUTCMonth() + 1}月${t.getUTCDate()}日`, time: `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}` };
}
const when = (iso: string) => {
  const s = shanghai(iso);
  return `${s.day} ${s.time}`;
};

export type TagTheme = 'warning' | 'primary' | 'success' | 'default' | 'danger';
const STATUS_THEMES: Record<HelpStatus, TagTheme> = { open: 'warning', accepted: 'primary', resolved: 'success', cancelled: 'default' };

export interface HelpRow {
  helpRequestId: string;
  title: string;
  description: string;
  statusLabel: string;
  statusTheme: TagTheme;
  urgent: boolean;
  /** 11月22日 02:00 · 危及生命 · 楼道长 张建国 已接单 */
  meta: string;
  url: string;
}

export const helpDetailUrl = (helpRequestId: string) => `/pages/help-detail/index?helpRequestId=${helpRequestId}`;

export function toHelpRow(r: HelpRequestSummary): HelpRow {
  const who = r.status === 'accepted' && r.acceptedBy ? ` · ${r.acceptedBy} 已接单` : r.status === 'open' ? ` · 已通知${r.levelLabel}` : '';
  return {
    helpRequestId: r.helpRequestId,
    title: `${r.category} · ${r.label}`,
    description: r.description,
    statusLabel: r.statusLabel,
    statusTheme: STATUS_THEMES[r.status],
    urgent: r.urgency === 1 && r.status === 'open',
    meta: `${when(r.createdAt)} · ${r.urgencyLabel}${who}`,
    url: helpDetailUrl(r.helpRequestId),
  };
}

export interface Step {
  title: string;
  /** 02:00, or what is awaited. */
  note: string;
  state: 'done' | 'current' | 'waiting' | 'skipped';
}

/** 提交 → 接单 → 解决 (or 已取消 in place of what did not happen). */
export function stepsOf(v: HelpRequestView): Step[] {
  const t = (iso?: string) => (iso ? shanghai(iso).time : '');
  const cancelled = v.status === 'cancelled';
  const accepted = !!v.acceptedAt;
  return [
    { title: '已提交', note: when(v.createdAt), state: 'done' },
    accepted
      ? { title: '已接单', note: `${v.acceptedBy ?? ''} ${t(v.acceptedAt)}`.trim(), state: 'done' }
      : cancelled
        ? { title: '接单', note: '未接单', state: 'skipped' }
        : {
            title: '等待接单',
            note: v.escalatesAt ? `已通知${v.levelLabel}，${t(v.escalatesAt)} 前无人接单将继续上报` : `已通知${v.levelLabel}`,
            state: 'current',
          },
    v.status === 'resolved'
      ? { title: '已解决', note: `${t(v.resolvedAt)} ${v.resolutionNote ?? ''}`.trim(), state: 'done' }
      : cancelled
        ? { title: '已取消', note: `${t(v.cancelledAt)}${v.cancelReason ? ` ${v.cancelReason}` : ''}`, state: 'done' }
        : { title: '解决', note: accepted ? '处理中' : '', state: accepted ? 'current' : 'waiting' },
  ];
}

export interface AlertLine {
  time: string;
  who: string;
  /** 微信消息 + 待办 / 待办 */
  how: string;
  reason: string;
}

export function alertLines(v: HelpRequestView): AlertLine[] {
  return v.alerts.map((a) => ({
    time: shanghai(a.at).time,
    who: a.who,
    how: a.pushed ? '微信消息 + 待办' : '待办',
    reason: a.reason === 'escalated' ? '无人接单，升级通知' : '提交时通知',
  }));
}

export interface HistoryLine {
  time: string;
  text: string;
}

const EVENT_TEXT: Record<HelpRequestView['history'][number]['kind'], string> = {
  created: '提交求助',
  accepted: '接单',
  resolved: '已解决',
  cancelled: '取消求助',
  escalated: '升级',
};

export function historyLines(v: HelpRequestView): HistoryLine[] {
  return v.history.map((e) => ({
    time: when(e.at),
    text: e.kind === 'escalated' ? (e.note ?? '升级') : `${e.by} ${EVENT_TEXT[e.kind]}${e.note ? `：${e.note}` : ''}`,
  }));
}

export interface HelpDetail {
  helpRequestId: string;
  title: string;
  description: string;
  flags: string;
  urgencyLabel: string;
  urgent: boolean;
  statusLabel: string;
  statusTheme: TagTheme;
  requestedBy: string;
  photos: string[];
  steps: Step[];
  alerts: AlertLine[];
  history: HistoryLine[];
  contacts: { name: string; relation: string; phone: string }[];
  canAccept: boolean;
  canResolve: boolean;
  canCancel: boolean;
}

const can = (actions: HelpAction[], a: HelpAction) => actions.includes(a);

export function toHelpDetail(v: HelpRequestView): HelpDetail {
  return {
    helpRequestId: v.helpRequestId,
    title: `${v.category} · ${v.label}`,
    description: v.description,
    flags: v.flags.join('、'),
    urgencyLabel: v.urgencyLabel,
    urgent: v.urgency === 1 && (v.status === 'open' || v.status === 'accepted'),
    statusLabel: v.statusLabel,
    statusTheme: STATUS_THEMES[v.status],
    requestedBy: v.requestedBy,
    photos: v.photos,
    steps: stepsOf(v),
    alerts: alertLines(v),
    history: historyLines(v),
    contacts: v.contacts,
    canAccept: can(v.actions, 'accept'),
    canResolve: can(v.actions, 'resolve'),
    canCancel: can(v.actions, 'cancel'),
  };
}

// ── 求助升级时间 (admin) ──────────────────────────────────────────────────────────────────────────────

const minutesLabel = (m: number) => (m % 60 === 0 ? `${m / 60} 小时` : `${m} 分钟`);

/** The choices, with the community's current value among them even when it is not one of the usual ones. */
function choices(usual: number[], current: number): { value: string; label: string }[] {
  const all = [...new Set([...usual, current])].sort((a, b) => a - b);
  return all.map((m) => ({ value: String(m), label: minutesLabel(m) }));
}

export interface ResponseTimesForm {
  urgent: string;
  other: string;
  urgentOptions: { value: string; label: string }[];
  otherOptions: { value: string; label: string }[];
  /** 危及生命的求助 10 分钟无人接单就升级，其他 2 小时 */
  summary: string;
}

export function toResponseTimesForm(t: { urgentMinutes: number; otherMinutes: number }): ResponseTimesForm {
  return {
    urgent: String(t.urgentMinutes),
    other: String(t.otherMinutes),
    urgentOptions: choices([5, 10, 15, 30], t.urgentMinutes),
    otherOptions: choices([30, 60, 120, 240], t.otherMinutes),
    summary: `危及生命的求助 ${minutesLabel(t.urgentMinutes)}无人接单就升级，其他求助 ${minutesLabel(t.otherMinutes)}`,
  };
}

/** Urgent ones must not wait longer than the rest. */
export function responseTimesProblem(urgent: number, other: number): string {
  return urgent > other ? '危及生命的求助应当比其他求助更早升级' : '';
}
