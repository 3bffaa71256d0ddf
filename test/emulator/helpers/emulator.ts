/**
 * An emulator started inside the test process (port 0, temporary data directory) with the real wx-server-sdk
 * pointed at it through the same environment variables a function gets.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Clock } from '../../../emulator/clock';
import { DatabaseService, openDatabase } from '../../../emulator/database';
import { applySdkEnvironment } from '../../../emulator/sdkEnv';
import { Emulator, startEmulator } from '../../../emulator/server';
import { SdkDatabase, WxCloud } from './sdk';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const PROJECT_DECLARATION = path.join(REPO_ROOT, 'database/collections.json');

export interface TestEmulator {
  emulator: Emulator;
  dataDir: string;
  /** Every line the emulator logged. */
  logs: string[];
  cloud: WxCloud;
  db: SdkDatabase;
  close(): Promise<void>;
}

export interface TestEmulatorOptions {
  /** A declaration object (written to a temp file) or a path; defaults to the project's database/collections.json. */
  declaration?: object | string;
  clock?: Clock;
  dataDir?: string;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `shouwang-${prefix}-`));
}

/** The emulator's database alone (no HTTP), in a temporary directory with `declaration`; `close` removes it all. */
export function openTestDatabase(prefix: string, declaration: object): { db: DatabaseService; close(): void } {
  const dir = tempDir(prefix);
  const declarationPath = path.join(dir, 'collections.json');
  fs.writeFileSync(declarationPath, JSON.stringify(declaration));
  const db = openDatabase({ dataDir: path.join(dir, 'data'), declarationPath, clock: new Clock(), log: () => undefined });
  return {
    db,
    close: () => {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startTestEmulator(options: TestEmulatorOptions = {}): Promise<TestEmulator> {
  const dataDir = options.dataDir ?? tempDir('emulator');
  let declarationPath = PROJECT_DECLARATION;
  if (typeof options.declaration === 'string') declarationPath = options.declaration;
  else if (options.declaration) {
    declarationPath = path.join(tempDir('declaration'), 'collections.json');
    fs.writeFileSync(declarationPath, JSON.stringify(options.declaration));
  }
  const logs: string[] = [];
  const emulator = await startEmulator({ port: 0, dataDir, declarationPath, clock: options.clock, log: (line) => logs.push(line) });
  const restoreEnv = applySdkEnvironment(emulator.url);
  const cloud = loadCloud();
  return {
    emulator,
    dataDir,
    logs,
    cloud,
    db: cloud.database(),
    async close() {
      await emulator.close();
      restoreEnv();
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh wx-server-sdk (its own module instance, so its one-time init is ours), initialised the way every function
 * of the project does it.
 */
export function loadCloud(): WxCloud {
  let cloud!: WxCloud;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a module instance of our own needs require()
    cloud = require('wx-server-sdk') as WxCloud;
  });
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  return cloud;
}

/** A declaration for the conformance tests: small, explicit indexes. */
export function testDeclaration(extra: object[] = []): object {
  const index = (name: string, fields: string[], unique = false) => ({
    name,
    unique,
    keys: fields.map((field) => ({ field, direction: 1 })),
  });
  return {
    collections: [
      {
        name: 'items',
        securityRules: { read: false, write: false },
        indexes: [
          index('by_community_status', ['communityId', 'status']),
          index('by_createdAt', ['createdAt']),
          index('by_tags', ['tags']),
        ],
      },
      {
        name: 'people',
        securityRules: { read: false, write: false },
        indexes: [index('by_phone', ['phone'], true), index('by_community_openid', ['communityId', 'openid'], true)],
      },
      { name: 'orders', securityRules: { read: false, write: false }, indexes: [index('by_household', ['householdId'])] },
      { name: 'households', securityRules: { read: false, write: false }, indexes: [] },
      { name: 'accounts', securityRules: { read: false, write: false }, indexes: [] },
      ...extra,
    ],
  };
}
