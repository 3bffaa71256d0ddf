/** 订阅消息: which templates there are and what the caller allowed; recording a prompt's answers. */
import type { HealthApi, SubscriptionTemplate } from '../../typings/contract/health';
import type { HealthDeps } from '../health/deps';
import { stableId } from '../household/household';
import { CommonErrors } from '../platform/errors';
import type { ActionSpec } from '../platform/router';
import { field } from '../platform/validation';
import { recordAnswers, subscriptionsOf } from './subscriptions';
import { TEMPLATE_KEYS, TEMPLATES, templateId, templateKeyOf } from './templates';

type Spec<K extends keyof HealthApi> = ActionSpec<HealthApi[K]['input'], HealthApi[K]['output']>;

async function mine(deps: HealthDeps, openid: string): Promise<SubscriptionTemplate[]> {
  const ids = TEMPLATE_KEYS.map((k) => templateId(k));
  const subs = await subscriptionsOf(deps.db, openid, ids);
  return TEMPLATE_KEYS.map((key) => ({
    key,
    templateId: templateId(key),
    title: TEMPLATES[key].title,
    audience: TEMPLATES[key].audience,
    remaining: subs.find((s) => s.templateId === templateId(key))?.credits ?? 0,
  }));
}

export function mySubscriptions(deps: HealthDeps): Spec<'subscription.mine'> {
  return {
    summary: 'The subscribe-message templates (ids for wx.requestSubscribeMessage) and how many messages of each the caller still allows',
    input: field.object({}),
    async handle(ctx) {
      return mine(deps, ctx.caller.openid);
    },
  };
}

const templateIdField = field.string({ label: '消息模板', max: 64, pattern: /^[A-Za-z0-9_-]+$/, patternMessage: '消息模板编号格式不正确' });

export function recordSubscription(deps: HealthDeps): Spec<'subscription.record'> {
  return {
    summary: 'Records the answers of one wx.requestSubscribeMessage prompt: each accepted template allows one more message',
    input: field.object({
      templateIds: field.array(templateIdField, { label: '消息模板', min: 1, max: 3, unique: true }),
      accepted: field.array(templateIdField, { label: '同意的消息模板', max: 3, unique: true }),
    }),
    requiresRequestId: true,
    async handle(ctx, input) {
      const unknown = input.templateIds.filter((id) => !templateKeyOf(id));
      if (unknown.length)
        throw CommonErrors.inputInvalid('有不认识的消息模板，请更新小程序后重试', { templateIds: `不认识：${unknown.join('、')}` });
      if (input.accepted.some((id) => !input.templateIds.includes(id))) {
        throw CommonErrors.inputInvalid('同意的模板应当是询问过的模板', { accepted: '不在询问的模板中' });
      }
      const answers = input.templateIds.map((id) => ({
        templateId: id,
        template: templateKeyOf(id)!,
        accepted: input.accepted.includes(id),
      }));
      await recordAnswers(deps.db, ctx.caller.openid, answers, stableId('subreq', ctx.caller.openid, ctx.requestId!), ctx.now);
      return mine(deps, ctx.caller.openid);
    },
  };
}
