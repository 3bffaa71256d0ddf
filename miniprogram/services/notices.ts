/** The typed client of the `notice` cloud function (typings/contract/notice.d.ts): 通知 and their read receipts. */
import type { Page } from '../../typings/contract/community';
import type {
  ManagedNoticeItem,
  NoticeApi,
  NoticeComposer,
  NoticeDetail,
  NoticeListItem,
  NoticeReceipts,
  NoticeScopeInput,
  OutstandingList,
  PublishNoticeInput,
  ScopePreview,
} from '../../typings/contract/notice';
import { functionClient } from '../transport/index';

export type {
  ManagedNoticeItem,
  NoticeComposer,
  NoticeDetail,
  NoticeListItem,
  NoticeReceipts,
  NoticeScopeInput,
  OutstandingList,
  PublishNoticeInput,
  ScopePreview,
};

const notice = functionClient<NoticeApi>('notice');
const page = (cursor: string | null) => (cursor ? { cursor } : {});

/** 发给我家的通知, pinned first, 20 a page. */
export function fetchMyNotices(cursor: string | null): Promise<Page<NoticeListItem>> {
  return notice('notice.listMine', page(cursor));
}

/** The unread badge (newest 100 counted; `more` beyond). */
export function fetchUnreadCount(): Promise<{ count: number; more: boolean }> {
  return notice('notice.unreadCount', {});
}

/** Opening a notice marks it read for the caller's households. */
export function openNotice(noticeId: string): Promise<NoticeDetail> {
  return notice('notice.open', { noticeId });
}

/** 确认收到: doing it twice changes nothing. */
export function acknowledgeNotice(noticeId: string): Promise<NoticeDetail> {
  return notice('notice.acknowledge', { noticeId });
}

// ── Staff ────────────────────────────────────────────────────────────────────────────────────────────

export function fetchComposer(): Promise<NoticeComposer> {
  return notice('notice.composer', {});
}

export function previewScope(communityId: string, scope: NoticeScopeInput): Promise<ScopePreview> {
  return notice('notice.previewScope', { communityId, scope });
}

/** `requestId` is the submit key's: the same on every retry of one submit, so a notice is published once. */
export function publishNotice(input: PublishNoticeInput, requestId: string): Promise<ManagedNoticeItem> {
  return notice('notice.publish', input, { requestId });
}

export function fetchManagedNotices(cursor: string | null): Promise<Page<ManagedNoticeItem>> {
  return notice('notice.listManaged', page(cursor));
}

export function fetchReceipts(noticeId: string): Promise<NoticeReceipts> {
  return notice('notice.receipts', { noticeId });
}

export function fetchOutstanding(noticeId: string, buildingId: string): Promise<OutstandingList> {
  return notice('notice.outstanding', { noticeId, buildingId });
}

/** After a phone call or a knock on the door: counts as read and acknowledged for that household. */
export function confirmFor(noticeId: string, householdId: string, method: 'phone' | 'door'): Promise<OutstandingList> {
  return notice('notice.confirmFor', { noticeId, householdId, method });
}
