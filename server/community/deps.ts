/**
 * What the community context's handlers need, passed in so the function entry wires the real cloud and the
 * handlers stay thin: load through a repository, call the domain, save, answer.
 */
import { loadActor, type UserStore } from '../identity/users';
import type { Database } from '../platform/database';
import type { Actor } from '../policy/roles';
import { registry, type Registry } from './registry';

export interface Files {
  /** cloud.downloadFile: the bytes behind a cloud-storage fileID. */
  download(fileID: string): Promise<Buffer>;
}

export interface CommunityDeps {
  db: Database;
  reg: Registry;
  users: UserStore;
  files: Files;
  newId(): string;
  randomBytes(n: number): Uint8Array;
}

export function communityDeps(db: Database, users: UserStore, files: Files, newId: () => string, randomBytes: (n: number) => Uint8Array): CommunityDeps {
  return { db, reg: registry(db), users, files, newId, randomBytes };
}

export const actorOf = (deps: CommunityDeps, openid: string): Promise<Actor> => loadActor(deps.users, openid);

/** "楼道长 张三": who did something, as the household's history shows it. */
export function actorLabel(actor: Actor): string {
  const name = actor.name;
  const g = actor.grants[0];
  const role = g ? { communityAdmin: '社区管理员', gridWorker: '网格员', buildingLeader: '楼道长', volunteer: '志愿者' }[g.role] : '居民';
  return name ? `${role} ${name}` : role;
}
