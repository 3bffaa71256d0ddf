/**
 * Files into cloud storage, answered as a CloudBase fileID (`cloud://…`) that a function can download.
 *
 * - Cloud mode: `wx.cloud.uploadFile`, as CloudBase documents it.
 * - Local mode: the emulator has no endpoint that plays `wx.cloud.uploadFile` for the mini program, so this takes
 *   the two steps @cloudbase/node-sdk's own uploadFile takes against it (emulator/storage/index.ts):
 *   `POST <localUrl>/admin {"action":"storage.getUploadMetadata","path":<cloudPath>}` for a signed URL, then
 *   `PUT <url>` with the file's bytes and that signature. The fileID in the metadata is the one the emulator's
 *   `downloadFile` resolves, so the function reads the file exactly as it would in CloudBase.
 *   (A dedicated `POST /storage/upload` taking wx.uploadFile's multipart body would let local mode use
 *   wx.uploadFile like production uses wx.cloud.uploadFile; until the emulator has one, this is the path.)
 */
import { getConfig } from '../config/index';
import { initCloud } from './cloud';
import { AppError, networkUnavailable, serverUnavailable } from './errors';

const TIMEOUT_MS = 60000;

interface UploadMetadata {
  url: string;
  authorization: string;
  fileId: string;
}

function request<T>(options: {
  url: string;
  method: 'POST' | 'PUT';
  data: unknown;
  header: Record<string, string>;
}): Promise<{ statusCode: number; data: T }> {
  return new Promise((resolve, reject) => {
    wx.request({
      url: options.url,
      method: options.method,
      data: options.data as WechatMiniprogram.IAnyObject,
      header: options.header,
      timeout: TIMEOUT_MS,
      success: (res) => resolve({ statusCode: res.statusCode, data: res.data as T }),
      fail: () => reject(networkUnavailable()),
    });
  });
}

function readFile(filePath: string): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    wx.getFileSystemManager().readFile({
      filePath,
      success: (res) => resolve(res.data as ArrayBuffer),
      fail: () => reject(new AppError('FILE.UNREADABLE', '无法读取所选文件，请重新选择')),
    });
  });
}

async function uploadToEmulator(baseUrl: string, cloudPath: string, filePath: string): Promise<string> {
  const meta = await request<{ data?: UploadMetadata; code?: string }>({
    url: `${baseUrl}/admin`,
    method: 'POST',
    data: { action: 'storage.getUploadMetadata', path: cloudPath },
    header: { 'content-type': 'application/json' },
  });
  const target = meta.data?.data;
  if (meta.statusCode !== 200 || !target?.url || !target.fileId) throw serverUnavailable();
  const bytes = await readFile(filePath);
  const put = await request<unknown>({
    url: target.url,
    method: 'PUT',
    data: bytes,
    header: { authorization: target.authorization, 'content-type': 'application/octet-stream' },
  });
  if (put.statusCode !== 200) throw serverUnavailable();
  return target.fileId;
}

async function uploadToCloud(envId: string, cloudPath: string, filePath: string): Promise<string> {
  initCloud(envId);
  try {
    const res = await wx.cloud.uploadFile({ cloudPath, filePath });
    return res.fileID;
  } catch {
    throw networkUnavailable();
  }
}

/** Uploads a local file (a temp path from wx.chooseMessageFile) to `cloudPath`; resolves with its fileID. */
export function uploadFile(cloudPath: string, filePath: string): Promise<string> {
  const config = getConfig();
  return config.mode === 'cloud'
    ? uploadToCloud(config.envId, cloudPath, filePath)
    : uploadToEmulator(config.localUrl, cloudPath, filePath);
}
