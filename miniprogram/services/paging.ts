/** Lists page through data: 20 a page on screen, never "load everything" (DESIGN.md). */
export const PAGE_SIZE = 20;

/** What a list action takes: where to continue (null = from the start) and how many. */
export interface PageQuery {
  cursor: string | null;
  limit: number;
}

/** What a list action answers: one page and where the next one starts (null = no more). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The query for the page that starts at `cursor`. */
export function pageQuery(cursor: string | null): PageQuery {
  return { cursor, limit: PAGE_SIZE };
}

/**
 * Pure: one screen's page of a list an action answers whole (binding.pending, role.list): 20 on screen at a time,
 * the cursor being the index of the next item.
 */
export function pageOf<T>(all: T[], cursor: string | null): Page<T> {
  const start = cursor === null ? 0 : Math.max(0, Number(cursor) || 0);
  const end = Math.min(start + PAGE_SIZE, all.length);
  return { items: all.slice(start, end), nextCursor: end < all.length ? String(end) : null };
}
