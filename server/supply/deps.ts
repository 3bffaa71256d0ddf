/**
 * What the supply context's handlers need, passed in so the function entry wires the real cloud (database, WeChat's
 * subscribe messages) and handlers stay thin: load through repositories, call the domain, save, answer.
 */
import { registry, type Registry } from '../community/registry';
import { loadActor, type UserStore } from '../identity/users';
import type { Messenger, NotifyDeps } from '../notifications/notifier';
import type { Database } from '../platform/database';
import type { Actor } from '../policy/roles';

export interface SupplyDeps extends NotifyDeps {
  reg: Registry;
  users: UserStore;
  newId(): string;
}

export function supplyDeps(
  db: Database,
  users: UserStore,
  messenger: Messenger,
  log: (entry: Record<string, unknown>) => void,
  newId: () => string,
): SupplyDeps {
  return { db, reg: registry(db), users, messenger, log, newId };
}

export const actorOf = (deps: Pick<SupplyDeps, 'users'>, openid: string): Promise<Actor> => loadActor(deps.users, openid);
