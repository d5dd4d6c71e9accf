import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Cell, SheetRow } from '../../core/proposals/import-rows';
import { AppError } from '../../core/result';

/**
 * Reads the first worksheet of an XLSX file, or a CSV file, with exceljs into the header row and
 * the rows after it, each with the sheet's own row number. CSV cells stay text (编号 0012 keeps
 * its zeros); a CSV saved by Excel or WPS on Chinese Windows is GBK, so bytes that are not UTF-8
 * are read as GB18030. A file that is neither is BAD_INPUT with a readable message.
 */
export interface Sheet {
  header: Cell[];
  rows: SheetRow[];
}

export type WorkbookFormat = 'xlsx' | 'csv';

export function formatOf(fileName: string): WorkbookFormat {
  if (/\.xlsx$/i.test(fileName)) return 'xlsx';
  if (/\.csv$/i.test(fileName)) return 'csv';
  throw new AppError('BAD_INPUT', `只能导入 .xlsx 或 .csv 文件:${fileName}`);
}

/** Most files fit in memory whole; this bounds a mistaken choice of file. */
export const MAX_WORKBOOK_BYTES = 20 * 1024 * 1024;

/** A rich-text, hyperlink, formula or error cell as the value it shows. */
function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellValue((v.result ?? null) as ExcelJS.CellValue);
    if ('error' in v) return String(v.error);
  }
  return String(v as unknown);
}

export function decodeCsv(bytes: Uint8Array): string {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(hasBom ? bytes.subarray(3) : bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

export async function readSheet(bytes: Uint8Array, format: WorkbookFormat): Promise<Sheet> {
  if (bytes.byteLength > MAX_WORKBOOK_BYTES) throw new AppError('BAD_INPUT', `文件过大(超过${MAX_WORKBOOK_BYTES / 1024 / 1024}MB)`);
  const wb = new ExcelJS.Workbook();
  let ws: ExcelJS.Worksheet | undefined;
  try {
    if (format === 'xlsx') {
      await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
      ws = wb.worksheets[0];
    } else {
      ws = await wb.csv.read(Readable.from([decodeCsv(bytes)]), { map: (d: string) => (d === '' ? null : d) } as never);
    }
  } catch (err) {
    throw new AppError('BAD_INPUT', `文件无法读取,请确认是 Excel 工作簿(.xlsx)或 CSV 文件:${err instanceof Error ? err.message : String(err)}`);
  }
  if (!ws || ws.rowCount === 0) throw new AppError('BAD_INPUT', '文件中没有数据');
  const values = (r: ExcelJS.Row): Cell[] => {
    // exceljs rows are 1-based: values[0] is always empty.
    const raw = Array.isArray(r.values) ? r.values.slice(1) : [];
    return Array.from({ length: raw.length }, (_, i) => cellValue(raw[i] as ExcelJS.CellValue));
  };
  const header = values(ws.getRow(1));
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (r, n) => {
    if (n > 1) rows.push({ row: n, cells: values(r) });
  });
  return { header, rows };
}
