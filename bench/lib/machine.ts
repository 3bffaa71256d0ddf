/** Where and on what a run happened: the machine, Node, the date and the git commit. */
import { execFileSync } from 'node:child_process';
import os from 'node:os';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  /** 1-minute load average when the run started: a busy machine makes every figure worse. */
  loadAverage: number;
}

export interface RunInfo {
  date: string;
  commit: string;
  branch: string;
  /** Files changed in the working tree (others' work in progress included) when the run started. */
  uncommittedFiles: number;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAverage: Math.round(os.loadavg()[0] * 100) / 100,
  };
}

function git(root: string, args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

export function runInfo(root: string): RunInfo {
  const status = git(root, ['status', '--porcelain']);
  return {
    date: new Date().toISOString(),
    commit: git(root, ['rev-parse', 'HEAD']) || 'unknown',
    branch: git(root, ['rev-parse', '--abbrev-ref', 'HEAD']) || 'unknown',
    uncommittedFiles: status ? status.split('\n').length : 0,
  };
}
