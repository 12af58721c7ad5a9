// Hostile and random input: parseMessage is total (never throws), fast, and turns garbage into 'unknown'.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DeadlineSlot, ParsedMessage } from '../bot/dialog/intents.js';
import { parseMessage } from '../bot/dialog/parse/index.js';

const NOW = new Date('2026-11-23T02:00:00Z');
const INTENTS = new Set([
  'help', 'bind', 'report', 'patrol', 'rectify', 'review', 'tasks', 'query_hazard', 'query_enterprise', 'stats',
  'overdue', 'major', 'ranking', 'assign', 'whistle', 'acknowledge', 'close', 'void', 'choice', 'confirm', 'cancel',
  'unknown', 'my_enterprises', 'due_patrols', 'ambiguous',
]);
const CODE = /^YH\d{8}-\d{4}$/;

/** mulberry32: tiny, seedable, good enough to make a reproducible stream of inputs. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  return { next, int, pick };
}

type Rng = ReturnType<typeof prng>;
const corpus: { text: string }[] = JSON.parse(readFileSync(new URL('./data/parser-corpus.json', import.meta.url), 'utf8'));

const HOSTILE = [
  "'; DROP TABLE hazards;--", '" OR 1=1 --', 'Robert\'); DELETE FROM persons; --', '<script>alert(1)</script>',
  '[点我](javascript:alert(1))', '![img](http://evil/x.png)', '# 标题\n> 引用\n```sql\nselect 1\n```', '${process.exit(1)}',
  '{{7*7}}', '%s%s%s%n', '../../../../etc/passwd', 'null', 'undefined', 'NaN', '__proto__',
  'constructor', '\\u0000', 'YH99999999-9999x', 'YH2026112-00', 'YHYHYHYH', 'yh--------', 'YH20261122-00000007',
];
const COMMANDS = ['上报', '巡查', '整改', '复查', '查询', '统计', '逾期', '交办', '吹哨', '作废', '绑定', '排名', '隐患', '重大隐患'];
// Scripts with no command words, digits or yes/no words: whatever comes out of these must be 'unknown'.
const GARBAGE_ALPHABET = [...'абвгдеёжзийклмнопрстуфхцчшщыэюяαβγδεζηθλμπσωابتثجحخدذرزسشصضطظعغفقكلمنهويกขคงจฉชซญดตถทนบปผพฟมยรลวศษสหอฮ☃★☆♠♣♥♦♪♫€£¥©®™§¶†‡•…‰′″‹›«»¿¡'];
const EMOJI = ['😀', '👍', '🔥', '🚒', '⚠️', '🧯', '👨‍👩‍👧', '🇨🇳', '1️⃣', '🏭', '✅', '❌'];

function randomUnicode(r: Rng, len: number): string {
  let s = '';
  for (let i = 0; i < len; i++) {
    const range = r.pick([[0x20, 0x7e], [0x0, 0x1f], [0x4e00, 0x9fff], [0x3000, 0x303f], [0xff00, 0xffef], [0x1f300, 0x1faff], [0xd800, 0xdfff], [0x200b, 0x200f], [0xe000, 0xf8ff]] as const);
    s += String.fromCodePoint(range[0] + r.int(range[1] - range[0] + 1));
  }
  return s;
}

function mutate(r: Rng, text: string): string {
  const chars = [...text];
  for (let i = r.int(4); i >= 0; i--) {
    const at = r.int(chars.length + 1);
    const op = r.int(4);
    if (op === 0) chars.splice(at, 1);
    else if (op === 1) chars.splice(at, 0, r.pick([' ', '　', '，', ':', '：', '@', '\n', '\t', r.pick(EMOJI), '０', 'Ｙ']));
    else if (op === 2) chars.splice(at, 0, ...randomUnicode(r, 1 + r.int(3)));
    else chars.reverse();
  }
  return chars.join('');
}

// A keycap 1️⃣ is a digit after normalisation (a fair answer to a numbered question), so not garbage.
const GARBAGE_EMOJI = EMOJI.filter((e) => !/\d/.test(e));

function garbage(r: Rng): string {
  const parts: string[] = [];
  for (let i = 1 + r.int(12); i > 0; i--) {
    parts.push(r.int(4) === 0 ? r.pick(GARBAGE_EMOJI) : r.int(5) === 0 ? ' ' : r.pick(GARBAGE_ALPHABET));
  }
  return parts.join('');
}

function validDeadline(d: DeadlineSlot | undefined): boolean {
  if (d === undefined || d.kind === 'now') return true;
  if (d.kind === 'days') return Number.isInteger(d.days) && d.days >= 0 && d.days <= 365;
  return /^\d{4}-\d{2}-\d{2}$/.test(d.date) && !Number.isNaN(Date.parse(d.date));
}

/** Shape checks every ParsedMessage must pass, whatever the input. */
function assertWellFormed(m: ParsedMessage, input: string) {
  const where = `input ${JSON.stringify(input.slice(0, 80))} → ${JSON.stringify(m).slice(0, 200)}`;
  expect(INTENTS.has(m.intent), where).toBe(true);
  for (const [key, value] of Object.entries(m)) {
    expect(value, where).not.toBeUndefined();
    if (typeof value === 'string' && key !== 'text') expect(value.trim().length, where).toBeGreaterThan(0);
  }
  if ('code' in m && m.code !== undefined && m.intent !== 'bind') expect(m.code, where).toMatch(CODE);
  if (m.intent === 'bind') expect(m.code, where).toMatch(/^(\d{10}|\d{6})$/);
  if (m.intent === 'choice') expect(Number.isInteger(m.index) && m.index >= 1, where).toBe(true);
  if ('deadline' in m) expect(validDeadline(m.deadline), where).toBe(true);
  if (m.intent === 'unknown') expect(m.text.length, where).toBeLessThanOrEqual(2000);
  if (m.intent === 'ambiguous') {
    expect(m.options.length, where).toBeGreaterThanOrEqual(2);
    for (const o of m.options) assertWellFormed(o, input);
  }
  if ('deadlineIssue' in m && m.deadlineIssue) expect(m.deadlineIssue.text.trim().length, where).toBeGreaterThan(0);
}

