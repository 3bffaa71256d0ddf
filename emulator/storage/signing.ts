/**
 * Signed, expiring URLs, as COS hands them out: an upload authorization from storage.getUploadMetadata and
 * a download link from getTempFileURL are HMACs over (method, bucket, path, expiry) with a key kept in the
 * data folder, so links outlive an emulator restart but not their expiry on the emulator's clock.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export class Signer {
  private readonly key: Buffer;

  constructor(dir: string) {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'signing.key');
    try {
      fs.writeFileSync(file, crypto.randomBytes(32), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    this.key = fs.readFileSync(file);
  }

  sign(method: string, bucket: string, cloudPath: string, expiresAtSec: number): string {
    return crypto.createHmac('sha1', this.key).update(`${method.toLowerCase()}\n${bucket}\n${cloudPath}\n${expiresAtSec}`).digest('hex');
  }

  verify(method: string, bucket: string, cloudPath: string, expiresAtSec: number, signature: string): boolean {
    const expected = Buffer.from(this.sign(method, bucket, cloudPath, expiresAtSec));
    const given = Buffer.from(signature);
    return given.length === expected.length && crypto.timingSafeEqual(given, expected);
  }
}
