/**
 * The whole local cloud (emulator + function host + triggers + platform services) inside the test process,
 * on port 0 with a temporary data directory. The function worker is bundled into a temp dir on first use, so
 * these tests do not depend on a previous `npm run build`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../../emulator/local/localCloud';
import { REPO_ROOT, tempDir } from './emulator';

let workerScript: string | undefined;

export function bundledWorker(): string {
  if (workerScript && fs.existsSync(workerScript)) return workerScript;
  workerScript = path.join(tempDir('worker'), 'worker.js');
  buildSync({
    entryPoints: [path.join(REPO_ROOT, 'emulator/functions/worker.ts')],
    outfile: workerScript,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'error',
  });
  return workerScript;
}

export interface TestCloud extends LocalCloud {
  logs: string[];
  dataDir: string;
}

export async function startTestCloud(opts: Partial<LocalCloudOptions> = {}): Promise<TestCloud> {
  const dataDir = opts.dataDir ?? tempDir('cloud');
  const logs: string[] = [];
  const cloud = await startLocalCloud({ port: 0, autoTriggers: false, workerScript: bundledWorker(), log: (l) => logs.push(l), ...opts, dataDir });
  const close = cloud.close;
  return Object.assign(cloud, {
    logs,
    dataDir,
    async close() {
      await close();
      if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

export const FIXTURE_FUNCTIONS = path.join(REPO_ROOT, 'test/emulator/fixtures/functions');
