/**
 * The whole local cloud in one call: the CloudBase protocol server and its database, the function host, timer
 * triggers on the emulator's clock, openapi and cloud storage. `npm start`, the tests and the benchmarks all
 * start it through here, so they exercise the same thing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Clock } from '../clock';
import { FunctionHost } from '../functions/host';
import { registerInvoke, ReturnedJson } from '../invoke';
import { registerOpenApi, type OpenApiService, type TemplateRegistry } from '../openapi';
import { EMULATOR_ENV_ID, sdkEnvironment } from '../sdkEnv';
import { startEmulator, type Emulator } from '../server';
import { registerStorage, type StorageService } from '../storage';
import { TriggerScheduler } from '../triggers/scheduler';
import { clockRoute, functionRoute, triggerRoute } from './routes';

/**
 * The repository root: two levels up from the TypeScript source (emulator/local) and from the bundle
 * (.build/emulator) alike; a bundle placed elsewhere (a test's temp dir) falls back to the working directory.
 */
export const PROJECT_ROOT =
  [path.resolve(__dirname, '..', '..'), process.cwd()].find((dir) => fs.existsSync(path.join(dir, 'database', 'collections.json'))) ??
  process.cwd();

export interface LocalCloudOptions {
  host?: string;
  port?: number;
  dataDir: string;
  functionsDir?: string;
  declarationPath?: string;
  /** The bundled function worker (built by scripts/build.js). */
  workerScript?: string;
  /** Start the emulator's clock at this instant (epoch ms) instead of now. */
  startAt?: number;
  /** Fire timer triggers by themselves as the clock passes them (default true). Tests may drive them by moving the clock. */
  autoTriggers?: boolean;
  templates?: TemplateRegistry;
  log?: (line: string) => void;
}

export interface LocalCloud {
  url: string;
  port: number;
  emulator: Emulator;
  clock: Clock;
  functions: FunctionHost;
  triggers: TriggerScheduler;
  openapi: OpenApiService;
  storage: StorageService;
  /** Calls a function as a WeChat user would (what `POST /functions/<name>` does). */
  call(name: string, event: unknown, openid?: string): Promise<unknown>;
  close(): Promise<void>;
}

export async function startLocalCloud(opts: LocalCloudOptions): Promise<LocalCloud> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const clock = new Clock();
  if (opts.startAt !== undefined) clock.set(opts.startAt);
  const functionsDir = opts.functionsDir ?? path.join(PROJECT_ROOT, 'cloudfunctions');
  const emulator = await startEmulator({
    host: opts.host,
    port: opts.port,
    dataDir: opts.dataDir,
    declarationPath: opts.declarationPath ?? path.join(PROJECT_ROOT, 'database', 'collections.json'),
    clock,
    log,
  });
  const env = sdkEnvironment(emulator.url);
  const functions = new FunctionHost({
    functionsDir,
    workerScript: opts.workerScript ?? path.join(PROJECT_ROOT, '.build', 'emulator', 'functions', 'worker.js'),
    sdkEnv: () => env,
    clockOffsetMs: () => clock.offsetMs,
    envId: EMULATOR_ENV_ID,
    log,
  });
  const triggers = new TriggerScheduler({ host: functions, functionsDir, now: () => clock.now(), log });
  const openapi = registerOpenApi(emulator, { dataDir: opts.dataDir, templates: opts.templates });
  const storage = registerStorage(emulator, { dataDir: opts.dataDir, defaultEnv: EMULATOR_ENV_ID });
  registerInvoke(emulator, async (name, event, caller) => new ReturnedJson(await functions.invokeJson(name, event, caller)));
  emulator.addRoute('POST', '/functions/', functionRoute(functions));
  emulator.addRoute('*', '/clock', clockRoute(clock, triggers));
  emulator.addRoute('*', '/triggers', triggerRoute(functionsDir, triggers));
  if (opts.autoTriggers !== false) triggers.start();

  let closing: Promise<void> | undefined;
  return {
    url: emulator.url,
    port: emulator.port,
    emulator,
    clock,
    functions,
    triggers,
    openapi,
    storage,
    call: (name, event, openid) => functions.invoke(name, event, { openid, appid: 'wxlocal000000000000', source: 'wx_client' }),
    close() {
      closing ??= (async () => {
        triggers.stop();
        await functions.close();
        openapi.close();
        await emulator.close();
      })();
      return closing;
    },
  };
}
