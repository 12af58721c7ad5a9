// The enterprises the sender looks after are known to the conversation (a worker's grids hold tens to a few
// hundred). Where a message names one of them, the name is where it is, whatever the words around it: the
// readers only have to guess where a name stands when none is known. So when the first reading misses a
// known name the message holds (没看懂, or another word taken for the enterprise), the message is read again
// with that name put first and its place in the sentence left out: 消防通道又堵了 华美那边 叫他们三天内弄好 →
// 华美 消防通道又堵了 叫他们三天内弄好, the shape every reader knows.
import type { ParsedMessage } from '../intents.js';
import { saidAsLandmark } from './landmarks.js';
import { PROBLEM, problemInName } from './problem-words.js';
import { looseSyllable } from './syllables.js';
import { COMPANY_SUFFIX } from './slots.js';

// Readings that are about an enterprise; any other (a code action, figures, a how-to) is kept as read.
export const ABOUT_ENTERPRISE = new Set<ParsedMessage['intent']>(['unknown', 'report', 'patrol', 'ambiguous', 'query_enterprise']);
// What ties a name to the words around it (华美的通道, 华美那边): no part of the hazard's words.
// 又 and 那个 point back at the name too (华美又…, 华美那个配电箱), but 这个月 / 那个礼拜 are a period.
const AFTER_NAME = /^(?:的|那边|这边|那里|这里|那儿|厂里|公司里|公司|厂|家的|家|又|[那这]个(?![月周星礼季]))+/;
const BEFORE_NAME = /(?:去了?|到了?|在|对|从|给|帮|把|是|就是|那个|这个)+$/;
// Words before the name that only point at it (村里那家厂华美化工, 老王的厂 就是华美): no part of the hazard.
const EPITHET = /(?:那家|这家|那个|这个|的)(?:厂|公司|企业|单位|作坊|小厂)?\s*(?:就是|也就是|叫|名字叫)?$/;

// The names by their first two characters, built once per list of names (the conversation keeps the list
// a minute): a message is then looked at position by position, not once per name (a town holds 12,000).
const byOpening = new WeakMap<readonly string[], Map<string, string[]>>();

function openingIndex(names: readonly string[]): Map<string, string[]> {
  let index = byOpening.get(names);
  if (!index) {
    index = new Map();
    for (const name of names) {
      if (name.length < 2) continue;
      const key = name.slice(0, 2);
      const list = index.get(key);
      if (list) list.push(name);
      else index.set(key, [name]);
    }
    byOpening.set(names, index);
  }
  return index;
}

/** Every known name the text holds, landmarks included. */
function namesInText(text: string, names: readonly string[]): string[] {
  const index = openingIndex(names);
  const found = new Set<string>();
  for (let i = 0; i + 2 <= text.length; i++) {
    for (const name of index.get(text.slice(i, i + 2)) ?? []) if (text.startsWith(name, i)) found.add(name);
  }
  return [...found];
}

/**
 * The longest known name the text holds where it is not said as a landmark (恒达隔壁…); null when it holds
 * two that are not forms of one another (华美化工和华美塑料: which one the hazard is at is asked).
 */
export function knownNameIn(text: string, names: readonly string[]): string | null {
  const found = namesInText(text, names).filter((name) => !saidAsLandmark(text, name));
  if (!found.length) return null;
  const best = found.reduce((a, b) => (b.length > a.length ? b : a));
  return found.every((n) => best.includes(n)) ? best : null;
}

// A known name typed with one character that sounds the same (恒大 for 恒达, 华眉 for 华美: a pinyin IME's
// first candidate, or dictation). Found through an index of every name with one position blanked and the
// sound that stood there, built once per list of names (the conversation keeps the list a minute), so a
// town's 12,000 names cost a few map look-ups per window of the message, not a comparison per name.
// The near-miss is read as the name the worker typed: the match verb then offers the enterprise it
// sounds like as a numbered choice, never takes it silently.
type NearIndex = { lengths: number[]; keys: Map<string, string | null>; known: Set<string> };
const nearIndexes = new WeakMap<readonly string[], NearIndex>();
const CJK_NAME = /^[\u4e00-\u9fff]{2,8}$/;
const NEAR_MAX_CHARS = 300;
const TRADE_AFTER = new RegExp(`^${COMPANY_SUFFIX}`);
const blanked = (w: string, j: number) => `${w.length}:${w.slice(0, j)}?${w.slice(j + 1)}:${looseSyllable(w[j])}`;

