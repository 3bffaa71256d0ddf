import type { Page } from './paging';

export interface NoticeSummary {
  id: string;
  title: string;
  publishedAt: string;
  read: boolean;
}

/**
 * 通知 arrive with the notices feature (a `notice` cloud function). Until it exists there is nothing to list,
 * so this answers an empty page — the page shows its honest empty state, never made-up notices.
 */
export async function fetchMyNotices(_cursor: string | null): Promise<Page<NoticeSummary>> {
  return { items: [], nextCursor: null };
}
