import { slotCell } from '../../../server/checkIn/board';
import { buildingCounts, gridSlotQueries, type GridTallies } from '../../../server/checkIn/gridBoard';
import { runItems } from '../../../server/checkIn/gridReads';
import { DEFAULT_WINDOWS, SLOTS, type Slot } from '../../../server/checkIn/slots';
import { coversDay, type Isolation } from '../../../server/isolation/isolation';
import { addDays, dayStart } from '../../../server/time/shanghai';
import { checkIn, isolation } from './fixtures';

const W = DEFAULT_WINDOWS;
const day = '2026-11-22';
const at = (local: string, d = day) => new Date(`${d}T${local}+08:00`);

/** A grid's people in three buildings, with every case that makes counting subtle, and their check-ins of the day. */
function people(): { isolations: Isolation[]; checkedIn: Map<string, Map<Slot, boolean>> } {
  const isolations: Isolation[] = [];
  const checkedIn = new Map<string, Map<Slot, boolean>>();
  const cases: Partial<Isolation>[] = [
    {}, // registered days ago, still isolated
    { createdAt: at('10:00:00'), startDay: day }, // registered this morning, before the morning closed
    { createdAt: at('12:30:00'), startDay: day }, // registered after the morning closed
    { createdAt: at('22:00:00'), startDay: day }, // registered after both closed
    { status: 'released', releasedAt: at('11:00:00') }, // released before the morning closed
    { status: 'released', releasedAt: at('13:00:00') }, // released between the closes
    { status: 'released', releasedAt: at('23:00:00') }, // released after both
    { status: 'released', releasedAt: at('10:00:00', addDays(day, -1)) }, // released yesterday
    { startDay: addDays(day, 1), lastDay: addDays(day, 15) }, // starts tomorrow
    { startDay: addDays(day, -14), lastDay: addDays(day, -1), status: 'ended' }, // ended yesterday
    { startDay: addDays(day, -13), lastDay: day, status: 'ended' }, // its last day is today (ended by the timer tonight)
  ];
  let n = 0;
  for (const b of ['b3', 'b5', 'b10'])
    for (let copy = 0; copy < 3; copy++)
      for (const extra of cases) {
        n += 1;
        const iso = isolation(n, { buildingId: b, buildingName: `${b.slice(1)}号楼`, ...extra });
        isolations.push(iso);
        // Check-ins as people would leave them: some both slots, some one, some none; a fever now and then; a late
        // record for someone registered after the close.
        const slots = new Map<Slot, boolean>();
        if (coversDay(iso, day, dayStart(day), dayStart(addDays(day, 1))))
          for (const slot of SLOTS) if ((n + copy + (slot === 'am' ? 0 : 1)) % 3 !== 0) slots.set(slot, n % 4 === 0);
        checkedIn.set(iso.residentId, slots);
      }
  return { isolations, checkedIn };
}

/** What the database answers for the day: counts from the indexes, and the changed people one by one. */
function tallies(isolations: Isolation[], checkedIn: Map<string, Map<Slot, boolean>>): GridTallies {
  const start = dayStart(day);
  const candidates = isolations.filter((i) => i.startDay <= day && i.lastDay >= day);
  const steady = new Map<string, GridTallies['steady'][number]>();
  for (const i of candidates.filter((i) => i.status !== 'released')) {
    const row = steady.get(i.buildingId) ?? { buildingId: i.buildingId, buildingName: i.buildingName, people: 0 };
    row.people += 1;
    steady.set(i.buildingId, row);
  }
  const counted = new Map<string, GridTallies['checkIns'][number]>();
  for (const i of isolations)
    for (const [slot, abnormal] of checkedIn.get(i.residentId)!) {
      const key = `${i.buildingId}/${slot}/${abnormal}`;
      counted.set(key, { buildingId: i.buildingId, slot, abnormal, count: (counted.get(key)?.count ?? 0) + 1 });
    }
  const changed = candidates
    .filter((i) => i.createdAt.getTime() >= start || (i.releasedAt && i.releasedAt.getTime() > start && i.createdAt.getTime() < start))
    .map((i) => ({ ...i, checkedIn: [...checkedIn.get(i.residentId)!.keys()] }));
  return { steady: [...steady.values()], checkIns: [...counted.values()], changed };
}

