/**
 * Cloud storage on a local folder, one subfolder per environment: `<root>/<env>/<cloudPath>`.
 * File IDs are CloudBase's: `cloud://<env>.<bucket>/<cloudPath>`, where the bucket is
 * `<hex of the env's first two letters>-<env>-<appid>` (e.g. `7368-shouwang-dev-1250000000`).
 */
import fs from 'node:fs';
import path from 'node:path';

const APP_ID = '1250000000';
const ENV = /^[a-z0-9_-]{1,40}$/;
/** COS keys are at most 850 bytes. */
const MAX_KEY_BYTES = 850;

export interface FileRef {
  env: string;
  bucket: string;
  cloudPath: string;
}

export function bucketOf(env: string): string {
  return `${Buffer.from(env.slice(0, 2)).toString('hex')}-${env}-${APP_ID}`;
}

export function envOfBucket(bucket: string): string | null {
  const m = /^[0-9a-f]{2,4}-(.+)-(\d+)$/.exec(bucket);
  return m && ENV.test(m[1]) && bucketOf(m[1]) === bucket ? m[1] : null;
}

export function isValidEnv(env: unknown): env is string {
  return typeof env === 'string' && ENV.test(env);
}

/**
 * Why a cloud path is refused, or null. Beyond COS's rules we refuse what would escape the folder
 * (`..`, absolute paths) or break a URL (`?`, `#`, `%`, `\`).
 */
export function cloudPathProblem(cloudPath: unknown): string | null {
  if (typeof cloudPath !== 'string' || cloudPath === '') return 'cloudPath is required';
  if (Buffer.byteLength(cloudPath) > MAX_KEY_BYTES) return 'cloudPath is longer than 850 bytes';
  if (cloudPath.startsWith('/')) return 'cloudPath must not start with /';
  if (/[\x00-\x1f\x7f?#%\\]/.test(cloudPath)) return 'cloudPath contains a character that is not allowed';
  if (cloudPath.split('/').some((s) => s === '' || s === '.' || s === '..')) return 'cloudPath has an empty, . or .. segment';
  return null;
}

export function fileIdOf(ref: Omit<FileRef, 'bucket'>): string {
  return `cloud://${ref.env}.${bucketOf(ref.env)}/${ref.cloudPath}`;
}

export function parseFileId(fileId: unknown): FileRef | null {
  if (typeof fileId !== 'string') return null;
  const m = /^cloud:\/\/([a-z0-9_-]{1,40})\.([^/]+)\/(.+)$/.exec(fileId);
  if (!m || bucketOf(m[1]) !== m[2] || cloudPathProblem(m[3])) return null;
  return { env: m[1], bucket: m[2], cloudPath: m[3] };
}

export class FileStore {
  constructor(private readonly root: string) {
    fs.mkdirSync(root, { recursive: true });
  }

  private pathOf(env: string, cloudPath: string): string {
    // cloudPathProblem() already refused traversal; this guards against a caller that skipped it.
    const base = path.join(this.root, env);
    const full = path.join(base, ...cloudPath.split('/'));
    if (!full.startsWith(base + path.sep)) throw new Error(`cloud path escapes the storage folder: ${cloudPath}`);
    return full;
  }

  /** Written to a temporary file and renamed, so a reader never sees half a file. */
  write(env: string, cloudPath: string, content: Buffer): void {
    const file = this.pathOf(env, cloudPath);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${Date.now()}.uploading`;
    fs.writeFileSync(tmp, content);
    fs.renameSync(tmp, file);
  }

  stat(env: string, cloudPath: string): { size: number } | null {
    try {
      const s = fs.statSync(this.pathOf(env, cloudPath));
      return s.isFile() ? { size: s.size } : null;
    } catch {
      return null;
    }
  }

  read(env: string, cloudPath: string): Buffer | null {
    return this.stat(env, cloudPath) ? fs.readFileSync(this.pathOf(env, cloudPath)) : null;
  }

  /** True when a file was deleted. */
  delete(env: string, cloudPath: string): boolean {
    if (!this.stat(env, cloudPath)) return false;
    fs.unlinkSync(this.pathOf(env, cloudPath));
    return true;
  }
}
