// npx tsx scripts/score-blind.ts test/data/parser-corpus-blind-heldout.json [more.json]
// Scores the parser on corpora written blind (by someone who had not seen the parser): intent, and
// intent plus the key slots (enterprise fragment, code, deadline, level, result, pass, place, period);
// descriptions are not compared. SHOW=1 prints the misses — never for the held-out file you tune
// against, or it stops being held out.
import { readFileSync } from 'node:fs';
import { parseMessage, normalise } from '../bot/dialog/parse/index.js';
import { deadlineInstant, type DeadlineSlot } from '../lib/deadline.js';

type Expect = {
  intent: string; enterprise?: string; code?: string; deadline?: unknown; level?: string;
  result?: string; pass?: boolean; place?: string; period?: string;
};
type Case = { text: string; expect: Expect };
type Got = Record<string, unknown> & { intent: string };

// The corpora were written for Thursday 2026-12-03 10:00 Shanghai.
const NOW = new Date('2026-12-03T02:00:00Z');

function keySlotsMatch(g: Got, e: Expect): boolean {
  const ent = typeof g.enterprise === 'string' ? g.enterprise : '';
  // The parser reads traditional characters as simplified (華美 → 华美): compare in that form.
  const want = e.enterprise ? normalise(e.enterprise) : '';
  if (want && !(ent && (ent.includes(want) || want.includes(ent)))) return false;
  if (e.code && g.code !== e.code) return false;
  // 明天之前 and 1天内 end at the same instant: a deadline is compared by when it ends, not how it is written.
  const ends = (d: unknown) => (d ? deadlineInstant(d as DeadlineSlot, NOW).toISOString() : 'none');
  if (e.deadline && ends(g.deadline) !== ends(e.deadline)) return false;
  if (e.level === 'major' && g.level !== 'major') return false;
  if (e.result && g.result !== e.result) return false;
  if (e.pass !== undefined && g.pass !== e.pass) return false;
  if (e.place && !String(g.place ?? '').includes(e.place.replace(/镇$/, ''))) return false;
  if (e.period && g.period !== e.period) return false;
  return true;
}

for (const file of process.argv.slice(2)) {
  const cases = JSON.parse(readFileSync(file, 'utf8')) as Case[];
  let intents = 0;
  let keys = 0;
  const misses: string[] = [];
  for (const c of cases) {
    const g = parseMessage(c.text, NOW, { botNames: ['安全助手', '机器人'] }) as Got;
    const intentOk = g.intent === c.expect.intent;
    const keyOk = intentOk && keySlotsMatch(g, c.expect);
    if (intentOk) intents++;
    if (keyOk) keys++;
    else misses.push(`${JSON.stringify(c.text)}\n   want ${JSON.stringify(c.expect)}\n   got  ${JSON.stringify(g)}`);
  }
  const pct = (n: number) => `${n}/${cases.length} (${((100 * n) / cases.length).toFixed(1)}%)`;
  console.log(`${file}: intent ${pct(intents)}, intent + key slots ${pct(keys)}`);
  if (process.env.SHOW) console.log(misses.join('\n'));
}
