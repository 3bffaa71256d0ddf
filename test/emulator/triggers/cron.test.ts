import { firingsBetween, nextFiring, parseCron } from '../../../emulator/triggers/cron';

// Shanghai wall-clock time → epoch ms (UTC+8, no DST).
const sh = (iso: string) => Date.parse(`${iso}+08:00`);
const shIso = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().replace('.000Z', '');

describe('CloudBase 7-field cron on the Shanghai clock', () => {
  it('fires at 21:00 Shanghai, which is 13:00 UTC', () => {
    const c = parseCron('0 0 21 * * * *');
    const t = nextFiring(c, sh('2026-11-22T08:00:00'));
    expect(new Date(t!).toISOString()).toBe('2026-11-22T13:00:00.000Z');
  });

  it('is strictly after the given instant', () => {
    const c = parseCron('0 0 21 * * * *');
    expect(shIso(nextFiring(c, sh('2026-11-22T21:00:00'))!)).toBe('2026-11-23T21:00:00');
  });

  it('rolls over month and year ends', () => {
    const c = parseCron('0 30 0 1 * * *');
    expect(shIso(nextFiring(c, sh('2026-12-15T00:00:00'))!)).toBe('2027-01-01T00:30:00');
  });

  it('understands lists, ranges, steps and names', () => {
    const c = parseCron('0 */10 12,23 * * MON-FRI *');
    // 2026-11-22 is a Sunday: the next firing is Monday 12:00.
    expect(shIso(nextFiring(c, sh('2026-11-22T13:00:00'))!)).toBe('2026-11-23T12:00:00');
    expect(shIso(nextFiring(c, sh('2026-11-23T12:00:00'))!)).toBe('2026-11-23T12:10:00');
    expect(shIso(nextFiring(c, sh('2026-11-23T12:50:00'))!)).toBe('2026-11-23T23:00:00');
  });

  it('treats day and weekday as either-or when both are restricted, like classic cron', () => {
    const c = parseCron('0 0 9 1 * SUN *');
    expect(shIso(nextFiring(c, sh('2026-11-21T10:00:00'))!)).toBe('2026-11-22T09:00:00'); // a Sunday
    expect(shIso(nextFiring(c, sh('2026-11-29T10:00:00'))!)).toBe('2026-12-01T09:00:00'); // the 1st
  });

  it('lists every firing in a span the clock jumped over, oldest first', () => {
    const c = parseCron('0 0 */1 * * * *');
    const times = firingsBetween(c, sh('2026-11-22T20:30:00'), sh('2026-11-22T23:00:00')).map(shIso);
    expect(times).toEqual(['2026-11-22T21:00:00', '2026-11-22T22:00:00', '2026-11-22T23:00:00']);
  });

  it('honours a year field and ends when the years run out', () => {
    const c = parseCron('0 0 0 1 1 * 2027');
    expect(shIso(nextFiring(c, sh('2026-06-01T00:00:00'))!)).toBe('2027-01-01T00:00:00');
    expect(nextFiring(c, sh('2027-01-01T00:00:00'))).toBeNull();
  });

  it.each(['0 0 21 * * *', '61 0 0 * * * *', '0 0 25 * * * *', '0 0 0 5-1 * * *', '0 0 0 * * * */0', 'a b c d e f g'])('rejects %s', (expr) => {
    expect(() => parseCron(expr)).toThrow(/cron/);
  });
});
