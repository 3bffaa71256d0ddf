/**
 * Phone numbers: a mainland mobile is what a 楼道长 can call. Shown in full only to those who need it,
 * masked (138****1234) for everyone else (PIPL: the minimum necessary).
 */
const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

/** Accepts what people type — spaces, dashes, a +86 prefix — and answers the 11 digits, or null. */
export function normaliseMobile(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  return MAINLAND_MOBILE.test(digits) ? digits : null;
}

export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone.replace(/\d(?=\d{4})/g, '*');
}
