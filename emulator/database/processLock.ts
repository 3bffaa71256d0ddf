/**
 * One emulator per data directory. Transactions, write locks and commit sequence numbers live in the emulator's
 * memory, so a second process writing the same SQLite file would silently break isolation; it is refused instead.
 * A lock left behind by a killed emulator (its pid no longer runs) is taken over.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface ProcessLock {
  release(): void;
}

/** Directories locked by this process (the pid in the file cannot tell two emulators of one process apart). */
const heldHere = new Set<string>();

export function lockDataDir(dataDir: string): ProcessLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const dir = fs.realpathSync(dataDir);
  if (heldHere.has(dir)) throw new Error(`data directory ${dataDir} is already used by an emulator in this process`);
  const file = path.join(dir, 'emulator.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      heldHere.add(dir);
      return {
        release: () => {
          heldHere.delete(dir);
          removeIfOurs(file);
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(fs.readFileSync(file, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isRunning(holder)) {
        throw new Error(`data directory ${dataDir} is in use by another emulator (pid ${holder})`);
      }
      fs.rmSync(file, { force: true }); // stale: that emulator was killed
    }
  }
  throw new Error(`cannot lock data directory ${dataDir}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeIfOurs(file: string): void {
  try {
    if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.rmSync(file, { force: true });
  } catch {
    // already gone
  }
}
