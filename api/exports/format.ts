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

/** A ledger: its column headers and the pages of rows (each a list of cells), streamed in id order. */
export type Ledger = { sheetName: string; headers: string[]; widths: number[]; pages: AsyncIterable<(string | number)[][]> };
