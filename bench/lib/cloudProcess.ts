/**
 * Child-process entry (bundled to .build/bench/cloudProcess.js): the whole local cloud, started by
 * startLocalCloud exactly as `npm start` and the tests start it, in a process of its own — as in development,
 * where the emulator is its own process and the client (a function, a script) another. The bench process is the
 * client, so what the SDK costs on the client side does not share the emulator's event loop.
 *
 * argv: <dataDir> <workerScript> <projectRoot> [<clock start, epoch ms>]. Talks to the parent over IPC:
 *   → { type: 'ready', url }            once listening on 127.0.0.1
 *   ← { type: 'usage' } → { type: 'usage', cpuUserUs, cpuSystemUs, rssBytes, maxRssBytes }
 *   ← { type: 'close' } → closes the cloud and exits; so does losing the parent.
 * Emulator log lines that warn or fail are forwarded as { type: 'log', line }.
 */
import path from 'node:path';
import { startLocalCloud, type LocalCloud } from '../../emulator/local/localCloud';

process.env.TZ = 'UTC';

type Message = { type: 'usage' } | { type: 'close' };

async function main(): Promise<void> {
  const [dataDir, workerScript, root, startAt] = process.argv.slice(2);
  if (!dataDir || !workerScript || !root || !process.send)
    throw new Error('usage: cloudProcess.js <dataDir> <workerScript> <projectRoot> (with IPC)');
  const send = (message: object) => process.send?.(message);
  const cloud: LocalCloud = await startLocalCloud({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    workerScript,
    functionsDir: path.join(root, 'cloudfunctions'),
    declarationPath: path.join(root, 'database', 'collections.json'),
    autoTriggers: false,
    ...(startAt ? { startAt: Number(startAt) } : {}),
    log: (line) => {
      if (/WARN|ERROR/.test(line)) send({ type: 'log', line });
    },
  });
  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    await cloud.close();
    process.exit(0);
  };
  process.on('message', (message: Message) => {
    if (message.type === 'usage') {
      const cpu = process.cpuUsage();
      send({
        type: 'usage',
        cpuUserUs: cpu.user,
        cpuSystemUs: cpu.system,
        rssBytes: process.memoryUsage().rss,
        maxRssBytes: process.resourceUsage().maxRSS * 1024,
      });
    } else if (message.type === 'close') void close();
  });
  process.on('disconnect', () => void close());
  process.on('SIGTERM', () => void close());
  send({ type: 'ready', url: cloud.url });
}

main().catch((err: unknown) => {
  console.error((err as Error).stack ?? String(err));
  process.exit(1);
});
