// Business rules think in Asia/Shanghai (UTC+8, no daylight saving since 1991), storage is UTC.
// A fixed offset is exact for every date this product handles and avoids Intl in hot loops.
export const SHANGHAI_OFFSET_MS = 8 * 3600_000;
export const DAY_MS = 86_400_000;

export type LocalDate = { year: number; month: number; day: number };

/** The Shanghai calendar date of an instant. */
export function shanghaiDate(at: Date | number): LocalDate {
  const d = new Date(+at + SHANGHAI_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** yyyymmdd of the Shanghai day (hazard codes, counters). */
export function shanghaiDayKey(at: Date | number): string {
  const { year, month, day } = shanghaiDate(at);
  return `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
}

/** yyyy-mm-dd of the Shanghai day (dedupe keys, exports, API dates). */
export function shanghaiIsoDay(at: Date | number): string {
  const { year, month, day } = shanghaiDate(at);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** 00:00 Shanghai of the given local date, as a UTC instant. Month/day may overflow (Date.UTC normalises). */
export function startOfShanghaiDay(d: LocalDate): Date {
  return new Date(Date.UTC(d.year, d.month - 1, d.day) - SHANGHAI_OFFSET_MS);
}

/** 24:00 Shanghai of the given local date (= 00:00 of the next day): deadlines end here. */
export function endOfShanghaiDay(d: LocalDate): Date {
  return new Date(startOfShanghaiDay(d).getTime() + DAY_MS);
}

/** Adds whole Shanghai calendar days to a date. */
export function addDays(d: LocalDate, days: number): LocalDate {
  return shanghaiDate(startOfShanghaiDay({ ...d, day: d.day + days }));
}

/** Start of today in Shanghai for the given instant. */
export function shanghaiMidnight(at: Date | number): Date {
  return startOfShanghaiDay(shanghaiDate(at));
}

/** Shanghai weekday, 1 = Monday … 7 = Sunday. */
export function shanghaiWeekday(at: Date | number): number {
  const wd = new Date(+at + SHANGHAI_OFFSET_MS).getUTCDay();
  return wd === 0 ? 7 : wd;
}

/** Shanghai hour and minute of an instant. */
export function shanghaiTime(at: Date | number): { hour: number; minute: number } {
  const d = new Date(+at + SHANGHAI_OFFSET_MS);
  return { hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

/** Parses yyyy-mm-dd as a Shanghai local date. */
export function parseIsoDay(s: string): LocalDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const d = { year: +m[1], month: +m[2], day: +m[3] };
  const back = shanghaiDate(startOfShanghaiDay(d));
  return back.year === d.year && back.month === d.month && back.day === d.day ? d : null;
}

/** Whole Shanghai days from a to b (b later → positive). */
export function daysBetween(a: Date | number, b: Date | number): number {
  return Math.round((+shanghaiMidnight(b) - +shanghaiMidnight(a)) / DAY_MS);
}
