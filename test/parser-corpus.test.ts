// Every realistic message in the corpus must parse to exactly the expected intent and slots.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ParsedMessage } from '../bot/dialog/intents.js';
import { parseMessage } from '../bot/dialog/parse/index.js';

type Case = { text: string; expect: ParsedMessage };

const corpus: Case[] = JSON.parse(readFileSync(new URL('./data/parser-corpus.json', import.meta.url), 'utf8'));
// Monday 2026-11-23 10:00 Shanghai: the corpus's relative deadlines (本周五, 月底) are written against this.
const NOW = new Date('2026-11-23T02:00:00Z');
const OPTIONS = { botNames: ['安全助手'] };

describe('parser corpus', () => {
  it('holds enough varied messages to mean something', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(180);
    expect(new Set(corpus.map((c) => c.text)).size).toBe(corpus.length);
    expect(new Set(corpus.map((c) => c.expect.intent)).size).toBeGreaterThanOrEqual(20);
  });

  it('parses every message as expected (100%)', () => {
    const failures: string[] = [];
    for (const c of corpus) {
      const got = parseMessage(c.text, NOW, OPTIONS);
      if (JSON.stringify(sortKeys(got)) !== JSON.stringify(sortKeys(c.expect))) {
        failures.push(`${JSON.stringify(c.text)}\n    expected ${JSON.stringify(c.expect)}\n    got      ${JSON.stringify(got)}`);
      }
    }
    const ok = corpus.length - failures.length;
    console.log(`parser corpus: ${ok}/${corpus.length} (${((100 * ok) / corpus.length).toFixed(1)}%)`);
    if (failures.length) console.log(failures.join('\n'));
    expect(failures).toEqual([]);
  });
});

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  }
  return v;
}
