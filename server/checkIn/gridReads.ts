/**
 * The reads behind the grid worker's board, three requests whatever the size (before a closed slot's run, the third
 * works the missing out person by person), none of them reading the grid's people one by one:
 * - the grid, the caller, the community, the day's slot runs and the few isolations registered or released on the
 *   day, in one aggregate (gridFacts);
 * - counts the database answers from its indexes, each a lookup hung on the grid: the steady isolations per building,
 *   the check-ins per building, slot and abnormal or not — with the abnormal ones listed and their phones — and the
 *   changed people's check-ins (gridTallies; gridBoard.ts buildingCounts turns them into the board's numbers);
 * - the people missing a closed slot, from the 「未打卡」 to-do items its close run raised, less those checked in since
 *   (missingFromRuns) — or, before that run is done, worked out person by person (attentionPersonByPerson).
 */
import type { AttentionPerson } from '../../typings/contract/health';
import type { Binding } from '../binding/binding';
import { COLLECTIONS, type CommunityRecord, type GridRecord } from '../community/records';
import type { Resident } from '../household/household';
import type { UserRecord } from '../identity/users';
import { coversDay, ISOLATIONS, type Isolation } from '../isolation/isolation';
import type { Aggregate, Database, Doc } from '../platform/database';
import { TASKS } from '../tasks/task';
import { addDays, dayStart, type Day } from '../time/shanghai';
import { contactsOf, type BoardCheckIn } from './board';
import { checkInsOf, headerOf, householdContacts, include, isolations, type Header, type SubPipeline } from './boardReads';
import { CHECK_INS, type CheckIn } from './checkIn';
import type { ChangedIsolation, GridTallies, SlotQuery } from './gridBoard';
import type { Scope } from './repository';
import type { Slot, SlotRunPhase } from './slots';
import { SLOT_RUNS } from './slotRuns';
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

const REASON_RANK: Record<AttentionPerson['reason'], number> = { abnormal: 0, escalated: 1, missing: 2 };

/**
 * The first `limit` people of the grid who need someone now (one entry per person and slot): abnormal first, then
 * escalated, then missing; within a reason by building (3号楼 before 10号楼: shorter names first), door and slot.
 * With the phones of their households. Worked out person by person over the grid's isolations and check-ins: only
 * while a closed slot's run has not raised its to-do items yet (minutes after the close).
 */
