import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { lastFiringToday, parseCron, shanghaiCronToUtc } from '../jobs/cron.js';
import { schedules } from '../jobs/schedules.js';
import { sh } from './helpers/jobs-fixtures.js';

/** The `crons = [...]` array of wrangler.toml's [triggers], read simply (strings, comments allowed). */
function wranglerCrons(): string[] {
  const toml = readFileSync(new URL('../wrangler.toml', import.meta.url), 'utf8');
  const block = /\[triggers\][^[]*?crons\s*=\s*\[([\s\S]*?)\]/.exec(toml);
  if (!block) throw new Error('wrangler.toml has no [triggers] crons');
  return [...block[1].replace(/#.*$/gm, '').matchAll(/"([^"]+)"/g)].map((m) => m[1]);
}

describe('schedule table and wrangler.toml', () => {
  it('has exactly the UTC translations of the Shanghai schedule as cron triggers', () => {
    const expected = [...new Set(schedules.map((s) => shanghaiCronToUtc(s.cron)))].sort();
    const crons = wranglerCrons();
    expect([...crons].sort()).toEqual(expected);
    expect(new Set(crons).size).toBe(crons.length);
  });

  it('translates Shanghai wall-clock times to UTC (no daylight saving)', () => {
    expect(shanghaiCronToUtc('30 8 * * *')).toBe('30 0 * * *');
    expect(shanghaiCronToUtc('0 9 * * 1')).toBe('0 1 * * 1');
    expect(shanghaiCronToUtc('0 9 1 * *')).toBe('0 1 1 * *');
    expect(shanghaiCronToUtc('0 * * * *')).toBe('0 * * * *');
    expect(shanghaiCronToUtc('15 6,20 * * *')).toBe('15 12,22 * * *');
    expect(shanghaiCronToUtc('0 8-20 * * *')).toBe('0 0-12 * * *');
    // 07:00 Shanghai on Mondays is Sunday 23:00 UTC: not expressible by shifting hours alone.
    expect(() => shanghaiCronToUtc('0 7 * * 1')).toThrow();
  });

  it('names every job once, with a cron the reader accepts', () => {
    expect(new Set(schedules.map((s) => s.name)).size).toBe(schedules.length);
    for (const s of schedules) expect(() => parseCron(s.cron)).not.toThrow();
    expect(() => parseCron('61 8 * * *')).toThrow();
    expect(() => parseCron('30 8 * *')).toThrow();
  });

  it('finds the latest firing today in Shanghai time', () => {
    expect(lastFiringToday('30 8 * * *', sh(23, 8, 29))).toBeNull();
    expect(lastFiringToday('30 8 * * *', sh(23, 8, 30))?.toISOString()).toBe(sh(23, 8, 30).toISOString());
    expect(lastFiringToday('30 8 * * *', sh(23, 23, 59))?.toISOString()).toBe(sh(23, 8, 30).toISOString());
    // 2026-11-23 is a Monday, 11-24 a Tuesday; 12-01 is the 1st.
    expect(lastFiringToday('0 9 * * 1', sh(23, 9, 5))?.toISOString()).toBe(sh(23, 9, 0).toISOString());
    expect(lastFiringToday('0 9 * * 1', sh(24, 9, 5))).toBeNull();
    expect(lastFiringToday('0 9 1 * *', sh(1, 10, 0, 12))?.toISOString()).toBe(sh(1, 9, 0, 12).toISOString());
    expect(lastFiringToday('0 * * * *', sh(23, 14, 59))?.toISOString()).toBe(sh(23, 14, 0).toISOString());
  });
});
