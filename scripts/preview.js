#!/usr/bin/env node
/**
 * `npm run preview [-- --url http://127.0.0.1:8787] [--only <part of a page path>] [--docs]`: builds (scripts/build.js), starts
 * the local cloud with a fresh demo community (or uses the running one given by --url), renders every page of the
 * mini program in each state of its definition and screenshots it in headless Chromium at 375 px:
 * .build/preview/<page>.<state>.png and .build/preview/index.html (--docs also refreshes the README's screenshots in
 * docs/screenshots/). See test/miniprogram/preview/README.md.
 */
const { spawnSync } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
// The phone is in Beijing: greetings and dates the pages compute on the device read as they would there.
const env = { ...process.env, TZ: 'Asia/Shanghai', SHOUWANG_TEST_SLOT: process.env.SHOUWANG_TEST_SLOT || 'preview' };
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--url') env.SHOUWANG_PREVIEW_URL = args[++i];
  else if (args[i] === '--only') env.SHOUWANG_PREVIEW_ONLY = args[++i];
  else if (args[i] === '--out') env.SHOUWANG_PREVIEW_OUT = path.resolve(args[++i]);
  else if (args[i] === '--docs') env.SHOUWANG_PREVIEW_DOCS = '1';
  else {
    console.error(
      `unknown argument ${args[i]}\nusage: npm run preview [-- --url <running local cloud>] [--only <page>] [--out <folder>] [--docs]`,
    );
    process.exit(2);
  }
}

const build = spawnSync(process.execPath, [path.join(__dirname, 'build.js')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const jest = spawnSync(
  process.execPath,
  [
    require.resolve('jest/bin/jest'),
    '--config',
    path.join(root, 'test', 'miniprogram', 'preview', 'preview.jest.config.js'),
    '--verbose=false',
  ],
  { cwd: root, stdio: 'inherit', env },
);
process.exit(jest.status ?? 1);
