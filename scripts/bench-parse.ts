import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { normalise, parseMessage } from '../bot/dialog/parse/index.js';

// npm run bench:parse — the chat parser per message over every parser corpus (command phrasing, natural
// phrasing, the held-out part, and the blind and probe batches: the messages new writers sent, which reach
// the slower readers): p50 / p99 / max per message, against a baseline measured
// in the same run on the same messages: normalise() alone (NFKC, traditional → simplified, emoji and
// mention stripping), the part every message pays before any reading starts.
// Options (environment): BENCH_ROUNDS (default 200 passes over the corpus).

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const NOW = new Date('2026-11-23T02:00:00Z');
const DATA = new URL('../test/data/', import.meta.url);
// Timing only: the held-out files' texts are parsed, never printed.
const files = readdirSync(DATA).filter((f) => /^parser-corpus.*\.json$/.test(f)).sort();
const texts: string[] = files.flatMap((f) =>
  (JSON.parse(readFileSync(new URL(f, DATA), 'utf8')) as { text: string }[]).map((c) => c.text));

function measure(run: (text: string) => unknown): { p50: number; p99: number; max: number; mean: number } {
  for (let i = 0; i < 20; i++) for (const t of texts) run(t); // warm-up: JIT and OpenCC's tables
  const samples = new Float64Array(ROUNDS * texts.length);
  let k = 0;
  for (let r = 0; r < ROUNDS; r++) {
    for (const t of texts) {
      const start = performance.now();
      run(t);
      samples[k++] = performance.now() - start;
    }
  }
  samples.sort();
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] * 1000;
  return { p50: at(0.5), p99: at(0.99), max: samples[samples.length - 1] * 1000, mean: (samples.reduce((a, b) => a + b, 0) / samples.length) * 1000 };
}

const fmt = (us: number) => `${us.toFixed(1)} µs`;
const baseline = measure((t) => normalise(t));
const parse = measure((t) => parseMessage(t, NOW, { botNames: ['安全助手'] }));

console.log(`bench:parse — ${texts.length} messages of ${files.length} corpus files × ${ROUNDS} rounds; load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`  baseline normalise() : p50 ${fmt(baseline.p50)}  p99 ${fmt(baseline.p99)}  max ${fmt(baseline.max)}  mean ${fmt(baseline.mean)}`);
console.log(`  parseMessage()       : p50 ${fmt(parse.p50)}  p99 ${fmt(parse.p99)}  max ${fmt(parse.max)}  mean ${fmt(parse.mean)}`);
console.log(`  ratio parse ÷ normalise: p50 ${(parse.p50 / baseline.p50).toFixed(1)}×, p99 ${(parse.p99 / baseline.p99).toFixed(1)}×`);
const ok = parse.p99 < 1000;
console.log(`  p99 per message ${ok ? '<' : '≥'} 1 ms: ${ok ? 'yes' : 'NO'}`);
if (!ok) process.exitCode = 1;
