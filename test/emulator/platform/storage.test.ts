/**
 * Cloud storage through the real wx-server-sdk: upload → temp URL → plain HTTP GET → download → delete,
 * with CloudBase's file IDs, signed expiring links on the emulator's clock, and its per-file error codes.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startPlatform, type Platform } from './harness';

let p: Platform;
beforeAll(async () => {
  p = await startPlatform();
});
afterAll(async () => {
  await p.close();
});

it('round-trips bytes: upload, temp URL, HTTP GET, download, delete', async () => {
  const bytes = crypto.randomBytes(64 * 1024);
  const cloudPath = 'notices/2026-11/停水通知.png';
  const up = await p.cloud.uploadFile({ cloudPath, fileContent: bytes });
  expect(up.fileID).toBe(`cloud://${p.env}.${p.bucket}/${cloudPath}`);

  const { fileList } = await p.cloud.getTempFileURL({ fileList: [up.fileID] });
  expect(fileList).toEqual([expect.objectContaining({ fileID: up.fileID, status: 0, errMsg: 'ok', tempFileURL: expect.any(String) })]);
  const res = await fetch(fileList[0].tempFileURL);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('image/png');
  expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);

  const down = await p.cloud.downloadFile({ fileID: up.fileID });
  expect(Buffer.from(down.fileContent).equals(bytes)).toBe(true);

  const del = await p.cloud.deleteFile({ fileList: [up.fileID] });
  expect(del.fileList).toEqual([{ fileID: up.fileID, status: 0, errMsg: 'ok' }]);

  // Gone everywhere: no new link, the old link 404s, download fails with CloudBase's code.
  const after = await p.cloud.getTempFileURL({ fileList: [up.fileID] });
  expect(after.fileList[0]).toMatchObject({ fileID: up.fileID, status: -503003, tempFileURL: '' });
  expect((await fetch(fileList[0].tempFileURL)).status).toBe(404);
  await expect(p.cloud.downloadFile({ fileID: up.fileID })).rejects.toMatchObject({ code: 'STORAGE_FILE_NONEXIST' });
  expect((await p.cloud.deleteFile({ fileList: [up.fileID] })).fileList[0]).toMatchObject({ status: -503003 });
});

it('stores files durably under the data folder', async () => {
  const up = await p.cloud.uploadFile({ cloudPath: 'exports/台账.csv', fileContent: Buffer.from('户号,姓名\n3-1-302,张三\n') });
  expect(p.storage.read(up.fileID)?.toString()).toBe('户号,姓名\n3-1-302,张三\n');
  const onDisk = fs.readFileSync(path.join(p.dataDir, 'storage', 'files', p.env, 'exports', '台账.csv'), 'utf8');
  expect(onDisk).toContain('张三');
});

it('temp URLs expire on the emulator clock and cannot be forged', async () => {
  const up = await p.cloud.uploadFile({ cloudPath: 'photos/door.jpg', fileContent: Buffer.from('jpeg') });
  const { fileList } = await p.cloud.getTempFileURL({ fileList: [{ fileID: up.fileID, maxAge: 60 }] });
  const url = fileList[0].tempFileURL as string;
  expect(fileList[0].maxAge).toBe(60);
  expect((await fetch(url)).status).toBe(200);

  const forged = url.replace('photos/door.jpg', 'photos/other.jpg');
  expect((await fetch(forged)).status).toBe(403);

  p.clock.advance(61_000);
  try {
    const expired = await fetch(url);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('<Code>AccessDenied</Code>');
  } finally {
    p.clock.advance(-61_000);
  }
});

it('reports a missing file per entry without failing the batch', async () => {
  const up = await p.cloud.uploadFile({ cloudPath: 'a.txt', fileContent: Buffer.from('a') });
  const missing = `cloud://${p.env}.${p.bucket}/never-uploaded.txt`;
  const { fileList } = await p.cloud.getTempFileURL({ fileList: [up.fileID, missing] });
  expect(fileList.map((f: { status: number }) => f.status)).toEqual([0, -503003]);
});

it('refuses cloud paths that would escape the storage folder', async () => {
  await expect(p.cloud.uploadFile({ cloudPath: '../outside.txt', fileContent: Buffer.from('x') })).rejects.toMatchObject({
    code: 'INVALID_PARAM',
  });
  await expect(p.cloud.uploadFile({ cloudPath: '/abs.txt', fileContent: Buffer.from('x') })).rejects.toMatchObject({
    code: 'INVALID_PARAM',
  });
  expect(fs.existsSync(path.join(p.dataDir, 'storage', 'outside.txt'))).toBe(false);
});

it('refuses an upload with a bad signature, as COS does', async () => {
  const res = await fetch(`${p.url}/storage/${p.bucket}/sneaky.txt`, {
    method: 'PUT',
    body: 'x',
    headers: { authorization: 'q-sign-time=1;9999999999&q-signature=00' },
  });
  expect(res.status).toBe(403);
  expect(await res.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
  expect(p.storage.read(`cloud://${p.env}.${p.bucket}/sneaky.txt`)).toBeNull();
});
