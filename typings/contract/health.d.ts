/**
 * The `health` cloud function: 居家隔离 / 居家健康监测, twice-daily 健康打卡, the alerts they raise and the staff's
 * to-do items (tasks). Days are Shanghai calendar days written `2026-11-22`; instants are ISO 8601 strings.
 */
import type { Page } from './community';

// ── Isolation ──────────────────────────────────────────────────────────────────────────────────────

export type IsolationKind = 'homeIsolation' | 'homeMonitoring';
/** Derived from the dates and the clock: an isolation past its end day has ended, whatever is stored. */
export type IsolationStatus = 'active' | 'ended' | 'released';
export type IsolationReason = 'returnedFromElsewhere' | 'closeContact' | 'secondaryContact' | 'inbound' | 'other';
/** 「五包一」: who looks after an isolated household. */
export type CareRole = '社区干部' | '社区医生' | '民警' | '楼道长' | '志愿者';

export interface CareTeamMember {
  role: CareRole;
  name: string;
  /** In full: the resident needs to call them, staff need to reach them. */
  phone: string;
}

export interface CareTeamMemberView extends CareTeamMember {
  /** Uses this mini program (matched by phone to an appointed staff member): receives alerts in the app. */
  usesApp: boolean;
}

export interface IsolationEventView {
  at: string;
  kind: 'started' | 'extended' | 'released' | 'ended' | 'careTeamChanged';
  /** 网格员 刘芳; 系统 when it ended by itself. */
  by: string;
  note?: string;
}

export interface IsolationView {
  isolationId: string;
  residentId: string;
  name: string;
  householdId: string;
  /** 3-1-301 */
  label: string;
  buildingName: string;
  kind: IsolationKind;
  /** 居家隔离 / 居家健康监测 */
  kindLabel: string;
  status: IsolationStatus;
  startDay: string;
  /** The last day, inclusive: 14 days from 11-22 end on 12-05. */
  endDay: string;
  days: number;
  /** 1 on the start day; 0 when no longer active. */
  dayOfIsolation: number;
  /** 隔离第 5 天 / 共 14 天, 健康监测第 2 天 / 共 7 天, 已解除, 已结束. */
  progress: string;
  reason: IsolationReason;
  reasonLabel: string;
  reasonNote?: string;
  careTeam: CareTeamMemberView[];
  releasedAt?: string;
  releaseReason?: string;
  history: IsolationEventView[];
}

export interface IsolationListItem {
  isolationId: string;
  residentId: string;
  name: string;
  label: string;
  buildingName: string;
  kind: IsolationKind;
  status: IsolationStatus;
  startDay: string;
  endDay: string;
  progress: string;
}

// ── Check-ins ──────────────────────────────────────────────────────────────────────────────────────

export type Slot = 'am' | 'pm';
/** 发热, 咳嗽, 乏力, 咽痛, 腹泻, 嗅觉味觉减退, 其他 */
export type Symptom = 'fever' | 'cough' | 'fatigue' | 'soreThroat' | 'diarrhoea' | 'smellTasteLoss' | 'other';

export interface CheckInWindow {
  /** 06:00 */
  start: string;
  /** 12:00 (the window is closed from this minute on) */
  end: string;
}
export type CheckInWindows = Record<Slot, CheckInWindow>;

/** Where the check-in clock stands for a community right now. */
export interface CheckInClock {
  today: string;
  windows: CheckInWindows;
  /** The slot open now, or null between windows. */
  openSlot: Slot | null;
  /** When the open window closes (ISO), when there is one. */
  closesAt?: string;
  /** 14:00 / 明天 06:00 */
  nextOpening: string;
}

export interface CheckInView {
  checkInId: string;
  residentId: string;
  name: string;
  day: string;
  slot: Slot;
  temperature: number;
  symptoms: Symptom[];
  /** 咳嗽、乏力 */
  symptomLabels: string[];
  note?: string;
  /** ≥ 37.3 °C or any symptom: the 楼道长, the grid worker and the care team were alerted. */
  abnormal: boolean;
  /** resident: the household's own user; leader: staff on the person's behalf, after a door visit or a phone call. */
  by: 'resident' | 'leader';
  method?: 'door' | 'phone';
  /** 王秀英 / 楼道长 张建国 */
  byName: string;
  /** Recorded by staff after the window closed (before escalation). */
  late: boolean;
  at: string;
  /** 1 for the first check-in of the slot; higher when it replaced an earlier one (kept in history). */
  revision: number;
}

/** A household's health data as kept, for the resident's own copy (PIPL: the right to see one's data). */
export interface HealthDataExport {
  isolations: IsolationView[];
  /** Every revision, oldest first; `current: false` for one a later check-in in the same slot replaced. */
  checkIns: (CheckInView & { current: boolean })[];
  /** How long it is kept, in words. */
  retention: string;
}

