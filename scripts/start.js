#!/usr/bin/env node
/**
 * `npm start [-- --port 8787 --data .data --fresh --no-seed --clock <time>]`: builds the cloud functions and the
 * emulator, then runs the local cloud in this terminal (Ctrl-C stops it).
 */
const { spawn, execFileSync } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
execFileSync(process.execPath, [path.join(__dirname, 'build.js')], { stdio: 'inherit', cwd: root });
const child = spawn(process.execPath, ['--enable-source-maps', path.join(root, '.build', 'emulator', 'cli.js'), ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: root,
  env: { ...process.env, TZ: 'UTC' },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
