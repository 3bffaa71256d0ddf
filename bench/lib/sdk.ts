/**
 * The real wx-server-sdk in the bench process, pointed at an emulator the way a function's environment points it
 * (emulator/sdkEnv.ts), and initialised as every function of the project does it. One instance per process: the
 * SDK reads the environment on every request, so pointing it at another emulator later is just applySdkEnvironment.
 */
import { applySdkEnvironment } from '../../emulator/sdkEnv';

export type Doc = Record<string, unknown>;

export interface SdkQuery {
  where(condition: Doc): SdkQuery;
  orderBy(field: string, order: 'asc' | 'desc'): SdkQuery;
  limit(n: number): SdkQuery;
  get(): Promise<{ data: Doc[] }>;
}

export interface SdkCollection extends SdkQuery {
  doc(id: string): { get(): Promise<{ data: Doc }> };
  add(options: { data: Doc | Doc[] }): Promise<{ _id?: string; _ids?: string[] }>;
}

export interface SdkDatabase {
  collection(name: string): SdkCollection;
}

interface WxCloud {
  DYNAMIC_CURRENT_ENV: symbol;
  init(config: { env: unknown }): void;
  database(): SdkDatabase;
}

let cloud: WxCloud | undefined;

/** Points wx-server-sdk at `url` and returns its database. Leaves the environment set (the bench is the SDK's process). */
export function sdkDatabase(url: string): SdkDatabase {
  applySdkEnvironment(url);
  if (!cloud) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK is loaded only once the environment points at the emulator
    cloud = require('wx-server-sdk') as WxCloud;
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  }
  return cloud.database();
}
