import { DAY_MS, SHANGHAI_OFFSET_MS, shanghaiMidnight, shanghaiTime } from '../lib/time.js';
import type { JobsConfig } from './config.js';

/** An instant at the given Shanghai wall-clock time on the Shanghai day of `at`. */
export function atShanghaiTime(at: Date, hour: number, minute = 0): Date {
  return new Date(+shanghaiMidnight(at) + (hour * 60 + minute) * 60_000);
}

export const todayStart = (now: Date) => shanghaiMidnight(now);

/** Start of the Shanghai day `days` before today (negative = after). */
export const daysBefore = (now: Date, days: number) => new Date(+shanghaiMidnight(now) - days * DAY_MS);

export function inQuietHours(now: Date, config: JobsConfig): boolean {
  const { hour } = shanghaiTime(now);
  const { startHour, endHour } = config.quietHours;
  return startHour > endHour ? hour >= startHour || hour < endHour : hour >= startHour && hour < endHour;
}

/** The next end of quiet hours (08:00) at or after `now`. */
export function quietHoursEnd(now: Date, config: JobsConfig): Date {
  const end = atShanghaiTime(now, config.quietHours.endHour);
  return end.getTime() > now.getTime() ? end : new Date(+end + DAY_MS);
}

/**
 * A routine message made today may go out until quiet hours begin today (21:00); after that its
 * day has passed and it is dropped rather than sent the next morning as a stale reminder.
 */
export function endOfSendingDay(now: Date, config: JobsConfig): Date {
  return atShanghaiTime(now, config.quietHours.startHour);
}

/** Shanghai "2026-11-23 08:30" of an instant (slots, logs). */
export function shanghaiStamp(at: Date): string {
  return new Date(+at + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
