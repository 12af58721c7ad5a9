// npx tsx scripts/surface-audit.ts snapshot <out.json> | diff <before.json> [after.json] | rewrites
// Guards the surface rewrites (homophones, dialect, courtesy): snapshots every tuned and command-phrasing
// message's parse and whether it is right, so a rewrite that breaks a message that was parsed right shows.
// `rewrites` lists every slip and dialect rewrite the surface makes in those messages, to be read by a person.
// Held-out files are never read here.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseMessage } from '../bot/dialog/parse/index.js';
import { BLIND_NOW, scoreBlind } from '../test/data/blind-score.js';
import { normalise } from '../bot/dialog/parse/normalise.js';
import { correctHomophones } from '../bot/dialog/parse/homophones.js';
import { standardDialect } from '../bot/dialog/parse/dialect.js';

const DIR = 'test/data';
const files = readdirSync(DIR).filter((f) => f.startsWith('parser-corpus') && f.endsWith('.json') && !f.includes('heldout'));
const NOW = new Date('2026-11-23T02:00:00Z');
const sortKeys = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(sortKeys) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])])) : v;

type Row = { file: string; text: string; ok: boolean; got: string };
function snapshot(): Row[] {
  const rows: Row[] = [];
  for (const f of files) {
    const path = `${DIR}/${f}`;
    const cases = JSON.parse(readFileSync(path, 'utf8')) as { text: string; expect: unknown; now?: string }[];
    const blind = f.includes('blind') || f.includes('probe');
    const misses = blind ? new Set(scoreBlind(path).misses.map((m) => JSON.parse(m.split('\n')[0]))) : null;
    for (const c of cases) {
      const g = parseMessage(c.text, blind ? BLIND_NOW : c.now ? new Date(c.now) : NOW, { botNames: blind ? ['安全助手', '机器人'] : ['安全助手'] });
      const ok = misses ? !misses.has(c.text) : JSON.stringify(sortKeys(g)) === JSON.stringify(sortKeys(c.expect));
      rows.push({ file: f, text: c.text, ok, got: JSON.stringify(g) });
    }
  }
  return rows;
}

const [cmd, a, b] = process.argv.slice(2);
if (cmd === 'snapshot') writeFileSync(a, JSON.stringify(snapshot()));
else if (cmd === 'rewrites') {
  let n = 0;
  for (const f of files) {
    for (const c of JSON.parse(readFileSync(`${DIR}/${f}`, 'utf8')) as { text: string }[]) {
      const t = normalise(c.text);
      for (const [kind, fn] of [['slip', correctHomophones], ['dialect', standardDialect]] as const) {
        const o = fn(t);
        if (o !== t) console.log(`${kind} ${f}: ${t}\n     => ${o}`), n++;
      }
    }
  }
  console.log(`${n} rewrites`);
}
else {
  const before = JSON.parse(readFileSync(a, 'utf8')) as Row[];
  const after = b ? (JSON.parse(readFileSync(b, 'utf8')) as Row[]) : snapshot();
  const key = (r: Row) => `${r.file}\u0000${r.text}`;
  const map = new Map(before.map((r) => [key(r), r]));
  let fixed = 0, broke = 0, changed = 0;
  for (const r of after) {
    const o = map.get(key(r));
    if (!o || o.got === r.got) continue;
    changed++;
    const tag = o.ok && !r.ok ? 'BROKE' : !o.ok && r.ok ? 'FIXED' : o.ok ? 'ok->ok' : 'miss->miss';
    if (tag === 'BROKE') broke++;
    if (tag === 'FIXED') fixed++;
    if (process.env.ALL || tag !== 'ok->ok') console.log(`${tag} ${r.file} ${JSON.stringify(r.text)}\n  was ${o.got}\n  now ${r.got}`);
  }
  console.log(`changed ${changed}, fixed ${fixed}, broke ${broke}`);
}
