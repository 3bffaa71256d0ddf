/**
 * The file an admin uploads — .xlsx (read with exceljs) or .csv (UTF-8, or GBK as Excel on a Chinese Windows
 * saves it) — as header → cell rows with their row numbers, so every problem can point at a line in the sheet.
 */
import type ExcelJS from 'exceljs';
import type { SheetRow } from './structure';

export class SpreadsheetError extends Error {}

function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return '';
  if (typeof value === 'object') {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if ('text' in value && typeof value.text === 'string') return value.text; // hyperlink
    if ('result' in value) return value.result == null ? '' : String(value.result); // formula
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    return '';
  }
  return String(value);
}

export async function readXlsx(buffer: Buffer): Promise<SheetRow[]> {
  // Loaded on first use: exceljs is large, and only an import needs it — every other call starts faster.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Workbook } = require('exceljs') as typeof ExcelJS;
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new SpreadsheetError('无法读取这个 Excel 文件，请确认它是 .xlsx 格式（旧的 .xls 请在 Excel 中另存为 .xlsx）');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new SpreadsheetError('Excel 文件里没有工作表');
  const headers: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => (headers[col] = cellText(cell.value).trim()));
  const rows: SheetRow[] = [];
  for (let r = 2; r <= sheet.actualRowCount + 1 && r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: Record<string, string> = {};
    headers.forEach((h, col) => {
      if (h) cells[h] = cellText(row.getCell(col).value).trim();
    });
    rows.push({ row: r, cells });
  }
  return rows;
}

function decodeText(buffer: Buffer): string {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  try {
    return utf8.decode(buffer).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gbk').decode(buffer);
  }
}

/** RFC 4180: quoted fields, doubled quotes, commas and newlines inside quotes. */
function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      out.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    out.push(row);
  }
  return out;
}

export function readCsv(buffer: Buffer): SheetRow[] {
  const lines = parseCsv(decodeText(buffer));
  if (!lines.length) throw new SpreadsheetError('文件是空的');
  const headers = lines[0].map((h) => h.trim());
  return lines.slice(1).map((cells, i) => ({
    row: i + 2,
    cells: Object.fromEntries(headers.map((h, col) => [h, (cells[col] ?? '').trim()]).filter(([h]) => h)),
  }));
}

export function headersOf(rows: SheetRow[]): string[] {
  return rows.length ? Object.keys(rows[0].cells) : [];
}

export async function readSpreadsheet(fileName: string, buffer: Buffer): Promise<{ rows: SheetRow[]; headers: string[] }> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) {
    const rows = readCsv(buffer);
    const text = decodeText(buffer);
    const headers = parseCsv(text.split(/\r?\n/)[0] ?? '')[0] ?? [];
    return { rows, headers: headers.map((h) => h.trim()) };
  }
  if (lower.endsWith('.xlsx')) {
    const rows = await readXlsx(buffer);
    return { rows, headers: headersOf(rows) };
  }
  throw new SpreadsheetError('只支持 .xlsx 或 .csv 文件');
}
