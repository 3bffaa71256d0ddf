/**
 * Opt-in record of how big each page's setData calls are, for the bench (issue 9: every setData ≤ 64 KB; WeChat
 * warns past 256 KB because the data crosses from the logic layer to the view as JSON). Off unless
 * SHOUWANG_SETDATA_LOG names a file: then each time a page's setData is larger than any before it in this test
 * process, a line `{"page","bytes","keys"}` is appended there (the bench keeps the largest per page).
 */
import * as fs from 'fs';
import * as path from 'path';

export const SETDATA_LOG_ENV = 'SHOUWANG_SETDATA_LOG';

const largest = new Map<string, number>();

/** Wraps the page instance's setData to measure it, when the log is on; otherwise leaves it alone. */
export function recordSetData(pagePath: string, instance: { setData: (data: object, callback?: () => void) => void }): void {
  const file = process.env[SETDATA_LOG_ENV];
  if (!file) return;
  const setData = instance.setData;
  instance.setData = function (this: unknown, data: object, callback?: () => void) {
    const bytes = Buffer.byteLength(JSON.stringify(data) ?? '', 'utf8');
    if (bytes > (largest.get(pagePath) ?? -1)) {
      largest.set(pagePath, bytes);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.appendFileSync(file, `${JSON.stringify({ page: pagePath, bytes, keys: Object.keys(data) })}\n`);
    }
    return setData.call(this, data, callback);
  };
}
