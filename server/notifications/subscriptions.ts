/**
 * 订阅: what each user has allowed us to send, per template, as WeChat counts it — every accepted one-time prompt
 * allows one message, and one message uses it up. The page records the answer of `wx.requestSubscribeMessage` here;
 * the sender only sends where a credit is left, so a missing consent is simply no message (the to-do item is what is
 * guaranteed), never a failed check-in.
 */
import type { TemplateKey } from '../../typings/contract/health';
import { stableId } from '../household/household';
import type { Database } from '../platform/database';
import { isDuplicateKey } from '../platform/dbErrors';

export const SUBSCRIPTIONS = 'subscriptions';

export interface Subscription {
  _id: string;
  openid: string;
  templateId: string;
  template: TemplateKey;
  /** Messages allowed and not yet sent. */
  credits: number;
  lastAnswer: 'accept' | 'reject';
  /** The request that last changed it: recording the same answer twice (a retry) counts once. */
  lastRequestKey: string;
  createdAt: Date;
  updatedAt: Date;
}

export const subscriptionId = (openid: string, templateId: string): string => stableId('sub', openid, templateId);

export interface Answer {
  templateId: string;
  template: TemplateKey;
  accepted: boolean;
}

/** Records one prompt's answers; a retried request (same key) changes nothing. */
export async function recordAnswers(db: Database, openid: string, answers: Answer[], requestKey: string, at: Date): Promise<void> {
  const _ = db.command;
  const subs = db.collection<Subscription>(SUBSCRIPTIONS);
  for (const a of answers) {
    const _id = subscriptionId(openid, a.templateId);
    const change = {
      lastAnswer: a.accepted ? 'accept' : 'reject',
      lastRequestKey: requestKey,
      updatedAt: at,
      ...(a.accepted ? { credits: _.inc(1) } : {}),
    };
    // Conditional on the request key, so the same answer arriving twice is counted once.
    for (let attempt = 0; attempt < 2; attempt++) {
      const res = await subs.where({ _id, lastRequestKey: _.neq(requestKey) }).update({ data: change });
      if (res.stats.updated) break;
      const existing = (await subs.where({ _id }).limit(1).get()).data[0];
      if (existing) break; // already recorded by this very request
      const doc: Subscription = {
        _id,
        openid,
        templateId: a.templateId,
        template: a.template,
        credits: a.accepted ? 1 : 0,
        lastAnswer: change.lastAnswer as Subscription['lastAnswer'],
        lastRequestKey: requestKey,
        createdAt: at,
        updatedAt: at,
      };
      try {
        await subs.add({ data: { ...doc } });
        break;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err; // created meanwhile by another request: update it on the next round
      }
    }
  }
}

export async function subscriptionsOf(db: Database, openid: string, templateIds: string[]): Promise<Subscription[]> {
  return (
    await db
      .collection<Subscription>(SUBSCRIPTIONS)
      .where({ openid, templateId: db.command.in(templateIds) })
      .limit(100)
      .get()
  ).data;
}
