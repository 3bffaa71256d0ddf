/**
 * The `help` cloud function: 求助 — a resident (or a proxy, or the 楼道长 for them) asks for help; staff accept it and
 * resolve it; a request nobody accepts in time climbs the ladder 楼道长 → 网格员 → 社区管理员 on a timer. Instants
 * are ISO 8601 strings.
 */
import type { Page } from './community';

export type HelpCategory = '倒垃圾' | '取快递' | '买药' | '就医' | '紧急求助' | '维修' | '心理疏导' | '其他';
/** Who in the household needs special care. */
export type VulnerableFlag = '独居老人' | '婴幼儿' | '孕妇' | '残障' | '慢性病';
/** 1: life at risk (minutes count) … 4: whenever someone can. */
export type HelpUrgency = 1 | 2 | 3 | 4;
export type HelpStatus = 'open' | 'accepted' | 'resolved' | 'cancelled';
/** Who is answerable for the request now: it starts with the building's 楼道长 and climbs when nobody accepts it. */
export type HelpLevel = 'buildingLeader' | 'gridWorker' | 'communityAdmin';
export type HelpAction = 'accept' | 'resolve' | 'cancel';

/** One person told about the request: by a subscribe message where they allowed one, always by a to-do item. */
export interface HelpAlertView {
  at: string;
  /** 楼道长 张建国 */
  who: string;
  role: HelpLevel | 'volunteer';
  /** created: when it was asked for; escalated: nobody had accepted it in time. */
  reason: 'created' | 'escalated';
  /** A WeChat message reached their phone (they had allowed one); otherwise only the to-do item. */
  pushed: boolean;
}

export interface HelpEventView {
  at: string;
  kind: 'created' | 'accepted' | 'resolved' | 'cancelled' | 'escalated';
  /** 王秀英 / 楼道长 张建国 / 系统 */
  by: string;
  /** 已升级至网格员 02:10; the resolution note; why it was cancelled. */
  note?: string;
}

export interface HelpContact {
  name: string;
  /** 本人 / 配偶 / 代办 … */
  relation: string;
  /** In full for staff (the call button); never shown to other residents. */
  phone: string;
}

export interface HelpRequestView {
  helpRequestId: string;
  communityId: string;
  householdId: string;
  /** 3-1-301 */
  label: string;
  buildingName: string;
  category: HelpCategory;
  flags: VulnerableFlag[];
  urgency: HelpUrgency;
  /** 危及生命 / 紧急 / 尽快 / 一般 */
  urgencyLabel: string;
  description: string;
  /** Cloud-storage fileIDs. */
  photos: string[];
  status: HelpStatus;
  /** 等待接单 / 已接单 / 已解决 / 已取消 */
  statusLabel: string;
  level: HelpLevel;
  /** 楼道长 / 网格员 / 社区管理员 */
  levelLabel: string;
  /** 王秀英 / 李娜（代办） / 楼道长 张建国（代为求助） */
  requestedBy: string;
  createdAt: string;
  /** While open and not at the top of the ladder: when it climbs a level if nobody accepts it. */
  escalatesAt?: string;
  acceptedBy?: string;
  acceptedAt?: string;
  resolvedAt?: string;
  resolutionNote?: string;
  cancelledAt?: string;
  cancelReason?: string;
  /** Household phones, staff only (empty for residents). */
  contacts: HelpContact[];
  history: HelpEventView[];
  /** Who was alerted and when, oldest first. */
  alerts: HelpAlertView[];
  /** What the caller may do now. */
  actions: HelpAction[];
}

/** One row of 我的求助. */
export interface HelpRequestSummary {
  helpRequestId: string;
  label: string;
  category: HelpCategory;
  urgency: HelpUrgency;
  urgencyLabel: string;
  description: string;
  status: HelpStatus;
  statusLabel: string;
  levelLabel: string;
  createdAt: string;
  acceptedBy?: string;
}

/** How long a request may wait before it climbs a level, per community. */
export interface HelpResponseTimes {
  /** Urgency 1 (default 10). */
  urgentMinutes: number;
  /** Urgency 2–4 (default 120). */
  otherMinutes: number;
}

export interface HelpApi {
  /** 求助：住户（或代办的子女、或楼道长代为）为一户提出求助；紧急程度 1（危及生命）会立刻通知楼道长、网格员和社区管理员。 */
  'help.create': {
    input: {
      householdId: string;
      category: HelpCategory;
      flags: VulnerableFlag[];
      urgency: HelpUrgency;
      description: string;
      photos?: string[];
    };
    output: HelpRequestView;
  };
  /** 我的求助：我能代表的各户提出的求助，最新的在前，每页 20 条。 */
  'help.mine': { input: { cursor?: string }; output: Page<HelpRequestSummary> };
  /** 一条求助的详情：状态、处理经过、通知了谁、何时。 */
  'help.get': { input: { helpRequestId: string }; output: HelpRequestView };
  /** 工作人员接单；两人同时接单只有一人成功，另一人会被告知谁已接单。 */
  'help.accept': { input: { helpRequestId: string }; output: HelpRequestView };
  /** 接单后处理完毕（写明处理结果）。 */
  'help.resolve': { input: { helpRequestId: string; note: string }; output: HelpRequestView };
  /** 不再需要帮助（住户）或无需处理（工作人员，写明原因）。 */
  'help.cancel': { input: { helpRequestId: string; reason?: string }; output: HelpRequestView };
  /** 管理员：本社区现在的升级时间（没设置过时是默认的 10 分钟 / 2 小时）。 */
  'help.responseTimes': { input: { communityId: string }; output: HelpResponseTimes };
  /** 管理员：本社区求助多久无人接单就升级。 */
  'help.setResponseTimes': { input: { communityId: string } & HelpResponseTimes; output: HelpResponseTimes };
}
