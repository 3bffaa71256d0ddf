import {
  addDays,
  dayStart,
  daysBetween,
  isDay,
  minuteOfDay,
  monthDayLabel,
  parseMinutes,
  shanghaiDateTime,
  shanghaiDay,
  formatMinutes,
} from '../../../server/time/shanghai';

describe('the Shanghai calendar, over epoch milliseconds', () => {
  it('puts an instant on the Shanghai day, eight hours ahead of UTC', () => {
    expect(shanghaiDay(Date.parse('2026-11-22T15:59:59Z'))).toBe('2026-11-22');
    expect(shanghaiDay(Date.parse('2026-11-22T16:00:00Z'))).toBe('2026-11-23');
    expect(shanghaiDay(Date.parse('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(minuteOfDay(Date.parse('2026-11-22T00:00:00Z'))).toBe(8 * 60);
    expect(minuteOfDay(Date.parse('2026-11-22T15:59:00Z'))).toBe(23 * 60 + 59);
    expect(dayStart('2026-11-23')).toBe(Date.parse('2026-11-22T16:00:00Z'));
    expect(shanghaiDateTime(Date.parse('2026-11-22T13:00:00Z'))).toBe('2026-11-22 21:00');
  });

  it('counts days across months and years', () => {
    expect(addDays('2026-11-22', 13)).toBe('2026-12-05');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(daysBetween('2026-11-22', '2026-12-05')).toBe(13);
    expect(daysBetween('2026-12-05', '2026-11-22')).toBe(-13);
  });

  it('reads only real days and times', () => {
    expect(isDay('2026-11-22')).toBe(true);
    expect(isDay('2026-02-30')).toBe(false);
    expect(isDay('2026-11-22T00:00')).toBe(false);
    expect(parseMinutes('06:00')).toBe(360);
    expect(parseMinutes('24:00')).toBe(1440);
    expect(parseMinutes('24:10')).toBeNull();
    expect(parseMinutes('6:00')).toBeNull();
    expect(formatMinutes(1260)).toBe('21:00');
    expect(monthDayLabel('2026-12-05')).toBe('12月5日');
  });
});