/** One cell of a board: where a person stands for one slot. */
export interface SlotCell {
  /**
   * notExpected: the slot was over before the isolation was registered (or after it was released); upcoming: window
   * not open yet; waiting: open, not checked in yet; missing: closed without a check-in (the 楼道长 chases);
   * escalated: still missing two hours after closing (the grid worker was told); done / abnormal: checked in.
   */
  state: 'notExpected' | 'upcoming' | 'waiting' | 'missing' | 'escalated' | 'done' | 'abnormal';
  temperature?: number;
  symptomLabels?: string[];
  at?: string;
  by?: 'resident' | 'leader';
  late?: boolean;
}

export interface ContactPhone {
  /** 王秀英 / 李娜（代办） */
  name: string;
  /** 本人 / 配偶 / 子女 / 代办 */
  relation: string;
  /** Full: staff call them from the board. */
  phone: string;
}

export interface SlotSummary {
  slot: Slot;
  /** 上午 */
  label: string;
  window: CheckInWindow;
  phase: 'upcoming' | 'open' | 'closed' | 'escalated';
  counts: { expected: number; done: number; abnormal: number; waiting: number; missing: number };
}

export interface BoardPerson {
  residentId: string;
  name: string;
  /** 隔离第 5 天 / 共 14 天 */
  progress: string;
  /** A check-in's cell leaves out `at` here (the board shows the temperature, not the time). */
  cells: Partial<Record<Slot, SlotCell>>;
}

/** A household on the 楼道长's board: its people under isolation, and whom to call about any of them (once). */
export interface BoardHome {
  householdId: string;
  /** 3-1-301 */
  label: string;
  phones: ContactPhone[];
  people: BoardPerson[];
}

/** 楼道长's 今日打卡: per slot done / missing / abnormal, homes by unit and floor (top floor first), call buttons. */
export interface LeaderBoard {
  buildingId: string;
  buildingName: string;
  day: string;
  clock: CheckInClock;
  slots: SlotSummary[];
  /** Each floor's homes by room. */
  units: { unit: string; floors: { floor: number; homes: BoardHome[] }[] }[];
  /** 「未打卡」: the residentIds of the people missing or escalated in a closed slot, by unit and floor (each is in `units`). */
  missing: string[];
}

export interface GridBuildingRow {
  buildingId: string;
  buildingName: string;
  /** People under isolation or monitoring in the building on that day. */
  isolated: number;
  slots: Partial<Record<Slot, SlotSummary['counts'] & { complete: boolean }>>;
}

export interface AttentionPerson {
  residentId: string;
  name: string;
  label: string;
  buildingName: string;
  slot: Slot;
  /** abnormal first, then escalated, then missing. */
  reason: 'abnormal' | 'escalated' | 'missing';
  temperature?: number;
  symptomLabels?: string[];
  phones: ContactPhone[];
}

/** 网格员's board: completion per building, and the people who need someone now (the first of them). */
export interface GridBoard {
  gridId: string;
  gridName: string;
  day: string;
  clock: CheckInClock;
  slots: SlotSummary[];
  buildings: GridBuildingRow[];
  /** The most urgent first, at most 50; the rest are on the boards of their buildings. */
  attention: AttentionPerson[];
  /** Everyone needing someone now (person and slot), listed or not. */
  attentionTotal: number;
}

export interface CheckInHistory {
  residentId: string;
  name: string;
  isolation: { isolationId: string; kind: IsolationKind; startDay: string; endDay: string; progress: string } | null;
  /** Oldest first, one point per slot (the check-in that counts), for a small temperature chart. */
  points: {
    day: string;
    slot: Slot;
    temperature: number;
    abnormal: boolean;
    symptomLabels: string[];
    at: string;
    by: 'resident' | 'leader';
  }[];
}

/** What the resident sees on 首页 for each isolated member of their households. */
export interface MyIsolation {
  isolationId: string;
  residentId: string;
  name: string;
  householdId: string;
  label: string;
  kind: IsolationKind;
  kindLabel: string;
  startDay: string;
  endDay: string;
  days: number;
  dayOfIsolation: number;
  progress: string;
  careTeam: CareTeamMember[];
  today: Record<Slot, SlotCell>;
  clock: CheckInClock;
}

// ── Tasks (to-do items; the staff inbox of issue 7 builds on them) ────────────────────────────────

export type TaskKind = 'checkIn.abnormal' | 'checkIn.missed' | 'checkIn.escalated' | 'building.complete' | 'help.open' | 'help.escalated' | 'order.submitted' | 'notice.unread';

export interface TaskView {
  taskId: string;
  kind: TaskKind;
  /** 1 is the most urgent. */
  priority: number;
  title: string;
  detail: string;
  status: 'open' | 'done';
  communityId: string;
  buildingId: string;
  householdId?: string;
  subject: { residentId?: string; checkInId?: string; isolationId?: string; day?: string; slot?: Slot; helpRequestId?: string; noticeId?: string };
  createdAt: string;
  dueAt?: string;
  doneAt?: string;
  /** 楼道长 张建国 */
  doneBy?: string;
  doneNote?: string;
}

