import {
  checkInSlot,
  DEFAULT_WINDOWS,
  duePhases,
  graceSlotAt,
  nextOpening,
  openingLabel,
  openSlotAt,
  parseWindows,
  slotPhase,
  slotTimes,
  windowsOf,
  type Windows,
} from '../../../server/checkIn/slots';

/** An instant on the Shanghai clock. */
const sh = (local: string) => Date.parse(`${local}+08:00`);
const W = DEFAULT_WINDOWS;

describe('which slot is open (Asia/Shanghai, functions in UTC)', () => {
  it.each([
    ['2026-11-22T05:59:59', null],
    ['2026-11-22T06:00:00', 'am'],
    ['2026-11-22T11:59:59', 'am'],
    ['2026-11-22T12:00:00', null],
    ['2026-11-22T13:59:00', null],
    ['2026-11-22T14:00:00', 'pm'],
    ['2026-11-22T20:59:00', 'pm'],
    ['2026-11-22T20:59:59', 'pm'],
    ['2026-11-22T21:00:00', null],
    ['2026-11-22T23:59:59', null],
  ])('%s → %s', (local, slot) => {
    expect(openSlotAt(sh(local), W)).toEqual(slot ? { day: '2026-11-22', slot } : null);
  });

  it('belongs to the Shanghai day near midnight UTC (08:00 in Shanghai), not to the UTC date', () => {
    expect(openSlotAt(Date.parse('2026-11-22T23:59:59Z'), W)).toEqual({ day: '2026-11-23', slot: 'am' });
    expect(openSlotAt(Date.parse('2026-11-23T00:00:00Z'), W)).toEqual({ day: '2026-11-23', slot: 'am' });
    // 21:59 UTC is 05:59 the next morning in Shanghai: not open yet.
    expect(openSlotAt(Date.parse('2026-11-22T21:59:00Z'), W)).toBeNull();
    // Shanghai midnight is 16:00 UTC.
    expect(openSlotAt(Date.parse('2026-11-22T22:00:00Z'), W)).toEqual({ day: '2026-11-23', slot: 'am' });
  });

  it('knows a slot’s times: open, close, and escalation two hours after closing', () => {
    expect(slotTimes('2026-11-22', 'pm', W)).toEqual({
      opensAt: Date.parse('2026-11-22T06:00:00Z'),
      closesAt: Date.parse('2026-11-22T13:00:00Z'),
      escalatesAt: Date.parse('2026-11-22T15:00:00Z'),
    });
  });
});

describe('a check-in outside the window', () => {
  it.each([
    ['2026-11-22T05:59:00', '现在不在打卡时间，下一次打卡 06:00 开始'],
    ['2026-11-22T00:30:00', '现在不在打卡时间，下一次打卡 06:00 开始'],
    ['2026-11-22T12:00:00', '现在不在打卡时间，下一次打卡 14:00 开始'],
    ['2026-11-22T21:00:00', '现在不在打卡时间，下一次打卡 明天 06:00 开始'],
    ['2026-11-22T23:59:00', '现在不在打卡时间，下一次打卡 明天 06:00 开始'],
  ])('from a resident at %s: CHECKIN.OUTSIDE_WINDOW 「%s」', (local, message) => {
    expect(() => checkInSlot(sh(local), W, { onBehalf: false })).toThrow(
      expect.objectContaining({ code: 'CHECKIN.OUTSIDE_WINDOW', message }),
    );
  });

  it('in a window: the slot, not late', () => {
    expect(checkInSlot(sh('2026-11-22T06:00:00'), W, { onBehalf: false })).toEqual({ day: '2026-11-22', slot: 'am', late: false });
    expect(checkInSlot(sh('2026-11-22T14:00:00'), W, { onBehalf: true })).toEqual({ day: '2026-11-22', slot: 'pm', late: false });
  });

  it.each([
    ['2026-11-22T12:00:00', { day: '2026-11-22', slot: 'am', late: true }],
    ['2026-11-22T13:59:59', { day: '2026-11-22', slot: 'am', late: true }],
    ['2026-11-22T21:00:00', { day: '2026-11-22', slot: 'pm', late: true }],
    ['2026-11-22T22:59:59', { day: '2026-11-22', slot: 'pm', late: true }],
  ])('on someone’s behalf at %s: the slot that just closed, late', (local, expected) => {
    expect(checkInSlot(sh(local), W, { onBehalf: true })).toEqual(expected);
  });

  it('on someone’s behalf once escalated (two hours after closing): refused like anyone', () => {
    expect(() => checkInSlot(sh('2026-11-22T23:00:00'), W, { onBehalf: true })).toThrow(
      expect.objectContaining({ code: 'CHECKIN.OUTSIDE_WINDOW', message: '现在不在打卡时间，下一次打卡 明天 06:00 开始' }),
    );
    expect(graceSlotAt(sh('2026-11-22T05:00:00'), W)).toBeNull();
  });

  it('a grace period that runs past midnight belongs to the day before', () => {
    const late: Windows = { am: { start: 360, end: 720 }, pm: { start: 840, end: 1380 } }; // pm until 23:00
    expect(checkInSlot(sh('2026-11-23T00:30:00'), late, { onBehalf: true })).toEqual({ day: '2026-11-22', slot: 'pm', late: true });
  });

  it('says when the next window opens', () => {
    expect(nextOpening(sh('2026-11-22T21:00:00'), W)).toEqual({ day: '2026-11-23', slot: 'am', opensAt: sh('2026-11-23T06:00:00') });
    expect(openingLabel(sh('2026-11-22T06:00:00'), W)).toBe('14:00');
  });
});

