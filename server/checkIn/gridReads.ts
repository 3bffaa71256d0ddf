/**
 * The reads behind the grid worker's board, each one aggregate whatever the size: per building and slot, who checked
 * in, abnormal or not, and who is expected and has not; and the first few people who need someone now.
 */
import type { AttentionPerson } from '../../typings/contract/health';
import type { Binding } from '../binding/binding';
import { COLLECTIONS } from '../community/records';
import type { Resident } from '../household/household';
import type { Isolation } from '../isolation/isolation';
import type { Aggregate, Database } from '../platform/database';
import type { Day } from '../time/shanghai';
import { contactsOf, type BoardCheckIn } from './board';
import { checkInsOf, include, isolations } from './boardReads';
import type { BuildingCounts, SlotQuery } from './gridBoard';
import { PAGE, readAll, type Scope } from './repository';
import type { Slot } from './slots';
import { symptomLabels } from './symptoms';

/**
 * Per person: the isolations covering the day (`coversDay`), with their check-ins of the day and the abnormal ones
 * among them. `slotState` says where a person stands in a slot in one value (each operator costs the emulator's mingo
 * tens of microseconds a person, so they are few): checked in, abnormal, expected and not checked in
 * (`expectedInSlot`: registered before the close, not released before it — never released counts as released at
 * the end of time), or none of these.
 */
function personSlots(db: Database, scope: Scope, day: Day, fields: readonly string[], checkInFields: string[]): Aggregate {
  return isolations(db, scope, day, [...fields, 'residentId', 'createdAt', 'releasedAt'], true)
    .lookup(checkInsOf(db, scope, day, checkInFields, 'checkIns'))
    .lookup(checkInsOf(db, scope, day, ['slot'], 'abnormal', { abnormal: true }));
}

const STATE = { none: 0, done: 1, abnormal: 2, pending: 3 } as const;

function slotState(db: Database, { slot, closesAt }: SlotQuery): unknown {
  const $ = db.command.aggregate;
  const closes = new Date(closesAt);
  return $.cond({
    if: $.in([slot, '$checkIns.slot']),
    then: $.cond({ if: $.in([slot, '$abnormal.slot']), then: STATE.abnormal, else: STATE.done }),
    else: $.cond({
      if: $.and([$.lt(['$createdAt', closes]), $.gte([$.ifNull(['$releasedAt', FAR_FUTURE]), closes])]),
      then: STATE.pending,
      else: STATE.none,
    }),
  });
}

const FAR_FUTURE = new Date('9999-12-31T00:00:00Z');

/**
 * Per building and slot of the grid: who checked in, abnormal or not, and who is expected and has not — counted in the
 * database by building and the person's state in each slot (at most a few rows per building), summed here.
 */
export async function gridCounts(db: Database, scope: Scope & { gridId: string }, day: Day, slots: SlotQuery[]): Promise<BuildingCounts[]> {
  const $ = db.command.aggregate;
  type Row = { _id: { buildingId: string; buildingName: string } & Record<string, number>; people: number };
  const rows = await readAll(
    async (skip) =>
      (
        await personSlots(db, scope, day, ['buildingId', 'buildingName'], ['slot'])
          .group({
            _id: {
              buildingId: '$buildingId',
              buildingName: '$buildingName',
              ...Object.fromEntries(slots.map((q) => [q.slot, slotState(db, q)])),
            },
            people: $.sum(1),
          })
          .sort({ _id: 1 })
          .skip(skip)
          .limit(PAGE)
          .end()
      ).list as unknown as Row[],
  );
  const buildings = new Map<string, BuildingCounts>();
  for (const { _id, people } of rows) {
    const b = buildings.get(_id.buildingId) ?? {
      buildingId: _id.buildingId,
      buildingName: _id.buildingName,
      isolated: 0,
      slots: Object.fromEntries(slots.map(({ slot }) => [slot, { done: 0, abnormal: 0, pending: 0 }])),
    };
    buildings.set(_id.buildingId, b);
    b.isolated += people;
    for (const { slot } of slots) {
      const counts = b.slots[slot]!;
      if (_id[slot] === STATE.done) counts.done += people;
      else if (_id[slot] === STATE.abnormal) counts.abnormal += people;
      else if (_id[slot] === STATE.pending) counts.pending += people;
    }
  }
  return [...buildings.values()];
}

