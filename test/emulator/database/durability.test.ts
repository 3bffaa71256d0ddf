/**
 * The emulator as developers run it (the bundled CLI in its own process): an acknowledged write survives SIGKILL,
 * SIGTERM closes cleanly, one data directory serves one emulator, --fresh starts over.
 */
import fs from 'node:fs';
import path from 'node:path';
import { applySdkEnvironment } from '../../../emulator/sdkEnv';
import { bundleCli, CliProcess, runCli, startCli } from '../helpers/cliProcess';
import { loadCloud, tempDir, testDeclaration } from '../helpers/emulator';
import { SdkDatabase } from '../helpers/sdk';

jest.setTimeout(60_000);

let cliPath: string;
let declarationPath: string;
let db: SdkDatabase;
const children: CliProcess[] = [];
let restoreEnv: (() => void) | undefined;

beforeAll(async () => {
  cliPath = await bundleCli();
  declarationPath = path.join(tempDir('declaration'), 'collections.json');
  fs.writeFileSync(declarationPath, JSON.stringify(testDeclaration()));
  db = loadCloud().database();
});

afterEach(() => {
  restoreEnv?.();
  restoreEnv = undefined;
});

afterAll(async () => {
  for (const child of children) {
    if (child.child.exitCode === null && child.child.signalCode === null) child.child.kill('SIGKILL');
    await child.exited;
  }
});

async function start(dataDir: string, ...extra: string[]): Promise<CliProcess> {
  const cli = await startCli(cliPath, ['--port', '0', '--data', dataDir, '--collections', declarationPath, '--no-seed', ...extra]);
  children.push(cli);
  restoreEnv?.();
  // SILENCE: node-sdk leaves a "request longer than 3s" timer behind for every request the kill cuts off.
  restoreEnv = applySdkEnvironment(cli.url, { SILENCE: 'true' });
  return cli;
}

it('keeps every acknowledged write after SIGKILL', async () => {
  const dataDir = tempDir('durable');
  const first = await start(dataDir);
  const _ = db.command;
  const items = () => db.collection('items');

  await items().add({ data: { _id: 'added', createdAt: new Date('2024-05-01T08:00:00Z'), tags: ['x'] } });
  await items()
    .doc('set')
    .set({ data: { v: 1 } });
  await items()
    .doc('set')
    .update({ data: { v: _.inc(41), nested: { ok: true } } });
  await items().add({ data: { _id: 'removed' } });
  await items().doc('removed').remove();
  await db.runTransaction(async (tx) => {
    await tx.collection('items').add({ data: { _id: 'tx', v: 'committed' } });
  });

  // A burst of writes, killed while most are still in flight: those acknowledged before the kill must survive.
  const acknowledged: string[] = [];
  const burst = Array.from({ length: 300 }, (_unused, i) =>
    items()
      .add({ data: { _id: `burst-${i}`, i } })
      .then(() => {
        acknowledged.push(`burst-${i}`);
        if (acknowledged.length === 50) first.child.kill('SIGKILL');
      }),
  );
  await Promise.allSettled(burst);
  expect(await first.exited).toBe('SIGKILL');
  expect(acknowledged.length).toBeGreaterThanOrEqual(50);

  await start(dataDir);
  expect((await items().doc('added').get()).data).toEqual({ _id: 'added', createdAt: new Date('2024-05-01T08:00:00Z'), tags: ['x'] });
  expect((await items().doc('set').get()).data).toEqual({ _id: 'set', v: 42, nested: { ok: true } });
  expect((await items().where({ _id: 'removed' }).get()).data).toEqual([]);
  expect((await items().doc('tx').get()).data.v).toBe('committed');
  const found = new Set<unknown>();
  for (let skip = 0; ; skip += 1000) {
    const page = await items()
      .where({ _id: _.in(acknowledged) })
      .skip(skip)
      .limit(1000)
      .get();
    page.data.forEach((doc) => found.add(doc._id));
    if (page.data.length < 1000) break;
  }
  expect([...acknowledged].filter((id) => !found.has(id))).toEqual([]);
});

it('closes cleanly on SIGTERM and refuses a second emulator on the same data directory', async () => {
  const dataDir = tempDir('exclusive');
  const first = await start(dataDir);
  const second = runCli(cliPath, ['--port', '0', '--data', dataDir, '--collections', declarationPath, '--no-seed']);
  expect(await second.exited).toBe(1);
  expect(second.output()).toContain('in use by another emulator');

  first.child.kill('SIGTERM');
  expect(await first.exited).toBe(0);
  expect(fs.existsSync(path.join(dataDir, 'emulator.lock'))).toBe(false);
});

it('--fresh starts from an empty database', async () => {
  const dataDir = tempDir('fresh');
  const first = await start(dataDir);
  await db.collection('items').add({ data: { _id: 'old' } });
  first.child.kill('SIGTERM');
  await first.exited;

  await start(dataDir, '--fresh');
  expect((await db.collection('items').where({ _id: 'old' }).get()).data).toEqual([]);
});
