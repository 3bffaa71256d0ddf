/**
 * What the notice context's handlers need, passed in so the function entry wires the real cloud (database, WeChat's
 * content check and subscribe messages) and handlers stay thin: load through repositories, call the domain, save.
 */
import { registry, type Registry } from '../community/registry';
import type { MsgSecCheck } from '../contentSafety/contentSafety';
import { loadActor, type UserStore } from '../identity/users';
import type { Messenger, NotifyDeps } from '../notifications/notifier';
import type { Database } from '../platform/database';
import type { Actor } from '../policy/roles';

export interface NoticeDeps extends NotifyDeps {
  reg: Registry;
  users: UserStore;
  msgSecCheck: MsgSecCheck;
}

export function noticeDeps(
  db: Database,
  users: UserStore,
  messenger: Messenger,
  msgSecCheck: MsgSecCheck,
  log: (entry: Record<string, unknown>) => void,
): NoticeDeps {
  return { db, reg: registry(db), users, messenger, msgSecCheck, log };
}

export const actorOf = (deps: Pick<NoticeDeps, 'users'>, openid: string): Promise<Actor> => loadActor(deps.users, openid);
