/**
 * A cloud function's `config.json`, as CloudBase and WeChat DevTools read it: timeout, timer triggers and
 * the openapi it may call. The emulator honours the same file the deployment uses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseCron, type CronSchedule } from '../triggers/cron';

export interface TimerTrigger {
  name: string;
  cron: string;
  schedule: CronSchedule;
}

export interface FunctionConfig {
  name: string;
  dir: string;
  entry: string;
  timeoutMs: number;
  triggers: TimerTrigger[];
  openapi: string[];
}

const DEFAULT_TIMEOUT_S = 3; // CloudBase's default

export function readFunctionConfig(functionsDir: string, name: string): FunctionConfig | null {
  const dir = path.join(functionsDir, name);
  const entry = path.join(dir, 'index.js');
  if (!/^[A-Za-z0-9_-]+$/.test(name) || !fs.existsSync(entry)) return null;
  const file = path.join(dir, 'config.json');
  const raw = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  const timeout = typeof raw.timeout === 'number' && raw.timeout > 0 ? raw.timeout : DEFAULT_TIMEOUT_S;
  const triggers = (Array.isArray(raw.triggers) ? raw.triggers : [])
    .filter((t): t is { name: string; type: string; config: string } => typeof t?.name === 'string' && t?.type === 'timer')
    .map((t) => ({ name: t.name, cron: t.config, schedule: parseCron(t.config) }));
  const permissions = (raw.permissions ?? {}) as { openapi?: unknown };
  const openapi = Array.isArray(permissions.openapi) ? permissions.openapi.filter((s): s is string => typeof s === 'string') : [];
  return { name, dir, entry, timeoutMs: timeout * 1000, triggers, openapi };
}

export function listFunctions(functionsDir: string): FunctionConfig[] {
  if (!fs.existsSync(functionsDir)) return [];
  return fs
    .readdirSync(functionsDir)
    .sort()
    .map((name) => readFunctionConfig(functionsDir, name))
    .filter((c): c is FunctionConfig => c !== null);
}
