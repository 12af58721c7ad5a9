import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { normalise, parseMessage } from '../bot/dialog/parse/index.js';

// npm run bench:parse — the chat parser per message over every parser corpus (command phrasing, natural
// phrasing, the held-out part, and the blind and probe batches: the messages new writers sent, which reach
// the slower readers): p50 / p99 / max per message, against a baseline measured
// in the same run on the same messages: normalise() alone (NFKC, traditional → simplified, emoji and
// mention stripping), the part every message pays before any reading starts.
// Options (environment): BENCH_ROUNDS (default 200 passes over the corpus; each of the three readings).

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const NOW = new Date('2026-11-23T02:00:00Z');
const DATA = new URL('../test/data/', import.meta.url);
// Timing only: the held-out files' texts are parsed, never printed.
const files = readdirSync(DATA).filter((f) => /^parser-corpus.*\.json$/.test(f)).sort();
const cases = files.flatMap((f) =>
  JSON.parse(readFileSync(new URL(f, DATA), 'utf8')) as { text: string; expect?: { enterprise?: string } }[]);
const texts: string[] = cases.map((c) => c.text);

// The names the conversation gives the parser (bot/dialog/scope-names.ts): a worker's grids, here every
// enterprise the corpora name (each message's own among them); and a town's, 3,000 enterprises × 4 names.
const named = [...new Set(cases.map((c) => c.expect?.enterprise).filter((e): e is string => !!e && e.length <= 20).map((e) => normalise(e)))];
const STEMS = [...'安宝诚达德东丰富广国海恒宏华佳金锦精凯康力利隆美明南平奇荣瑞润盛顺泰天通威祥新兴'];
const TRADES = ['化工', '纺织', '机械', '五金', '塑业', '包装', '电子', '食品', '物流', '家具'];
const town: string[] = [...named];
for (let i = 0; town.length < 12_000; i++) {
  const stem = STEMS[i % STEMS.length] + STEMS[Math.floor(i / STEMS.length) % STEMS.length];
  const trade = TRADES[Math.floor(i / (STEMS.length * STEMS.length)) % TRADES.length];
  town.push(stem + trade, stem, `常州${stem}${trade}有限公司`, `${stem}${trade}厂`);
}

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
const worker = measure((t) => parseMessage(t, NOW, { botNames: ['安全助手'], names: named }));
const townWide = measure((t) => parseMessage(t, NOW, { botNames: ['安全助手'], names: town }));

console.log(`bench:parse — ${texts.length} messages of ${files.length} corpus files × ${ROUNDS} rounds; load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`  baseline normalise() : p50 ${fmt(baseline.p50)}  p99 ${fmt(baseline.p99)}  max ${fmt(baseline.max)}  mean ${fmt(baseline.mean)}`);
console.log(`  parseMessage()       : p50 ${fmt(parse.p50)}  p99 ${fmt(parse.p99)}  max ${fmt(parse.max)}  mean ${fmt(parse.mean)}`);
console.log(`  with ${named.length} names (a grid): p50 ${fmt(worker.p50)}  p99 ${fmt(worker.p99)}  max ${fmt(worker.max)}  mean ${fmt(worker.mean)}`);
console.log(`  with ${town.length} names (a town): p50 ${fmt(townWide.p50)}  p99 ${fmt(townWide.p99)}  max ${fmt(townWide.max)}  mean ${fmt(townWide.mean)}`);
console.log(`  ratio parse ÷ normalise: p50 ${(parse.p50 / baseline.p50).toFixed(1)}×, p99 ${(parse.p99 / baseline.p99).toFixed(1)}×`);
console.log(`  ratio with names ÷ without: grid p99 ${(worker.p99 / parse.p99).toFixed(1)}×, town p99 ${(townWide.p99 / parse.p99).toFixed(1)}×`);
const ok = parse.p99 < 1000 && worker.p99 < 1000 && townWide.p99 < 1000;
console.log(`  p99 per message ${ok ? '<' : '≥'} 1 ms: ${ok ? 'yes' : 'NO'}`);
if (!ok) process.exitCode = 1;
