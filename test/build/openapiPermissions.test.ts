/**
 * On CloudBase a function may call `cloud.openapi.<api>` only when its config.json lists the api under
 * `permissions.openapi`; otherwise the call fails after deployment, although it works in the emulator. So each
 * bundle's openapi calls are read from the bundle itself and compared with what its config.json declares: every call
 * declared, and nothing declared that the function does not call (the least privilege a reviewer expects).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const functionsDir = path.join(root, 'cloudfunctions');

beforeAll(() => {
  execFileSync(process.execPath, [path.join(root, 'scripts/build.js')], { cwd: root, stdio: 'ignore' });
});

/** `cloud.openapi.security.msgSecCheck(` → `security.msgSecCheck`, as CloudBase names it in config.json. */
function openapiCalls(source: string): string[] {
  return [...new Set([...source.matchAll(/\bopenapi\.([A-Za-z]+)\.([A-Za-z]+)\s*\(/g)].map((m) => `${m[1]}.${m[2]}`))].sort();
}

const names = fs.readdirSync(functionsDir).filter((n) => fs.existsSync(path.join(functionsDir, n, 'config.json')));

describe.each(names)('cloudfunctions/%s', (name) => {
  it('declares exactly the openapi it calls', () => {
    const source = fs.readFileSync(path.join(functionsDir, name, 'index.js'), 'utf8');
    const declared: string[] = JSON.parse(fs.readFileSync(path.join(functionsDir, name, 'config.json'), 'utf8')).permissions?.openapi ?? [];
    expect([...declared].sort()).toEqual(openapiCalls(source));
  });
});

it('reads calls the way bundles spell them (the check above can fail)', () => {
  const bundle = 'const a = cloud.openapi.subscribeMessage.send(m); b = import_cloud.cloud.openapi.security.msgSecCheck ( p ); openapi.x';
  expect(openapiCalls(bundle)).toEqual(['security.msgSecCheck', 'subscribeMessage.send']);
});
