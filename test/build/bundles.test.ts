/**
 * Each cloudfunctions/<name> folder deploys to CloudBase as it is: its index.js is self-contained, needing only
 * what its package.json declares (CloudBase installs that). Shown by loading each bundle from a copy of its
 * folder whose node_modules holds the declared packages and nothing else — no TypeScript, no dev dependencies,
 * none of our source.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sdkEnvironment } from '../../emulator/sdkEnv';

const root = path.resolve(__dirname, '../..');
const functionsDir = path.join(root, 'cloudfunctions');

beforeAll(() => {
  execFileSync(process.execPath, [path.join(root, 'scripts/build.js')], { cwd: root, stdio: 'ignore' });
});

const names = fs.readdirSync(functionsDir).filter((n) => fs.existsSync(path.join(functionsDir, n, 'package.json')));

describe.each(names)('cloudfunctions/%s', (name) => {
  it('loads with only its declared dependencies and exports main', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `shouwang-fn-${name}-`));
    try {
      for (const file of ['index.js', 'package.json', 'config.json']) fs.copyFileSync(path.join(functionsDir, name, file), path.join(dir, file));
      const declared = Object.keys(JSON.parse(fs.readFileSync(path.join(functionsDir, name, 'package.json'), 'utf8')).dependencies ?? {});
      fs.mkdirSync(path.join(dir, 'node_modules'));
      for (const dep of declared) fs.symlinkSync(path.join(root, 'node_modules', dep), path.join(dir, 'node_modules', dep), 'dir');
      const out = execFileSync(process.execPath, ['-e', "const f = require('./index.js'); console.log(typeof f.main)"], {
        cwd: dir,
        // NODE_PATH cleared so nothing outside the folder can be found; the SDK pointed at a dead local port.
        env: { PATH: process.env.PATH ?? '', NODE_PATH: '', ...sdkEnvironment('http://127.0.0.1:9') },
        encoding: 'utf8',
      });
      expect(out.trim()).toBe('function');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('declares a timeout, and triggers with 7-field cron if any', () => {
    const config = JSON.parse(fs.readFileSync(path.join(functionsDir, name, 'config.json'), 'utf8'));
    expect(config.timeout).toBeGreaterThan(0);
    for (const t of config.triggers ?? []) expect(t.config.trim().split(/\s+/)).toHaveLength(7);
  });
});

it('fails the load when a bundle needs an undeclared package (the check above can fail)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shouwang-fn-undeclared-'));
  try {
    fs.writeFileSync(path.join(dir, 'index.js'), "require('typescript'); exports.main = async () => 1;");
    expect(() =>
      execFileSync(process.execPath, ['-e', "require('./index.js')"], { cwd: dir, env: { PATH: process.env.PATH ?? '', NODE_PATH: '' }, stdio: 'pipe' }),
    ).toThrow(/Cannot find module 'typescript'/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
