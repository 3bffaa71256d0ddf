/**
 * 导入社区结构: the admin picks a spreadsheet from a WeChat chat, it goes to cloud storage, and `structure.import`
 * reads it (all rows or none); while it reads, `structure.importStatus` says how far it got.
 */
import type { ImportReport } from '../../../../typings/contract/community';
import { community } from '../../../services/community';
import { AppError, uploadFile } from '../../../transport/index';

export type { ImportReport };

export interface ImportFile {
  name: string;
  size: number;
  /** The temp path wx.chooseMessageFile gave. */
  path: string;
}

export const IMPORT_EXTENSIONS = ['xlsx', 'csv'];
/** A community's structure is a few thousand rows; 10 MB is far more than that. */
const MAX_BYTES = 10 * 1024 * 1024;

/** Opens the chat-file chooser for one .xlsx / .csv; null when the person closes it. */
export function chooseImportFile(): Promise<ImportFile | null> {
  return new Promise((resolve, reject) => {
    wx.chooseMessageFile({
      count: 1,
      type: 'file',
      extension: IMPORT_EXTENSIONS,
      success: (res) => {
        const file = res.tempFiles[0];
        if (!file) return resolve(null);
        if (!IMPORT_EXTENSIONS.some((ext) => file.name.toLowerCase().endsWith(`.${ext}`))) {
          return reject(new AppError('IMPORT.WRONG_TYPE', '请选择 .xlsx 或 .csv 文件（旧的 .xls 请在 Excel 中另存为 .xlsx）'));
        }
        if (file.size > MAX_BYTES) return reject(new AppError('IMPORT.TOO_LARGE', '文件超过 10 MB，请拆分后分批导入'));
        resolve({ name: file.name, size: file.size, path: file.path });
      },
      fail: (err: { errMsg?: string }) => {
        if (err?.errMsg?.includes('cancel')) resolve(null);
        else reject(new AppError('IMPORT.CHOOSE_FAILED', '无法打开聊天文件，请稍后重试'));
      },
    });
  });
}

/** Pure: where an import file goes in cloud storage (one folder per community, a unique name per upload). */
export function importCloudPath(communityId: string, fileName: string, now: number, nonce: string): string {
  const ext = fileName.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx';
  return `imports/${communityId}/${now}-${nonce}.${ext}`;
}

/**
 * Puts the file in cloud storage and answers its fileID. In local mode the emulator's storage is written through
 * the transport's local upload (see transport/upload.ts for what it does and what the emulator lacks).
 */
export function uploadImportFile(communityId: string, file: ImportFile): Promise<string> {
  const nonce = Math.floor(Math.random() * 0x100000000).toString(36);
  return uploadFile(importCloudPath(communityId, file.name, Date.now(), nonce), file.path);
}

export function startImport(communityId: string, fileID: string, requestId: string): Promise<ImportReport> {
  return community('structure.import', { communityId, fileID }, { requestId });
}

export function fetchImportStatus(importId: string): Promise<ImportReport> {
  return community('structure.importStatus', { importId });
}