/** Badges for 我的待办: open items in the caller's scopes. */
export interface TaskCounts {
  /** The caller holds a staff role (the entry is shown only then). */
  staff: boolean;
  total: number;
  /** Priority 1: a fever, a life at risk, an escalation. */
  urgent: number;
  byKind: Partial<Record<TaskKind, number>>;
}

// ── Subscribe messages ─────────────────────────────────────────────────────────────────────────────

export type TemplateKey = 'checkInReminder' | 'abnormalAlert' | 'missedAlert' | 'helpAlert' | 'orderDelivered' | 'noticePublished';

export interface SubscriptionTemplate {
  key: TemplateKey;
  /** Pass to wx.requestSubscribeMessage({ tmplIds }). */
  templateId: string;
  /** 打卡提醒 */
  title: string;
  /** Who it is for, in words: 居民 / 工作人员. */
  audience: string;
  /** Messages the user has allowed and not yet received (one per accepted prompt). */
  remaining: number;
}

// ── The function ───────────────────────────────────────────────────────────────────────────────────

type None = Record<string, never>;

export interface CareTeamInput {
  role: CareRole;
  name: string;
  phone: string;
}

export interface HealthApi {
  /** 网格员 / 管理员：为一位居民登记居家隔离或居家健康监测（开始日期默认今天，天数默认 14）。 */
  'isolation.start': {
    input: {
      residentId: string;
      kind: IsolationKind;
      startDay?: string;
      days?: number;
      reason: IsolationReason;
      reasonNote?: string;
      careTeam?: CareTeamInput[];
    };
    output: IsolationView;
  };
  /** 延长隔离天数。 */
  'isolation.extend': { input: { isolationId: string; addDays: number; note?: string }; output: IsolationView };
  /** 提前解除（写明原因）。 */
  'isolation.release': { input: { isolationId: string; reason: string }; output: IsolationView };
  /** 调整「五包一」人员。 */
  'isolation.setCareTeam': { input: { isolationId: string; careTeam: CareTeamInput[] }; output: IsolationView };
  /** 工作人员：一次隔离的详情与全部记录。 */
  'isolation.get': { input: { isolationId: string }; output: IsolationView };
  /** 网格员 / 管理员：本网格的隔离人员（正在隔离的在前），每页 20 条。 */
  'isolation.list': {
    input: { communityId: string; gridId?: string; status?: IsolationStatus; cursor?: string };
    output: Page<IsolationListItem>;
  };
  /** 居民：本户正在隔离的家人——第几天、结束日期、「五包一」联系电话、今天的打卡。 */
  'isolation.mine': { input: None; output: MyIsolation[] };

  /** 健康打卡：住户为自己或家人打卡；楼道长上门或电话后代为打卡（注明方式）。同一时段再次提交会替换上一次（保留记录）。 */
  'checkIn.submit': {
    input: { residentId: string; temperature: number; symptoms: Symptom[]; note?: string; method?: 'door' | 'phone' };
    output: CheckInView;
  };
  /** 一个人本次隔离以来的打卡（体温曲线）。 */
  'checkIn.history': { input: { residentId: string }; output: CheckInHistory };
  /** 楼道长：本楼今日打卡——按单元、楼层，已打卡 / 未打卡 / 异常，附电话。 */
  'checkIn.leaderBoard': { input: { buildingId: string; day?: string; slot?: Slot }; output: LeaderBoard };
  /** 网格员：各楼完成情况，异常和已上报的人排在最前。 */
  'checkIn.gridBoard': { input: { gridId: string; day?: string }; output: GridBoard };
  /** 管理员：设置本社区的打卡时间。 */
  'checkIn.setWindows': { input: { communityId: string; windows: CheckInWindows }; output: CheckInClock };

  /** 我的待办：按我的身份和范围（楼栋、网格、社区）以及「五包一」，最紧急的在前，每页 20 条。 */
  'tasks.listMine': { input: { cursor?: string }; output: Page<TaskView> };
  /** 待办数量（角标）：全部、紧急（最高优先级）和按类型；staff 表示我是否有工作人员身份。 */
  'tasks.counts': { input: None; output: TaskCounts };
  /** 标记待办已处理（异常打卡处理后，该户不再标红）。 */
  'tasks.done': { input: { taskId: string; note?: string }; output: TaskView };

  /** 订阅消息模板与我剩余的可接收条数（页面据此调用 wx.requestSubscribeMessage）。 */
  'subscription.mine': { input: None; output: SubscriptionTemplate[] };
  /** 记录 wx.requestSubscribeMessage 的结果：templateIds 是询问过的，accepted 是用户同意的。 */
  'subscription.record': { input: { templateIds: string[]; accepted: string[] }; output: SubscriptionTemplate[] };
}
