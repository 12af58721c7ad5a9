import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { SHANGHAI_OFFSET_MS, shanghaiMidnight } from '../../lib/time.js';
import { cellText, isTime, type Ledger, type LedgerCell } from './format.js';

const BOM = '\ufeff';

/**
 * Text a worker typed ends up in a CSV the office opens in Excel: a cell starting with = + - @ (or a
 * tab/CR) would run as a formula (CSV injection). A leading apostrophe makes Excel show it as text.
 */
export const neutraliseCell = (v: unknown) => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
const csvRows = (rows: LedgerCell[][]) => stringify(rows.map((r) => r.map((v) => neutraliseCell(cellText(v)))));

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
 * An instant as an Excel date cell: Excel dates have no time zone, so the cell holds the Shanghai
 * wall clock (exceljs writes a Date by its UTC fields). A day column holds that day's midnight.
 */
const excelDate = (at: number, show: 'minute' | 'day') =>
  new Date((show === 'day' ? +shanghaiMidnight(at) : Math.floor(at / 60_000) * 60_000) + SHANGHAI_OFFSET_MS);
const FORMAT = { minute: 'yyyy-mm-dd hh:mm', day: 'yyyy-mm-dd' } as const;
const xlsxValue = (v: LedgerCell) => (v == null ? null : isTime(v) ? excelDate(v.at, v.show) : v);

/**
 * XLSX through exceljs's streaming writer: rows are committed as they are read, so memory stays
 * bounded by a page (shared strings off: a 2M-row ledger's strings would otherwise be held).
 * A town office files it as it is: a title row (district, town, period, export time), the column
 * headers frozen below it, real date cells, and A4 landscape print with both rows on every page.
 */
export function ledgerXlsx(ledger: Ledger): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(ledger.sheetName, {
    views: [{ state: 'frozen', ySplit: 2 }],
    pageSetup: {
      paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:2',
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  });
  sheet.columns = ledger.headers.map((_, i) => ({ width: ledger.widths[i] ?? 14 }));
  (async () => {
    const title = sheet.addRow([ledger.title ? await ledger.title() : ledger.sheetName]);
    title.height = 24;
    title.font = { bold: true, size: 14 };
    title.alignment = { vertical: 'middle', horizontal: 'left' };
    sheet.mergeCells(1, 1, 1, ledger.headers.length);
    title.commit();
    const head = sheet.addRow(ledger.headers);
    head.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF2F5597' } };
    head.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    head.commit();
    for await (const page of ledger.pages) {
      for (const cells of page) {
        const row = sheet.addRow(cells.map(xlsxValue));
        cells.forEach((v, i) => { if (isTime(v)) row.getCell(i + 1).numFmt = FORMAT[v.show]; });
        row.alignment = { vertical: 'top', wrapText: true };
        row.commit();
      }
    }
    sheet.commit();
    await workbook.commit();
  })().catch((e) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return Readable.toWeb(out) as unknown as ReadableStream<Uint8Array>;
}
