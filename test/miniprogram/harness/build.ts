/**
 * The runnable copy of the mini program for a test file (see mirror.js for what "build" means).
 * Each Jest worker gets its own copy (.build/miniprogram-test/w<worker>), so test files running in parallel never
 * read each other's half-written files.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const MINIPROGRAM_SRC = path.join(REPO_ROOT, 'miniprogram');
const MIRROR_SCRIPT = path.join(__dirname, 'mirror.js');

export function defaultOutDir(): string {
  return path.join(REPO_ROOT, '.build', 'miniprogram-test', `w${process.env.JEST_WORKER_ID ?? '0'}`);
}

export interface BuildOptions {
  /** The mini program source (default: miniprogram/). */
  src?: string;
  /** Where the runnable copy goes (default: this worker's folder). */
  out?: string;
}

/** Builds the runnable copy and returns its root: the `rootPath` for miniprogram-simulate. */
export function buildMiniprogram(options: BuildOptions = {}): string {
  const src = options.src ?? MINIPROGRAM_SRC;
  const out = options.out ?? defaultOutDir();
  try {
    // A child process: esbuild cannot run inside Jest's jsdom realm.
    execFileSync(process.execPath, [MIRROR_SCRIPT, src, out], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`building the mini program for tests failed:\n${stderr || String(err)}`);
  }
  return out;
}
