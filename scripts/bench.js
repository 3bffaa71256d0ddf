#!/usr/bin/env node
/**
 * `npm run bench [-- <id> ...]`: builds (scripts/build.js: cloud function bundles, emulator, miniprogram_npm),
 * bundles the benchmarks (bench/run.ts, the local-cloud and load-client child processes, packages external) into .build/bench/,
 * and runs them. Results: bench/results.md and bench/results.json (a run of only some benchmarks writes
 * .build/bench/results.* instead). See bench/README.md.
 */
const { spawnSync } = require('child_process');
const path = require('path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');
const outdir = path.join(root, '.build', 'bench');

const build = spawnSync(process.execPath, [path.join(__dirname, 'build.js')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

esbuild.buildSync({
  entryPoints: {
    run: path.join(root, 'bench', 'run.ts'),
    cloudProcess: path.join(root, 'bench', 'lib', 'cloudProcess.ts'),
    clientProcess: path.join(root, 'bench', 'lib', 'clientProcess.ts'),
  },
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
});

const run = spawnSync(process.execPath, [path.join(outdir, 'run.js'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