export async function attentionPersonByPerson(
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

/** What the grid board needs before its counts: the grid, who asks, the community's windows, the day's closes. */
export interface GridFacts {
  grid: GridRecord;
  user: UserRecord | null;
  community: CommunityRecord | null;
  /** The day's slot runs that are done: their to-do items for the missing are raised. */
  runsDone: { slot: Slot; phase: SlotRunPhase }[];
  /** Isolations that may cover the day and were registered or released on it (gridBoard.ts GridTallies). */
  changed: ChangedIsolation[];
}

const CHANGED_FIELDS: (keyof ChangedIsolation)[] = [
  'residentId',
  'buildingId',
  'buildingName',
  'startDay',
  'lastDay',
  'createdAt',
  'releasedAt',
];

/** The grid with the caller's user record, its community, the day's slot runs and its changed isolations: one request. */
export async function gridFacts(db: Database, gridId: string, openid: string, day: Day): Promise<GridFacts | null> {
  const _ = db.command;
  const $ = db.command.aggregate;
  // Registered from the day on (coversDay leaves out those registered after it), or released on or after it.
  const start = new Date(dayStart(day));
  const changed = (as: string, when: object) => ({
    from: ISOLATIONS,
    pipeline: ($.pipeline() as SubPipeline)
      .match({ gridId, lastDay: _.gte(day), startDay: _.lte(day), ...when })
      .project({ _id: 0, ...include(CHANGED_FIELDS) })
      .done(),
    as,
  });
  const row = (
    await headerOf(db, COLLECTIONS.grids, gridId, openid)
      .lookup({
        from: SLOT_RUNS,
        let: { communityId: '$communityId' },
        pipeline: ($.pipeline() as SubPipeline)
          .match({ day, status: 'done', $expr: $.eq(['$communityId', '$$communityId']) })
          .project({ _id: 0, slot: 1, phase: 1 })
          .done(),
        as: 'gridRuns',
      })
      .lookup(changed('gridRegistered', { createdAt: _.gte(start) }))
      .lookup(changed('gridReleased', { createdAt: _.lt(start), releasedAt: _.gt(start) }))
      .end()
  ).list[0] as unknown as
    | Header<
        GridRecord & {
          gridRuns: { slot: Slot; phase: SlotRunPhase }[];
          gridRegistered: ChangedIsolation[];
          gridReleased: ChangedIsolation[];
        }
      >
    | undefined;
  if (!row) return null;
  const { headerUser, headerCommunity, gridRuns, gridRegistered, gridReleased, ...grid } = row;
  return {
    grid,
    user: headerUser[0] ?? null,
    community: headerCommunity[0] ?? null,
    runsDone: gridRuns,
    changed: [...gridRegistered, ...gridReleased],
  };
}

type Contacts = { members: Resident[]; proxies: Binding[] };
const phonesOf = (householdId: string, { members, proxies }: Contacts) =>
  contactsOf(
    members.filter((m) => m.householdId === householdId),
    proxies.filter((p) => p.householdId === householdId),
  );

type CheckInRow = { _id: { buildingId: string; slot: Slot; abnormal: boolean }; count: number };
type AbnormalRow = Pick<CheckIn, 'residentId' | 'householdId' | 'buildingId' | 'name' | 'label' | 'slot' | 'temperature' | 'symptoms'>;

/**
 * The grid's counts of the day, each answered by the database from its indexes (no person read one by one): the
 * steady isolations per building, the check-ins per building, slot and abnormal or not — with the abnormal ones and
 * their households' phones — and which slots the changed people checked in for. One request.
 */
export async function gridTallies(
  db: Database,
  scope: Scope & { gridId: string },
  day: Day,
  changed: ChangedIsolation[],
): Promise<{ tallies: GridTallies; abnormal: (Omit<AttentionPerson, 'buildingName'> & { buildingId: string })[] }> {
  const _ = db.command;
  const $ = db.command.aggregate;
  const pipeline = () => $.pipeline() as SubPipeline;
  const covering = coveringIds(changed, day);
  // Every part is a lookup of its own hung on the grid (a document certain to be there), so that the board's requests
  // are the same whatever the day brought: none of them depends on the grid's documents but through the indexes.
  const row = (
    await db
      .collection(COLLECTIONS.grids)
      .aggregate()
      .match({ _id: scope.gridId })
      .limit(1)
      .lookup({
        from: ISOLATIONS,
        pipeline: pipeline()
          .match({ ...scope, status: _.in(['active', 'ended']), lastDay: _.gte(day), startDay: _.lte(day) })
          .group({ _id: { buildingId: '$buildingId', buildingName: '$buildingName' }, people: $.sum(1) })
          .done(),
        as: 'steady',
      })
      .lookup({
        from: CHECK_INS,
        pipeline: pipeline()
          .match({ ...scope, day, status: 'current' })
          .group({ _id: { buildingId: '$buildingId', slot: '$slot', abnormal: '$abnormal' }, count: $.sum(1) })
          .done(),
        as: 'rows',
      })
      .lookup({
        from: CHECK_INS,
        pipeline: pipeline()
          .match({ ...scope, day, status: 'current', abnormal: true })
          .project({ _id: 0, ...include(['residentId', 'householdId', 'buildingId', 'name', 'label', 'slot', 'temperature', 'symptoms']) })
          .done(),
        as: 'abnormal',
      })
      .lookup({ from: COLLECTIONS.residents, localField: 'abnormal.householdId', foreignField: 'householdId', as: 'members' })
      .lookup({ from: COLLECTIONS.bindings, localField: 'abnormal.householdId', foreignField: 'householdId', as: 'proxies' })
      // The changed people's own check-ins (asked even for nobody, for the same reason).
      .lookup({
        from: CHECK_INS,
        pipeline: pipeline()
          .match({ communityId: scope.communityId, residentId: _.in(covering), day, status: 'current' })
          .project({ _id: 0, residentId: 1, slot: 1 })
          .done(),
        as: 'changedCheckIns',
      })
      .project({ _id: 0, steady: 1, rows: 1, abnormal: 1, changedCheckIns: 1, ...CONTACT_FIELDS })
      .end()
  ).list[0] as unknown as
    | ({
        steady: { _id: { buildingId: string; buildingName: string }; people: number }[];
        rows: CheckInRow[];
        abnormal: AbnormalRow[];
        changedCheckIns: Pick<CheckIn, 'residentId' | 'slot'>[];
      } & Contacts)
    | undefined;
  if (!row) throw new Error(`grid ${scope.gridId} is gone`); // read a moment ago by gridFacts
  const slotsOf = new Map<string, Slot[]>();
  for (const c of row.changedCheckIns) slotsOf.set(c.residentId, [...(slotsOf.get(c.residentId) ?? []), c.slot]);
  return {
    tallies: {
      steady: row.steady.map((r) => ({ ...r._id, people: r.people })),
      checkIns: row.rows.map((r) => ({ ...r._id, count: r.count })),
      changed: changed.map((iso) => ({ ...iso, checkedIn: slotsOf.get(iso.residentId) ?? [] })),
    },
    abnormal: row.abnormal.map((c) => ({
      residentId: c.residentId,
      name: c.name,
      label: c.label,
      buildingId: c.buildingId,
      slot: c.slot,
      reason: 'abnormal',
      temperature: c.temperature,
      symptomLabels: symptomLabels(c.symptoms),
      phones: phonesOf(c.householdId, row),
    })),
  };
}

/** The changed isolations that cover the day: the people whose check-ins are read one by one. */
function coveringIds(changed: ChangedIsolation[], day: Day): string[] {
  const start = dayStart(day);
  const end = dayStart(addDays(day, 1));
  return [...new Set(changed.filter((iso) => coversDay(iso, day, start, end)).map((iso) => iso.residentId))];
}

const CONTACT_FIELDS = {
  ...include(['members.householdId', 'members.name', 'members.relation', 'members.phone']),
  ...include(['proxies.householdId', 'proxies.name', 'proxies.relation', 'proxies.phone', 'proxies.status', 'proxies.kind']),
};

/**
 * The rank of an item's reason (escalated before missing), computed per item by the database only when the slots'
 * reasons differ (each computed value costs it per item): most of the day every closed slot has the same.
 */
function reasonRank(db: Database, slots: SlotQuery[]): { rank: Doc; first: Record<string, 1> } {
  const ranks = slots.map((q) => REASON_RANK[q.pending ?? 'missing']);
  if (ranks.every((r) => r === ranks[0])) return { rank: {}, first: {} };
  const $ = db.command.aggregate;
  const rank = $.switch({
    branches: slots.map((q) => ({ case: $.eq(['$slot', q.slot]), then: REASON_RANK[q.pending ?? 'missing'] })),
    default: 9,
  });
  return { rank: { rank }, first: { rank: 1 } };
}

/** A closed slot, and the to-do items raised by one of its runs for everyone then expected and not checked in. */
export type RunItems = SlotQuery & { kind: 'checkIn.missed' | 'checkIn.escalated' };

/**
 * The to-do items listing the missing of a closed slot: the escalation run's when it is done, else the close run's,
 * or null before either (a late timer: CloudBase skips or delays one now and then).
 */
export function runItems(q: SlotQuery, runsDone: GridFacts['runsDone']): RunItems | null {
  const done = (phase: SlotRunPhase) => runsDone.some((r) => r.slot === q.slot && r.phase === phase);
  return done('escalate') ? { ...q, kind: 'checkIn.escalated' } : done('close') ? { ...q, kind: 'checkIn.missed' } : null;
}

/**
 * The first `limit` people missing a closed slot, from the to-do items a run of the slot raised for everyone expected
 * and not checked in then (`RunItems`), less those who checked in since (a 楼道长's late record): escalated before
 * missing, then by building (shorter names first), door and slot, with their households' phones. Each item names its
 * person (ladder.ts), so nothing else is read for the sort. Between the close
 * and the run nobody can check in but by a late record, so these are exactly the people expected and not checked in.
 */
export async function missingFromRuns(
  db: Database,
  scope: Scope & { gridId: string },
  day: Day,
  slots: RunItems[],
  limit: number,
): Promise<AttentionPerson[]> {
  const _ = db.command;
  const $ = db.command.aggregate;
  const order = reasonRank(db, slots);
  const rows = (
    await db
      .collection(TASKS)
      .aggregate()
      .match({
        ...scope,
        kind: _.in([...new Set(slots.map((q) => q.kind))]),
        'subject.day': day,
        'subject.slot': _.in(slots.map((q) => q.slot)),
      })
      .match(_.or(slots.map((q) => ({ kind: q.kind, 'subject.slot': q.slot }))) as Doc)
      .project({
        _id: 0,
        householdId: 1,
        residentId: '$subject.residentId',
        slot: '$subject.slot',
        name: '$subject.name',
        label: '$subject.label',
        buildingName: '$subject.buildingName',
      })
      .lookup({
        from: CHECK_INS,
        let: { residentId: '$residentId' },
        pipeline: ($.pipeline() as SubPipeline)
          .match({ communityId: scope.communityId, day, status: 'current', $expr: $.eq(['$residentId', '$$residentId']) })
          .project({ _id: 0, slot: 1 })
          .done(),
        as: 'checkIns',
      })
      // Not checked in for the item's slot since: a plain condition per slot (no element of checkIns holds it).
      .match(_.or(slots.map((q) => ({ slot: q.slot, 'checkIns.slot': _.neq(q.slot) }))) as Doc)
      .addFields({ buildingNameLength: $.strLenCP('$buildingName'), ...order.rank })
      .sort({ ...order.first, buildingNameLength: 1, buildingName: 1, label: 1, slot: 1 })
      .limit(limit)
      .lookup(householdContacts(db, scope.communityId, '$householdId').members)
      .lookup(householdContacts(db, scope.communityId, '$householdId').proxies)
      .project({ residentId: 1, name: 1, label: 1, buildingName: 1, slot: 1, members: 1, proxies: 1 })
      .end()
  ).list as unknown as (Pick<Isolation, 'residentId' | 'name' | 'label' | 'buildingName' | 'householdId'> & { slot: Slot } & Contacts)[];
  const reasons = new Map(slots.map((q) => [q.slot, q.pending ?? 'missing']));
  return rows.map((r) => ({
    residentId: r.residentId,
    name: r.name,
    label: r.label,
    buildingName: r.buildingName,
    slot: r.slot,
    reason: reasons.get(r.slot)!,
    phones: contactsOf(r.members, r.proxies),
  }));
}
