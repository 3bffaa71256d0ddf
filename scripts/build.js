#!/usr/bin/env node
/**
 * `npm run build`:
 * - each cloud function (server/functions/<name>/index.ts) → cloudfunctions/<name>/index.js, one self-contained
 *   CommonJS bundle with wx-server-sdk left external (it is declared in that folder's package.json and installed by
 *   CloudBase on deploy), so the folder uploads to CloudBase as it is;
 * - the local emulator (emulator/cli.ts) → .build/emulator/cli.js, node_modules left external;
 * - miniprogram_npm for WeChat DevTools (scripts/build-miniprogram-npm.js).
 */
const path = require('path');
const fs = require('fs');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');

function functionNames() {
  const dir = path.join(root, 'server', 'functions');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
}

/**
 * Packages left out of the bundles: wx-server-sdk (CloudBase's runtime) and exceljs (large, and loaded only by the
 * rare spreadsheet actions, so keeping it out keeps every cold start fast). A function that uses one must declare
 * it in its package.json, so CloudBase installs it on deploy; the build checks that it does.
 */
const EXTERNAL = ['wx-server-sdk', 'exceljs'];

function checkDeclaredDependencies(name, outfile) {
  const code = fs.readFileSync(outfile, 'utf8');
  const required = new Set([...code.matchAll(/require\(["']([^"'./][^"']*)["']\)/g)].map((m) => m[1].split('/')[0]));
  const builtin = new Set(require('module').builtinModules);
  const declared = require(path.join(root, 'cloudfunctions', name, 'package.json')).dependencies || {};
  const rootVersions = require(path.join(root, 'package.json')).dependencies;
  for (const dep of required) {
    if (builtin.has(dep) || dep.startsWith('node:')) continue;
    if (!declared[dep]) throw new Error(`cloudfunctions/${name}: the bundle requires "${dep}" but its package.json does not declare it`);
    if (declared[dep] !== rootVersions[dep]) throw new Error(`cloudfunctions/${name}: "${dep}" ${declared[dep]} differs from the project's ${rootVersions[dep]}`);
  }
}

async function buildFunctions(names) {
  for (const name of names) {
    const outdir = path.join(root, 'cloudfunctions', name);
    if (!fs.existsSync(path.join(outdir, 'package.json')) || !fs.existsSync(path.join(outdir, 'config.json'))) {
      throw new Error(`cloudfunctions/${name}/ needs its package.json and config.json`);
    }
    await esbuild.build({
      entryPoints: [path.join(root, 'server', 'functions', name, 'index.ts')],
      outfile: path.join(outdir, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node16', // CloudBase's Node.js 16 runtime is the oldest we deploy to
      format: 'cjs',
      external: EXTERNAL,
      minifySyntax: true,
      legalComments: 'none',
      logLevel: 'warning',
      metafile: false,
    });
    checkDeclaredDependencies(name, path.join(outdir, 'index.js'));
  }
}

async function buildEmulator() {
  // The CLI, and the worker each warm function instance runs in (a separate file: it is a thread's entry point).
  const entries = ['cli', 'functions/worker'].map((n) => path.join(root, 'emulator', `${n}.ts`));
  await esbuild.build({
    entryPoints: entries,
    outbase: path.join(root, 'emulator'),
    outdir: path.join(root, '.build', 'emulator'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}

async function main() {
  const started = Date.now();
  const names = functionNames();
  await buildFunctions(names);
  await buildEmulator();
  const npmBuilder = path.join(__dirname, 'build-miniprogram-npm.js');
  if (fs.existsSync(npmBuilder)) require(npmBuilder).buildMiniprogramNpm(root);
  console.log(`build: ${names.length} cloud functions (${names.join(', ')}), emulator, miniprogram_npm in ${Date.now() - started} ms`);
}

main().catch((err) => {
  console.error(err.message || err);
  process.exit(1);
});
