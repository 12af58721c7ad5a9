import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Ledger } from './format.js';

const BOM = '\ufeff';

/**
 * Text a worker typed ends up in a CSV the office opens in Excel: a cell starting with = + - @ (or a
 * tab/CR) would run as a formula (CSV injection). A leading apostrophe makes Excel show it as text.
 */
export const neutraliseCell = (v: unknown) => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
const csvRows = (rows: unknown[][]) => stringify(rows.map((r) => r.map(neutraliseCell)));

/** CSV with a UTF-8 BOM (so Excel on a town office PC shows Chinese correctly), one page at a time. */
export function ledgerCsv(ledger: Ledger): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const it = ledger.pages[Symbol.asyncIterator]();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(BOM + stringify([ledger.headers])));
        return;
      }
      const next = await it.next();
      if (next.done) return controller.close();
      controller.enqueue(encoder.encode(csvRows(next.value)));
    },
    async cancel() {
      await it.return?.();
    },
  });
}

/**
 * XLSX through exceljs's streaming writer: rows are committed as they are read, so memory stays
 * bounded by a page (shared strings off: a 2M-row ledger's strings would otherwise be held).
 */
export function ledgerXlsx(ledger: Ledger): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  // A town office files the 台账 on paper: A4 landscape, all columns on one page width, header on every page.
  const sheet = workbook.addWorksheet(ledger.sheetName, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
  });
  sheet.columns = ledger.headers.map((header, i) => ({ header, width: ledger.widths[i] ?? 14 }));
  const head = sheet.getRow(1);
  head.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF2F5597' } };
  head.alignment = { vertical: 'middle', horizontal: 'center' };
  head.commit();
  (async () => {
    for await (const page of ledger.pages) for (const cells of page) sheet.addRow(cells).commit();
    sheet.commit();
    await workbook.commit();
  })().catch((e) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return Readable.toWeb(out) as unknown as ReadableStream<Uint8Array>;
}
