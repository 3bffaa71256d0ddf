/**
 * The subscribe-message templates the app uses, in one place: their ids (set per deployment through environment
 * variables on the cloud function, after the templates are chosen in the mini program's admin console), the keyword
 * fields each template has, and the page a tap opens. Keyword names carry their WeChat type (`thing1` is at most 20
 * characters, `time2` a time, `name3` a name of at most 10 Chinese characters); messages.ts fills them within those
 * limits, and the local emulator rejects what WeChat would.
 */
import type { TemplateKey } from '../../typings/contract/health';

export interface TemplateSpec {
  key: TemplateKey;
  /** Environment variable that carries the real template id. */
  env: string;
  /** Used when the variable is not set: the local emulator and tests. */
  fallbackId: string;
  title: string;
  audience: string;
  keywords: readonly string[];
  page: string;
}

export const TEMPLATES: Record<TemplateKey, TemplateSpec> = {
  checkInReminder: {
    key: 'checkInReminder',
    env: 'SHOUWANG_TMPL_CHECKIN_REMINDER',
    fallbackId: 'local-checkin-reminder',
    title: '健康打卡提醒',
    audience: '居民',
    // 提醒内容, 截止时间, 温馨提示
    keywords: ['thing1', 'time2', 'thing3'],
    page: 'pages/home/index',
  },
  abnormalAlert: {
    key: 'abnormalAlert',
    env: 'SHOUWANG_TMPL_ABNORMAL_ALERT',
    fallbackId: 'local-abnormal-alert',
    title: '健康异常提醒',
    audience: '工作人员',
    // 姓名, 房号与体温, 症状, 上报时间
    keywords: ['name1', 'thing2', 'thing3', 'time4'],
    page: 'pages/tasks/index',
  },
  missedAlert: {
    key: 'missedAlert',
    env: 'SHOUWANG_TMPL_MISSED_ALERT',
    fallbackId: 'local-missed-alert',
    title: '未打卡提醒',
    audience: '工作人员',
    // 情况, 截止时间, 处理建议
    keywords: ['thing1', 'time2', 'thing3'],
    page: 'pages/tasks/index',
  },
  helpAlert: {
    key: 'helpAlert',
    env: 'SHOUWANG_TMPL_HELP_ALERT',
    fallbackId: 'local-help-alert',
    title: '求助提醒',
    audience: '工作人员',
    // 求助内容, 情况说明, 求助时间, 处理要求
    keywords: ['thing1', 'thing2', 'time3', 'thing4'],
    page: 'pages/tasks/index',
  },
  orderDelivered: {
    key: 'orderDelivered',
    env: 'SHOUWANG_TMPL_ORDER_DELIVERED',
    fallbackId: 'local-order-delivered',
    title: '物资送达通知',
    audience: '居民',
    // 物品, 送达地点, 送达时间, 温馨提示
    keywords: ['thing1', 'thing2', 'time3', 'thing4'],
    page: 'packages/supply/pages/orders/index',
  },
  noticePublished: {
    key: 'noticePublished',
    env: 'SHOUWANG_TMPL_NOTICE_PUBLISHED',
    fallbackId: 'local-notice-published',
    title: '社区通知提醒',
    audience: '居民',
    // 通知标题, 发布人, 发布时间, 温馨提示
    keywords: ['thing1', 'thing2', 'time3', 'thing4'],
    page: 'pages/notices/index',
  },
};

export const TEMPLATE_KEYS = Object.keys(TEMPLATES) as TemplateKey[];

type Env = Record<string, string | undefined>;

export function templateId(key: TemplateKey, env: Env = process.env): string {
  return env[TEMPLATES[key].env]?.trim() || TEMPLATES[key].fallbackId;
}

export function templateKeyOf(id: string, env: Env = process.env): TemplateKey | undefined {
  return TEMPLATE_KEYS.find((k) => templateId(k, env) === id);
}

/** id → keyword names: what the local emulator is given so it checks messages the way WeChat does. */
export function templateRegistry(env: Env = process.env): Record<string, readonly string[]> {
  return Object.fromEntries(TEMPLATE_KEYS.map((k) => [templateId(k, env), TEMPLATES[k].keywords]));
}

/** formal for the released app; a developer build may set `developer` so a tap opens the development version. */
export const miniprogramState = (env: Env = process.env): 'formal' | 'trial' | 'developer' => {
  const s = env.SHOUWANG_MINIPROGRAM_STATE;
  return s === 'trial' || s === 'developer' ? s : 'formal';
};
