import fs from 'node:fs';
import path from 'node:path';
import { renderApiDocs } from '../../scripts/api-docs';
import { FUNCTIONS } from '../../server/functions/registry';
import { POLICY } from '../../server/policy/policy';

const root = path.resolve(__dirname, '../..');

describe('docs/api.md', () => {
  it('says exactly what the routes, the policy and the contract types say (run `npm run docs` after changing them)', () => {
    expect(fs.readFileSync(path.join(root, 'docs', 'api.md'), 'utf8')).toBe(renderApiDocs(root));
  });

  it('lists every function that is built', () => {
    const built = fs.readdirSync(path.join(root, 'server', 'functions')).filter((n) => fs.existsSync(path.join(root, 'server', 'functions', n, 'index.ts')));
    expect(FUNCTIONS.map((f) => f.name).sort()).toEqual(built.sort());
  });

  it('has a policy decision for every action a function answers', () => {
    const missing = FUNCTIONS.flatMap((f) =>
      Object.entries(f.routes).flatMap(([action, spec]) => (spec.policy ?? [action]).filter((d) => !(d in POLICY)).map((d) => `${f.name}:${action}→${d}`)),
    );
    expect(missing).toEqual([]);
  });
});
