// The enterprise a reader took without the sender's list of names (no known names to check it against) may hold
// words of the sentence around it: a verb or particle glued to its end (天马纺织去巡查了 → 天马纺织去, 去华美了 →
// 华美了), or be no name at all (我这边消防通道堵了 → 我: the sender and a place word). This file holds those edge
// words and the one pass that takes them off; index.ts runs it on every report and patrol read.
import type { ParsedMessage } from '../intents.js';
import { COMPANY_SUFFIX } from './slots.js';

// Who is speaking or where, never who is visited: 我, 我这边, 这边, 那边, 我们这, 咱这儿, 这里, 那儿 …
// (a real name is at least two characters and none is made of these words only).
const PRONOUN_PLACE = /^(?:我|我们|咱|咱们|俺|俺们|你|你们|他|他们|她|它|大家|自己)?(?:这边|那边|这里|那里|这儿|那儿|这|那|这块|那块|这头|那头)?(?:的)?$/;

// Words that end a sentence part and are never the end of a name: the visit (去), a particle (了, 啊, 呢, 吧, 呀,
// 嘛, 哈), a place after the name (那边, 这边, 那里, 这里, 那儿, 这儿). 来 and 的 are left: 好运来, 做轴承的 are names.
// Taken off one after another: 华美那边了 → 华美.
// A lone 那 / 这 after two characters or more is the start of 那几条 / 这个 that a reader cut off (华美那).
const TRAILING_EDGE = /(?:那边|这边|那里|这里|那儿|这儿|那块|这块|去|了|啊|呢|吧|呀|嘛|哈|哦|(?<=[\u4e00-\u9fff]{2})[那这])$/;
// 里 / 内 end a place inside a company (厂里, 公司里), and 都 / 也 / 又 / 还 start what is said of it (华美化工厂都看过了):
// only after a company word are they the edge (京都, 百里 end names).
const INSIDE_EDGE = new RegExp(`(?<=${COMPANY_SUFFIX}|厂)(?:里|内|里面|里头|都|也|又|还)$`);
// Words said before the name that are the visit or the sender's lead: 去华美, 到华美, 在华美, 我去华美.
const LEADING_EDGE = /^(?:我们?|俺|咱)?(?:又|再|也|刚|才)?(?:去了?|到了?|在|跑了?)(?=\S{2})/;

/** The name with the sentence's edge words taken off, or undefined when nothing of a name is left. */
export function trimNameEdges(name: string): string | undefined {
  let n = name.trim();
  if (PRONOUN_PLACE.test(n)) return undefined;
  for (let i = 0; i < 4; i++) {
    const next = n.replace(INSIDE_EDGE, '').replace(TRAILING_EDGE, '').replace(LEADING_EDGE, '');
    // A name keeps two characters at least: 华美 stays, 华了 is left as said (a name that short is not trimmed).
    if (next === n || next.length < 2) break;
    n = next;
  }
  return PRONOUN_PLACE.test(n) ? undefined : n;
}

/**
 * A report or patrol whose enterprise is read again through trimNameEdges. A pronoun or place word read as the
 * enterprise (我这边) leaves the slot empty, so the dialog asks which enterprise; its words leave the description.
 */
export function withNameEdgesTrimmed(m: ParsedMessage): ParsedMessage {
  if (m.intent === 'ambiguous') return { ...m, options: m.options.map(withNameEdgesTrimmed) };
  if ((m.intent !== 'report' && m.intent !== 'patrol' && m.intent !== 'query_enterprise') || typeof m.enterprise !== 'string') return m;
  const trimmed = trimNameEdges(m.enterprise);
  if (trimmed === m.enterprise) return m;
  if (trimmed) return { ...m, enterprise: trimmed };
  // A question needs its enterprise: one made only of edge words is left for the dialog to look up or ask.
  if (m.intent === 'query_enterprise') return m;
  const { enterprise: _dropped, ...rest } = m;
  return rest as ParsedMessage;
}
