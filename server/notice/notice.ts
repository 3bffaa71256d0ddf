/**
 * 通知: a broadcast from the community's staff to a scope — the whole community, a grid, some buildings, the isolated
 * households, or named households — with a category, an optional expiry, pinning and "确认收到" when asked for.
 *
 * Who it reaches is stored on the notice as audience keys (`community:c1`, `grid:g1`, `building:b3`, `household:h1`),
 * so a resident's list is one indexed query over the few keys of their own households, however large the scope.
 * Nothing is written per household at publish time: a receipt appears when a household opens it.
 * Pure: time and ids come in as arguments.
 */
import type { ManagedNoticeItem, NoticeCategory, NoticeListItem, NoticeScopeInput, NoticeScopeView } from '../../typings/contract/notice';
import { AppError } from '../platform/errors';
import type { HouseholdLink } from '../policy/roles';

export const NOTICES = 'notices';

export const CATEGORIES: readonly NoticeCategory[] = ['防疫', '核酸', '物资', '生活', '其他'];
export const TITLE_MAX = 30;
/** WeChat's content check reads at most 2,500 characters; title and body go through it together. */
export const BODY_MAX = 2000;
/** A notice that stays up longer than this should be published again: lists stay about now. */
export const MAX_EXPIRY_DAYS = 90;
/** Stands in for "no expiry", so "not expired" is one range condition in the index. */
export const NEVER = new Date('2100-01-01T00:00:00.000Z');
export const MAX_NAMED_HOUSEHOLDS = 50;

export type ScopeKind = NoticeScopeInput['kind'];

/** How many households of one building a notice reaches (a snapshot at publishing: totals for the receipt view). */
export interface BuildingReach {
  buildingId: string;
  gridId: string;
  buildingName: string;
  households: number;
}

export interface Notice {
  _id: string;
  communityId: string;
  title: string;
  body: string;
  category: NoticeCategory;
  scope: NoticeScopeView;
  /** Resident-side keys: `community:` / `grid:` / `building:` / `household:` ids. */
  audience: string[];
  /** Every building and grid it reaches: staff-side lists and receipts. */
  buildingIds: string[];
  gridIds: string[];
  reach: BuildingReach[];
  /** For named and isolated scopes: the households themselves (bounded: named ≤ 50, isolated ≤ those isolated). */
  householdIds?: string[];
  householdCount: number;
  /** 1 when pinned: sorts before 0 (numbers sort the same in every database). */
  pinRank: 0 | 1;
  requiresAck: boolean;
  expiresAt?: Date;
  /** expiresAt, or NEVER. */
  liveUntil: Date;
  status: 'published';
  authorOpenid: string;
  /** 网格员 刘芳 */
  authorName: string;
  publishedAt: Date;
  /**
   * The subscribe message: `pending` until the noticePush timer claims it (push.ts), then `sent`. Notices published
   * before the timer existed have none (their message went out while publishing).
   */
  pushState?: 'pending' | 'sent';
  pushedAt?: Date;
}

export const audienceKey = {
  community: (id: string) => `community:${id}`,
  grid: (id: string) => `grid:${id}`,
  building: (id: string) => `building:${id}`,
  household: (id: string) => `household:${id}`,
};

/** The keys a user's households answer to: what their notice list is made of. */
export function keysOfHouseholds(links: readonly Pick<HouseholdLink, 'communityId' | 'gridId' | 'buildingId' | 'householdId'>[]): string[] {
  return [
    ...new Set(
      links.flatMap((h) => [
        audienceKey.community(h.communityId),
        audienceKey.grid(h.gridId),
        audienceKey.building(h.buildingId),
        audienceKey.household(h.householdId),
      ]),
    ),
  ];
}

/** The caller's households this notice reaches (a proxy's parents' home counts as theirs). */
export function coveredHouseholds<L extends Pick<HouseholdLink, 'communityId' | 'gridId' | 'buildingId' | 'householdId'>>(
  notice: Pick<Notice, 'audience'>,
  links: readonly L[],
): L[] {
  const keys = new Set(notice.audience);
  return links.filter((h) => keysOfHouseholds([h]).some((k) => keys.has(k)));
}

