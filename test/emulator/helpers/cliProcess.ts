/**
 * The emulator CLI as a separate process, bundled the way scripts/build.js does it (esbuild, node_modules
 * external) but into a temporary directory, so tests neither need ts-node nor touch the shared .build/.
 */
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';
import { REPO_ROOT, tempDir } from './emulator';

export async function bundleCli(): Promise<string> {
  const outfile = path.join(tempDir('cli'), 'cli.js');
  await build({
    entryPoints: [path.join(REPO_ROOT, 'emulator/cli.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'error',
  });
  return outfile;
}

export interface CliProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (or the signal name) once the process is gone. */
  exited: Promise<number | string>;
}

export function runCli(cliPath: string, args: string[]): { child: ChildProcess; output(): string; exited: Promise<number | string> } {
  const child = spawn(process.execPath, [cliPath, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_PATH: path.join(REPO_ROOT, 'node_modules') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return { child, output: () => text, exited };
}

/** Starts the CLI and waits until it prints the URL it listens on. */
export async function startCli(cliPath: string, args: string[]): Promise<CliProcess> {
  const run = runCli(cliPath, args);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator did not start:\n${run.output()}`)), 15_000);
    const check = () => {
      const match = /listening on (http:\/\/\S+)/.exec(run.output());
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    run.child.stdout!.on('data', check);
    run.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited (${code}) before listening:\n${run.output()}`));
    });
  });
  return { ...run, url };
}
