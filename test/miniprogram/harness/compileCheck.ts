/**
 * Compiles EVERY .wxml and .wxss of a mini program with the official compilers (wcc / wcsc from
 * miniprogram-compiler, the ones WeChat DevTools uses), so a template or style error fails `npm test` even in a
 * page no test renders. Also checks what the compilers do not: JSON files parse, every page in app.json exists,
 * every usingComponents path resolves.
 *
 * What the compilers reject (verified with the pinned 0.2.3 binaries):
 * - wcc: unclosed or mismatched tags (`<view>` without `</view>`, `</veiw>`), a stray end tag, bad `{{ }}`
 *   expressions, `wx:else` without `wx:if`, unquoted attribute values, a `<wxs src>` that is not in the file
 *   list, a wxs syntax error.
 * - wcsc: unbalanced braces (`.a { color: red;` or an extra `}`), a selector that is not one (`.a {{`), an
 *   `@import` of a file that does not exist.
 * Where they are lenient (so this check cannot catch it): wcc accepts `<import src>` / `<include src>` of a missing
 * file; wcsc accepts a declaration without a colon (`.a { color red; }`).
 *
 * Both compilers stop at the first error, so after one the failing file is left out and the rest compiled again,
 * to report every broken file in one run.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import { createRequire } from 'module';
import * as path from 'path';

export interface CompileProblem {
  /** Relative to the mini program root, with forward slashes. */
  file: string;
  kind: 'wxml' | 'wxss' | 'json';
  message: string;
}

const MAX_ROUNDS = 50;

function compilerBinary(name: 'wcc' | 'wcsc'): string {
  // createRequire: the mini program typings redeclare the global `require` without `resolve`.
  const dir = path.dirname(createRequire(__filename).resolve('miniprogram-compiler/package.json'));
  const platform = process.platform === 'darwin' ? 'mac' : process.platform === 'win32' ? 'windows' : 'linux';
  const bin = path.join(dir, 'bin', platform, process.platform === 'win32' ? `${name}.exe` : name);
  try {
    fs.accessSync(bin, fs.constants.X_OK);
  } catch {
    fs.chmodSync(bin, 0o755); // the npm tarball ships them without the x bit; miniprogram-compiler does the same
  }
  return bin;
}

