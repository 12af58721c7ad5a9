import { shanghaiIsoDay, shanghaiTime } from '../../lib/time.js';

// Ledger wording and formats a town office files (台账): Chinese labels, Shanghai wall-clock times.

// The hazard verbs' own words, so the ledger says what the chat and the API say.
export { LEVEL_NAMES as LEVEL_LABEL, STATUS_NAMES as STATUS_LABEL } from '../hazards/messages.js';
export const RESULT_LABEL: Record<string, string> = { normal: '正常', issues: '发现问题' };

/** YYYY-MM-DD HH:mm in Shanghai; empty for no time. */
export function shanghaiMinute(at: number | Date | null | undefined): string {
  if (at == null) return '';
  const { hour, minute } = shanghaiTime(at);
  return `${shanghaiIsoDay(at)} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** Content-Disposition with a Chinese file name: RFC 5987 `filename*`, plus an ASCII fallback for old clients. */
export function attachmentDisposition(chineseName: string, asciiFallback: string): string {
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encodeURIComponent(chineseName)}`;
}

/**
 * A ledger cell. Times are instants wrapped with how they are shown: `minute` (上报时间) or `day`
 * (整改期限); CSV writes the Shanghai text, XLSX a real date cell holding the Shanghai wall clock.
 */
export type LedgerTime = { at: number; show: 'minute' | 'day' };
export type LedgerCell = string | number | LedgerTime | null;
export const minuteCell = (at: Date | number | null | undefined): LedgerCell => (at == null ? null : { at: +at, show: 'minute' });
export const dayCell = (at: Date | number | null | undefined): LedgerCell => (at == null ? null : { at: +at, show: 'day' });
export const isTime = (v: LedgerCell): v is LedgerTime => typeof v === 'object' && v !== null;
/** The cell as text (CSV): times in Shanghai, empty for none. */
export const cellText = (v: LedgerCell): string | number =>
  v == null ? '' : isTime(v) ? (v.show === 'day' ? shanghaiIsoDay(v.at) : shanghaiMinute(v.at)) : v;

/**
 * A ledger: its column headers and the pages of rows (each a list of cells), streamed in id order,
 * and the title row a filed copy carries (district, town, period, export time), read when rendered.
 */
export type Ledger = {
  sheetName: string; headers: string[]; widths: number[]; pages: AsyncIterable<LedgerCell[][]>;
  title?: () => Promise<string>;
};

export const LEDGER_PAGE = 1000;

/**
 * Pages of ledger rows read by id (keyset, never OFFSET), so a district-wide export of millions of
 * rows runs in bounded memory. `fetch(after, limit)` returns rows with id > after in id order; `toCells`
 * turns one into its cells, given its 1-based position in the ledger (the 序号 column).
 */
export async function* keysetPages<R extends { id: number }>(
  fetch: (after: number, limit: number) => Promise<R[]>,
  toCells: (row: R, position: number) => LedgerCell[],
): AsyncIterable<LedgerCell[][]> {
  let after = 0;
  let n = 0;
  for (;;) {
    const rows = await fetch(after, LEDGER_PAGE);
    if (rows.length === 0) return;
    after = rows[rows.length - 1].id;
    yield rows.map((r) => toCells(r, ++n));
    if (rows.length < LEDGER_PAGE) return;
  }
}
