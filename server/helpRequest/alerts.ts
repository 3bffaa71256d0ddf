/**
 * Telling people about a help request: everyone behind the audiences, by name, gets a subscribe message where they
 * allowed one (urgency 1 and escalations only — a request to take out the rubbish does not wake anyone at 2 a.m.) and
 * is written into the request's alert log either way; the to-do item, addressed by scope, is what is guaranteed.
 */
import type { Assignment } from '../assignment/assignment';
import { COLLECTIONS } from '../community/records';
import { thing, time, type Message } from '../notifications/messages';
import { notify, type NotifyDeps } from '../notifications/notifier';
import { ROLE_LABELS } from '../policy/roles';
import type { Audience } from '../tasks/task';
import { LEVEL_LABELS, URGENCY_LABELS, type HelpAlert, type HelpRequest } from './helpRequest';

/** 求助内容, 情况说明, 求助时间, 处理要求 (templates.ts `helpAlert`). */
export function helpAlertMessage(r: HelpRequest, reason: HelpAlert['reason']): Message {
  const ask =
    reason === 'escalated'
      ? `无人接单，已升级至${LEVEL_LABELS[r.level]}`
      : r.urgency === 1
        ? '危及生命，请立即接单'
        : `${URGENCY_LABELS[r.urgency]}，请尽快接单`;
  return {
    template: 'helpAlert',
    data: {
      thing1: thing(`${r.label} ${r.category}`),
      thing2: thing(`${r.flags.length ? `${r.flags.join('、')}：` : ''}${r.description}`),
      time3: time(r.createdAt.getTime()),
      thing4: thing(ask),
    },
  };
}

interface Person {
  openid: string;
  who: string;
  role: HelpAlert['role'];
}

/** The active staff behind the audiences who use the app, in one request; one entry per person (their first role). */
export async function peopleOf(deps: NotifyDeps, communityId: string, audiences: Audience[]): Promise<Person[]> {
  if (!audiences.length) return [];
  const _ = deps.db.command;
  const staff = (
    await deps.db
      .collection<Assignment>(COLLECTIONS.assignments)
      .where({ communityId, status: 'active', role: _.in([...new Set(audiences.map((a) => a.role))]) })
      .limit(1000)
      .get()
  ).data;
  const out = new Map<string, Person>();
  for (const a of audiences) {
    for (const s of staff) {
      if (!s.openid || s.role !== a.role || out.has(s.openid)) continue;
      const covers =
        a.role === 'communityAdmin' || (a.role === 'gridWorker' ? s.gridId === a.scopeId : (s.buildingIds ?? []).includes(a.scopeId));
      if (covers) out.set(s.openid, { openid: s.openid, who: `${ROLE_LABELS[s.role]} ${s.name}`, role: s.role });
    }
  }
  return [...out.values()];
}

/** Alerts the people behind `audiences`; answers the alert-log entries (who, when, whether the push arrived). */
export async function alertPeople(
  deps: NotifyDeps,
  r: HelpRequest,
  audiences: Audience[],
  reason: HelpAlert['reason'],
  at: Date,
): Promise<HelpAlert[]> {
  const people = await peopleOf(deps, r.communityId, audiences);
  const push = r.urgency === 1 || reason === 'escalated';
  const pushed = new Set(
    push
      ? await notify(
          deps,
          people.map((p) => p.openid),
          helpAlertMessage(r, reason),
          at,
        )
      : [],
  );
  return people.map((p) => ({ at, openid: p.openid, who: p.who, role: p.role, reason, pushed: pushed.has(p.openid) }));
}
