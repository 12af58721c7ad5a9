import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { validationFailed, DomainError } from '../core/errors.js';
import { decodeCsvBytes } from './decode-text.js';
import { IMPORT_MSG } from './messages.js';

/** A sheet as text cells; `line` is the row number the user sees in Excel or an editor. */
export type Table = { rows: { line: number; cells: string[] }[] };

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain', 'application/vnd.ms-excel', 'text/comma-separated-values'];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** Reads an uploaded CSV (UTF-8 with or without BOM, or GBK) or XLSX file into rows of text. */
export async function readTable(bytes: Uint8Array, contentType: string): Promise<Table> {
  const type = contentType.split(';')[0].trim().toLowerCase();
  // An .xlsx is a zip: trust the bytes when a client labels it generically.
  const isZip = ZIP_MAGIC.every((b, i) => bytes[i] === b);
  if (type === XLSX_MIME || (isZip && (type === 'application/octet-stream' || type === ''))) return readXlsx(bytes);
  if (CSV_TYPES.includes(type)) return readCsv(bytes);
  throw new DomainError('unsupported_media_type', IMPORT_MSG.unsupportedType);
}

function readCsv(bytes: Uint8Array): Table {
  const text = decodeCsvBytes(bytes);
  try {
    const records = parse(text, { info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    return { rows: records.map((r) => ({ line: r.info.lines, cells: r.record })) };
  } catch (e) {
    throw validationFailed(IMPORT_MSG.unreadableCsv(e instanceof Error ? e.message : String(e)));
  }
}

async function readXlsx(bytes: Uint8Array): Promise<Table> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    throw validationFailed(IMPORT_MSG.unreadableXlsx);
  }
  const sheet = wb.worksheets.find((ws) => ws.actualRowCount > 0);
  const rows: Table['rows'] = [];
  sheet?.eachRow({ includeEmpty: false }, (row, line) => {
    const values = row.values as unknown[];
    rows.push({ line, cells: values.slice(1).map(cellText) });
  });
  return { rows };
}

/** Excel cell → text: rich text, hyperlinks, formula results and dates (as YYYY-MM-DD) included. */
function cellText(v: unknown): string {
  if (v == null) return '';
  if (v instanceof Date) {
    // Excel dates carry no zone: exceljs hands them over as UTC midnight of the shown day.
    return v.toISOString().slice(0, 10);
  }
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown };
    if (o.richText) return o.richText.map((t) => t.text).join('').trim();
    if (o.result !== undefined) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
    return '';
  }
  return String(v).trim();
}
