// Scoring of the corpora written blind (by people who had not seen the parser): the intent, and the intent
// with its key slots (enterprise fragment, code, deadline by the instant it ends, level, result, pass,
// place, period). Descriptions are not compared: the writers phrased them freely.
import { readFileSync } from 'node:fs';
import { parseMessage, normalise } from '../../bot/dialog/parse/index.js';
import { deadlineInstant, type DeadlineSlot } from '../../lib/deadline.js';

type Expect = {
  intent: string; enterprise?: string; code?: string; deadline?: unknown; level?: string;
  result?: string; pass?: boolean; place?: string; period?: string;
};
type Case = { text: string; expect: Expect };
type Got = Record<string, unknown> & { intent: string };

// The blind corpora were written for Thursday 2026-12-03 10:00 Shanghai.
export const BLIND_NOW = new Date('2026-12-03T02:00:00Z');

function keySlotsMatch(g: Got, e: Expect): boolean {
  // An ambiguous reading carries its enterprise in the lone word or in its options.
  const options = Array.isArray(g.options) ? (g.options as Got[]) : [];
  const named = g.enterprise ?? g.name ?? options.find((o) => typeof o.enterprise === 'string')?.enterprise;
  // A patrol of several enterprises (enterprises) names the one expected when it is among them.
  const several = Array.isArray(g.enterprises) ? (g.enterprises as unknown[]).filter((x): x is string => typeof x === 'string') : [];
  const ents = [...(typeof named === 'string' ? [named] : []), ...several];
  // The parser reads traditional characters as simplified (華美 → 华美): compare in that form.
  const want = e.enterprise ? normalise(e.enterprise) : '';
  if (want && !ents.some((ent) => ent && (ent.includes(want) || want.includes(ent)))) return false;
  if (e.code && g.code !== e.code) return false;
  // 明天之前 and 1天内 end at the same instant: a deadline is compared by when it ends, not how it is written.
  const ends = (d: unknown) => (d ? deadlineInstant(d as DeadlineSlot, BLIND_NOW).toISOString() : 'none');
  if (e.deadline && ends(g.deadline) !== ends(e.deadline)) return false;
  if (e.level === 'major' && g.level !== 'major') return false;
  if (e.result && g.result !== e.result) return false;
  if (e.pass !== undefined && g.pass !== e.pass) return false;
  if (e.place && !String(g.place ?? '').includes(e.place.replace(/镇$/, ''))) return false;
  if (e.period && g.period !== e.period) return false;
  return true;
}

export type BlindScore = { total: number; intents: number; keys: number; misses: string[] };

// With `known`, the parser is given the names of the enterprises the file's messages speak of, as the
// conversation gives it the sender's own: each message's enterprise among all the others of the file (a grid
// of a hundred or so). Names a person would never store (老王的厂, 村口那家做塑料的) are left out.
const STORED_NAME = /^[\u4e00-\u9fffA-Za-z0-9()（）]{2,30}$/;
const NOT_STORED = /的|那家|那个|老板|这家|村口|隔壁/;

export function scoreBlind(file: string, known = false): BlindScore {
  const cases = JSON.parse(readFileSync(file, 'utf8')) as Case[];
  const names = known
    ? [...new Set(cases.map((c) => c.expect.enterprise).filter((e): e is string => !!e && STORED_NAME.test(e) && !NOT_STORED.test(e)).map((e) => normalise(e)))]
    : undefined;
  let intents = 0;
  let keys = 0;
  const misses: string[] = [];
  for (const c of cases) {
    const g = parseMessage(c.text, BLIND_NOW, { botNames: ['安全助手', '机器人'], names }) as Got;
    const intentOk = g.intent === c.expect.intent;
    const keyOk = intentOk && keySlotsMatch(g, c.expect);
    if (intentOk) intents++;
    if (keyOk) keys++;
    else misses.push(`${JSON.stringify(c.text)}\n   want ${JSON.stringify(c.expect)}\n   got  ${JSON.stringify(g)}`);
  }
  return { total: cases.length, intents, keys, misses };
}