describe('the grid board’s counts per building', () => {
  it.each(['09:00:00', '13:00:00', '15:00:00', '21:30:00', '23:59:00'])(
    'are the 楼道长’s cells summed, person by person, at %s',
    (time) => {
      const now = at(time).getTime();
      const { isolations, checkedIn } = people();
      const slots = gridSlotQueries(day, now, W);
      const got = buildingCounts(tallies(isolations, checkedIn), day, slots);

      const start = dayStart(day);
      const end = dayStart(addDays(day, 1));
      const want = new Map<string, { isolated: number; slots: Record<string, { done: number; abnormal: number; pending: number }> }>();
      for (const iso of isolations.filter((i) => coversDay(i, day, start, end))) {
        const b = want.get(iso.buildingId) ?? {
          isolated: 0,
          slots: Object.fromEntries(SLOTS.map((s) => [s, { done: 0, abnormal: 0, pending: 0 }])),
        };
        want.set(iso.buildingId, b);
        b.isolated += 1;
        for (const slot of SLOTS) {
          const abnormal = checkedIn.get(iso.residentId)!.get(slot);
          const c = abnormal === undefined ? undefined : checkIn(iso, day, slot, abnormal ? 38.2 : 36.5);
          const cell = slotCell(iso, { day, slot }, c, now, W);
          if (cell.state === 'done') b.slots[slot].done += 1;
          else if (cell.state === 'abnormal') b.slots[slot].abnormal += 1;
          else if (cell.state !== 'notExpected') b.slots[slot].pending += 1;
        }
      }
      expect(Object.fromEntries(got.map((b) => [b.buildingId, { isolated: b.isolated, slots: b.slots }]))).toEqual(
        Object.fromEntries(want),
      );
      // The cases are all there: someone checked in who was not expected, someone expected who did not.
      expect(got.every((b) => b.slots.am!.pending > 0)).toBe(true);
    },
  );

  it('name each building once, from its steady or its changed people', () => {
    const only = isolation(1, { buildingId: 'b7', buildingName: '7号楼', createdAt: at('10:00:00'), startDay: day });
    const got = buildingCounts(
      {
        steady: [{ buildingId: 'b7', buildingName: '7号楼', people: 1 }],
        checkIns: [{ buildingId: 'b7', slot: 'am', abnormal: false, count: 1 }],
        changed: [{ ...only, checkedIn: ['am'] }],
      },
      day,
      gridSlotQueries(day, at('15:00:00').getTime(), W),
    );
    expect(got).toEqual([
      {
        buildingId: 'b7',
        buildingName: '7号楼',
        isolated: 1,
        slots: { am: { done: 1, abnormal: 0, pending: 0 }, pm: { done: 0, abnormal: 0, pending: 1 } },
      },
    ]);
  });
});

describe('which to-do items list the missing of a closed slot', () => {
  const [am] = gridSlotQueries(day, at('15:00:00').getTime(), W);
  it('the escalation run’s when done, else the close run’s, else none yet (worked out person by person)', () => {
    expect(
      runItems(am, [
        { slot: 'am', phase: 'close' },
        { slot: 'am', phase: 'escalate' },
      ])?.kind,
    ).toBe('checkIn.escalated');
    expect(runItems(am, [{ slot: 'am', phase: 'close' }])?.kind).toBe('checkIn.missed');
    expect(runItems(am, [{ slot: 'pm', phase: 'close' }])).toBeNull();
    expect(runItems(am, [])).toBeNull();
  });
});
