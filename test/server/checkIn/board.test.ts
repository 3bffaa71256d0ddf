import { contactsOf, leaderBoard, slotCell, type BoardInput } from '../../../server/checkIn/board';
import { gridBoard, gridSlotQueries, type GridBoardInput } from '../../../server/checkIn/gridBoard';
import type { AttentionPerson } from '../../../typings/contract/health';
import { DEFAULT_WINDOWS } from '../../../server/checkIn/slots';
import { checkIn, isolation } from './fixtures';

const W = DEFAULT_WINDOWS;
const day = '2026-11-22';
const at = (local: string) => Date.parse(`${day}T${local}+08:00`);

describe('a person’s cell for a slot', () => {
  const iso = isolation(1);
  it.each([
    ['05:00:00', 'am', 'upcoming'],
    ['08:00:00', 'am', 'waiting'],
    ['12:00:00', 'am', 'missing'],
    ['14:00:00', 'am', 'escalated'],
  ] as const)('at %s the %s slot without a check-in is %s', (local, slot, state) => {
    expect(slotCell(iso, { day, slot }, undefined, at(local), W)).toEqual({ state });
  });

  it('shows the check-in when there is one, abnormal or not', () => {
    const c = checkIn(iso, day, 'am', 37.5);
    expect(slotCell(iso, { day, slot: 'am' }, c, at('09:00:00'), W)).toMatchObject({
      state: 'abnormal',
      temperature: 37.5,
      by: 'resident',
      late: false,
    });
    expect(slotCell(iso, { day, slot: 'am' }, checkIn(iso, day, 'am'), at('09:00:00'), W)).toMatchObject({ state: 'done' });
  });

  it('expects nothing of someone registered after the slot closed', () => {
    const late = isolation(2, { startDay: day, createdAt: new Date(at('13:00:00')) });
    expect(slotCell(late, { day, slot: 'am' }, undefined, at('15:00:00'), W)).toEqual({ state: 'notExpected' });
    expect(slotCell(late, { day, slot: 'pm' }, undefined, at('15:00:00'), W)).toEqual({ state: 'waiting' });
  });
});

