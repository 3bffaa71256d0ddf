/**
 * What publishing a notice (and previewing its scope) reads before deciding anything, in one database request: the
 * caller's user record, the community with its buildings and grids, and — when publishing — the notice this request
 * already created, if the call is a retry. One aggregate over the community, each part a `$lookup` through an index
 * (`_id`, or `communityId`): the answer is bounded by one community (a few hundred buildings at most), never by its
 * households.
 */
import type { BuildingRecord, CommunityRecord, GridRecord } from '../community/records';
import { COLLECTIONS } from '../community/records';
import { loadActor, type UserRecord } from '../identity/users';
import type { Database } from '../platform/database';
import type { Actor } from '../policy/roles';
import { NOTICES, type Notice } from './notice';

/** The community a scope is resolved in: its buildings and grids as the registry holds them. */
export interface ScopeRegistry {
  community: CommunityRecord;
  buildings: BuildingRecord[];
  grids: GridRecord[];
}

export interface PublishContext {
  actor: Actor;
  /** Undefined when there is no such community. */
  registry?: ScopeRegistry;
  /** The notice of this request id, when a retry finds it already published. */
  existing?: Notice;
}

interface Row {
  community: CommunityRecord;
  caller: UserRecord[];
  buildings: BuildingRecord[];
  grids: GridRecord[];
  existing?: Notice[];
}

export async function publishContext(db: Database, openid: string, communityId: string, noticeId?: string): Promise<PublishContext> {
  const $ = db.command.aggregate;
  let pipeline = db
    .collection(COLLECTIONS.communities)
    .aggregate()
    .match({ _id: communityId })
    .limit(1)
    // The community under one key, beside the constants to join on ($literal: an id is never read as a field path).
    .project({ community: '$$ROOT', callerId: $.literal(openid), ...(noticeId ? { noticeId: $.literal(noticeId) } : {}) })
    .lookup({ from: COLLECTIONS.users, localField: 'callerId', foreignField: '_id', as: 'caller' })
    .lookup({ from: COLLECTIONS.buildings, localField: '_id', foreignField: 'communityId', as: 'buildings' })
    .lookup({ from: COLLECTIONS.grids, localField: '_id', foreignField: 'communityId', as: 'grids' });
  if (noticeId) pipeline = pipeline.lookup({ from: NOTICES, localField: 'noticeId', foreignField: '_id', as: 'existing' });
  const row = (await pipeline.end()).list[0] as unknown as Row | undefined;
  const actor = await loadActor({ get: async () => row?.caller[0] ?? null }, openid);
  if (!row) return { actor };
  const existing = row.existing?.[0];
  return { actor, registry: { community: row.community, buildings: row.buildings, grids: row.grids }, ...(existing ? { existing } : {}) };
}