/** The expiry, checked against now: in the future, and not absurdly far. */
export function checkExpiry(expiresAt: Date | undefined, now: Date): Date | undefined {
  if (!expiresAt) return undefined;
  if (expiresAt.getTime() <= now.getTime()) {
    throw new AppError('NOTICE.EXPIRY_PAST', '到期时间已经过去了，请选择以后的时间，或不设到期时间', { expiresAt: '到期时间已过' });
  }
  if (expiresAt.getTime() - now.getTime() > MAX_EXPIRY_DAYS * 86_400_000) {
    throw new AppError('NOTICE.EXPIRY_TOO_FAR', `到期时间最多设在 ${MAX_EXPIRY_DAYS} 天以内`, { expiresAt: `最多 ${MAX_EXPIRY_DAYS} 天` });
  }
  return expiresAt;
}

export function isExpired(n: Pick<Notice, 'liveUntil'>, now: Date): boolean {
  return n.liveUntil.getTime() <= now.getTime();
}

/** The first line of the body, short enough for a list row. */
export function excerpt(body: string, max = 60): string {
  const line =
    body
      .split(/\r?\n/)
      .find((l) => l.trim())
      ?.trim() ?? '';
  const chars = Array.from(line);
  return chars.length <= max ? line : `${chars.slice(0, max - 1).join('')}…`;
}

export function scopeLabel(
  kind: ScopeKind,
  p: { gridName?: string; buildingNames?: string[]; households?: number; within?: string },
): string {
  switch (kind) {
    case 'community':
      return '全社区';
    case 'grid':
      return p.gridName ?? '网格';
    case 'buildings':
      return (p.buildingNames ?? []).join('、');
    case 'isolated':
      return `${p.within ? `${p.within}` : ''}隔离户（${p.households ?? 0} 户）`;
    case 'households':
      return `指定住户（${p.households ?? 0} 户）`;
  }
}

// ── Views ────────────────────────────────────────────────────────────────────────────────────────────

export interface ReadState {
  read: boolean;
  acknowledged: boolean;
  acknowledgedAt?: Date;
}

export function listItem(n: Notice, state: ReadState): NoticeListItem {
  return {
    noticeId: n._id,
    title: n.title,
    excerpt: excerpt(n.body),
    category: n.category,
    pinned: n.pinRank === 1,
    requiresAck: n.requiresAck,
    author: n.authorName,
    publishedAt: n.publishedAt.toISOString(),
    ...(n.expiresAt ? { expiresAt: n.expiresAt.toISOString() } : {}),
    read: state.read,
    acknowledged: state.acknowledged,
  };
}

export function managedItem(n: Notice, counts: { households: number; read: number; acknowledged: number }, now: Date): ManagedNoticeItem {
  return {
    noticeId: n._id,
    title: n.title,
    category: n.category,
    pinned: n.pinRank === 1,
    requiresAck: n.requiresAck,
    author: n.authorName,
    publishedAt: n.publishedAt.toISOString(),
    ...(n.expiresAt ? { expiresAt: n.expiresAt.toISOString() } : {}),
    expired: isExpired(n, now),
    scope: n.scope,
    ...counts,
  };
}

// ── Paging: pinned first, then newest first ──────────────────────────────────────────────────────────

export interface NoticeCursor {
  pinRank: number;
  publishedAt: number;
  id: string;
}

export const encodeCursor = (n: Pick<Notice, 'pinRank' | 'publishedAt' | '_id'>): string =>
  `${n.pinRank}.${n.publishedAt.getTime()}.${n._id}`;

export function decodeCursor(cursor: string): NoticeCursor {
  const m = /^([01])\.(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/.exec(cursor);
  if (!m) throw new AppError('INPUT.INVALID', '列表位置无效，请下拉刷新', { cursor: '无效' });
  return { pinRank: Number(m[1]), publishedAt: Number(m[2]), id: m[3] };
}

/** The order of every notice list, for tests and in-memory merges: pinned, newest, id. */
export function compareNotices(
  a: Pick<Notice, 'pinRank' | 'publishedAt' | '_id'>,
  b: Pick<Notice, 'pinRank' | 'publishedAt' | '_id'>,
): number {
  return b.pinRank - a.pinRank || b.publishedAt.getTime() - a.publishedAt.getTime() || (a._id < b._id ? 1 : a._id > b._id ? -1 : 0);
}
