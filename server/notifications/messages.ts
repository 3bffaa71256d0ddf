/**
 * The words of each subscribe message, within WeChat's limits per keyword type: `thing` ≤ 20 characters, `name` ≤ 10
 * Chinese characters, `time` a date and time. Pure: text in, keyword data out.
 */
import type { Slot, Symptom, TemplateKey } from '../../typings/contract/health';
import { describeSymptoms } from '../checkIn/symptoms';
import { formatTemperature } from '../checkIn/temperature';
import { SLOT_LABELS } from '../checkIn/slots';
import { shanghaiDateTime } from '../time/shanghai';

export interface Message {
  template: TemplateKey;
  data: Record<string, { value: string }>;
}

/** At most `max` characters as a person counts them; cut text ends in … so nobody mistakes it for the whole. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

export const thing = (text: string) => ({ value: clip(text, 20) });
/** WeChat's `name`: ten Chinese characters, or twenty letters (then only letters, spaces and . · ' -); no digits. */
export function name(text: string): { value: string } {
  const clean = text.replace(/\d/g, '').trim();
  if (/\p{Script=Han}/u.test(clean)) return { value: clip(clean, 10) };
  const latin = Array.from(clean.replace(/[^A-Za-z .·'-]/g, ''))
    .slice(0, 20)
    .join('')
    .trim();
  return { value: latin || '居民' };
}
export const time = (ms: number) => ({ value: shanghaiDateTime(ms) });

/** To a household's user: someone there did not check in. */
export function checkInReminder(p: { names: string[]; slot: Slot; closedAt: number }): Message {
  const who = p.names.length > 1 ? `${p.names[0]}等${p.names.length}人` : (p.names[0] ?? '家人');
  return {
    template: 'checkInReminder',
    data: { thing1: thing(`${who}${SLOT_LABELS[p.slot]}未打卡`), time2: time(p.closedAt), thing3: thing('请联系楼道长补录体温') },
  };
}

/** To the 楼道长, the grid worker and the care team: a fever or a symptom. */
export function abnormalAlert(p: { name: string; label: string; temperature: number; symptoms: Symptom[]; at: number }): Message {
  return {
    template: 'abnormalAlert',
    data: {
      name1: name(p.name),
      thing2: thing(`${p.label} 体温${formatTemperature(p.temperature)}`),
      thing3: thing(describeSymptoms(p.symptoms)),
      time4: time(p.at),
    },
  };
}

/** To the 楼道长 when a slot closes, and to the grid worker when it is escalated. */
export function missedAlert(p: { buildingName: string; count: number; slot: Slot; closedAt: number; escalated: boolean }): Message {
  const what = p.escalated
    ? `${p.buildingName}${p.count}人${SLOT_LABELS[p.slot]}超时未打卡`
    : `${p.buildingName}${p.count}人${SLOT_LABELS[p.slot]}未打卡`;
  return {
    template: 'missedAlert',
    data: {
      thing1: thing(what),
      time2: time(p.closedAt),
      thing3: thing(p.escalated ? '楼道长未能补录，请尽快联系' : '请电话或上门确认，可代为补录'),
    },
  };
}

/** To the users of the households a notice reaches: a new notice, and whether it asks for 确认收到. */
export function noticePublished(p: { title: string; author: string; at: number; requiresAck: boolean }): Message {
  return {
    template: 'noticePublished',
    data: {
      thing1: thing(p.title),
      thing2: thing(p.author),
      time3: time(p.at),
      thing4: thing(p.requiresAck ? '请打开查看并点「确认收到」' : '请打开小程序查看'),
    },
  };
}
