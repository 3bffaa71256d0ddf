/**
 * Cloud storage over the SDK's own protocol. node-sdk never sends file bytes to the API: `uploadFile` asks
 * `storage.getUploadMetadata` for a signed COS URL and PUTs the bytes there; `getTempFileURL` asks
 * `storage.batchGetDownloadUrl` for signed links; `downloadFile` GETs such a link; `deleteFile` is
 * `storage.batchDeleteFile`. Here the "COS" is this emulator: `PUT|GET|HEAD /storage/<bucket>/<cloudPath>`.
 */
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { origin, type PlatformHost } from '../openapi/host';
import { contentTypeOf, sendCosError } from './cos';
import { bucketOf, cloudPathProblem, envOfBucket, FileStore, fileIdOf, isValidEnv, parseFileId } from './files';
import { Signer } from './signing';

export { fileIdOf, parseFileId, bucketOf } from './files';

export interface StorageOptions {
  dataDir: string;
  /** The environment used when a request names none (the SDK's DYNAMIC_CURRENT_ENV outside a function). */
  defaultEnv: string;
}

export interface StorageService {
  /** Direct access for tests and seed scripts: the bytes behind a fileID, or null. */
  read(fileId: string): Buffer | null;
}

/** CloudBase refuses more than 50 files per batch call. */
const MAX_BATCH = 50;
const UPLOAD_TTL_S = 900;
/** getTempFileURL without maxAge. */
const DEFAULT_MAX_AGE_S = 86400;

type Answer = { requestId: string; data: unknown } | { code: string; message: string; requestId: string };

const ok = (data: unknown): Answer => ({ requestId: randomUUID(), data });
const fail = (code: string, message: string): Answer => ({ code, message, requestId: randomUUID() });

