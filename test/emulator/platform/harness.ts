/**
 * A started emulator (port 0, a temporary data folder) with the platform services registered, and a fresh
 * copy of the real wx-server-sdk pointed at it through the same environment a cloud function gets
 * (emulator/sdkEnv.ts), initialised as our functions initialise it (`env: DYNAMIC_CURRENT_ENV`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Clock } from '../../../emulator/clock';
import { registerInvoke, type Invoke } from '../../../emulator/invoke';
import { registerOpenApi, type OpenApiService, type TemplateRegistry } from '../../../emulator/openapi';
import { applySdkEnvironment, EMULATOR_ENV_ID } from '../../../emulator/sdkEnv';
import { startEmulator } from '../../../emulator/server';
import { bucketOf, registerStorage, type StorageService } from '../../../emulator/storage';

/* eslint-disable @typescript-eslint/no-explicit-any -- the SDK's typings do not cover openapi or the resolved shapes */
type AnyApi = (options: Record<string, unknown>) => Promise<any>;

/** The parts of wx-server-sdk the tests call, typed loosely as the SDK's own typings are. */
export interface WxCloud {
  openapi: Record<string, Record<string, AnyApi>>;
  callFunction: AnyApi;
  uploadFile: AnyApi;
  getTempFileURL: AnyApi;
  downloadFile: AnyApi;
  deleteFile: AnyApi;
}

export interface Platform {
  url: string;
  env: string;
  bucket: string;
  dataDir: string;
  clock: Clock;
  openapi: OpenApiService;
  storage: StorageService;
  cloud: WxCloud;
  close(): Promise<void>;
}

export interface PlatformOptions {
  templates?: TemplateRegistry;
  pages?: readonly string[];
  invoke?: Invoke;
  /** Reuse a data folder (to check durability); a fresh temporary one otherwise. */
  dataDir?: string;
}

export async function startPlatform(opts: PlatformOptions = {}): Promise<Platform> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'shouwang-platform-'));
  const emulator = await startEmulator({ port: 0, dataDir, log: () => undefined });
  const openapi = registerOpenApi(emulator, { dataDir, templates: opts.templates, pages: opts.pages });
  const storage = registerStorage(emulator, { dataDir, defaultEnv: EMULATOR_ENV_ID });
  registerInvoke(emulator, opts.invoke ?? (async () => null));

  const restoreEnv = applySdkEnvironment(emulator.url);
  let cloud!: WxCloud & { init(config: Record<string, unknown>): void; DYNAMIC_CURRENT_ENV: unknown };
  // A fresh module per platform: wx-server-sdk initialises once per module instance.
  jest.isolateModules(() => {
    cloud = jest.requireActual('wx-server-sdk');
  });
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

  return {
    url: emulator.url,
    env: EMULATOR_ENV_ID,
    bucket: bucketOf(EMULATOR_ENV_ID),
    dataDir,
    clock: emulator.clock,
    openapi,
    storage,
    cloud,
    async close() {
      restoreEnv();
      await emulator.close();
      openapi.close();
    },
  };
}
