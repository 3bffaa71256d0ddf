/** 通知 as the pages show them: list rows with unread dots and tags, the detail, read counts, the publish form's scope. Pure. */
import type {
  BuildingReceipts,
  ManagedNoticeItem,
  NoticeCategory,
  NoticeComposer,
  NoticeDetail,
  NoticeListItem,
  NoticeScopeInput,
  OutstandingHousehold,
} from '../../typings/contract/notice';
import { shanghaiDateTime } from './profile';

/** TDesign tag themes per category: 防疫 and 核酸 stand out. */
const CATEGORY_THEME: Record<NoticeCategory, 'danger' | 'warning' | 'success' | 'primary' | 'default'> = {
  防疫: 'danger',
  核酸: 'warning',
  物资: 'success',
  生活: 'primary',
  其他: 'default',
};

export interface NoticeRow {
  noticeId: string;
  title: string;
  excerpt: string;
  category: NoticeCategory;
  categoryTheme: string;
  pinned: boolean;
  unread: boolean;
  /** 需确认 / 已确认 / '' */
  ackLabel: string;
  /** 网格员 刘芳 · 11月22日 08:00 */
  meta: string;
  url: string;
}

export function noticeRow(n: NoticeListItem): NoticeRow {
  return {
    noticeId: n.noticeId,
    title: n.title,
    excerpt: n.excerpt,
    category: n.category,
    categoryTheme: CATEGORY_THEME[n.category] ?? 'default',
    pinned: n.pinned,
    unread: !n.read,
    ackLabel: n.requiresAck ? (n.acknowledged ? '已确认' : '需确认收到') : '',
    meta: `${n.author} · ${shanghaiDateTime(n.publishedAt)}`,
    url: `/pages/notice-detail/index?noticeId=${encodeURIComponent(n.noticeId)}`,
  };
}

/** The tab's badge: '' for none, 99+ beyond (the server counts the newest 100). */
export function unreadBadge(c: { count: number; more: boolean }): string {
  if (c.count <= 0) return '';
  return c.more || c.count > 99 ? '99+' : String(c.count);
}

export interface NoticeDetailView {
  noticeId: string;
  title: string;
  /** Paragraphs as written. */
  paragraphs: string[];
  category: NoticeCategory;
  categoryTheme: string;
  pinned: boolean;
  meta: string;
  /** 发送范围：3–5号楼 · 11月23日 18:00 到期 */
  scopeLine: string;
  /** Show 确认收到. */
  canAcknowledge: boolean;
  /** 已于 11月22日 10:05 确认收到 */
  acknowledgedText: string;
}

export function noticeDetailView(d: NoticeDetail): NoticeDetailView {
  return {
    noticeId: d.noticeId,
    title: d.title,
    paragraphs: d.body.split(/\r?\n/).filter((p) => p.trim()),
    category: d.category,
    categoryTheme: CATEGORY_THEME[d.category] ?? 'default',
    pinned: d.pinned,
    meta: `${d.author} · ${shanghaiDateTime(d.publishedAt)}`,
    scopeLine: `发送范围：${d.scope.label}${d.expiresAt ? ` · ${shanghaiDateTime(d.expiresAt)} 到期` : ''}`,
    canAcknowledge: d.requiresAck && !d.acknowledged,
    acknowledgedText:
      d.requiresAck && d.acknowledged ? `已${d.acknowledgedAt ? `于 ${shanghaiDateTime(d.acknowledgedAt)} ` : ''}确认收到` : '',
  };
}

// ── Staff ────────────────────────────────────────────────────────────────────────────────────────────

export interface ManagedRow {
  noticeId: string;
  title: string;
  category: NoticeCategory;
  categoryTheme: string;
  pinned: boolean;
  expired: boolean;
  /** 3–5号楼 · 网格员 刘芳 · 11月22日 08:00 */
  meta: string;
  /** 已读 2/6 户 · 已确认 1 户 */
  progress: string;
  url: string;
}

export function progressText(c: { households: number; read: number; acknowledged: number }, requiresAck: boolean): string {
  return `已读 ${c.read}/${c.households} 户${requiresAck ? ` · 已确认 ${c.acknowledged} 户` : ''}`;
}

export function managedRow(n: ManagedNoticeItem): ManagedRow {
  return {
    noticeId: n.noticeId,
    title: n.title,
    category: n.category,
    categoryTheme: CATEGORY_THEME[n.category] ?? 'default',
    pinned: n.pinned,
    expired: n.expired,
    meta: `${n.scope.label} · ${n.author} · ${shanghaiDateTime(n.publishedAt)}`,
    progress: progressText(n, n.requiresAck),
    url: `/packages/leader/pages/notice-receipts/index?noticeId=${encodeURIComponent(n.noticeId)}`,
  };
}