describe('slot phases and what the timer has to do', () => {
  it.each([
    ['2026-11-22T05:59:00', 'upcoming'],
    ['2026-11-22T06:00:00', 'open'],
    ['2026-11-22T12:00:00', 'closed'],
    ['2026-11-22T13:59:59', 'closed'],
    ['2026-11-22T14:00:00', 'escalated'],
  ])('the morning at %s is %s', (local, phase) => {
    expect(slotPhase({ day: '2026-11-22', slot: 'am' }, sh(local), W)).toBe(phase);
  });

  const due = (local: string, w: Windows = W) => duePhases(sh(local), w).map((d) => `${d.day} ${d.slot} ${d.phase}`);

  it('closes a slot when its window ends and escalates it two hours later, each while less than three hours overdue', () => {
    expect(due('2026-11-22T11:50:00')).toEqual([]);
    expect(due('2026-11-22T12:00:00')).toEqual(['2026-11-22 am close']);
    expect(due('2026-11-22T14:00:00')).toEqual(['2026-11-22 am close', '2026-11-22 am escalate']);
    expect(due('2026-11-22T15:00:00')).toEqual(['2026-11-22 am escalate']);
    expect(due('2026-11-22T21:00:00')).toEqual(['2026-11-22 pm close']);
    expect(due('2026-11-22T23:00:00')).toEqual(['2026-11-22 pm close', '2026-11-22 pm escalate']);
    expect(due('2026-11-23T01:59:00')).toEqual(['2026-11-22 pm escalate']);
    expect(due('2026-11-23T02:00:00')).toEqual([]);
  });

  it('finds yesterday’s escalation after midnight when a window ends late', () => {
    const late: Windows = { am: { start: 360, end: 720 }, pm: { start: 840, end: 1380 } };
    expect(due('2026-11-23T01:00:00', late)).toEqual(['2026-11-22 pm close', '2026-11-22 pm escalate']);
  });
});

describe('a community’s windows', () => {
  const set = (am: [string, string], pm: [string, string]) =>
    parseWindows({ am: { start: am[0], end: am[1] }, pm: { start: pm[0], end: pm[1] } });

  it('reads HH:MM on the 10 minutes, morning before afternoon', () => {
    expect(set(['07:00', '10:30'], ['15:00', '24:00'])).toEqual({
      windows: { am: { start: 420, end: 630 }, pm: { start: 900, end: 1440 } },
    });
  });

  it.each([
    [['6:00', '12:00'], ['14:00', '21:00'], '上午打卡时间请写成 06:00 这样的时刻'],
    [['06:05', '12:00'], ['14:00', '21:00'], '上午打卡时间请取整 10 分钟（如 06:00、06:10），按时提醒才准'],
    [['06:00', '06:20'], ['14:00', '21:00'], '上午打卡时间至少要有 30 分钟'],
    [['06:00', '15:00'], ['14:00', '21:00'], '上午打卡要在下午打卡开始之前结束'],
    [['06:00', '12:00'], ['14:00', '25:00'], '下午打卡时间请写成 06:00 这样的时刻'],
    [['06:00', '12:00'], ['21:00', '14:00'], '下午打卡时间至少要有 30 分钟'],
  ] as [[string, string], [string, string], string][])('refuses am %j pm %j: 「%s」', (am, pm, problem) => {
    expect(set(am, pm)).toMatchObject({ problem });
  });

  it('falls back to 06:00–12:00 and 14:00–21:00 when a community has none or an unreadable one', () => {
    expect(windowsOf(undefined)).toEqual(DEFAULT_WINDOWS);
    expect(windowsOf({ settings: {} })).toEqual(DEFAULT_WINDOWS);
    expect(windowsOf({ settings: { checkInWindows: { am: { start: 'x', end: '12:00' }, pm: { start: '14:00', end: '21:00' } } } })).toEqual(
      DEFAULT_WINDOWS,
    );
    expect(
      windowsOf({ settings: { checkInWindows: { am: { start: '07:00', end: '11:00' }, pm: { start: '15:00', end: '20:00' } } } }).am,
    ).toEqual({ start: 420, end: 660 });
  });
});
