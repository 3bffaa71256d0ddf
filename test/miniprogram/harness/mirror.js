#!/usr/bin/env node
/**
 * Builds the runnable copy of the mini program that tests load, the way WeChat DevTools compiles it for a device:
 * miniprogram/**\/*.ts → CommonJS JS (esbuild, one file at a time like DevTools' TypeScript plugin: no bundling),
 * wxml/wxss/json/wxs/images copied as they are, and miniprogram_npm built by scripts/build-miniprogram-npm.js.
 *
 * Plain Node on purpose: esbuild refuses to run inside Jest's jsdom realm (its Buffer/Uint8Array invariant), so
 * build.ts runs this file in a child process. Also usable by hand: `node test/miniprogram/harness/mirror.js [src] [out]`.
 *
 * Rebuilding is cheap: unchanged outputs are not rewritten, removed sources are removed, miniprogram_npm is stamped.
 */
const fs = require('fs');
const path = require('path');
const { transformSync } = require('esbuild');

const REPO_ROOT = path.resolve(__dirname, '../../..');
const COPIED = new Set(['.wxml', '.wxss', '.json', '.wxs', '.png', '.jpg', '.jpeg', '.gif', '.svg']);
/** Generated or linked folders that the source walk never enters. */
const GENERATED = new Set(['miniprogram_npm', 'node_modules']);

function listFiles(root, dir = '') {
  const out = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!GENERATED.has(entry.name)) out.push(...listFiles(root, rel));
    } else if (entry.isFile()) {
      out.push(rel);
    }
  }
  return out;
}

function writeIfChanged(file, content) {
  const next = Buffer.isBuffer(content) ? content : Buffer.from(content);
  if (fs.existsSync(file) && fs.readFileSync(file).equals(next)) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, next);
  fs.renameSync(tmp, file); // atomic: a reader never sees half a file
}

function compileTs(file) {
  return transformSync(fs.readFileSync(file, 'utf8'), {
    loader: 'ts',
    format: 'cjs',
    target: 'es2020',
    sourcefile: file,
    sourcemap: 'inline',
  }).code;
}

/**
 * `usingComponents: { "t-button": "tdesign-miniprogram/button/button" }` is an npm path: the mini program looks it up
 * in miniprogram_npm. miniprogram-simulate only knows relative and root-absolute paths (an unknown path silently
 * renders an empty tag), so spell npm paths root-absolute — an equivalent path the mini program accepts too.
 */
function resolveNpmComponents(jsonText) {
  let json;
  try {
    json = JSON.parse(jsonText);
  } catch {
    return jsonText; // the compile check reports broken JSON; copy it as it is
  }
  const using = json && json.usingComponents;
  if (!using || typeof using !== 'object') return jsonText;
  for (const [tag, value] of Object.entries(using)) {
    if (typeof value === 'string' && !/^(\.{1,2}\/|\/|plugin:\/\/)/.test(value)) {
      using[tag] = `/miniprogram_npm/${value}`;
    }
  }
  return `${JSON.stringify(json, null, 2)}\n`;
}

/**
 * In the mini program, `require('tslib')` inside miniprogram_npm/<pkg>/ resolves through the nearest miniprogram_npm;
 * Node (and Jest) do the same lookup through node_modules, so link each node_modules to its miniprogram_npm.
 */
function linkNodeModules(dir) {
  const npmDir = path.join(dir, 'miniprogram_npm');
  if (!fs.existsSync(npmDir)) return;
  const link = path.join(dir, 'node_modules');
  try {
    fs.symlinkSync('miniprogram_npm', link, 'dir');
  } catch (err) {
    if (err.code !== 'EEXIST') throw err;
  }
  for (const pkg of fs.readdirSync(npmDir, { withFileTypes: true })) {
    if (pkg.isDirectory()) linkNodeModules(path.join(npmDir, pkg.name));
  }
}

/** @returns {string} the root of the runnable copy */
function buildMirror(src, out) {
  fs.mkdirSync(out, { recursive: true });
  const expected = new Set();
  for (const rel of listFiles(src)) {
    const ext = path.extname(rel);
    if (rel.endsWith('.d.ts')) continue;
    if (ext === '.ts') {
      const target = `${rel.slice(0, -3)}.js`;
      writeIfChanged(path.join(out, target), compileTs(path.join(src, rel)));
      expected.add(target);
    } else if (ext === '.json') {
      writeIfChanged(path.join(out, rel), resolveNpmComponents(fs.readFileSync(path.join(src, rel), 'utf8')));
      expected.add(rel);
    } else if (COPIED.has(ext)) {
      writeIfChanged(path.join(out, rel), fs.readFileSync(path.join(src, rel)));
      expected.add(rel);
    }
  }
  for (const rel of listFiles(out)) {
    if (!expected.has(rel)) fs.rmSync(path.join(out, rel), { force: true });
  }
  require(path.join(REPO_ROOT, 'scripts', 'build-miniprogram-npm.js')).buildMiniprogramNpm(REPO_ROOT, {
    miniprogramRoot: out,
  });
  linkNodeModules(out);
  return out;
}

module.exports = { buildMirror, listFiles };

if (require.main === module) {
  const src = path.resolve(process.argv[2] || path.join(REPO_ROOT, 'miniprogram'));
  const out = path.resolve(process.argv[3] || path.join(REPO_ROOT, '.build', 'miniprogram-test', 'cli'));
  try {
    buildMirror(src, out);
  } catch (err) {
    // esbuild's message names the file and line; that is what the test output should show.
    process.stderr.write(`${err.message || err}\n`);
    process.exit(1);
  }
}
