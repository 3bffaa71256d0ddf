/** Where and on what a run happened: the machine, Node, the date and the git commit. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';

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

export interface CpuSnapshot {
  /** Busy CPU time of the whole machine (all processes, all cores), ms; NaN where /proc/stat is unavailable. */
  busyMs: number;
  at: number;
}

/** The machine's busy CPU time so far (Linux /proc/stat), to tell how much of a phase other processes took. */
export function cpuSnapshot(): CpuSnapshot {
  const at = performance.now();
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0];
    const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
    const ticksPerMs = 100 / 1000; // USER_HZ is 100 on Linux
    return { busyMs: (user + nice + system + irq + softirq + steal) / ticksPerMs, at };
  } catch {
    return { busyMs: NaN, at };
  }
}

/** Cores' worth of CPU the whole machine was busy with between two snapshots. */
export function busyCores(from: CpuSnapshot, to: CpuSnapshot): number {
  return (to.busyMs - from.busyMs) / (to.at - from.at);
}
