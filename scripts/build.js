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
      external: ['wx-server-sdk'],
      minifySyntax: true,
      legalComments: 'none',
      logLevel: 'warning',
      metafile: false,
    });
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
