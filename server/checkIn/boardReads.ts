/**
 * The read behind the 楼道长's check-in board, one aggregate whatever the size, answered with only what the board
 * shows: the building's isolations (the fields a row needs, not the history or the care team), each with its
 * check-ins of the day joined on (`$lookup` on the person), grouped by household so that the members and proxies
 * to call are looked up once per household. The grid's reads (gridReads.ts) share its pieces.
 */
import type { ContactPhone } from '../../typings/contract/health';
import type { Binding } from '../binding/binding';
import { COLLECTIONS, type BuildingRecord, type CommunityRecord } from '../community/records';
import type { Resident } from '../household/household';
import type { UserRecord } from '../identity/users';
import { ISOLATIONS } from '../isolation/isolation';
import type { Aggregate, Database, Doc } from '../platform/database';
import { addDays, dayStart, type Day } from '../time/shanghai';
import { contactsOf, type BoardInput, type BoardIsolation } from './board';
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
export const include = (fields: readonly string[]) => Object.fromEntries(fields.map((f) => [f, 1]));

/** `db.command.aggregate.pipeline()`: the stages of a `$lookup`'s own pipeline. */
export interface SubPipeline {
  match(condition: object): SubPipeline;
  group(spec: object): SubPipeline;
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

/**
 * One document by `_id` with the caller's user record (`headerUser`) and its community (`headerCommunity`) looked up:
 * what a board needs before it may read anything, in one request; a caller may look up more.
 */
export function headerOf(db: Database, collection: string, id: string, openid: string): Aggregate {
  const $ = db.command.aggregate;
  return db
    .collection(collection)
    .aggregate()
    .match({ _id: id })
    .limit(1)
    .addFields({ headerCaller: $.literal(openid) })
    .lookup({ from: COLLECTIONS.users, localField: 'headerCaller', foreignField: '_id', as: 'headerUser' })
    .lookup({ from: COLLECTIONS.communities, localField: 'communityId', foreignField: '_id', as: 'headerCommunity' })
    .project({ headerCaller: 0 });
}

export type Header<T> = T & { headerUser: UserRecord[]; headerCommunity: CommunityRecord[] };

/** The building with the caller's user record and its community, in one request (null: no such building). */
export async function buildingHeader(
  db: Database,
  buildingId: string,
  openid: string,
): Promise<{ building: BuildingRecord; user: UserRecord | null; community: CommunityRecord | null } | null> {
  const row = (await headerOf(db, COLLECTIONS.buildings, buildingId, openid).end()).list[0] as unknown as
    Header<BuildingRecord> | undefined;
  if (!row) return null;
  const { headerUser, headerCommunity, ...building } = row;
  return { building, user: headerUser[0] ?? null, community: headerCommunity[0] ?? null };
}

type Joined = BoardIsolation & { checkIns: BoardInput['checkIns'] };

export interface BuildingFacts {
  isolations: BoardIsolation[];
  contacts: Map<string, ContactPhone[]>;
  checkIns: BoardInput['checkIns'];
}

/**
 * The `$lookup`s of whom to call about a household (its id at `householdId`, a field path): its members (`members`)
 * and confirmed proxies (`proxies`), only the fields contactsOf reads.
 */
export function householdContacts(db: Database, communityId: string, householdId: string): { members: Doc; proxies: Doc } {
  const $ = db.command.aggregate;
  const lookup = (from: string, also: object, fields: readonly string[], as: string) => ({
    from,
    let: { householdId },
    pipeline: ($.pipeline() as SubPipeline)
      .match({ communityId, ...also, $expr: $.eq(['$householdId', '$$householdId']) })
      .project({ _id: 0, ...include(fields) })
      .done(),
    as,
  });
  return {
    members: lookup(COLLECTIONS.residents, {}, ['name', 'relation', 'phone'], 'members'),
    proxies: lookup(
      COLLECTIONS.bindings,
      { status: 'confirmed', kind: 'proxy' },
      ['name', 'relation', 'phone', 'status', 'kind'],
      'proxies',
    ),
  };
}

/** The fields of a check-in a board cell shows (the 楼道长's board leaves out its time). */
const CELL_FIELDS = ['slot', 'temperature', 'symptoms', 'abnormal', 'by', 'late'] as const;

/**
 * The 楼道长's board: the building's isolations that may cover `day` (an index answers `lastDay ≥ day` exactly, so no
 * document is matched one by one; the board leaves out those that do not cover it), their check-ins of the day, whom
 * to call — grouped by household, whose members with their phones and confirmed proxies are looked up once, only the
 * fields shown.
 */
export async function buildingFacts(db: Database, scope: Scope & { buildingId: string }, day: Day): Promise<BuildingFacts> {
  const $ = db.command.aggregate;
  const households = await readAll(
    async (skip) =>
      (
        await isolations(db, scope, day, ROW_FIELDS)
          .lookup(checkInsOf(db, scope, day, CELL_FIELDS, 'checkIns'))
          .group({ _id: '$householdId', people: $.push('$$ROOT') })
          .sort({ _id: 1 })
          .skip(skip)
          .limit(PAGE)
          .lookup(householdContacts(db, scope.communityId, '$_id').members)
          .lookup(householdContacts(db, scope.communityId, '$_id').proxies)
          .end()
      ).list as unknown as { _id: string; people: Joined[]; members: Resident[]; proxies: Binding[] }[],
  );
  const facts: BuildingFacts = { isolations: [], contacts: new Map(), checkIns: [] };
  for (const h of households) {
    facts.contacts.set(h._id, contactsOf(h.members, h.proxies));
    for (const { checkIns, ...iso } of h.people) {
      facts.isolations.push(iso);
      for (const c of checkIns) facts.checkIns.push({ ...c, residentId: iso.residentId });
    }
  }
  return facts;
}