function listFiles(root: string, dir = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(root, rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

/** Runs a compiler over `files`; on failure, names the file it blames (or null when the output names none). */
function compileOnce(
  root: string,
  bin: string,
  args: string[],
  blame: (stderr: string) => string | null,
): { ok: true } | { ok: false; file: string | null; message: string } {
  const run = spawnSync(bin, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw run.error;
  if (run.status === 0) return { ok: true };
  const stderr = (run.stderr?.toString() ?? '').trim();
  // The first line is the error; what follows (other files, "error file count") comes up in later rounds.
  const first = stderr.split('\n')[0]?.replace(/^ERR:\s*/, '').trim();
  return { ok: false, file: blame(stderr), message: first || `${path.basename(bin)} exited with ${run.status}` };
}

/** `pages/a.wxml:1:1: end tag missing` / `x.wxs not found from pages/a.wxml` → the file to blame. */
function blameWxml(message: string): string | null {
  const notFound = /not found from (\S+\.wxml)/.exec(message);
  if (notFound) return notFound[1];
  const located = /^(\S+?\.(?:wxml|wxs)):\d+:\d+:/m.exec(message);
  return located ? located[1] : null;
}

/** `ERR: pages/a.wxss(2:1): unexpected` / "path `x.wxss` not found from `pages/a.wxss`" → the file to blame. */
function blameWxss(message: string): string | null {
  const notFound = /not found from `([^`]+)`/.exec(message);
  if (notFound) return notFound[1];
  const located = /ERR: (\S+?\.wxss)\(\d+:\d+\)/.exec(message);
  return located ? located[1] : null;
}

function compileAll(
  root: string,
  kind: 'wxml' | 'wxss',
  files: string[],
  runArgs: (files: string[]) => string[],
): CompileProblem[] {
  const bin = compilerBinary(kind === 'wxml' ? 'wcc' : 'wcsc');
  const blame = kind === 'wxml' ? blameWxml : blameWxss;
  const problems: CompileProblem[] = [];
  let remaining = files;
  for (let round = 0; round < MAX_ROUNDS && remaining.some((f) => f.endsWith(`.${kind}`)); round += 1) {
    const result = compileOnce(root, bin, runArgs(remaining), blame);
    if (result.ok) break;
    const file = result.file && remaining.includes(result.file) ? result.file : null;
    problems.push({ file: result.file ?? '(unknown file)', kind, message: result.message });
    if (!file) break; // cannot tell which file; one report is all we can give
    remaining = remaining.filter((f) => f !== file);
  }
  return problems;
}

function readJson(root: string, rel: string, problems: CompileProblem[]): Record<string, unknown> | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, rel), 'utf8')) as Record<string, unknown>;
  } catch (err) {
    problems.push({ file: rel, kind: 'json', message: (err as Error).message });
    return null;
  }
}

/** A usingComponents value → the component's path without extension, relative to root (null: a plugin). */
function resolveComponent(fromFile: string, value: string): string | null {
  if (value.startsWith('plugin://')) return null;
  if (value.startsWith('/')) return value.slice(1);
  if (value.startsWith('./') || value.startsWith('../')) return path.posix.join(path.posix.dirname(fromFile), value);
  return `miniprogram_npm/${value}`; // an npm package, built into miniprogram_npm
}

function checkJson(root: string, files: string[]): CompileProblem[] {
  const problems: CompileProblem[] = [];
  const present = new Set(files);
  const hasNpm = files.some((f) => f.startsWith('miniprogram_npm/'));
  for (const rel of files.filter((f) => f.endsWith('.json') && !f.startsWith('miniprogram_npm/'))) {
    const json = readJson(root, rel, problems);
    const using = json?.usingComponents;
    if (!using || typeof using !== 'object') continue;
    for (const [tag, value] of Object.entries(using as Record<string, unknown>)) {
      if (typeof value !== 'string') continue;
      const target = resolveComponent(rel, value);
      if (target === null || (target.startsWith('miniprogram_npm/') && !hasNpm)) continue;
      if (!present.has(`${target}.json`) && !present.has(`${target}/index.json`)) {
        problems.push({ file: rel, kind: 'json', message: `usingComponents "${tag}": ${value} not found` });
      }
    }
  }

  const app = present.has('app.json') ? readJson(root, 'app.json', []) : null;
  if (app) {
    const pages = (app.pages as string[] | undefined) ?? [];
    const subPackages = ((app.subPackages ?? app.subpackages) as { root: string; pages: string[] }[] | undefined) ?? [];
    const all = [...pages, ...subPackages.flatMap((p) => p.pages.map((page) => path.posix.join(p.root, page)))];
    for (const page of all) {
      for (const ext of ['wxml', 'json']) {
        if (!present.has(`${page}.${ext}`)) {
          problems.push({ file: 'app.json', kind: 'json', message: `page ${page} has no ${page}.${ext}` });
        }
      }
      if (!present.has(`${page}.ts`) && !present.has(`${page}.js`)) {
        problems.push({ file: 'app.json', kind: 'json', message: `page ${page} has no ${page}.ts` });
      }
    }
  }
  return problems;
}

/** Every problem in the mini program at `root` ([] when it all compiles). */
export function checkMiniprogram(root: string): CompileProblem[] {
  const files = listFiles(root);
  const wxml = files.filter((f) => f.endsWith('.wxml'));
  const wxs = files.filter((f) => f.endsWith('.wxs'));
  const wxss = files.filter((f) => f.endsWith('.wxss'));
  return [
    // wcc needs every .wxs a template refers to in its list, like DevTools gives it.
    ...compileAll(root, 'wxml', [...wxml, ...wxs], (list) => ['-d', ...list, '-gn', '$gwx']),
    ...compileAll(root, 'wxss', wxss, (list) => ['-db', '-pc', '0', ...list]),
    ...checkJson(root, files),
  ];
}

/** For test failure messages: one line per problem. */
export function formatProblems(problems: CompileProblem[]): string {
  return problems.map((p) => `${p.file} [${p.kind}]: ${p.message}`).join('\n');
}
