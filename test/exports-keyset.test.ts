import { describe, it, expect } from 'vitest';
import { keysetPages, LEDGER_PAGE, type LedgerCell } from '../api/exports/format.js';

describe('ledger keyset pages', () => {
  it('walks every row once, in id order, across page boundaries, numbering them 1..n', async () => {
    // Ids with gaps, as after deletions; more than two pages.
    const rows = Array.from({ length: LEDGER_PAGE * 2 + 37 }, (_, i) => ({ id: i * 3 + 1 }));
    const calls: number[] = [];
    const fetch = async (after: number, limit: number) => {
      calls.push(after);
      return rows.filter((r) => r.id > after).slice(0, limit);
    };
    const seen: LedgerCell[][] = [];
    for await (const page of keysetPages(fetch, (r, position) => [position, r.id])) seen.push(...page);
    expect(seen).toHaveLength(rows.length);
    expect(seen.map(([p]) => p)).toEqual(rows.map((_, i) => i + 1));
    expect(seen.map(([, id]) => id)).toEqual(rows.map((r) => r.id));
    expect(calls).toEqual([0, rows[LEDGER_PAGE - 1].id, rows[LEDGER_PAGE * 2 - 1].id]);
  });

  it('stops after one query when there is nothing to export', async () => {
    let calls = 0;
    const pages: unknown[] = [];
    for await (const page of keysetPages(async () => (calls++, [] as { id: number }[]), () => [])) pages.push(page);
    expect(pages).toEqual([]);
    expect(calls).toBe(1);
  });
});
