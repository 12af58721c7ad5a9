// Several hazard codes in one message (YH…0003 YH…0004 都改好了, 复查 YH…0003、YH…0004 通过, YH…0003 改好了
// YH…0004 还没动): every reader takes the first code, so the others would be lost without a word. Each code is
// read on its own and the readings come back as one option per code; the dialog does them all when nothing is
// left to ask (复查通过, 销号, 报到), and otherwise asks which to do first and says which are left
// (bot/dialog/several-codes.ts). 作废 A 与 B 重复 names B as the duplicate, one action on A, and stays as it is.
import type { ParsedMessage } from '../intents.js';
import { findHazardCode, type CodeMatch } from './codes.js';

// The readings that act on (or show) one hazard by its code.
const ON_A_HAZARD = new Set<ParsedMessage['intent']>(['rectify', 'review', 'close', 'assign', 'whistle', 'acknowledge', 'void', 'query_hazard']);
// What joins codes in a list (A、B, A 和 B, A,B 以及 C) and says nothing of its own once the codes are gone.
const JOINER = /^(?:[\s,;。、:]|和|与|跟|及|以及|还有|或|共|两条|这两条|这几条|这两个|这几个)*$/;
// At most this many codes are read one by one; a longer list is pasted, not said, and asked about as it is.
const MAX_CODES = 9;

function codeMatches(text: string): CodeMatch[] {
  const found: CodeMatch[] = [];
  let offset = 0;
  for (let m = findHazardCode(text.slice(offset)); m && found.length <= MAX_CODES; m = findHazardCode(text.slice(offset))) {
    found.push({ ...m, index: m.index + offset });
    offset += m.index + m.length;
  }
  return found;
}

/** The hazard code a reading acts on, if any. */
export const codeOf = (p: ParsedMessage): string | undefined => ('code' in p && typeof p.code === 'string' ? p.code : undefined);

/**
 * The reading of a message naming several distinct codes, one reading per code (see the top of this file);
 * `read` is the reading of the message as a whole, `again` reads words afresh.
 */
export function severalCodes(read: ParsedMessage, text: string, again: (words: string) => ParsedMessage): ParsedMessage {
  if (read.intent === 'ambiguous' && read.code) return verbAsked(read, text);
  if (!ON_A_HAZARD.has(read.intent) || (read.intent === 'void' && read.duplicateOf)) return read;
  if (!/y\s*h/i.test(text)) return read;
  const all = codeMatches(text);
  if (all.length < 2 || all.length > MAX_CODES || codeOf(read) !== all[0].code) return read;
  // "YH…0003 YH…0003 改好了": a code said twice is one hazard; the words are read once, without the repeat.
  const matches = all.filter((m, i) => all.findIndex((o) => o.code === m.code) === i);
  if (matches.length === 1) return again(without(text, all.slice(1)));
  // Each code with the words after it up to the next code (and the words before the first code, which say the
  // command to all): "YH…0003 改好了 YH…0004 还没动" is two sentences.
  const lead = text.slice(0, all[0].index);
  const at = (m: CodeMatch) => all.indexOf(m);
  const parts = matches.map((m) => text.slice(m.index, all[at(m) + 1]?.index ?? text.length));
  const sentences = parts.every((p, i) => !JOINER.test(p.slice(matches[i].length)))
    ? parts.map((p) => again(`${lead}${p}`))
    // Otherwise the words are said once for all (YH…0003、YH…0004 都改好了): each code is read with them, the
    // other codes (and what joins them) taken out.
    : matches.map((m) => again(without(text, all.filter((o) => o.code !== m.code))));
  // A code whose own words read as no action on it (YH…0004 还没动, asked about alone) is offered to be shown,
  // so no code of the message is dropped.
  const readings = sentences.map((r, i): ParsedMessage => (codeOf(r) === matches[i].code && ON_A_HAZARD.has(r.intent) ? r : { intent: 'query_hazard', code: matches[i].code }));
  return { intent: 'ambiguous', options: readings };
}

/**
 * "YH…0003 YH…0004 搞一下": the verb is unclear, so the bot asks what to do with the first code; the other codes
 * ride along (others) so the question and its answer say which are left, and none is dropped in silence.
 */
function verbAsked(read: Extract<ParsedMessage, { intent: 'ambiguous' }>, text: string): ParsedMessage {
  if (!/y\s*h/i.test(text)) return read;
  const codes = [...new Set(codeMatches(text).map((m) => m.code))];
  if (codes.length < 2 || codes.length > MAX_CODES || codes[0] !== read.code) return read;
  return { ...read, others: codes.slice(1) };
}

const JOIN = '(?:和|与|跟|及|以及|还有|或|[、,])';

/** The text with the given codes taken out, each with the word that joins it to the list (A 和 B, A、B). */
function without(text: string, gone: CodeMatch[]): string {
  let out = text;
  // From the last one back, so the earlier places still hold.
  for (const m of [...gone].sort((a, b) => b.index - a.index)) {
    const before = new RegExp(`${JOIN}\\s*$`).exec(out.slice(0, m.index));
    const after = before ? null : new RegExp(`^\\s*${JOIN}`).exec(out.slice(m.index + m.length));
    const from = before ? m.index - before[0].length : m.index;
    const to = m.index + m.length + (after ? after[0].length : 0);
    out = `${out.slice(0, from)} ${out.slice(to)}`;
  }
  return out;
}
