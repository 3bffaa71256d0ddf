/**
 * The reads behind slot runs and a check-in's effects, each one database request whatever the size (up to a
 * thousand rows, which is also CloudBase's page size; past that each further thousand costs one more request),
 * reading one collection each with the fields needed copied onto the documents (building, unit, floor, room, name).
 * The boards' own reads are in boardReads.ts.
 */
import { COLLECTIONS, type CommunityRecord } from '../community/records';
import type { Resident } from '../household/household';
import type { UserRecord } from '../identity/users';
import { ISOLATIONS, type Isolation } from '../isolation/isolation';
import type { Database } from '../platform/database';
import type { Day } from '../time/shanghai';
import type { BoardCheckIn } from './board';
import { CHECK_INS, type CheckIn } from './checkIn';
import type { Slot } from './slots';

/** CloudBase's largest page: a read of more rows than this costs one more request. */
export const PAGE = 1000;

/** Reads page after page until one comes back short. */
export async function readAll<T>(page: (skip: number) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; ; skip += PAGE) {
    const rows = await page(skip);
    out.push(...rows);
    if (rows.length < PAGE) return out;
  }
}

export type Scope = { communityId: string; buildingId?: string; gridId?: string };

/** Isolations that may cover `day`, without contacts (what the slot runs need). */
export async function isolationsCovering(db: Database, scope: Scope, day: Day): Promise<Isolation[]> {
  return readAll(
    async (skip) =>
      (
        await db
          .collection<Isolation>(ISOLATIONS)
          .where({ ...scope, lastDay: db.command.gte(day) })
          .orderBy('_id', 'asc')
          .skip(skip)
          .limit(PAGE)
          .get()
      ).data,
  );
}

/**
 * The check-ins that count on `day`, grouped per person (so a row is a person, not a check-in: a thousand people per
 * request), with only the fields a board shows.
 */
export async function currentCheckIns(db: Database, scope: Scope & { slot?: Slot }, day: Day): Promise<BoardCheckIn[]> {
  const $ = db.command.aggregate;
  const rows = await readAll(async (skip) => {
    const res = await db
      .collection(CHECK_INS)
      .aggregate()
      .match({ ...scope, day, status: 'current' })
      .group({
        _id: '$residentId',
        checkIns: $.push({
          slot: '$slot',
          temperature: '$temperature',
          symptoms: '$symptoms',
          abnormal: '$abnormal',
          at: '$at',
          by: '$by',
          late: '$late',
        }),
      })
      .sort({ _id: 1 })
      .skip(skip)
      .limit(PAGE)
      .end();
    return res.list as unknown as { _id: string; checkIns: Omit<BoardCheckIn, 'residentId'>[] }[];
  });
  return rows.flatMap((r) => r.checkIns.map((c) => ({ ...c, residentId: r._id })));
}

/** Every revision of one person's slot: the one that counts and those it replaced. */
export async function slotVersions(db: Database, communityId: string, residentId: string, day: Day, slot: Slot): Promise<CheckIn[]> {
  return (await db.collection<CheckIn>(CHECK_INS).where({ communityId, residentId, day, slot }).limit(100).get()).data;
}

/** A person about to check in, with their isolations and their community (its windows), and the caller's user record. */
export interface SubmitFacts {
  resident: Resident;
  isolations: Isolation[];
  community: CommunityRecord | null;
  /** The caller's `users` document (null for someone the system does not know: they hold no role and no household). */
  user: UserRecord | null;
}

/** `db.command.aggregate.pipeline()`: the stages of a `$lookup`'s own pipeline. */
interface SubPipeline {
  match(condition: object): SubPipeline;
  count(field: string): SubPipeline;
  done(): object[];
}

/**
 * Everything a check-in needs before it is written, in one request: each `$lookup` by `_id` or an indexed field (the
 * caller's user by its `_id`, a condition of its own that is the same whatever the resident).
 */
export async function submitFacts(db: Database, residentId: string, openid: string): Promise<SubmitFacts | null> {
  const $ = db.command.aggregate;
  const row = (
    await db
      .collection(COLLECTIONS.residents)
      .aggregate()
      .match({ _id: residentId })
      .limit(1)
      .lookup({ from: COLLECTIONS.users, pipeline: ($.pipeline() as SubPipeline).match({ _id: openid }).done(), as: 'submitUser' })
      .lookup({ from: ISOLATIONS, localField: '_id', foreignField: 'residentId', as: 'submitIsolations' })
      .lookup({ from: COLLECTIONS.communities, localField: 'communityId', foreignField: '_id', as: 'submitCommunity' })
      .end()
  ).list[0] as unknown as
    (Resident & { submitUser: UserRecord[]; submitIsolations: Isolation[]; submitCommunity: CommunityRecord[] }) | undefined;
  if (!row) return null;
  const { submitUser, submitIsolations, submitCommunity, ...resident } = row;
  return {
    resident: resident as Resident,
    isolations: submitIsolations,
    community: submitCommunity[0] ?? null,
    user: submitUser[0] ?? null,
  };
}

/**
 * Two counts for one building's slot, in one request, each answered from an index alone (every condition is on an
 * indexed field): the check-ins that count, and the people certainly expected — isolations stored active, covering the
 * day, begun before the slot closes. The second is a lower bound of who is expected (it leaves out someone released
 * after the close), so fewer check-ins than that means the building is not complete yet; only otherwise is the
 * building read in full. Both are `$lookup`s that only count (no variable: the same answer whatever the document they
 * join), hung on the check-in just stored — a document certain to exist; null if it does not (then nothing is ruled out).
 */
export async function slotCounts(
  db: Database,
  checkInId: string,
  scope: { communityId: string; buildingId: string },
  day: Day,
  slot: Slot,
  closesAt: Date,
): Promise<{ checkedIn: number; certainlyExpected: number } | null> {
  const _ = db.command;
  const $ = db.command.aggregate;
  const counting = (condition: object) => ($.pipeline() as SubPipeline).match(condition).count('n').done();
  const row = (
    await db
      .collection(CHECK_INS)
      .aggregate()
      .match({ _id: checkInId })
      .limit(1)
      .lookup({ from: CHECK_INS, pipeline: counting({ ...scope, day, slot, status: 'current' }), as: 'slotCheckedIn' })
      .lookup({
        from: ISOLATIONS,
        pipeline: counting({ ...scope, status: 'active', lastDay: _.gte(day), startDay: _.lte(day), createdAt: _.lt(closesAt) }),
        as: 'slotExpected',
      })
      .project({ _id: 0, slotCheckedIn: 1, slotExpected: 1 })
      .end()
  ).list[0] as { slotCheckedIn: { n: number }[]; slotExpected: { n: number }[] } | undefined;
  if (!row) return null;
  return { checkedIn: row.slotCheckedIn[0]?.n ?? 0, certainlyExpected: row.slotExpected[0]?.n ?? 0 };
}
