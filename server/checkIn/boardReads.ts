/**
 * The read behind the 楼道长's check-in board, one aggregate whatever the size, answered with only what the board
 * shows: the building's isolations (the fields a row needs, not the history or the care team), each with its
 * check-ins of the day joined on (`$lookup` on the person), grouped by household so that the members and proxies
 * to call are looked up once per household. The grid's reads (gridReads.ts) share its pieces.
 */
import type { ContactPhone } from '../../typings/contract/health';
import type { Binding } from '../binding/binding';
import { COLLECTIONS } from '../community/records';
import type { Resident } from '../household/household';
import { ISOLATIONS } from '../isolation/isolation';
import type { Aggregate, Database, Doc } from '../platform/database';
import { addDays, dayStart, type Day } from '../time/shanghai';
import { contactsOf, type BoardCheckIn, type BoardIsolation } from './board';
import { CHECK_INS } from './checkIn';
import { PAGE, readAll, type Scope } from './repository';

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
export const include = (fields: readonly string[]) => Object.fromEntries(fields.map((f) => [f, 1]));

/** `db.command.aggregate.pipeline()`: the stages of a `$lookup`'s own pipeline. */
export interface SubPipeline {
  match(condition: object): SubPipeline;
  project(spec: object): SubPipeline;
  done(): object[];
}

/** The `$lookup` of a person's check-ins of the day that count (with `also`, only those matching it too). */
export function checkInsOf(db: Database, scope: Scope, day: Day, fields: readonly string[], as: string, also: object = {}): Doc {
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
export function isolations(db: Database, scope: Scope, day: Day, fields: readonly string[], covering = false): Aggregate {
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
