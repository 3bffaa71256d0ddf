/**
 * Sends subscribe messages to the people who allowed them, using up one credit per message as WeChat does. Nothing
 * here can fail the caller: a recipient without consent gets no message, and a send WeChat refuses is logged — the
 * to-do item the caller wrote is what is guaranteed.
 */
import type { Database } from '../platform/database';
import type { Message } from './messages';
import { SUBSCRIPTIONS, type Subscription } from './subscriptions';
import { miniprogramState, templateId, TEMPLATES } from './templates';

export interface OutgoingMessage {
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
  miniprogramState: 'formal' | 'trial' | 'developer';
}

/** cloud.openapi.subscribeMessage.send; throws what WeChat answers (errCode 43101: the user has no consent left). */
export interface Messenger {
  send(message: OutgoingMessage): Promise<unknown>;
}

export interface NotifyDeps {
  db: Database;
  messenger: Messenger;
  log(entry: Record<string, unknown>): void;
}

const NOT_SUBSCRIBED = 43101;

/** Sends `message` to each recipient with a credit left; answers who got it. */
export async function notify(deps: NotifyDeps, recipients: readonly string[], message: Message, at: Date): Promise<string[]> {
  const to = [...new Set(recipients.filter(Boolean))];
  if (!to.length) return [];
  const _ = deps.db.command;
  const id = templateId(message.template);
  const subs = deps.db.collection<Subscription>(SUBSCRIPTIONS);
  const allowed = (
    await subs
      .where({ openid: _.in(to), templateId: id, credits: _.gt(0) })
      .limit(1000)
      .get()
  ).data;
  const sent: string[] = [];
  for (const sub of allowed) {
    // Take the credit first, conditionally: two alerts at once cannot both spend one consent.
    const taken = await subs.where({ _id: sub._id, credits: _.gt(0) }).update({ data: { credits: _.inc(-1), lastSentAt: at } });
    if (!taken.stats.updated) continue;
    try {
      await deps.messenger.send({
        touser: sub.openid,
        templateId: id,
        page: TEMPLATES[message.template].page,
        data: message.data,
        miniprogramState: miniprogramState(),
      });
      sent.push(sub.openid);
    } catch (err) {
      const code = (err as { errCode?: number } | null)?.errCode;
      // WeChat knows better than our record: the user has no consent left (switched off in settings, say).
      if (code === NOT_SUBSCRIBED) await subs.where({ _id: sub._id }).update({ data: { credits: 0 } });
      else
        deps.log({
          level: 'warn',
          what: 'subscribeMessage.send failed',
          template: message.template,
          errCode: code,
          error: err instanceof Error ? err.message : String(err),
        });
    }
  }
  return sent;
}
