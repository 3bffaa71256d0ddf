/**
 * A content-addressed cache on disk for the harness's slow pure steps (wcc output, simulate's postcss pass),
 * shared by every test file and Jest worker: the key is a hash of the inputs, so a changed file is a new key
 * and nothing ever needs invalidating. Lives in .build/ (gitignored); delete it freely.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

const DIR = path.resolve(__dirname, '../../..', '.build', 'miniprogram-test', 'cache');

export function hashOf(parts: readonly (string | Buffer)[]): string {
  const hash = createHash('sha1');
  for (const part of parts) {
    hash.update(part);
    hash.update('\0');
  }
  return hash.digest('hex');
}

export function cachedText(kind: string, key: string, compute: () => string): string {
  const file = path.join(DIR, `${kind}-${key}.txt`);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    // not cached yet
  }
  const value = compute();
  fs.mkdirSync(DIR, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, value);
  fs.renameSync(tmp, file); // atomic: a parallel worker reads the whole value or none
  return value;
}