function nearIndex(names: readonly string[]): NearIndex {
  let index = nearIndexes.get(names);
  if (!index) {
    const keys = new Map<string, string | null>();
    const lengths = new Set<number>();
    for (const name of names) {
      if (!CJK_NAME.test(name)) continue;
      lengths.add(name.length);
      for (let j = 0; j < name.length; j++) {
        const k = blanked(name, j);
        // Two names one sound apart from the same window (恒达/恒大 both known): no single name is meant.
        keys.set(k, keys.has(k) && keys.get(k) !== name ? null : name);
      }
    }
    index = { lengths: [...lengths], keys, known: new Set(names) };
    nearIndexes.set(names, index);
  }
  return index;
}

const segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;

/** Where the words of the text start and end, by ICU's word segmentation; null where Intl.Segmenter is missing. */
function wordEdges(text: string): Set<number> | null {
  if (!segmenter) return null;
  const edges = new Set<number>([text.length]);
  for (const s of segmenter.segment(text)) edges.add(s.index);
  return edges;
}

/** The one word of the text that is a known name with one character typed by its sound; null when none or several. */
export function nearNameIn(text: string, names: readonly string[]): string | null {
  // A near-miss is a word of a chat sentence; a long paste is read by its exact names only.
  if (text.length > NEAR_MAX_CHARS) return null;
  const { lengths, keys, known } = nearIndex(names);
  const edges = wordEdges(text);
  let found: string | null = null;
  for (const len of lengths) {
    for (let i = 0; i + len <= text.length; i++) {
      // 安顺仓储 holds 顺仓, which sounds like no name anyone typed: a near-miss is a whole word of the message
      // (ICU's segmenter, shipped with Node; an unknown name comes out as single characters, so it still fits).
      if (edges && !(edges.has(i) && edges.has(i + len))) continue;
      const w = text.slice(i, i + len);
      if (!CJK_NAME.test(w) || known.has(w)) continue;
      // 鑫源铸造 is a name of its own, not 鑫X typed by ear: a trade word after the window makes it part of a longer name.
      if (TRADE_AFTER.test(text.slice(i + len))) continue;
      for (let j = 0; j < len; j++) {
        const name = keys.get(blanked(w, j));
        // The same character is no slip, and a syllable this index has never heard (no pinyin) matches nothing.
        if (!name || name[j] === w[j] || !looseSyllable(w[j])) continue;
        if (found && found !== w) return null;
        found = w;
      }
    }
  }
  return found && !saidAsLandmark(text, found) && !problemInName(found) ? found : null;
}

/** Whether any known name stands in the text (said as a landmark or not). */
const found = (text: string, known: readonly string[]) => namesInText(text, known).length > 0;

/** The enterprise words of a reading: its slot, or those of its options. */
function namedIn(m: ParsedMessage): string[] {
  if (m.intent === 'ambiguous') return [...(m.name ? [m.name] : []), ...m.options.flatMap(namedIn)];
  const e = 'enterprise' in m && typeof m.enterprise === 'string' ? [m.enterprise] : [];
  return 'enterprises' in m && Array.isArray(m.enterprises) ? [...e, ...m.enterprises] : e;
}

const names = (m: ParsedMessage, name: string) => namedIn(m).some((e) => e === name || e.includes(name) || name.includes(e));

// Words a reader can glue to a name it had to guess the edges of (俺到丰源纺织, 老王家又, 华美那个): who went,
// where to, "again", "that one". Only these count: 常州华美化工有限公司 around a known 华美 is the same name
// written in full, never glue.
const GLUE_BEFORE = /(?:俺|我|咱|刚|才|又|去|到|在|今天|今儿|昨天|上午|下午|早上)+$/;
const GLUE_AFTER = /^(?:又|那个|这个|那边|这边|俺|刚|瞅|去|到)/;

/** Whether the reading's enterprise is the known name with such words glued on. */
function glued(m: ParsedMessage, name: string): boolean {
  return namedIn(m).some((e) => {
    const at = e.indexOf(name);
    if (at < 0 || e === name) return false;
    const before = e.slice(0, at);
    const after = e.slice(at + name.length);
    return (before !== '' && GLUE_BEFORE.test(before) && before.length <= 4) || (after !== '' && GLUE_AFTER.test(after));
  });
}

