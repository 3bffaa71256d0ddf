/**
 * `node .build/emulator/cli.js [--port 8787] [--host 127.0.0.1] [--data .data/] [--fresh] [--no-seed] [--clock <time>]`
 *
 * Starts the local cloud — the CloudBase emulator, the function host, timer triggers, openapi and storage —
 * and prints its URL. Binds to 127.0.0.1 unless --host says otherwise. --fresh wipes the data directory first.
 * --clock starts the emulator's clock at a given time. SIGINT/SIGTERM close it cleanly (writes are already durable).
 */
// CloudBase runs functions in UTC; so does everything in this process, whatever the developer's machine says.
process.env.TZ = 'UTC';

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud } from './local/localCloud';
import { DEMO_USERS } from './seed/demoCommunity';
import { seedDemoCommunity } from './seed';
import { templateRegistry } from '../server/notifications/templates';

interface CliOptions {
  port: number;
  host: string;
  dataDir: string;
  declarationPath?: string;
  fresh: boolean;
  seed: boolean;
  startAt?: number;
}

const USAGE = `usage: cli.js [--port 8787] [--host 127.0.0.1] [--data .data/] [--collections database/collections.json] [--fresh] [--no-seed] [--clock 2026-11-22T08:00:00+08:00]`;

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
      case '--clock': {
        const text = value();
        const t = Date.parse(text);
        if (!Number.isFinite(t)) throw new Error(`cannot read --clock ${text}: give an ISO time such as 2026-11-22T08:00:00+08:00\n${USAGE}`);
        options.startAt = t;
        break;
      }
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
  const cloud = await startLocalCloud({
    host: options.host,
    port: options.port,
    dataDir: options.dataDir,
    declarationPath: options.declarationPath,
    startAt: options.startAt,
    // The app's subscribe-message templates: the emulator checks each message's keywords the way WeChat does.
    templates: templateRegistry(),
  });
  if (options.seed) {
    const seeded = await seedDemoCommunity(cloud.url, new Date(cloud.clock.now()));
    console.log(seeded === 'seeded' ? '已写入演示社区「吉星新苑」' : '演示社区「吉星新苑」已在数据目录中（--fresh 可重新开始）');
  }
  console.log(`CloudBase emulator listening on ${cloud.url} (data: ${path.resolve(options.dataDir)})`);
  printBanner(cloud.url, cloud.functions.names(), new Date(cloud.clock.now()));

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: closing the emulator`);
    cloud.close().then(
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

function printBanner(url: string, functions: string[], now: Date): void {
  const shanghai = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
  console.log(
    [
      '',
      `  函数 functions      ${functions.join(', ') || '(none built: run npm run build)'}`,
      `  调用 call           POST ${url}/functions/<name>  header x-wx-openid: <openid>  body {"action":"me.get"}`,
      `  时钟 clock          ${shanghai} (Asia/Shanghai)  ·  POST ${url}/clock {"advanceMs":7200000}`,
      `  定时 triggers       GET ${url}/triggers  ·  npm run trigger -- <function> [<trigger>]`,
      `  消息 outbox         GET ${url}/outbox`,
      '',
      '  演示身份 demo users（本地模式下在「我的」里切换，或 curl 时放在 x-wx-openid）:',
      ...DEMO_USERS.map((u) => `    ${u.openid.padEnd(16)} ${u.name} · ${u.role} · ${u.what}`),
      '',
      '  微信开发者工具：详情 → 本地设置 → 勾选「不校验合法域名」，小程序开发版默认走本地模式，',
      `  请求发往 ${url}；在「我的」里切换演示身份。Ctrl-C 停止。`,
      '',
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  console.error(`emulator: ${(err as Error).message}`);
  process.exit(1);
});
