/**
 * The `notice` cloud function: 通知 — a scoped broadcast from the community's staff with read receipts per household.
 * Instants are ISO 8601 strings.
 */
import type { Page } from './community';

/** 防疫, 核酸, 物资, 生活, 其他 */
export type NoticeCategory = '防疫' | '核酸' | '物资' | '生活' | '其他';

/**
 * Who a notice is for. `buildings` is written the way people write it ("3-27, 30"); `isolated` means the households
 * with someone under isolation or monitoring when it is published, in the community or in one grid.
 */
export type NoticeScopeInput =
  | { kind: 'community' }
  | { kind: 'grid'; gridId: string }
  | { kind: 'buildings'; buildings: string }
  | { kind: 'isolated'; gridId?: string }
  | { kind: 'households'; householdIds: string[] };

export interface NoticeScopeView {
  kind: NoticeScopeInput['kind'];
  /** 全社区 / 第一网格 / 3-5号楼 / 隔离户（12 户） / 指定住户（3 户） */
  label: string;
}

/** A resident's list entry. */
export interface NoticeListItem {
  noticeId: string;
  title: string;
  /** The first line or so of the body. */
  excerpt: string;
  category: NoticeCategory;
  pinned: boolean;
  requiresAck: boolean;
  /** 社区管理员 赵敏 */
  author: string;
  publishedAt: string;
  expiresAt?: string;
  /** Opened by someone of each of the caller's households it reaches. */
  read: boolean;
  /** 确认收到, where asked for. */
  acknowledged: boolean;
}

export interface NoticeDetail extends NoticeListItem {
  body: string;
  scope: NoticeScopeView;
  /** When the caller's household acknowledged it. */
  acknowledgedAt?: string;
}

/** Staff's list entry: what they published or what reaches their buildings, with how far it got. */
export interface ManagedNoticeItem {
  noticeId: string;
  title: string;
  category: NoticeCategory;
  pinned: boolean;
  requiresAck: boolean;
  author: string;
  publishedAt: string;
  expiresAt?: string;
  expired: boolean;
  scope: NoticeScopeView;
  /** Households it reaches (when published). */
  households: number;
  read: number;
  acknowledged: number;
}

export interface BuildingReceipts {
  buildingId: string;
  buildingName: string;
  households: number;
  read: number;
  acknowledged: number;
  /** Households still to read (or, when acknowledgement is asked for, to acknowledge). */
  outstanding: number;
}

/** The read-receipt view: per building, for the buildings the caller looks after. */
export interface NoticeReceipts {
  notice: ManagedNoticeItem & { body: string };
  buildings: BuildingReceipts[];
  totals: { households: number; read: number; acknowledged: number; outstanding: number };
}

export interface OutstandingHousehold {
  householdId: string;
  /** 4-1-301 */
  label: string;
  read: boolean;
  /** Full numbers: the 楼道长 calls them from here. */
  phones: { name: string; relation: string; phone: string }[];
}

/** 「还有 3 户未读」 for one building, with whom to call. */
export interface OutstandingList {
  noticeId: string;
  buildingId: string;
  buildingName: string;
  /** 还有 3 户未读 / 还有 2 户未确认 / 全部已读 */
  summary: string;
  households: OutstandingHousehold[];
}

/** What the publish form offers the caller: where they may publish. */
export interface NoticeComposer {
  communities: {
    communityId: string;
    name: string;
    /** The scope kinds the caller may use here. */
    kinds: NoticeScopeInput['kind'][];
    grids: { gridId: string; name: string }[];
    /** Buildings within the caller's reach, by number: 3号楼 is number "3". */
    buildings: { buildingId: string; number: string; name: string }[];
  }[];
  categories: NoticeCategory[];
}

/** What a scope resolves to, before publishing: which buildings, how many households. */
export interface ScopePreview {
  scope: NoticeScopeView;
  buildings: { buildingId: string; name: string }[];
  households: number;
}

export interface PublishNoticeInput {
  communityId: string;
  title: string;
  body: string;
  category: NoticeCategory;
  scope: NoticeScopeInput;
  pinned?: boolean;
  /** An instant in the future; left out, the notice does not expire. */
  expiresAt?: string;
  requiresAck?: boolean;
}

export interface NoticeApi {
  /** 发布通知的页面：我可以向哪些范围发布。 */
  'notice.composer': { input: Record<string, never>; output: NoticeComposer };
  /** 发布前预览范围：「3-27, 30」是哪些楼、多少户。 */
  'notice.previewScope': { input: { communityId: string; scope: NoticeScopeInput }; output: ScopePreview };
  /** 网格员、管理员、楼道长（本楼）发布通知：先经内容安全检查；需要时请住户「确认收到」。 */
  'notice.publish': { input: PublishNoticeInput; output: ManagedNoticeItem };
  /** 居民：发给我家的通知，置顶在前，未过期，每页 20 条，附已读 / 未读。 */
  'notice.listMine': { input: { cursor?: string }; output: Page<NoticeListItem> };
  /** 居民：未读通知数（角标）。 */
  'notice.unreadCount': { input: Record<string, never>; output: { count: number; more: boolean } };
  /** 居民打开通知：同时记为本户已读（重复打开只记一次）。 */
  'notice.open': { input: { noticeId: string }; output: NoticeDetail };
  /** 居民「确认收到」。 */
  'notice.acknowledge': { input: { noticeId: string }; output: NoticeDetail };
  /** 工作人员：我发布的或发到我负责楼栋的通知，每页 20 条，附已读数。 */
  'notice.listManaged': { input: { cursor?: string }; output: Page<ManagedNoticeItem> };
  /** 工作人员：一条通知按楼栋的已读、确认情况。 */
  'notice.receipts': { input: { noticeId: string }; output: NoticeReceipts };
  /** 楼道长：本楼还有哪些户未读 / 未确认，附电话。 */
  'notice.outstanding': { input: { noticeId: string; buildingId: string }; output: OutstandingList };
  /** 楼道长电话或上门告知后，代住户记为已确认。 */
  'notice.confirmFor': { input: { noticeId: string; householdId: string; method: 'phone' | 'door' }; output: OutstandingList };
}
