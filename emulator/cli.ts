/**
 * `node .build/emulator/cli.js [--port 8787] [--host 127.0.0.1] [--data .data/] [--fresh] [--no-seed]`
 *
 * Starts the local CloudBase emulator and prints its URL. Binds to 127.0.0.1 unless --host says otherwise.
 * --fresh wipes the data directory first. SIGINT/SIGTERM close it cleanly (pending writes are already durable).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from './server';

interface CliOptions {
  port: number;
  host: string;
  dataDir: string;
  declarationPath?: string;
  fresh: boolean;
  seed: boolean;
}

const USAGE = `usage: cli.js [--port 8787] [--host 127.0.0.1] [--data .data/] [--collections database/collections.json] [--fresh] [--no-seed]`;

function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = { port: 8787, host: '127.0.0.1', dataDir: '.data', fresh: false, seed: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value\n${USAGE}`);
      return next;
    };
    switch (arg) {
      case '--port': {
        const port = Number(value());
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port\n${USAGE}`);
        options.port = port;
        break;
      }
      case '--host':
        options.host = value();
        break;
      case '--data':
        options.dataDir = value();
        break;
      case '--collections':
        options.declarationPath = value();
        break;
      case '--fresh':
        options.fresh = true;
        break;
      case '--no-seed':
        options.seed = false;
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument ${arg}\n${USAGE}`);
    }
  }
  return options;
}

/** Deletes the data directory, refusing anything that looks like more than an emulator's data. */
function wipeDataDir(dir: string): void {
  const resolved = path.resolve(dir);
  const forbidden = [path.parse(resolved).root, os.homedir(), process.cwd()].map((p) => path.resolve(p));
  if (forbidden.includes(resolved) || fs.existsSync(path.join(resolved, '.git')) || fs.existsSync(path.join(resolved, 'package.json'))) {
    throw new Error(`refusing to wipe ${resolved}: it does not look like an emulator data directory`);
  }
  fs.rmSync(resolved, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  if (options.fresh) wipeDataDir(options.dataDir);
  const emulator = await startEmulator({
    host: options.host,
    port: options.port,
    dataDir: options.dataDir,
    declarationPath: options.declarationPath,
  });
  console.log(`CloudBase emulator listening on ${emulator.url} (data: ${path.resolve(options.dataDir)})`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: closing the emulator`);
    emulator.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`emulator: ${(err as Error).message}`);
  process.exit(1);
});