const REASON_RANK: Record<AttentionPerson['reason'], number> = { abnormal: 0, escalated: 1, missing: 2 };

/**
 * The first `limit` people of the grid who need someone now (one entry per person and slot): abnormal first, then
 * escalated, then missing; within a reason by building (3号楼 before 10号楼: shorter names first), door and slot.
 * With the phones of their households.
 */
export async function gridAttention(
  db: Database,
  scope: Scope & { gridId: string },
  day: Day,
  slots: SlotQuery[],
  limit: number,
): Promise<AttentionPerson[]> {
  const $ = db.command.aggregate;
  const entry = (q: SlotQuery) => ({
    slot: q.slot,
    reason: $.let({
      vars: { state: slotState(db, q) },
      in: $.switch({
        branches: [
          { case: $.eq(['$$state', STATE.abnormal]), then: 'abnormal' },
          ...(q.pending ? [{ case: $.eq(['$$state', STATE.pending]), then: q.pending }] : []),
        ],
        default: null,
      }),
    }),
  });
  const rows = (
    await personSlots(db, scope, day, ['name', 'label', 'buildingName', 'householdId'], ['slot', 'temperature', 'symptoms'])
      .project({ residentId: 1, name: 1, label: 1, buildingName: 1, householdId: 1, checkIns: 1, attention: slots.map(entry) })
      .unwind('$attention')
      .match({ 'attention.reason': db.command.neq(null) })
      .addFields({
        rank: $.switch({
          branches: Object.entries(REASON_RANK).map(([reason, rank]) => ({ case: $.eq(['$attention.reason', reason]), then: rank })),
          default: 9,
        }),
        buildingNameLength: $.strLenCP('$buildingName'),
      })
      .sort({ rank: 1, buildingNameLength: 1, buildingName: 1, label: 1, 'attention.slot': 1 })
      .limit(limit)
      .addFields({
        checkIn: $.arrayElemAt([$.filter({ input: '$checkIns', as: 'c', cond: $.eq(['$$c.slot', '$attention.slot']) }), 0]),
      })
      .lookup({ from: COLLECTIONS.residents, localField: 'householdId', foreignField: 'householdId', as: 'members' })
      .lookup({ from: COLLECTIONS.bindings, localField: 'householdId', foreignField: 'householdId', as: 'proxies' })
      .project({
        residentId: 1,
        name: 1,
        label: 1,
        buildingName: 1,
        attention: 1,
        checkIn: 1,
        ...include(['members.name', 'members.relation', 'members.phone']),
        ...include(['proxies.name', 'proxies.relation', 'proxies.phone', 'proxies.status', 'proxies.kind']),
      })
      .end()
  ).list as unknown as (Pick<Isolation, 'residentId' | 'name' | 'label' | 'buildingName'> & {
    attention: { slot: Slot; reason: AttentionPerson['reason'] };
    checkIn?: Pick<BoardCheckIn, 'temperature' | 'symptoms'>;
    members: Resident[];
    proxies: Binding[];
  })[];
  return rows.map((r) => ({
    residentId: r.residentId,
    name: r.name,
    label: r.label,
    buildingName: r.buildingName,
    slot: r.attention.slot,
    reason: r.attention.reason,
    ...(r.attention.reason === 'abnormal' && r.checkIn
      ? { temperature: r.checkIn.temperature, symptomLabels: symptomLabels(r.checkIn.symptoms) }
      : {}),
    phones: contactsOf(r.members, r.proxies),
  }));
}
