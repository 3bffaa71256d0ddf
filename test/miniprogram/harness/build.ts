/**
 * The runnable copy of the mini program for a test file (see mirror.js for what "build" means).
 * Each Jest worker gets its own copy (.build/miniprogram-test/w<worker>), so test files running in parallel never
 * read each other's half-written files. When no source file changed since the last build, nothing runs.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { hashOf } from './diskCache';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const MINIPROGRAM_SRC = path.join(REPO_ROOT, 'miniprogram');
const MIRROR_SCRIPT = path.join(__dirname, 'mirror.js');
const NPM_SCRIPT = path.join(REPO_ROOT, 'scripts', 'build-miniprogram-npm.js');

/** SHOUWANG_TEST_SLOT keeps two Jest runs in one tree (two people at one checkout) out of each other's copies. */
export function defaultOutDir(): string {
  const slot = process.env.SHOUWANG_TEST_SLOT ? `${process.env.SHOUWANG_TEST_SLOT.replace(/[^A-Za-z0-9_-]/g, '')}-` : '';
  return path.join(REPO_ROOT, '.build', 'miniprogram-test', `${slot}w${process.env.JEST_WORKER_ID ?? '0'}`);
}

export interface BuildOptions {
  /** The mini program source (default: miniprogram/). */
  src?: string;
  /** Where the runnable copy goes (default: this worker's folder). */
  out?: string;
}

/** Names, sizes and mtimes of everything the build reads: cheap to compute, changes whenever a build would. */
function fingerprint(src: string): string {
  const parts: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'miniprogram_npm' || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const stat = fs.statSync(full);
        parts.push(`${path.relative(src, full)}:${stat.size}:${stat.mtimeMs}`);
      }
    }
  };
  walk(src);
  for (const script of [MIRROR_SCRIPT, NPM_SCRIPT, path.join(REPO_ROOT, 'node_modules', 'tdesign-miniprogram', 'package.json')]) {
    parts.push(`${script}:${fs.statSync(script).mtimeMs}`);
  }
  return hashOf(parts.sort());
}

/** Builds the runnable copy and returns its root: the `rootPath` for miniprogram-simulate. */
export function buildMiniprogram(options: BuildOptions = {}): string {
  const src = options.src ?? MINIPROGRAM_SRC;
  const out = options.out ?? defaultOutDir();
  const stampFile = `${out}.stamp`; // beside the copy: the mirror removes files it did not write
  const stamp = fingerprint(src);
  if (fs.existsSync(out) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) return out;
  try {
    // A child process: esbuild cannot run inside Jest's jsdom realm.
    execFileSync(process.execPath, [MIRROR_SCRIPT, src, out], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`building the mini program for tests failed:\n${stderr || String(err)}`);
  }
  fs.writeFileSync(stampFile, stamp);
  return out;
}
