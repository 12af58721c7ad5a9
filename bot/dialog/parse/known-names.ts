// The enterprises the sender looks after are known to the conversation (a worker's grids hold tens to a few
// hundred). Where a message names one of them, the name is where it is, whatever the words around it: the
// readers only have to guess where a name stands when none is known. So when the first reading misses a
// known name the message holds (没看懂, or another word taken for the enterprise), the message is read again
// with that name put first and its place in the sentence left out: 消防通道又堵了 华美那边 叫他们三天内弄好 →
// 华美 消防通道又堵了 叫他们三天内弄好, the shape every reader knows.
import type { ParsedMessage } from '../intents.js';
import { saidAsLandmark } from './landmarks.js';
import { PROBLEM } from './problem-words.js';

// Readings that are about an enterprise; any other (a code action, figures, a how-to) is kept as read.
export const ABOUT_ENTERPRISE = new Set<ParsedMessage['intent']>(['unknown', 'report', 'patrol', 'ambiguous', 'query_enterprise']);
// What ties a name to the words around it (华美的通道, 华美那边): no part of the hazard's words.
const AFTER_NAME = /^(?:的|那边|这边|那里|这里|那儿|厂里|公司里|公司|厂|家的|家)+/;
const BEFORE_NAME = /(?:去了?|到了?|在|对|从|给|帮|把|是|就是|那个|这个)+$/;
// Words before the name that only point at it (村里那家厂华美化工, 老王的厂 就是华美): no part of the hazard.
const EPITHET = /(?:那家|这家|那个|这个|的)(?:厂|公司|企业|单位|作坊|小厂)?\s*(?:就是|也就是|叫|名字叫)?$/;

/**
 * The longest known name the text holds where it is not said as a landmark (恒达隔壁…); null when it holds
 * two that are not forms of one another (华美化工和华美塑料: which one the hazard is at is asked).
 */
export function knownNameIn(text: string, names: readonly string[]): string | null {
  const found: string[] = [];
  for (const name of names) {
    if (name.length >= 2 && text.includes(name) && !saidAsLandmark(text, name)) found.push(name);
  }
  if (!found.length) return null;
  const best = found.reduce((a, b) => (b.length > a.length ? b : a));
  return found.every((n) => best.includes(n)) ? best : null;
}

/** The enterprise words of a reading: its slot, or those of its options. */
function namedIn(m: ParsedMessage): string[] {
  if (m.intent === 'ambiguous') return [...(m.name ? [m.name] : []), ...m.options.flatMap(namedIn)];
  const e = 'enterprise' in m && typeof m.enterprise === 'string' ? [m.enterprise] : [];
  return 'enterprises' in m && Array.isArray(m.enterprises) ? [...e, ...m.enterprises] : e;
}

const names = (m: ParsedMessage, name: string) => namedIn(m).some((e) => e === name || e.includes(name) || name.includes(e));

/**
 * The reading of `text` given the names the sender's scope holds: `read` when it already names the known
 * name (or is no reading about an enterprise), else the reading of the text with the name put first, when
 * that one names it.
 */
export function withKnownName(
  text: string, read: ParsedMessage, known: readonly string[], reparse: (text: string) => ParsedMessage,
): ParsedMessage {
  if (!known.length || !ABOUT_ENTERPRISE.has(read.intent)) return read;
  const name = knownNameIn(text, known);
  if (!name || names(read, name)) return read;
  // Another known enterprise already read (two named, 华美 and its neighbour): the readers' choice stands.
  if (namedIn(read).some((e) => knownNameIn(e, known))) return read;
  const at = text.indexOf(name);
  const said = text.slice(0, at).replace(BEFORE_NAME, '').trim();
  const before = EPITHET.test(said) && !PROBLEM.test(said) ? '' : said;
  const after = text.slice(at + name.length).replace(AFTER_NAME, '').trim();
  const again = reparse(`${name} ${[before, after].filter(Boolean).join(' ')}`.trim());
  return names(again, name) && ABOUT_ENTERPRISE.has(again.intent) && again.intent !== 'unknown' ? again : read;
}
