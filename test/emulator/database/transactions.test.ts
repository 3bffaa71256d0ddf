/**
 * Transactions through the real wx-server-sdk: commit, rollback, snapshot isolation, write-write conflicts (on the
 * write and at commit) and what db.runTransaction does with them.
 */
import { startTestEmulator, testDeclaration, TestEmulator } from '../helpers/emulator';
import { SdkCommand, SdkError, sdkError } from '../helpers/sdk';

let t: TestEmulator;
let _: SdkCommand;
const accounts = () => t.db.collection('accounts');
const balance = async (id: string) => (await accounts().doc(id).get()).data.balance as number;

beforeAll(async () => {
  t = await startTestEmulator({ declaration: testDeclaration() });
  _ = t.db.command;
});

afterAll(() => t.close());

beforeEach(async () => {
  await accounts()
    .where({ balance: _.exists(true) })
    .remove();
  await accounts().add({
    data: [
      { _id: 'a', balance: 100 },
      { _id: 'b', balance: 0 },
    ],
  });
});

it('commit makes all writes visible at once; before that nobody else sees them', async () => {
  const tx = await t.db.startTransaction();
  await tx
    .collection('accounts')
    .doc('a')
    .update({ data: { balance: _.inc(-30) } });
  await tx
    .collection('accounts')
    .doc('b')
    .update({ data: { balance: _.inc(30) } });
  await tx.collection('accounts').add({ data: { _id: 'c', balance: 1 } });
  expect((await tx.collection('accounts').doc('a').get()).data.balance).toBe(70);
  expect(await balance('a')).toBe(100);
  expect((await accounts().where({ _id: 'c' }).get()).data).toEqual([]);
  await tx.commit();
  expect([await balance('a'), await balance('b'), await balance('c')]).toEqual([70, 30, 1]);
});

it('rollback discards every write', async () => {
  const tx = await t.db.startTransaction();
  await tx
    .collection('accounts')
    .doc('a')
    .update({ data: { balance: 0 } });
  await tx.collection('accounts').doc('b').remove();
  await tx.rollback();
  expect([await balance('a'), await balance('b')]).toEqual([100, 0]);
});

it('reads see the snapshot taken at start, plus the transaction’s own writes', async () => {
  const tx = await t.db.startTransaction();
  await accounts()
    .doc('a')
    .update({ data: { balance: 500 } });
  await accounts().add({ data: { _id: 'late', balance: 1 } });
  expect((await tx.collection('accounts').doc('a').get()).data.balance).toBe(100);
  const notYet = await sdkError(tx.collection('accounts').doc('late').get());
  expect(notYet.message).toContain('does not exist');
  await tx
    .collection('accounts')
    .doc('b')
    .update({ data: { balance: 7 } });
  const all = await tx
    .collection('accounts')
    .where({ balance: _.gte(0) })
    .get();
  expect(all.data.map((d) => [d._id, d.balance])).toEqual([
    ['a', 100],
    ['b', 7],
  ]);
  await tx.rollback();
});

it('a write to a document changed since the snapshot fails with a transaction conflict', async () => {
  const tx = await t.db.startTransaction();
  await tx.collection('accounts').doc('a').get();
  await accounts()
    .doc('a')
    .update({ data: { balance: 90 } });
  const err = await sdkError(
    tx
      .collection('accounts')
      .doc('a')
      .update({ data: { balance: _.inc(-10) } }),
  );
  // wx-server-sdk wraps it: unknown codes become -501001, the CloudBase message is kept.
  expect(err.errCode).toBe(-501001);
  expect(err.message).toContain('[ResourceUnavailable.TransactionConflict] Transaction is conflict');
  // The transaction is aborted: commit fails too, and nothing it did is applied.
  const commit = (await sdkError(tx.commit())) as SdkError;
  expect(commit.code).toBe('DATABASE_TRANSACTION_CONFLICT');
  await tx.rollback(); // still fine, as the SDK does after a failure
  expect(await balance('a')).toBe(90);
});

