import { abnormalTask, buildingCompleteTask, escalatedTask, isComplete, missedTask, slotOutcome } from '../../../server/checkIn/ladder';
import { DEFAULT_WINDOWS } from '../../../server/checkIn/slots';
import { checkIn, isolation } from './fixtures';

const W = DEFAULT_WINDOWS;
const ref = { day: '2026-11-22', slot: 'pm' as const };

describe('the escalation ladder', () => {
  const people = [1, 2, 3].map((n) => isolation(n));
  const other = isolation(4, { buildingId: 'b4', buildingName: '4号楼' });
  const lateRegistration = isolation(5, { createdAt: new Date('2026-11-22T21:30:00+08:00') });

  it('at close: who was expected, who is missing, and each building’s tally', () => {
    const outcome = slotOutcome(
      [...people, other, lateRegistration],
      [checkIn(people[0], ref.day, 'pm'), checkIn(other, ref.day, 'pm', 38.1)].map((c) => ({
        residentId: c.residentId,
        abnormal: c.abnormal,
      })),
      ref,
      W,
    );
    expect(outcome.expected.map((i) => i.residentId)).toEqual(['r-1', 'r-2', 'r-3', 'r-4']);
    expect(outcome.missing.map((i) => i.residentId)).toEqual(['r-2', 'r-3']);
    expect(outcome.buildings).toEqual([
      expect.objectContaining({ buildingId: 'b3', expected: 3, done: 1, abnormal: 0 }),
      expect.objectContaining({ buildingId: 'b4', buildingName: '4号楼', expected: 1, done: 1, abnormal: 1 }),
    ]);
    expect(outcome.buildings.map(isComplete)).toEqual([false, true]);
  });

  it('a missed check-in is the 楼道长’s item until escalation; then a separate one for the grid worker', () => {
    const missed = missedTask(people[1], ref, W);
    expect(missed).toMatchObject({
      kind: 'checkIn.missed',
      priority: 3,
      audience: [{ role: 'buildingLeader', scopeId: 'b3' }],
      seenBy: ['buildingLeader:b3'],
      title: '未打卡：3-1-201 住户2（下午）',
      detail: '11月22日下午打卡 21:00 截止仍未完成。请电话或上门确认，23:00 前可代为补录，之后将上报网格员。',
      createdAt: new Date('2026-11-22T21:00:00+08:00'),
      dueAt: new Date('2026-11-22T23:00:00+08:00'),
      status: 'open',
    });
    const escalated = escalatedTask(people[1], ref, W);
    expect(escalated).toMatchObject({
      kind: 'checkIn.escalated',
      priority: 2,
      seenBy: ['gridWorker:g'],
      createdAt: new Date('2026-11-22T23:00:00+08:00'),
    });
    expect(escalated._id).not.toBe(missed._id);
    // Deterministic: a second run makes the same items, which the store then refuses to duplicate.
    expect(missedTask(people[1], ref, W)._id).toBe(missed._id);
    expect(missedTask(people[2], ref, W)._id).not.toBe(missed._id);
  });

  it('an abnormal check-in goes at once to the 楼道长, the grid worker and the care team, most urgent', () => {
    const c = checkIn(people[0], ref.day, 'pm', 37.8, { symptoms: ['cough', 'fatigue'] });
    const t = abnormalTask(c, ['o-vol', 'o-vol']);
    expect(t).toMatchObject({
      kind: 'checkIn.abnormal',
      priority: 1,
      recipients: ['o-vol'],
      seenBy: ['buildingLeader:b3', 'gridWorker:g', 'openid:o-vol'],
      title: '异常打卡：3-1-101 住户1 37.8℃',
      subject: { residentId: 'r-1', checkInId: c._id, day: ref.day, slot: 'pm' },
    });
    expect(t.detail).toContain('体温 37.8℃，咳嗽、乏力');
    // A replacement in the same slot is a new alert.
    expect(abnormalTask({ ...c, revision: 2 }, [])._id).not.toBe(t._id);
  });

  it('a building where everyone checked in is reported complete, once per slot', () => {
    const tally = { communityId: 'c', gridId: 'g', buildingId: 'b4', buildingName: '4号楼', expected: 3, done: 3, abnormal: 1 };
    const t = buildingCompleteTask(tally, ref, new Date());
    expect(t).toMatchObject({ kind: 'building.complete', priority: 5, title: '4号楼下午打卡已全部完成', seenBy: ['buildingLeader:b4'] });
    expect(t.detail).toBe('11月22日下午：应打卡 3 人，全部完成，其中异常 1 人，请留意待办中的异常提醒。');
    expect(buildingCompleteTask(tally, ref, new Date(0))._id).toBe(t._id);
    expect(isComplete({ ...tally, expected: 0, done: 0 })).toBe(false);
  });
});