describe('the boards', () => {
  const people = [
    isolation(1),
    isolation(6, { unit: '2', room: '601', label: '3-2-601' }),
    isolation(2),
    isolation(3, { buildingId: 'b4', buildingName: '4号楼', label: '4-1-301' }),
  ];
  const input = (now: string): BoardInput => ({
    day,
    now: at(now),
    windows: W,
    isolations: people,
    contacts: new Map([['h-1', [{ name: '住户1', relation: '本人', phone: '13900000001' }]]]),
    checkIns: [checkIn(people[0], day, 'am'), checkIn(people[2], day, 'am', 38.2), checkIn(people[3], day, 'am')],
  });

  it('the 楼道长’s: units in order, top floor first, missing people listed with phones', () => {
    const board = leaderBoard({ _id: 'b3', name: '3号楼' }, { ...input('15:00:00'), isolations: people.slice(0, 3) });
    expect(board.units.map((u) => [u.unit, u.floors.map((f) => f.floor)])).toEqual([
      ['1', [2, 1]],
      ['2', [6]],
    ]);
    expect(board.slots.map((s) => [s.slot, s.phase, s.counts])).toEqual([
      ['am', 'escalated', { expected: 3, done: 1, abnormal: 1, waiting: 0, missing: 1 }],
      ['pm', 'open', { expected: 3, done: 0, abnormal: 0, waiting: 3, missing: 0 }],
    ]);
    expect(board.missing).toEqual([people[1].residentId]);
    expect(board.units[1].floors[0].homes.map((h) => h.label)).toEqual(['3-2-601']);
    expect(board.units[0].floors[1].homes[0]).toMatchObject({
      householdId: 'h-1',
      phones: [{ name: '住户1', relation: '本人', phone: '13900000001' }],
      people: [{ residentId: people[0].residentId, cells: { am: { state: 'done' }, pm: { state: 'waiting' } } }],
    });
    // The board shows the temperature, not the time of the check-in.
    expect(board.units[0].floors[1].homes[0].people[0].cells.am).not.toHaveProperty('at');
  });

  it('a household’s people in one home, its phones once', () => {
    const couple = [isolation(1), isolation(7, { householdId: 'h-1', floor: 1, room: '101', label: '3-1-101' })];
    const board = leaderBoard({ _id: 'b3', name: '3号楼' }, { ...input('15:00:00'), isolations: couple });
    expect(board.units[0].floors[0].homes).toEqual([
      expect.objectContaining({ householdId: 'h-1', people: [expect.any(Object), expect.any(Object)] }),
    ]);
  });

  it('one slot only, when asked', () => {
    const board = leaderBoard({ _id: 'b3', name: '3号楼' }, { ...input('15:00:00'), slots: ['pm'] });
    expect(board.slots.map((s) => s.slot)).toEqual(['pm']);
    expect(Object.keys(board.units[0].floors[0].homes[0].people[0].cells)).toEqual(['pm']);
  });

  it('the grid worker’s: completion per building from the counts, waiting before the close and missing after, abnormal first', () => {
    // The people above, counted per building and slot as the database does (boardReads.ts gridCounts).
    const buildings: GridBoardInput['buildings'] = [
      {
        buildingId: 'b4',
        buildingName: '4号楼',
        isolated: 1,
        slots: { am: { done: 1, abnormal: 0, pending: 0 }, pm: { done: 0, abnormal: 0, pending: 1 } },
      },
      {
        buildingId: 'b3',
        buildingName: '3号楼',
        isolated: 3,
        slots: { am: { done: 1, abnormal: 1, pending: 1 }, pm: { done: 0, abnormal: 0, pending: 3 } },
      },
    ];
    const person = (p: (typeof people)[number], reason: AttentionPerson['reason']): AttentionPerson => ({
      residentId: p.residentId,
      name: p.name,
      label: p.label,
      buildingName: p.buildingName,
      slot: 'am',
      reason,
      phones: [],
    });
    const grid = (now: string, attention: AttentionPerson[]) =>
      gridBoard({ _id: 'g', name: '第一网格' }, { day, now: at(now), windows: W, buildings, attention });
    const board = grid('15:00:00', [person(people[1], 'escalated'), person(people[2], 'abnormal')]);
    expect(board.buildings).toEqual([
      {
        buildingId: 'b3',
        buildingName: '3号楼',
        isolated: 3,
        slots: {
          am: { expected: 3, done: 1, abnormal: 1, waiting: 0, missing: 1, complete: false },
          pm: { expected: 3, done: 0, abnormal: 0, waiting: 3, missing: 0, complete: false },
        },
      },
      {
        buildingId: 'b4',
        buildingName: '4号楼',
        isolated: 1,
        slots: {
          am: { expected: 1, done: 1, abnormal: 0, waiting: 0, missing: 0, complete: true },
          pm: { expected: 1, done: 0, abnormal: 0, waiting: 1, missing: 0, complete: false },
        },
      },
    ]);
    expect(board.slots.map((s) => [s.slot, s.phase, s.counts])).toEqual([
      ['am', 'escalated', { expected: 4, done: 2, abnormal: 1, waiting: 0, missing: 1 }],
      ['pm', 'open', { expected: 4, done: 0, abnormal: 0, waiting: 4, missing: 0 }],
    ]);
    expect(board.attention.map((a) => [a.reason, a.label])).toEqual([
      ['abnormal', '3-1-201'],
      ['escalated', '3-2-601'],
    ]);
    expect(board.attentionTotal).toBe(2);
    // 12:30: the morning closed half an hour ago, nobody escalated yet; 09:00: everyone still has time.
    expect(grid('12:30:00', []).slots[0].counts).toEqual({ expected: 4, done: 2, abnormal: 1, waiting: 0, missing: 1 });
    expect(grid('09:00:00', []).slots[0].counts).toEqual({ expected: 4, done: 2, abnormal: 1, waiting: 1, missing: 0 });
    expect(grid('09:00:00', []).attentionTotal).toBe(1);
  });

  it('the grid board’s queries: when each slot closes, and what someone not checked in is by then', () => {
    const reasons = (now: string) => gridSlotQueries(day, at(now), W).map((q) => [q.slot, q.pending]);
    expect(reasons('09:00:00')).toEqual([
      ['am', null],
      ['pm', null],
    ]);
    expect(reasons('12:30:00')).toEqual([
      ['am', 'missing'],
      ['pm', null],
    ]);
    expect(reasons('23:30:00')).toEqual([
      ['am', 'escalated'],
      ['pm', 'escalated'],
    ]);
    expect(gridSlotQueries(day, at('09:00:00'), W)[0].closesAt).toBe(at('12:00:00'));
  });
});

describe('contacts for the call buttons', () => {
  it('members with a phone, and proxies acting for the household', () => {
    expect(
      contactsOf(
        [
          { name: '李德明', relation: '本人', phone: '' },
          { name: '周桂兰', relation: '配偶', phone: '13900000002' },
        ],
        [
          { name: '李娜', relation: '子女', phone: '13811112222', status: 'confirmed', kind: 'proxy' },
          { name: '某人', relation: '子女', phone: '13811113333', status: 'pending', kind: 'proxy' },
          { name: '住户', relation: '本人', phone: '13811114444', status: 'confirmed', kind: 'member' },
        ],
      ),
    ).toEqual([
      { name: '周桂兰', relation: '配偶', phone: '13900000002' },
      { name: '李娜（代办）', relation: '代办', phone: '13811112222' },
    ]);
  });
});