export function registerStorage(host: PlatformHost, opts: StorageOptions): StorageService {
  const root = path.join(opts.dataDir, 'storage');
  const files = new FileStore(path.join(root, 'files'));
  const signer = new Signer(root);
  const nowSec = () => Math.floor(host.clock.now() / 1000);
  const base = () => `${origin(host)}/storage`;
  const envOf = (body: { envName?: unknown }) => (typeof body.envName === 'string' && body.envName !== '' ? body.envName : opts.defaultEnv);

  host.addAdminAction('storage.getUploadMetadata', async (body: { envName?: unknown; path?: unknown }) => {
    const env = envOf(body);
    if (!isValidEnv(env)) return fail('INVALID_PARAM', `invalid env ${String(env)}`);
    const problem = cloudPathProblem(body.path);
    if (problem) return fail('INVALID_PARAM', problem);
    const cloudPath = body.path as string;
    const bucket = bucketOf(env);
    const start = nowSec();
    const expires = start + UPLOAD_TTL_S;
    const signature = signer.sign('put', bucket, cloudPath, expires);
    return ok({
      url: `${base()}/${bucket}/${encodePath(cloudPath)}`,
      token: randomUUID(),
      authorization: `q-sign-algorithm=sha1&q-ak=emulator&q-sign-time=${start};${expires}&q-key-time=${start};${expires}&q-signature=${signature}`,
      fileId: fileIdOf({ env, cloudPath }),
      cosFileId: Buffer.from(`${bucket}/${cloudPath}`).toString('base64'),
      download_url: `${base()}/${bucket}/${cloudPath}`,
    });
  });

  host.addAdminAction('storage.batchGetDownloadUrl', async (body: { file_list?: unknown }) => {
    const list = body.file_list;
    if (!Array.isArray(list) || list.length === 0 || list.length > MAX_BATCH) {
      return fail('INVALID_PARAM', `file_list must hold 1 to ${MAX_BATCH} files`);
    }
    const download_list = list.map((item: { fileid?: unknown; max_age?: unknown }) => {
      const ref = parseFileId(item?.fileid);
      const fileID = typeof item?.fileid === 'string' ? item.fileid : '';
      // node-sdk's downloadFile throws the failed item as is, so it carries a message too.
      if (!ref) return { fileID, tempFileURL: '', code: 'INVALID_PARAM', message: 'invalid fileID' };
      if (!files.stat(ref.env, ref.cloudPath))
        return { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', message: 'storage file not exist' };
      const maxAge = typeof item.max_age === 'number' && item.max_age > 0 ? Math.floor(item.max_age) : DEFAULT_MAX_AGE_S;
      const t = nowSec() + maxAge;
      const sign = signer.sign('get', ref.bucket, ref.cloudPath, t);
      // The path is left unescaped, as CloudBase returns it: node-sdk's downloadFile encodeURI()s the link itself.
      return { fileID, tempFileURL: `${base()}/${ref.bucket}/${ref.cloudPath}?sign=${sign}&t=${t}`, code: 'SUCCESS', maxAge };
    });
    return ok({ download_list });
  });

  host.addAdminAction('storage.batchDeleteFile', async (body: { fileid_list?: unknown }) => {
    const list = body.fileid_list;
    if (!Array.isArray(list) || list.length === 0 || list.length > MAX_BATCH) {
      return fail('INVALID_PARAM', `fileid_list must hold 1 to ${MAX_BATCH} files`);
    }
    const delete_list = list.map((fileID: unknown) => {
      const ref = parseFileId(fileID);
      if (!ref) return { fileID, code: 'INVALID_PARAM' };
      return { fileID, code: files.delete(ref.env, ref.cloudPath) ? 'SUCCESS' : 'STORAGE_FILE_NONEXIST' };
    });
    return ok({ delete_list });
  });

  host.addRoute('PUT', '/storage/', (req, res, body) => {
    const target = objectOf(req, res);
    if (!target) return;
    const auth = /q-sign-time=\d+;(\d+)&.*q-signature=([0-9a-f]+)/.exec(String(req.headers.authorization ?? ''));
    if (!auth || !signer.verify('put', target.bucket, target.cloudPath, Number(auth[1]), auth[2])) {
      return sendCosError(res, 403, 'SignatureDoesNotMatch', 'The Signature you specified is invalid.', target.resource);
    }
    if (Number(auth[1]) < nowSec()) return sendCosError(res, 403, 'AccessDenied', 'Request has expired', target.resource);
    files.write(target.env, target.cloudPath, body);
    res.writeHead(200, { etag: `"${Buffer.from(String(body.length)).toString('hex')}"`, 'content-length': 0 });
    res.end();
  });

  const serve = (req: IncomingMessage, res: ServerResponse) => {
    const target = objectOf(req, res);
    if (!target) return;
    const q = new URL(req.url ?? '/', 'http://x').searchParams;
    const t = Number(q.get('t'));
    if (!Number.isInteger(t) || !signer.verify('get', target.bucket, target.cloudPath, t, q.get('sign') ?? '')) {
      return sendCosError(res, 403, 'AccessDenied', 'Access Denied.', target.resource);
    }
    if (t < nowSec()) return sendCosError(res, 403, 'AccessDenied', 'Request has expired', target.resource);
    const content = files.read(target.env, target.cloudPath);
    if (!content) return sendCosError(res, 404, 'NoSuchKey', 'The specified key does not exist.', target.resource);
    res.writeHead(200, { 'content-type': contentTypeOf(target.cloudPath), 'content-length': content.length });
    res.end(req.method === 'HEAD' ? undefined : content);
  };
  host.addRoute('GET', '/storage/', serve);
  host.addRoute('HEAD', '/storage/', serve);

  return {
    read(fileId) {
      const ref = parseFileId(fileId);
      return ref ? files.read(ref.env, ref.cloudPath) : null;
    },
  };
}

/** `/storage/<bucket>/<cloudPath>` → the object, or an answered 4xx. */
function objectOf(req: IncomingMessage, res: ServerResponse): { env: string; bucket: string; cloudPath: string; resource: string } | null {
  const pathname = new URL(req.url ?? '/', 'http://x').pathname;
  const [, , bucket = '', ...segments] = pathname.split('/');
  let cloudPath: string;
  try {
    cloudPath = segments.map(decodeURIComponent).join('/');
  } catch {
    sendCosError(res, 400, 'InvalidURI', 'Could not parse the specified URI.', pathname);
    return null;
  }
  const env = envOfBucket(bucket);
  if (!env) {
    sendCosError(res, 404, 'NoSuchBucket', 'The specified bucket does not exist.', pathname);
    return null;
  }
  if (cloudPathProblem(cloudPath)) {
    sendCosError(res, 400, 'InvalidURI', 'Could not parse the specified URI.', pathname);
    return null;
  }
  return { env, bucket, cloudPath, resource: `/${bucket}/${cloudPath}` };
}

function encodePath(cloudPath: string): string {
  return cloudPath.split('/').map(encodeURIComponent).join('/');
}
