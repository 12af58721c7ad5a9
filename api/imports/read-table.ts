import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { validationFailed, DomainError } from '../core/errors.js';
import { decodeCsvBytes } from './decode-text.js';
import { IMPORT_MSG } from './messages.js';
import { TurnBudget } from './turn-budget.js';

/** A sheet as text cells; `line` is the row number the user sees in Excel or an editor. */
export type Table = { rows: { line: number; cells: string[] }[] };

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain', 'application/vnd.ms-excel', 'text/comma-separated-values'];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** Reads an uploaded CSV (UTF-8 with or without BOM, or GBK) or XLSX file into rows of text. */
export async function readTable(bytes: Uint8Array, contentType: string, budget = new TurnBudget()): Promise<Table> {
  const type = contentType.split(';')[0].trim().toLowerCase();
  // An .xlsx is a zip: trust the bytes when a client labels it generically.
  const isZip = ZIP_MAGIC.every((b, i) => bytes[i] === b);
  if (type === XLSX_MIME || (isZip && (type === 'application/octet-stream' || type === ''))) return readXlsx(bytes);
  if (CSV_TYPES.includes(type)) return readCsv(bytes, budget);
  throw new DomainError('unsupported_media_type', IMPORT_MSG.unsupportedType);
}

async function readCsv(bytes: Uint8Array, budget: TurnBudget): Promise<Table> {
  const text = await decodeCsvBytes(bytes, budget);
  const rows: Table['rows'] = [];
  // csv-parse's sync parser on slices cut between records, yielding after each: a 50,000-row file
  // is ~0.3 s of parsing. Lines are numbered across slices as in the whole file.
  let linesBefore = 0;
  for (const slice of csvSlices(text, CSV_SLICE_CHARS)) {
    let records: { record: string[]; info: { lines: number } }[];
    try {
      records = parse(slice.text, { info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as typeof records;
    } catch (e) {
      throw validationFailed(IMPORT_MSG.unreadableCsv(csvErrorText(e, linesBefore)));
    }
    for (const r of records) rows.push({ line: linesBefore + r.info.lines, cells: r.record });
    linesBefore += slice.lines;
    if (budget.spent(records.length)) await budget.yield();
  }
  return { rows };
}

// ~8,000 characters (~500 rows of a register) parse in about a millisecond; 32,000 took 3-5 ms
// alone and 40-50 ms on a loaded 2-core machine, one of an import's longest stalls.
const CSV_SLICE_CHARS = 8_000;

/**
 * Cuts CSV text after a line break that lies outside any quoted field. With RFC 4180 quoting
 * (a quote inside a field is doubled) a line break is outside quotes exactly when an even number
 * of quote characters precede it. Each slice carries its count of line breaks, for line numbers.
 */
export function* csvSlices(text: string, size: number): Generator<{ text: string; lines: number }> {
  let start = 0;
  while (start < text.length) {
    let inQuotes = false;
    let lines = 0;
    let cut = text.length;
    for (let i = start; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 34) inQuotes = !inQuotes;
      else if (c === 10) {
        lines++;
        if (!inQuotes && i + 1 - start >= size) {
          cut = i + 1;
          break;
        }
      }
    }
    yield { text: text.slice(start, cut), lines };
    start = cut;
  }
}

/** csv-parse names the line within the slice; the office needs the line in its file. */
function csvErrorText(e: unknown, linesBefore: number): string {
  const message = e instanceof Error ? e.message : String(e);
  return linesBefore ? message.replace(/\bline (\d+)/g, (_, n: string) => `line ${linesBefore + Number(n)}`) : message;
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
