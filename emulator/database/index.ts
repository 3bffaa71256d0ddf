/**
 * The emulator's database service: opens the data directory, applies the collection declaration and exposes the
 * `database.*` admin actions.
 */
import fs from 'node:fs';
import type { Clock } from '../clock';
import { ActionHandler, databaseActions } from './actions';
import { loadDeclaration } from './declaration';
import { DocumentEngine } from './engine';
import { findDuplicate } from './integrity';
import { lockDataDir } from './processLock';
import { Storage } from './storage';
import { TransactionManager } from './transactions';
import { CommittedView } from './views';

export { CloudBaseError } from './errors';
export type { ActionHandler } from './actions';

export interface DatabaseOptions {
  dataDir: string;
  declarationPath: string;
  clock: Clock;
  log: (line: string) => void;
}

export interface DatabaseService {
  readonly actions: Record<string, ActionHandler>;
  readonly engine: DocumentEngine;
  close(): void;
}

export function openDatabase(options: DatabaseOptions): DatabaseService {
  if (!fs.existsSync(options.declarationPath)) {
    throw new Error(`collection declaration not found: ${options.declarationPath}`);
  }
  const declaration = loadDeclaration(options.declarationPath);
  const lock = lockDataDir(options.dataDir);
  let storage: Storage | undefined;
  try {
    storage = new Storage(options.dataDir);
    const committed = new CommittedView(storage);
    // Collections no longer declared (or created at run time) keep their data but lose stale indexes.
    const declaredNames = new Set(declaration.collections.map((collection) => collection.name));
    const undeclared = storage
      .collectionNames()
      .filter((name) => !declaredNames.has(name))
      .map((name) => ({ name, securityRules: { read: false, write: false }, indexes: [] }));
    for (const collection of [...declaration.collections, ...undeclared]) {
      storage.applyDeclaration(collection, (info, index) => {
        const clash = findDuplicate(committed, info, index);
        if (clash) {
          throw new Error(`cannot create unique index ${info.name}.${index.name}: documents ${clash} have the same key (E11000)`);
        }
      });
    }
    const transactions = new TransactionManager(storage, options.log);
    const engine = new DocumentEngine(storage, transactions, options.log);
    const opened = storage;
    return {
      actions: databaseActions(engine, options.clock),
      engine,
      close: () => {
        transactions.close();
        opened.close();
        lock.release();
      },
    };
  } catch (err) {
    storage?.db.close();
    lock.release();
    throw err;
  }
}
