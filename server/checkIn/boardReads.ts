/**
 * The reads behind the two check-in boards, each one aggregate whatever the size, answered with only what a board
 * shows:
 * - the 楼道长's building: its isolations (the fields a row needs, not the history or the care team), each with its
 *   check-ins of the day joined on (`$lookup` on the person), grouped by household so that the members and proxies
 *   to call are looked up once per household;
 * - the grid: the same join, counted in the database per building and slot (a row per building, not per person),
 *   and, separately, the first few people who need someone now with their phones; the rest are on the buildings'
 *   boards.
 * Who is expected in a slot is `expectedInSlot` (isolation.ts) written as an aggregation expression over the same
 * fields; the grid's counts are the per-person cells of the 楼道长's board summed (test/server/health/boards.*).
 */
import type { AttentionPerson, ContactPhone } from '../../typings/contract/health';
import type { Binding } from '../binding/binding';
import { COLLECTIONS } from '../community/records';
import type { Resident } from '../household/household';
import { ISOLATIONS, type Isolation } from '../isolation/isolation';
import type { Aggregate, Database, Doc } from '../platform/database';
import { addDays, dayStart, type Day } from '../time/shanghai';
import { contactsOf, type BoardCheckIn, type BoardIsolation, type BuildingCounts, type SlotQuery } from './board';
import { CHECK_INS } from './checkIn';
import { PAGE, readAll, type Scope } from './repository';
import type { Slot } from './slots';
import { symptomLabels } from './symptoms';

/** The fields of an isolation a board row is drawn from. */
const ROW_FIELDS: (keyof BoardIsolation)[] = [
  'residentId',
  'name',
  'householdId',
  'label',
  'unit',
  'floor',
  'room',
  'kind',
  'startDay',
  'days',
  'lastDay',
  'status',
  'releasedAt',
  'createdAt',
];
const CHECK_IN_FIELDS = ['slot', 'temperature', 'symptoms', 'abnormal', 'at', 'by', 'late'] as const;
const include = (fields: readonly string[]) => Object.fromEntries(fields.map((f) => [f, 1]));

/** `db.command.aggregate.pipeline()`: the stages of a `$lookup`'s own pipeline. */
interface SubPipeline {
  match(condition: object): SubPipeline;
  project(spec: object): SubPipeline;
  done(): object[];
}

/** The `$lookup` of a person's check-ins of the day that count (with `also`, only those matching it too). */
function checkInsOf(db: Database, scope: Scope, day: Day, fields: readonly string[], as: string, also: object = {}): Doc {
  const $ = db.command.aggregate;
  return {
    from: CHECK_INS,
    let: { residentId: '$residentId' },
    pipeline: ($.pipeline() as SubPipeline)
      .match({ ...scope, day, status: 'current', ...also, $expr: $.eq(['$residentId', '$$residentId']) })
      .project({ _id: 0, ...include(fields) })
      .done(),
    as,
  };
}

/** Isolations whose last day is not before `day` (with `covering`, those covering it: `coversDay`), some fields. */
function isolations(db: Database, scope: Scope, day: Day, fields: readonly string[], covering = false): Aggregate {
  const _ = db.command;
  const covers = covering
    ? {
        startDay: _.lte(day),
        createdAt: _.lt(new Date(dayStart(addDays(day, 1)))),
        releasedAt: _.or(_.eq(null), _.gt(new Date(dayStart(day)))),
      }
    : {};
  return db
    .collection(ISOLATIONS)
    .aggregate()
    .match({ ...scope, lastDay: _.gte(day), ...covers })
    .project({ _id: 0, ...include(fields) });
}

type Joined = BoardIsolation & { checkIns: Omit<BoardCheckIn, 'residentId'>[] };

export interface BuildingFacts {
  isolations: BoardIsolation[];
  contacts: Map<string, ContactPhone[]>;
  checkIns: BoardCheckIn[];
}

/** The 楼道长's board: the building's isolations that may cover `day`, their check-ins of the day, whom to call. */
export async function buildingFacts(db: Database, scope: Scope & { buildingId: string }, day: Day): Promise<BuildingFacts> {
  const $ = db.command.aggregate;
  const households = await readAll(
    async (skip) =>
      (
        await isolations(db, scope, day, ROW_FIELDS)
          .lookup(checkInsOf(db, scope, day, CHECK_IN_FIELDS, 'checkIns'))
          .group({ _id: '$householdId', people: $.push('$$ROOT') })
          .sort({ _id: 1 })
          .skip(skip)
          .limit(PAGE)
          .lookup({ from: COLLECTIONS.residents, localField: '_id', foreignField: 'householdId', as: 'members' })
          .lookup({ from: COLLECTIONS.bindings, localField: '_id', foreignField: 'householdId', as: 'proxies' })
          .project({
            people: 1,
            ...include(['members.name', 'members.relation', 'members.phone']),
            ...include(['proxies.name', 'proxies.relation', 'proxies.phone', 'proxies.status', 'proxies.kind']),
          })
          .end()
      ).list as unknown as { _id: string; people: Joined[]; members: Resident[]; proxies: Binding[] }[],
  );
  const facts: BuildingFacts = { isolations: [], contacts: new Map(), checkIns: [] };
  for (const h of households) {
    facts.contacts.set(h._id, contactsOf(h.members, h.proxies));
    for (const { checkIns, ...iso } of h.people) {
      facts.isolations.push(iso);
      facts.checkIns.push(...checkIns.map((c) => ({ ...c, residentId: iso.residentId })));
    }
  }
  return facts;
}

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
