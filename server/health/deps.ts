/**
 * What the health context's handlers need, passed in so the function entry wires the real cloud (database, WeChat's
 * subscribe messages) and handlers stay thin: load through repositories, call the domain, save, answer.
 */
import { registry, type Registry } from '../community/registry';
import { loadActor, type UserStore } from '../identity/users';
import type { NotifyDeps, Messenger } from '../notifications/notifier';
import type { Database } from '../platform/database';
import type { Actor } from '../policy/roles';

export interface HealthDeps extends NotifyDeps {
  reg: Registry;
  users: UserStore;
}

export function healthDeps(
  db: Database,
  users: UserStore,
  messenger: Messenger,
  log: (entry: Record<string, unknown>) => void,
): HealthDeps {
  return { db, reg: registry(db), users, messenger, log };
}

export const actorOf = (deps: Pick<HealthDeps, 'users'>, openid: string): Promise<Actor> => loadActor(deps.users, openid);