// What may stand between names run together in one all-well patrol (华美和恒达, 华美、恒达, 华美恒达新博今天都):
// joining words, and the when/all words the reader took in with them. Anything else (a problem word, a
// place) means the word is not a list of names.
const BETWEEN_NAMES = /^(?:[和与跟及、,，\s]|还有|以及|今天|上午|下午|都|也|两家|三家|几家)*$/;

/**
 * A normal patrol of several known names run together (今天巡了华美和恒达 都挺好, 瑞丰机械恒达新博上午都去了): one
 * normal patrol each, as when the names were spaced out (patrol-several.ts). The run of names is read as its
 * first name alone; when that reads as an all-well patrol of it, the patrol is of every name of the run. Only
 * all-well (a finding belongs to one enterprise, and which one is asked), and only names that stand together
 * with nothing but joining words between them.
 */
function severalVisited(
  text: string, read: ParsedMessage, known: readonly string[], reparse: (text: string) => ParsedMessage,
): ParsedMessage | null {
  if (!(read.intent === 'unknown' || (read.intent === 'patrol' && read.result === 'normal' && !read.enterprises))) return null;
  const index = openingIndex(known);
  const picked: string[] = [];
  let start = -1;
  let end = -1;
  let between = '';
  for (let i = 0; i < text.length; ) {
    const here = (index.get(text.slice(i, i + 2)) ?? []).filter((n) => text.startsWith(n, i));
    if (!here.length) {
      if (picked.length) between += text[i];
      i++;
      continue;
    }
    const name = here.reduce((a, b) => (b.length > a.length ? b : a));
    // A second run of names further on (华美 正常，恒达 明天去) is no list of this patrol.
    if (picked.length && !BETWEEN_NAMES.test(between)) return null;
    if (saidAsLandmark(text, name)) return null;
    if (start < 0) start = i;
    between = '';
    picked.push(name);
    i += name.length;
    end = i;
    // 华美和恒达之间的通道 / 恒达的仓库: the names make a place, not a list of visits.
    if (picked.length > 1 && /^(?:之间|中间|的)/.test(text.slice(i))) return null;
  }
  const distinct = [...new Set(picked)];
  if (distinct.length < 2) return null;
  // Put first, as withKnownName reads a name found mid-sentence (上午华美恒达都去了 → 华美 上午 都去了).
  const before = text.slice(0, start).replace(BEFORE_NAME, '').trim();
  const after = text.slice(end).replace(AFTER_NAME, '').trim();
  const again = reparse(`${distinct[0]} ${[before, after].filter(Boolean).join(' ')}`.trim());
  if (again.intent !== 'patrol' || again.result !== 'normal' || again.enterprises || !names(again, distinct[0])) return null;
  const { enterprise: _one, note: _note, ...patrol } = again;
  return { ...patrol, enterprises: distinct };
}

/**
 * The reading of `text` given the names the sender's scope holds: `read` when it already names the known
 * name (or is no reading about an enterprise), else the reading of the text with the name put first, when
 * that one names it.
 */
export function withKnownName(
  text: string, read: ParsedMessage, known: readonly string[], reparse: (text: string) => ParsedMessage,
): ParsedMessage {
  if (!known.length || !ABOUT_ENTERPRISE.has(read.intent)) return read;
  const several = severalVisited(text, read, known, reparse);
  if (several) return several;
  const exact = knownNameIn(text, known);
  // Two different known names: which one is meant is asked, not guessed through a near-miss either. A
  // near-miss is looked for only where the reading found no enterprise at all: a sound-alike is a guess.
  const unnamed = read.intent === 'unknown' || ((read.intent === 'report' || read.intent === 'patrol') && !read.enterprise);
  const name = exact ?? (unnamed && !found(text, known) ? nearNameIn(text, known) : null);
  if (!name) return read;
  const stuck = glued(read, name);
  if (names(read, name) && !stuck) return read;
  // Another known enterprise already read (two named, 华美 and its neighbour): the readers' choice stands.
  if (!stuck && namedIn(read).some((e) => knownNameIn(e, known))) return read;
  const at = text.indexOf(name);
  const said = text.slice(0, at).replace(BEFORE_NAME, '').trim();
  const before = EPITHET.test(said) && !PROBLEM.test(said) ? '' : said;
  const after = text.slice(at + name.length).replace(AFTER_NAME, '').trim();
  const again = reparse(`${name} ${[before, after].filter(Boolean).join(' ')}`.trim());
  return names(again, name) && ABOUT_ENTERPRISE.has(again.intent) && again.intent !== 'unknown' ? again : read;
}
