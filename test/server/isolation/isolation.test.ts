import {
  alreadyApplied,
  changeCareTeam,
  checkStart,
  coversDay,
  dayOfIsolation,
  endIsolation,
  expectedInSlot,
  extendIsolation,
  isolationStatus,
  lastDayOf,
  progressLabel,
  releaseIsolation,
  type Change,
  type Isolation,
} from '../../../server/isolation/isolation';
import { dayStart } from '../../../server/time/shanghai';

const at = new Date('2026-11-22T09:00:00+08:00');
const iso = (extra: Partial<Isolation> = {}): Isolation => ({
  _id: 'iso-1',
  communityId: 'c',
  gridId: 'g',
  buildingId: 'b',
  householdId: 'h',
  residentId: 'r',
  name: '周返乡',
  buildingName: '3号楼',
  label: '3-1-301',
  unit: '1',
  floor: 3,
  room: '301',
  kind: 'homeIsolation',
  startDay: '2026-11-22',
  days: 14,
  lastDay: '2026-12-05',
  reason: 'returnedFromElsewhere',
  careTeam: [],
  status: 'active',
  events: [{ kind: 'started', at, by: '网格员 刘芳', byOpenid: 'o-grid' }],
  requestKey: 'k',
  createdBy: 'o-grid',
  createdAt: at,
  updatedAt: at,
  ...extra,
});
const change = (today: string, requestKey?: string): Change => ({ at, today, by: '网格员 刘芳', byOpenid: 'o-grid', requestKey });

describe('day X of N and status, from the dates', () => {
  it('counts the start day as day 1 and the last day as day N', () => {
    expect(lastDayOf('2026-11-22', 14)).toBe('2026-12-05');
    expect(dayOfIsolation(iso(), '2026-11-22')).toBe(1);
    expect(dayOfIsolation(iso(), '2026-11-26')).toBe(5);
    expect(progressLabel(iso(), '2026-11-26')).toBe('隔离第 5 天 / 共 14 天');
    expect(progressLabel(iso({ kind: 'homeMonitoring', days: 7, lastDay: '2026-11-28' }), '2026-11-23')).toBe('健康监测第 2 天 / 共 7 天');
  });

  it('ends by itself after its last day, whatever is stored', () => {
    expect(isolationStatus(iso(), '2026-12-05')).toBe('active');
    expect(isolationStatus(iso(), '2026-12-06')).toBe('ended');
    expect(dayOfIsolation(iso(), '2026-12-06')).toBe(0);
    expect(progressLabel(iso(), '2026-12-06')).toBe('隔离已于 12月5日结束');
    expect(isolationStatus(iso({ status: 'released' }), '2026-11-23')).toBe('released');
    expect(progressLabel(iso({ status: 'released' }), '2026-11-23')).toBe('隔离已提前解除');
  });
});

describe('starting', () => {
  it('may count from a past day (the day someone returned), not from a future one', () => {
    expect(checkStart({ startDay: '2026-11-20', days: 14, today: '2026-11-22' })).toEqual({ lastDay: '2026-12-03' });
    expect(() => checkStart({ startDay: '2026-11-23', days: 14, today: '2026-11-22' })).toThrow(/开始日期不能晚于今天/);
    expect(() => checkStart({ startDay: '2026-10-22', days: 60, today: '2026-11-22' })).toThrow('开始日期最多往前 30 天');
    expect(() => checkStart({ startDay: '2026-11-01', days: 14, today: '2026-11-22' })).toThrow(
      '从 11月1日起 14 天，已于 11月14日结束，无需登记',
    );
    expect(checkStart({ startDay: '2026-11-09', days: 14, today: '2026-11-22' })).toEqual({ lastDay: '2026-11-22' });
  });
});

