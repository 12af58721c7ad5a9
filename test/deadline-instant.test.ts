// A deadline slot ends at 24:00 Shanghai of its day, stored as a UTC instant.
import { describe, expect, it } from 'vitest';
import { deadlineInstant, parseDeadline } from '../lib/deadline.js';

describe('deadlineInstant', () => {
  const monday = new Date('2026-11-23T02:00:00Z'); // 10:00 Shanghai

  it('ends a date at midnight Shanghai (16:00 UTC the same day)', () => {
    expect(deadlineInstant({ kind: 'date', date: '2026-11-30' }, monday).toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });

  it('counts days from the Shanghai day of now', () => {
    expect(deadlineInstant({ kind: 'days', days: 3 }, monday).toISOString()).toBe('2026-11-26T16:00:00.000Z');
    expect(deadlineInstant({ kind: 'days', days: 0 }, monday).toISOString()).toBe('2026-11-23T16:00:00.000Z');
    // 00:30 Tuesday Shanghai: "3 days" runs from Tuesday although UTC still says Monday.
    const afterMidnight = new Date('2026-11-23T16:30:00Z');
    expect(deadlineInstant({ kind: 'days', days: 3 }, afterMidnight).toISOString()).toBe('2026-11-27T16:00:00.000Z');
  });

  it('gives 立即 the end of today, even a minute before midnight', () => {
    expect(deadlineInstant({ kind: 'now' }, new Date('2026-11-23T15:59:00Z')).toISOString()).toBe('2026-11-23T16:00:00.000Z');
    expect(deadlineInstant({ kind: 'now' }, new Date('2026-11-23T16:00:00Z')).toISOString()).toBe('2026-11-24T16:00:00.000Z');
  });

  it('crosses month and year ends', () => {
    const eve = new Date('2026-12-31T10:00:00Z');
    expect(deadlineInstant({ kind: 'days', days: 1 }, eve).toISOString()).toBe('2027-01-01T16:00:00.000Z');
    expect(deadlineInstant({ kind: 'days', days: 30 }, new Date('2026-01-31T02:00:00Z')).toISOString()).toBe(
      '2026-03-02T16:00:00.000Z',
    );
  });

  it('is always later than now for any parsed deadline not flagged past, so a fresh deadline is never overdue', () => {
    const nows = ['2026-11-23T02:00:00Z', '2026-11-23T15:59:59Z', '2026-11-23T16:00:00Z', '2026-12-31T16:30:00Z', '2028-02-29T12:00:00Z'];
    const phrases = ['立即整改', '今天内', '明天', '3天内', '周一前', '本周日', '月底前', '12月31日前', '1月1日前', '年底前'];
    for (const iso of nows) {
      const now = new Date(iso);
      for (const phrase of phrases) {
        const hit = parseDeadline(phrase, now);
        expect(hit, `${phrase} @ ${iso}`).not.toBeNull();
        // 12月31日前 sent on 1 January is a date just gone: flagged (and asked back), never a year on.
        if (hit!.past) {
          expect(+deadlineInstant(hit!.slot, now), `${phrase} @ ${iso}`).toBeLessThanOrEqual(+now);
          continue;
        }
        expect(+deadlineInstant(hit!.slot, now), `${phrase} @ ${iso}`).toBeGreaterThan(+now);
      }
    }
  });

  it('rejects an impossible date instead of rolling it over', () => {
    expect(() => deadlineInstant({ kind: 'date', date: '2026-02-30' }, new Date())).toThrow(RangeError);
  });
});
