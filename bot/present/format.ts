import { shanghaiDate, shanghaiTime } from '../../lib/time.js';

// Small formatting helpers shared by the presenters: dates the way a township office writes them.

/** 'YYYY-MM-DD' → '11月30日'. */
export function dayLabel(isoDay: string | null | undefined): string {
  if (!isoDay) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDay);
  return m ? `${Number(m[2])}月${Number(m[3])}日` : isoDay;
}

/** An instant (Date or ISO string) → '11月23日 10:05' in Shanghai time. */
export function timeLabel(at: Date | string | null | undefined): string {
  if (!at) return '';
  const d = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(d.getTime())) return '';
  const day = shanghaiDate(d);
  const { hour, minute } = shanghaiTime(d);
  return `${day.month}月${day.day}日 ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

export const percent = (ratio: number | null | undefined) =>
  ratio == null || !Number.isFinite(ratio) ? '—' : `${Math.round(ratio * 1000) / 10}%`;

/** The first `n` items as lines, and how many more there are. */
export function firstFew<T>(items: T[], n: number, line: (x: T, i: number) => string, more: (k: number) => string): string[] {
  const lines = items.slice(0, n).map(line);
  if (items.length > n) lines.push(more(items.length - n));
  return lines;
}
