import { describe, it, expect } from 'vitest';
import { parsePeriod } from '../lib/period.js';

// Shanghai wall-clock instant as UTC ISO.
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();

describe('parsePeriod', () => {
  const monday = new Date('2026-11-23T02:00:00Z'); // Mon 10:00 Shanghai
  const cases: [string, Date, string, string, string][] = [
    ['今天', monday, sh('2026-11-23T00:00:00'), sh('2026-11-24T00:00:00'), '今天'],
    ['昨天', monday, sh('2026-11-22T00:00:00'), sh('2026-11-23T00:00:00'), '昨天'],
    ['本周', monday, sh('2026-11-23T00:00:00'), sh('2026-11-30T00:00:00'), '本周'],
    ['上周', monday, sh('2026-11-16T00:00:00'), sh('2026-11-23T00:00:00'), '上周'],
    // Sunday evening still belongs to the week that started the previous Monday.
    ['本周', new Date(sh('2026-11-29T23:30:00')), sh('2026-11-23T00:00:00'), sh('2026-11-30T00:00:00'), '本周'],
    ['本月', monday, sh('2026-11-01T00:00:00'), sh('2026-12-01T00:00:00'), '本月'],
    ['', monday, sh('2026-11-01T00:00:00'), sh('2026-12-01T00:00:00'), '本月'],
    ['上月', monday, sh('2026-10-01T00:00:00'), sh('2026-11-01T00:00:00'), '上月'],
    ['上月', new Date(sh('2026-01-15T12:00:00')), sh('2025-12-01T00:00:00'), sh('2026-01-01T00:00:00'), '上月'],
    ['今年', monday, sh('2026-01-01T00:00:00'), sh('2027-01-01T00:00:00'), '今年'],
    ['近7天', monday, sh('2026-11-17T00:00:00'), sh('2026-11-24T00:00:00'), '近7天'],
    ['近30天', monday, sh('2026-10-25T00:00:00'), sh('2026-11-24T00:00:00'), '近30天'],
    ['2026-02', monday, sh('2026-02-01T00:00:00'), sh('2026-03-01T00:00:00'), '2026年2月'],
    ['2025年12月', monday, sh('2025-12-01T00:00:00'), sh('2026-01-01T00:00:00'), '2025年12月'],
    ['3月', monday, sh('2026-03-01T00:00:00'), sh('2026-04-01T00:00:00'), '2026年3月'],
    ['１１月', monday, sh('2026-11-01T00:00:00'), sh('2026-12-01T00:00:00'), '2026年11月'],
    ['本季度', monday, sh('2026-10-01T00:00:00'), sh('2027-01-01T00:00:00'), '本季度'],
    ['上季度', monday, sh('2026-07-01T00:00:00'), sh('2026-10-01T00:00:00'), '上季度'],
    // The quarter before Q1 is the previous year's Q4.
    ['上季度', new Date(sh('2026-02-10T09:00:00')), sh('2025-10-01T00:00:00'), sh('2026-01-01T00:00:00'), '上季度'],
    ['去年', monday, sh('2025-01-01T00:00:00'), sh('2026-01-01T00:00:00'), '去年'],
    [' 本 月 ', monday, sh('2026-11-01T00:00:00'), sh('2026-12-01T00:00:00'), '本月'],
  ];
  it.each(cases)('%s at %s', (text, now, from, to, label) => {
    const p = parsePeriod(text, now);
    expect(p).not.toBeNull();
    expect(p!.from.toISOString()).toBe(from);
    expect(p!.to.toISOString()).toBe(to);
    expect(p!.label).toBe(label);
  });

  it('uses the Shanghai day at the UTC midnight edges', () => {
    // 2026-11-22T16:30Z is already Monday 00:30 in Shanghai, while UTC still says Sunday.
    const justAfter = new Date('2026-11-22T16:30:00Z');
    expect(parsePeriod('今天', justAfter)!.from.toISOString()).toBe(sh('2026-11-23T00:00:00'));
    expect(parsePeriod('本周', justAfter)!.from.toISOString()).toBe(sh('2026-11-23T00:00:00'));
    // 15:59Z is Sunday 23:59 Shanghai: still last week's Sunday.
    const justBefore = new Date('2026-11-22T15:59:00Z');
    expect(parsePeriod('今天', justBefore)!.from.toISOString()).toBe(sh('2026-11-22T00:00:00'));
    expect(parsePeriod('本周', justBefore)!.from.toISOString()).toBe(sh('2026-11-16T00:00:00'));
    // The first of the month at 00:10 Shanghai is 30 Nov UTC; 本月 is already December.
    expect(parsePeriod('本月', new Date(sh('2026-12-01T00:10:00')))!.from.toISOString()).toBe(sh('2026-12-01T00:00:00'));
  });

  it.each(['明年', '13月', '2026-13', '近0天', '上上周', 'abc', '近999天'])('returns null for %s', (text) => {
    expect(parsePeriod(text, monday)).toBeNull();
  });
});
