/**
 * Checks of the fields people type about a person (name, mainland mobile), with the same Chinese messages the
 * `community` function answers in `fields` (server/platform/validation.ts, server/community/fields.ts). The form
 * says what is wrong before a round trip; the server stays the authority and its `fields` are shown the same way.
 */
import type { Relation } from '../../typings/contract/community';

export const RELATIONS: readonly Relation[] = ['本人', '配偶', '子女', '父母', '祖父母', '孙辈', '兄弟姐妹', '租户', '其他'];

export const NAME_MAX = 20;

const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

/** Field problems by field name, as the envelope's `fields`. */
export type FieldErrors = Record<string, string>;

/** Accepts what people type — spaces, dashes, a +86 prefix — and answers the 11 digits, or null. */
export function normaliseMobile(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  return MAINLAND_MOBILE.test(digits) ? digits : null;
}

/** Pure: the problem with a name, or '' when it is fine. Length as a person counts characters. */
export function nameProblem(name: string): string {
  const length = Array.from(name.trim()).length;
  if (length === 0) return '请填写姓名';
  if (length > NAME_MAX) return `姓名最多 ${NAME_MAX} 个字，现在有 ${length} 个字`;
  return '';
}

/** Pure: the problem with a mobile number, or ''. `optional`: an empty number is fine (a parent without a phone). */
export function mobileProblem(phone: string, optional = false): string {
  if (!phone.trim()) return optional ? '' : '请填写手机号';
  return normaliseMobile(phone) ? '' : '请填写 11 位大陆手机号，如 13812345678';
}

/** Pure: only the problems that are there. */
export function compactErrors(errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [key, message] of Object.entries(errors)) if (message) out[key] = message;
  return out;
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.keys(errors).length > 0;
}

/** The picker's options for 与户主关系. */
export function relationOptions(): { label: string; value: Relation }[] {
  return RELATIONS.map((r) => ({ label: r, value: r }));
}

/** Pure: the problem with a free-text field (a reason, a note), or ''. Same words as the server's string fields. */
export function textProblem(label: string, value: string, max: number, required: boolean): string {
  const length = Array.from(value.trim()).length;
  if (length === 0) return required ? `请填写${label}` : '';
  return length > max ? `${label}最多 ${max} 个字，现在有 ${length} 个字` : '';
}
