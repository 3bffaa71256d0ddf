/**
 * The subscribe message of a new notice, sent by the `noticePush` timer (every minute), not by the publishing call.
 *
 * Why a timer: WeChat sends one message per call and each spends one consent (a conditional update first), so a
 * notice to a grid where 1,000 people allowed the message is 2,000 requests more. Inside the publishing call that
 * is seconds of waiting for the grid worker and a request count that grows with the grid; and a cloud function
 * cannot answer first and send afterwards (its instance is frozen once it answers). So publishing marks the notice
 * `pushState: 'pending'` and answers; within a minute the timer claims it and sends, a few sends at a time.
 *
 * At most once: the timer claims a notice (pending → sent, conditionally) before sending anything, so two ticks never
 * both send it, and a tick cut short leaves some people without the message rather than anyone with it twice — the
 * unread badge is there either way.
 */
import { COLLECTIONS } from '../community/records';
import type { Message } from '../notifications/messages';
import { noticePublished } from '../notifications/messages';
import { notify, type NotifyDeps } from '../notifications/notifier';
import type { Database } from '../platform/database';
import { isExpired, NOTICES, type Notice } from './notice';

/** Notices looked at per tick; no new one is claimed once a tick has sent for 20 s (the function may run 60 s). */
export const PUSH_PER_TICK = 10;
const CLAIM_WITHIN_MS = 20_000;
/** Recipients per notify() call (one query for their consents, then one send each) and how many such calls run at once. */
const CHUNK = 50;
const LANES = 5;
const PAGE = 1000;
const MAX_PAGES = 10;

/**
 * The users of the households a notice reaches, 1,000 a page (CloudBase's largest), up to 10 pages — a whole
 * community under lockdown; beyond that the rest still see the unread badge.
 */
async function recipientsOf(db: Database, n: Notice, log: NotifyDeps['log']): Promise<string[]> {
  const _ = db.command;
  const where = n.householdIds ? { 'households.householdId': _.in(n.householdIds) } : { 'households.buildingId': _.in(n.buildingIds) };
  const users = db.collection<{ _id: string }>(COLLECTIONS.users);
  const found = new Set<string>();
  for (let page = 0; page < MAX_PAGES; page++) {
    const ids = (
      await users
        .where(where)
        .field({ _id: true })
        .orderBy('_id', 'asc') // pages of an unsorted query may overlap or leave a gap between them
        .skip(page * PAGE)
        .limit(PAGE)
        .get()
    ).data.map((u) => u._id);
    ids.forEach((id) => found.add(id));
    if (ids.length < PAGE) return [...found];
  }
  log({ level: 'warn', what: `notice push limited to the first ${PAGE * MAX_PAGES} users`, noticeId: n._id });
  return [...found];
}

/** Sends to every recipient with a consent left, `LANES` chunks at a time; answers how many got it. */
async function sendInLanes(deps: NotifyDeps, recipients: string[], message: Message, at: Date): Promise<number> {
  const chunks: string[][] = [];
  for (let i = 0; i < recipients.length; i += CHUNK) chunks.push(recipients.slice(i, i + CHUNK));
  let sent = 0;
  const lane = async () => {
    for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) sent += (await notify(deps, chunk, message, at)).length;
  };
  await Promise.all(Array.from({ length: Math.min(LANES, chunks.length) }, lane));
  return sent;
}

function stopwatch(): () => number {
  const started = Date.now();
  return () => Date.now() - started;
}

/** The `noticePush` timer: the oldest notices not pushed yet, each claimed, then sent to those who allowed it. */
export async function pushPublished(
  deps: NotifyDeps,
  now: Date,
  elapsedMs: () => number = stopwatch(),
): Promise<{ notices: number; sent: number }> {
  const notices = deps.db.collection<Notice>(NOTICES);
  const pending = (await notices.where({ pushState: 'pending' }).orderBy('publishedAt', 'asc').limit(PUSH_PER_TICK).get()).data;
  let pushed = 0;
  let sent = 0;
  for (const n of pending) {
    if (elapsedMs() > CLAIM_WITHIN_MS) break; // the rest wait for the next minute, still pending
    const claimed = await notices.where({ _id: n._id, pushState: 'pending' }).update({ data: { pushState: 'sent', pushedAt: now } });
    if (!claimed.stats.updated) continue; // another tick has it
    pushed++;
    if (isExpired(n, now)) continue; // nobody should be called to a notice that is no longer up
    const recipients = await recipientsOf(deps.db, n, deps.log);
    const message = noticePublished({ title: n.title, author: n.authorName, at: n.publishedAt.getTime(), requiresAck: n.requiresAck });
    sent += await sendInLanes(deps, recipients, message, now);
  }
  return { notices: pushed, sent };
}
