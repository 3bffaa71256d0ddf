/**
 * Writes the generated street straight into an emulator data directory through the emulator's own database layer
 * (emulator/database: the same engine, unique-index checks and stored JSON as `database.insertDocument`), in bulk
 * SQLite transactions of a few thousand documents — minutes, not the hours the HTTP protocol would take. The data
 * directory must not be open in a running emulator (its process lock refuses); start the emulator on it afterwards.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Clock } from '../../emulator/clock';
import { openDatabase } from '../../emulator/database';
import { addCounts, emptyCounts, STREET_COLLECTIONS, streetCommunities, type StreetCounts, type StreetScale } from './generate';

/** Documents per insert (one SQLite transaction each). */
const BATCH = 5_000;

export interface WriteResult {
  counts: StreetCounts;
  /** Time spent generating documents and writing them, ms. */
  generateMs: number;
  writeMs: number;
}

export function writeStreet(options: {
  dataDir: string;
  root: string;
  scale: StreetScale;
  now: Date;
  log?: (line: string) => void;
}): WriteResult {
  const database = openDatabase({
    dataDir: options.dataDir,
    declarationPath: path.join(options.root, 'database', 'collections.json'),
    clock: new Clock(options.now.getTime() - Date.now()),
    log: options.log ?? (() => undefined),
  });
  const counts = emptyCounts();
  let generateMs = 0;
  let writeMs = 0;
  try {
    const { engine } = database;
    const scope = engine.scope();
    const ctx = { env: 'local', now: options.now.getTime() };
    const communities = streetCommunities(options.scale, options.now);
    for (;;) {
      const g0 = performance.now();
      const next = communities.next();
      generateMs += performance.now() - g0;
      if (next.done) break;
      const community = next.value;
      const w0 = performance.now();
      for (const [collection, key] of STREET_COLLECTIONS) {
        const docs = community[key] as unknown as object[];
        for (let i = 0; i < docs.length; i += BATCH) engine.insert(scope, collection, docs.slice(i, i + BATCH), ctx);
      }
      writeMs += performance.now() - w0;
      addCounts(counts, community);
      options.log?.(
        `community ${community.index + 1}/${options.scale.communities}: ${community.households.length} households, ` +
          `${community.residents.length} residents, ${community.isolations.length} isolated${community.lockdown ? ' (lockdown)' : ''}`,
      );
    }
  } finally {
    database.close();
  }
  return { counts, generateMs, writeMs };
}