export interface ReceiptRow {
  buildingId: string;
  buildingName: string;
  progress: string;
  /** 还有 2 户未确认 / 全部已读 */
  outstandingText: string;
  done: boolean;
  /** 0–100 for the progress bar. */
  percent: number;
}

export function receiptRow(b: BuildingReceipts, requiresAck: boolean): ReceiptRow {
  const doneCount = requiresAck ? b.acknowledged : b.read;
  return {
    buildingId: b.buildingId,
    buildingName: b.buildingName,
    progress: progressText(b, requiresAck),
    outstandingText: b.outstanding ? `还有 ${b.outstanding} 户${requiresAck ? '未确认' : '未读'}` : requiresAck ? '全部已确认' : '全部已读',
    done: b.outstanding === 0,
    percent: b.households ? Math.round((doneCount / b.households) * 100) : 100,
  };
}

export interface OutstandingRow {
  householdId: string;
  label: string;
  /** 已读未确认 / 未读 */
  state: string;
  phones: { name: string; relation: string; phone: string }[];
  /** 没有登记电话，请上门告知 */
  noPhone: boolean;
}

export function outstandingRow(h: OutstandingHousehold): OutstandingRow {
  return {
    householdId: h.householdId,
    label: h.label,
    state: h.read ? '已读未确认' : '未读',
    phones: h.phones,
    noPhone: h.phones.length === 0,
  };
}

// ── The publish form ─────────────────────────────────────────────────────────────────────────────────

export const SCOPE_LABELS: Record<NoticeScopeInput['kind'], string> = {
  community: '全社区',
  grid: '网格',
  buildings: '楼栋',
  isolated: '隔离户',
  households: '指定住户',
};

export interface ScopeForm {
  kind: NoticeScopeInput['kind'];
  gridId: string;
  buildings: string;
  householdIds: string[];
}

/** The scope the form describes, or the message to show under it. */
export function scopeFromForm(f: ScopeForm): { ok: true; scope: NoticeScopeInput } | { ok: false; message: string } {
  switch (f.kind) {
    case 'community':
      return { ok: true, scope: { kind: 'community' } };
    case 'grid':
      return f.gridId ? { ok: true, scope: { kind: 'grid', gridId: f.gridId } } : { ok: false, message: '请选择网格' };
    case 'buildings':
      return f.buildings.trim()
        ? { ok: true, scope: { kind: 'buildings', buildings: f.buildings.trim() } }
        : { ok: false, message: '请填写楼号，例如「3-5, 8」' };
    case 'isolated':
      return { ok: true, scope: f.gridId ? { kind: 'isolated', gridId: f.gridId } : { kind: 'isolated' } };
    case 'households':
      return f.householdIds.length
        ? { ok: true, scope: { kind: 'households', householdIds: f.householdIds } }
        : { ok: false, message: '请至少选择一户' };
  }
}

/** The kinds offered in one community, as radio options. */
export function scopeOptions(c: NoticeComposer['communities'][number]): { value: NoticeScopeInput['kind']; label: string }[] {
  return c.kinds.map((k) => ({ value: k, label: SCOPE_LABELS[k] }));
}

/** A building's rooms to tick for 指定住户: 1单元 301. */
export function roomOptions(units: { unit: string; rooms: { householdId: string; room: string }[] }[]): { value: string; label: string }[] {
  return units.flatMap((u) => u.rooms.map((r) => ({ value: r.householdId, label: `${u.unit}单元 ${r.room}` })));
}

export type ExpiryChoice = 'none' | '1' | '3' | '7';

export const EXPIRY_OPTIONS: { value: ExpiryChoice; label: string }[] = [
  { value: 'none', label: '不过期' },
  { value: '1', label: '1 天' },
  { value: '3', label: '3 天' },
  { value: '7', label: '7 天' },
];

/** The chosen number of days from now, as the instant the contract takes (undefined: no expiry). */
export function expiryFrom(choice: ExpiryChoice, nowMs: number): string | undefined {
  return choice === 'none' ? undefined : new Date(nowMs + Number(choice) * 86_400_000).toISOString();
}

/** 将发送给 3–5号楼，共 72 户 */
export function previewText(p: { scope: { label: string }; households: number }): string {
  return `将发送给 ${p.scope.label}，共 ${p.households} 户`;
}
