/**
 * Scenario tests go through the function host exactly as the mini program's calls do: the real bundled cloud
 * functions (built by scripts/build.js), the real wx-server-sdk, the local emulator. The test process also
 * holds an SDK of its own for what the street office does outside the app (creating a community and its admin)
 * and for uploading files.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { applySdkEnvironment } from '../../../emulator/sdkEnv';
import { templateRegistry } from '../../../server/notifications/templates';
import type { Envelope } from '../../../typings/contract/envelope';
import { REPO_ROOT } from '../../emulator/helpers/emulator';
import { startTestCloud, type TestCloud } from '../../emulator/helpers/localCloud';

/* eslint-disable @typescript-eslint/no-explicit-any -- the SDK's own typings do not describe what it resolves */
export interface AdminSdk {
  database(): any;
  uploadFile(o: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>;
}

export interface Scenario {
  cloud: TestCloud;
  sdk: AdminSdk;
  /** Calls a function as this WeChat user; answers the envelope. */
  as(openid: string): <T = any>(fn: string, action: string, data?: unknown, requestId?: string) => Promise<Envelope<T>>;
  /** Database requests the emulator served since the last reset. */
  dbRequests(): number;
  /**
   * Database requests that change something, since the last reset: "nothing written" is this number unchanged
   * across a refused call.
   */
  dbWrites(): number;
  resetCounts(): void;
  /**
   * Sets the emulator's clock as `POST /clock` does (an ISO time with its offset): timer triggers that fell due in
   * between run first, each at its own time. Answers what fired.
   */
  setClock(iso: string): Promise<{ now: string; fired: { functionName: string; triggerName: string; at: string; ok: boolean }[] }>;
  close(): Promise<void>;
}

/** Every database action of the emulator that changes stored data (emulator/database/actions.ts). */
const WRITE_ACTIONS = [
  'database.insertDocument',
  'database.modifyDocument',
  'database.modifyAndReturnDoc',
  'database.removeDocument',
  'database.commitTransaction',
  'database.addCollection',
];

let built = false;

export async function startScenario(opts: { startAt?: number | string } = {}): Promise<Scenario> {
  if (!built) {
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts/build.js')], { cwd: REPO_ROOT, stdio: 'ignore' });
    built = true;
  }
  // The app's subscribe-message templates, so the emulator checks every message's keywords as WeChat would.
  const startAt = typeof opts.startAt === 'string' ? Date.parse(opts.startAt) : opts.startAt;
  const cloud = await startTestCloud({ startAt, templates: templateRegistry() });
  const restore = applySdkEnvironment(cloud.url);
  let sdk!: AdminSdk & { init(o: object): void; DYNAMIC_CURRENT_ENV: symbol };
  jest.isolateModules(() => {
    sdk = jest.requireActual('wx-server-sdk');
  });
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV });
  const counted = () =>
    Object.entries(cloud.emulator.stats.requests())
      .filter(([action]) => action.startsWith('database.'))
      .reduce((sum, [, n]) => sum + n, 0);
  return {
    cloud,
    sdk,
    as: (openid) => async (fn, action, data, requestId) => (await cloud.call(fn, { action, data, requestId }, openid)) as any,
    dbRequests: counted,
    dbWrites: () => {
      const r = cloud.emulator.stats.requests();
      return WRITE_ACTIONS.reduce((sum, action) => sum + (r[action] ?? 0), 0);
    },
    resetCounts: () => cloud.emulator.stats.reset(),
    async setClock(iso) {
      const res = await fetch(`${cloud.url}/clock`, { method: 'POST', body: JSON.stringify({ set: iso }) });
      if (res.status !== 200) throw new Error(`POST /clock answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as Awaited<ReturnType<Scenario['setClock']>>;
    },
    async close() {
      restore();
      await cloud.close();
    },
  };
}

/** What the street office does when it opens a community on the system: the community and its admin. */
export async function openCommunity(
  s: Scenario,
  community: { id: string; name: string },
  adminOpenid: string,
  at = new Date(),
): Promise<void> {
  const db = s.sdk.database();
  await db.collection('communities').add({ data: { _id: community.id, name: community.name, address: '测试路 1 号', createdAt: at } });
  await db.collection('roleAssignments').add({
    data: {
      _id: `asg-${adminOpenid}`,
      communityId: community.id,
      communityName: community.name,
      role: 'communityAdmin',
      name: '管理员',
      phone: '13900000000',
      status: 'active',
      openid: adminOpenid,
      scopeLabel: community.name,
      appointedBy: 'street-office',
      appointedByName: '街道办',
      createdAt: at,
      acceptedAt: at,
      updatedAt: at,
    },
  });
  await db.collection('users').add({
    data: {
      _id: adminOpenid,
      name: '管理员',
      grants: [{ role: 'communityAdmin', communityId: community.id }],
      households: [],
      createdAt: at,
      updatedAt: at,
    },
  });
}

let seq = 0;
export const requestId = (label = 'req') => `${label}-${Date.now().toString(36)}-${(seq++).toString(36)}`.replace(/[^A-Za-z0-9_-]/g, '');