describe('parser fuzz', () => {
  it('never throws and always returns a well-formed message for 5,000 random and hostile inputs', () => {
    const r = prng(Number(process.env.FUZZ_SEED ?? 20261123));
    const inputs: string[] = [
      '', ' ', '\n\t\r', '\u0000', '\u200b\u200b', '@', '@@@', '：：：', '上报'.repeat(5000),
      '上报 华美 ' + '灭火器过期'.repeat(4000), '好'.repeat(20_000), '1'.repeat(20_000), randomUnicode(r, 20_000),
      '化工'.repeat(3000) + '有限公司', 'YH' + '2'.repeat(20_000), '3天内'.repeat(3000), ...HOSTILE,
      // Just under the parse limit, so every rule really runs on the longest text it can see.
      '，'.repeat(1990) + '上报', '上报 ' + '十'.repeat(1990), '上报 ' + '十月'.repeat(990), '上报 ' + '化工'.repeat(990) + 'x',
      '华美那边'.repeat(499), '上报 ' + '下周五'.repeat(600), '作废 ' + 'YH20261122-0007 '.repeat(120),
      '巡查 ' + randomUnicode(r, 1990), '上报 华美 ' + '11月30日'.repeat(240),
    ];
    while (inputs.length < Number(process.env.FUZZ_COUNT ?? 5000)) {
      const kind = r.int(6);
      if (kind === 0) inputs.push(randomUnicode(r, r.int(60)));
      else if (kind === 1) inputs.push(mutate(r, r.pick(corpus).text));
      else if (kind === 2) inputs.push(`${r.pick(COMMANDS)}${r.pick(['', ' ', '：'])}${randomUnicode(r, r.int(30))}`);
      else if (kind === 3) inputs.push(`${r.pick(COMMANDS)} ${r.pick(HOSTILE)} ${r.pick(HOSTILE)}`);
      else if (kind === 4) inputs.push(`YH${r.int(1e9)}${r.pick(['-', '', ' ', '－'])}${r.int(1e5)} ${garbage(r)}`);
      else inputs.push(garbage(r));
    }
    const started = performance.now();
    let slowest = { ms: 0, input: '' };
    for (const input of inputs) {
      const t0 = performance.now();
      const m = parseMessage(input, NOW);
      const ms = performance.now() - t0;
      if (ms > slowest.ms) slowest = { ms, input };
      assertWellFormed(m, input);
    }
    const total = performance.now() - started;
    // Re-time the slowest input: a GC pause or a busy CI core should not count, a quadratic regex does.
    const again = Math.min(...[0, 1, 2].map(() => {
      const t0 = performance.now();
      parseMessage(slowest.input, NOW);
      return performance.now() - t0;
    }));
    console.log(
      `parser fuzz: ${inputs.length} inputs in ${total.toFixed(0)} ms, slowest ${slowest.ms.toFixed(1)} ms (re-timed ${again.toFixed(1)} ms)`,
    );
    // Sanity guards only: catastrophic backtracking would blow far past these.
    expect(total).toBeLessThan(20_000);
    expect(again, JSON.stringify(slowest.input.slice(0, 40))).toBeLessThan(250);
  });

  it('maps garbage, injection attempts and unknown codes without a command to unknown', () => {
    const r = prng(7);
    const inputs = [...HOSTILE.filter((h) => !/^YH\d{8}/i.test(h)), ...Array.from({ length: 1000 }, () => garbage(r))];
    for (const input of inputs) {
      const m = parseMessage(input, NOW);
      expect(m.intent, JSON.stringify(input)).toBe('unknown');
    }
  });

  it('strips bidi overrides and zero-width characters instead of letting them hide a command', () => {
    expect(parseMessage('\u202e上报\u202d 华美 灭火\u200b器过期', NOW)).toEqual({
      intent: 'report',
      enterprise: '华美',
      description: '灭火器过期',
    });
  });

  it('keeps the echo of an unknown 20,000-character message bounded', () => {
    const m = parseMessage('嗯'.repeat(20_000), NOW);
    expect(m.intent).toBe('unknown');
    expect(m.intent === 'unknown' && m.text.length).toBeLessThanOrEqual(2000);
  });

  it('is deterministic: the same input gives the same result', () => {
    const r = prng(99);
    for (let i = 0; i < 300; i++) {
      const input = mutate(r, r.pick(corpus).text);
      expect(parseMessage(input, NOW)).toEqual(parseMessage(input, NOW));
    }
  });
});