it('two open transactions cannot write the same document', async () => {
  const first = await t.db.startTransaction();
  const second = await t.db.startTransaction();
  await first
    .collection('accounts')
    .doc('a')
    .update({ data: { balance: 1 } });
  const err = await sdkError(
    second
      .collection('accounts')
      .doc('a')
      .update({ data: { balance: 2 } }),
  );
  expect(err.message).toContain('TransactionConflict');
  await first.commit();
  expect(await balance('a')).toBe(1);
});

it('commit fails with DATABASE_TRANSACTION_CONFLICT if a write outside committed first', async () => {
  const tx = await t.db.startTransaction();
  await tx
    .collection('accounts')
    .doc('a')
    .update({ data: { balance: 1 } });
  await accounts()
    .doc('a')
    .update({ data: { balance: 2 } });
  const err = (await sdkError(tx.commit())) as SdkError;
  expect(err.code).toBe('DATABASE_TRANSACTION_CONFLICT');
  expect(await balance('a')).toBe(2);
});

describe('db.runTransaction', () => {
  it('commits and resolves with the callback’s value', async () => {
    const result = await t.db.runTransaction(async (tx) => {
      const a = (await tx.collection('accounts').doc('a').get()).data;
      await tx
        .collection('accounts')
        .doc('a')
        .update({ data: { balance: _.inc(-10) } });
      await tx
        .collection('accounts')
        .doc('b')
        .update({ data: { balance: _.inc(10) } });
      return a.balance;
    });
    expect(result).toBe(100);
    expect([await balance('a'), await balance('b')]).toEqual([90, 10]);
  });

  it('retries the whole callback when the commit conflicts', async () => {
    let attempts = 0;
    await t.db.runTransaction(async (tx) => {
      attempts++;
      await tx
        .collection('accounts')
        .doc('a')
        .update({ data: { balance: _.inc(1) } });
      if (attempts === 1)
        await accounts()
          .doc('a')
          .update({ data: { balance: _.inc(1000) } });
    });
    expect(attempts).toBe(2);
    expect(await balance('a')).toBe(1101);
  });

  it('rejects with the rollback reason and writes nothing', async () => {
    const outcome = t.db.runTransaction(async (tx) => {
      await tx
        .collection('accounts')
        .doc('a')
        .update({ data: { balance: 0 } });
      await tx.rollback({ reason: 'insufficient' });
    });
    await expect(outcome).rejects.toEqual({ reason: 'insufficient' });
    expect(await balance('a')).toBe(100);
  });

  it('does not retry a conflict raised by a write inside the callback (wx-server-sdk hides its code)', async () => {
    let attempts = 0;
    const outcome = t.db.runTransaction(async (tx) => {
      attempts++;
      await tx.collection('accounts').doc('a').get();
      await accounts()
        .doc('a')
        .update({ data: { balance: 5 } });
      await tx
        .collection('accounts')
        .doc('a')
        .update({ data: { balance: 6 } });
    });
    await expect(outcome).rejects.toThrow('TransactionConflict');
    expect(attempts).toBe(1);
    expect(await balance('a')).toBe(5);
  });

  it('keeps money conserved under concurrent transfers', async () => {
    const transfer = () =>
      t.db
        .runTransaction(async (tx) => {
          const from = (await tx.collection('accounts').doc('a').get()).data.balance as number;
          if (from < 10) return false;
          await tx
            .collection('accounts')
            .doc('a')
            .update({ data: { balance: from - 10 } });
          const to = (await tx.collection('accounts').doc('b').get()).data.balance as number;
          await tx
            .collection('accounts')
            .doc('b')
            .update({ data: { balance: to + 10 } });
          return true;
        })
        .catch(() => false);
    const results = await Promise.all(Array.from({ length: 20 }, transfer));
    const succeeded = results.filter(Boolean).length;
    expect(succeeded).toBeGreaterThan(0);
    expect(await balance('a')).toBe(100 - 10 * succeeded);
    expect((await balance('a')) + (await balance('b'))).toBe(100);
  });
});