describe('changes, each kept in the history', () => {
  it('extends an active isolation, up to 60 days in all; a retried request applies once', () => {
    const longer = extendIsolation(iso(), 7, change('2026-11-25', 'req-1'), '出现发热');
    expect(longer).toMatchObject({ days: 21, lastDay: '2026-12-12' });
    expect(longer.events.at(-1)).toMatchObject({
      kind: 'extended',
      by: '网格员 刘芳',
      note: '延长 7 天，至 12月12日：出现发热',
      requestKey: 'req-1',
    });
    expect(alreadyApplied(longer, 'req-1')).toBe(true);
    expect(alreadyApplied(longer, 'req-2')).toBe(false);
    expect(alreadyApplied(longer, undefined)).toBe(false);
    expect(() => extendIsolation(iso(), 47, change('2026-11-25'))).toThrow('延长后共 61 天，超过了 60 天的上限');
  });

  it('releases with a reason; releasing again changes nothing; an ended one cannot be changed', () => {
    const released = releaseIsolation(iso(), '核酸阴性', change('2026-11-25'));
    expect(released).toMatchObject({ status: 'released', releaseReason: '核酸阴性', releasedAt: at });
    expect(released.events.map((e) => e.kind)).toEqual(['started', 'released']);
    expect(releaseIsolation(released, '再次', change('2026-11-26'))).toBe(released);
    expect(() => releaseIsolation(iso(), '晚了', change('2026-12-06'))).toThrow(
      expect.objectContaining({ code: 'ISOLATION.NOT_ACTIVE', message: expect.stringContaining('已于 12月5日结束') }),
    );
    expect(() => extendIsolation(released, 3, change('2026-11-25'))).toThrow(
      expect.objectContaining({ code: 'ISOLATION.NOT_ACTIVE', message: expect.stringContaining('已提前解除') }),
    );
    expect(() => changeCareTeam(released, [], change('2026-11-25'))).toThrow(expect.objectContaining({ code: 'ISOLATION.NOT_ACTIVE' }));
  });

  it('records a care-team change and the end by the system', () => {
    const team = changeCareTeam(iso(), [{ role: '社区医生', name: '王医生', phone: '13933330001' }], change('2026-11-23'));
    expect(team.events.at(-1)).toMatchObject({ kind: 'careTeamChanged', note: '社区医生 王医生' });
    expect(endIsolation(iso(), at).events.at(-1)).toMatchObject({ kind: 'ended', by: '系统', note: '居家隔离期满' });
  });
});

describe('who is expected on a day and in a slot', () => {
  const day = '2026-11-22';
  const noon = Date.parse('2026-11-22T12:00:00+08:00');
  it('nobody is 「未打卡」 for a slot that was over when they were registered, or after they were released', () => {
    expect(expectedInSlot(iso({ createdAt: new Date('2026-11-22T11:00:00+08:00') }), day, noon)).toBe(true);
    expect(expectedInSlot(iso({ createdAt: new Date('2026-11-22T12:00:00+08:00') }), day, noon)).toBe(false);
    expect(
      expectedInSlot(
        iso({ createdAt: new Date('2026-11-21T12:00:00+08:00'), releasedAt: new Date('2026-11-22T10:00:00+08:00') }),
        day,
        noon,
      ),
    ).toBe(false);
    expect(
      expectedInSlot(
        iso({ createdAt: new Date('2026-11-21T12:00:00+08:00'), releasedAt: new Date('2026-11-22T13:00:00+08:00') }),
        day,
        noon,
      ),
    ).toBe(true);
    expect(expectedInSlot(iso(), '2026-12-06', noon + 14 * 86400_000)).toBe(false);
  });
  it('a board of a day lists those whose isolation covers it', () => {
    const start = dayStart(day);
    const end = dayStart('2026-11-23');
    expect(coversDay(iso(), day, start, end)).toBe(true);
    expect(coversDay(iso({ startDay: '2026-11-23' }), day, start, end)).toBe(false);
    expect(coversDay(iso({ releasedAt: new Date('2026-11-21T20:00:00+08:00') }), day, start, end)).toBe(false);
    expect(coversDay(iso({ createdAt: new Date('2026-11-23T09:00:00+08:00'), startDay: '2026-11-20' }), day, start, end)).toBe(false);
  });
});
