/** Isolations and check-ins for the pure tests of the ladder and the boards. */
import { newCheckIn, type CheckIn } from '../../../server/checkIn/checkIn';
import type { Slot } from '../../../server/checkIn/slots';
import type { Isolation } from '../../../server/isolation/isolation';

export const registeredAt = new Date('2026-11-20T09:00:00+08:00');

export function isolation(n: number, extra: Partial<Isolation> = {}): Isolation {
  return {
    _id: `iso-${n}`,
    communityId: 'c',
    gridId: 'g',
    buildingId: 'b3',
    householdId: `h-${n}`,
    residentId: `r-${n}`,
    name: `住户${n}`,
    buildingName: '3号楼',
    label: `3-1-${n}01`,
    unit: '1',
    floor: n,
    room: `${n}01`,
    kind: 'homeIsolation',
    startDay: '2026-11-20',
    days: 14,
    lastDay: '2026-12-03',
    reason: 'returnedFromElsewhere',
    careTeam: [],
    status: 'active',
    events: [],
    requestKey: `k-${n}`,
    createdBy: 'o-grid',
    createdAt: registeredAt,
    updatedAt: registeredAt,
    ...extra,
  };
}

export function checkIn(iso: Isolation, day: string, slot: Slot, temperature = 36.5, extra: Partial<CheckIn> = {}): CheckIn {
  const at = new Date(`${day}T${slot === 'am' ? '08' : '15'}:00:00+08:00`);
  return {
    ...newCheckIn(
      iso,
      day,
      slot,
      { temperature, symptoms: [], by: 'resident', byOpenid: 'o', byName: iso.name, late: false, requestKey: `q-${iso._id}-${slot}`, at },
      null,
    ),
    ...extra,
  };
}
