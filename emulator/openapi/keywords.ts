/**
 * Subscribe-message keyword rules. A template's keyword name carries its type (`thing1`, `time2`,
 * `character_string3`, `phone_number4`); WeChat rejects a value that breaks the type's rule with errcode
 * 47003. The limits are those of WeChat's subscribeMessage.send documentation ("订阅消息参数值内容限制").
 */

type Check = (value: string) => 'ok' | 'too_long' | 'invalid';

const chars = (s: string) => [...s].length;
const han = /\p{Script=Han}/u;

const TIME = String.raw`(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?`;
const DATE = String.raw`\d{4}(?:年\d{1,2}月\d{1,2}日|[-/.]\d{1,2}[-/.]\d{1,2})`;
const range = (one: string) => new RegExp(`^${one}(?:\\s*~\\s*${one})?$`);
const timeValue = range(`(?:${DATE}\\s*)?${TIME}`);
const dateValue = range(`${DATE}(?:\\s*${TIME})?`);

function limited(max: number, pattern: RegExp): Check {
  return (v) => (chars(v) > max ? 'too_long' : pattern.test(v) ? 'ok' : 'invalid');
}

const RULES: Record<string, Check> = {
  thing: (v) => (chars(v) > 20 ? 'too_long' : 'ok'),
  number: limited(32, /^[+-]?\d+(?:\.\d+)?$/),
  letter: limited(32, /^[A-Za-z]+$/),
  symbol: limited(5, /^[^\p{L}\p{N}\s]+$/u),
  character_string: limited(32, /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/),
  time: (v) => (timeValue.test(v) ? 'ok' : 'invalid'),
  date: (v) => (dateValue.test(v) ? 'ok' : 'invalid'),
  // One currency symbol, at most 10 digits, an optional decimal part and an optional trailing 元.
  amount: (v) => (/^[¥￥$€£]?\d{1,10}(?:\.\d{1,2})?元?$/.test(v) ? 'ok' : 'invalid'),
  phone_number: limited(17, /^[\d+\-() ]+$/),
  car_number: (v) =>
    chars(v) > 8 ? 'too_long' : /^[\p{Script=Han}A-Za-z0-9][A-Za-z0-9]*[\p{Script=Han}A-Za-z0-9]?$/u.test(v) ? 'ok' : 'invalid',
  // Ten Chinese characters, or twenty letters; mixed names count as Chinese.
  name: (v) => (han.test(v) ? (chars(v) > 10 ? 'too_long' : /\d/.test(v) ? 'invalid' : 'ok') : limited(20, /^[A-Za-z .·'-]+$/)(v)),
  phrase: limited(5, /^\p{Script=Han}+$/u),
};

/** The keyword type of a data key: `character_string12` → `character_string`. */
export function keywordType(key: string): string | undefined {
  const type = /^([a-z_]+?)\d+$/.exec(key)?.[1];
  return type !== undefined && type in RULES ? type : undefined;
}

/**
 * Validates `data` as WeChat does; returns the 47003 errmsg (without the rid) or null when valid.
 * `expectedKeys` (from a template registry) also demands exactly those keywords.
 */
export function checkTemplateData(data: unknown, expectedKeys?: readonly string[]): string | null {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return 'argument invalid! data is not an object';
  const entries = Object.entries(data as Record<string, unknown>);
  if (entries.length === 0) return 'argument invalid! data is empty';
  for (const key of expectedKeys ?? []) {
    if (!(key in (data as object))) return `argument invalid! data.${key}.value is empty`;
  }
  for (const [key, item] of entries) {
    if (expectedKeys && !expectedKeys.includes(key)) return `argument invalid! data.${key} is not a keyword of the template`;
    const type = keywordType(key);
    if (!type) return `argument invalid! data.${key} is not a valid keyword`;
    const raw = item !== null && typeof item === 'object' ? (item as { value?: unknown }).value : undefined;
    const value = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : raw;
    if (typeof value !== 'string' || value.trim() === '') return `argument invalid! data.${key}.value is empty`;
    const verdict = RULES[type](value);
    if (verdict === 'too_long') return `argument invalid! data.${key}.value exceed max length`;
    if (verdict === 'invalid') return `argument invalid! data.${key}.value invalid`;
  }
  return null;
}
