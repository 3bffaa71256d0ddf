/**
 * Child-process entry (bundled to .build/bench/clientProcess.js): a load-generating client with wx-server-sdk of its
 * own. The SDK costs a client more CPU per request than the emulator spends answering it (building, signing and
 * decoding each request), so one client process saturates a core before the emulator does; the emulator bench
 * spreads its clients over several such processes so that it measures the emulator rather than its own client.
 *
 * argv: <cloud url> <process index>. IPC:
 *   → { type: 'ready' } once the SDK is set up
 *   ← { type: 'run', id, op, clients, durationMs } → { type: 'done', id, result, cpuUs, slow } (result: LoadResult with
 *     latencies as an object; slow: wx-server-sdk's "longer than 3s" warnings) or { type: 'done', id, error }
 *   ← { type: 'close' } → exits; so does losing the parent.
 */
import { emulatorOps, COLLECTION, prng, type OpName } from './emulatorOps';
import { runLoad } from './load';
import { sdkDatabase } from './sdk';

interface RunMessage {
  type: 'run';
  id: number;
  op: OpName;
  clients: number;
  durationMs: number;
}

function main(): void {
  const [url, index] = process.argv.slice(2);
  if (!url || index === undefined || !process.send) throw new Error('usage: clientProcess.js <url> <index> (with IPC)');
  const ops = emulatorOps(sdkDatabase(url).collection(COLLECTION), prng(1000 + Number(index)));
  // wx-server-sdk warns of each request slower than 3 s; counted and reported rather than printed.
  let slow = 0;
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (args.some((a) => typeof a === 'string' && a.includes('longer than 3s'))) slow++;
    else warn(...args);
  };
  process.on('message', (message: RunMessage | { type: 'close' }) => {
    if (message.type === 'close') process.exit(0);
    const started = process.cpuUsage();
    slow = 0;
    runLoad({ clients: message.clients, durationMs: message.durationMs, op: ops[message.op] }).then(
      (result) => {
        const cpu = process.cpuUsage(started);
        process.send?.({
          type: 'done',
          id: message.id,
          cpuUs: cpu.user + cpu.system,
          slow,
          result: { ...result, latencies: Object.fromEntries(result.latencies) },
        });
      },
      (err: unknown) => process.send?.({ type: 'done', id: message.id, error: (err as Error).message ?? String(err) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
  process.send({ type: 'ready' });
}

main();
