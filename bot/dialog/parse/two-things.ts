// Two things told in one message, joined by a word that starts another (顺便说一下, 另外, 对了, 再就是):
// "永盛纺织今天巡查没问题 顺便说一下隔壁的金鹰五金消防通道堵了" is a patrol of 永盛纺织 and a report at 金鹰五金.
// Read as one, the second enterprise's hazard is written against the first (or, said as its neighbour, against
// none). Each part is read alone; when both tell something complete about two different enterprises, both are
// offered, and the dialog says which one was not recorded once the sender picks (choose-intent.ts).
import type { ParsedMessage } from '../intents.js';
import { COMPANY_SUFFIX } from './slots.js';

// The word that starts the second thing, after a pause: 顺便说一下, 顺便提下, 另外, 另外还有, 还有个事, 对了, 再就是.
// Dictated without a pause, only the long forms (顺便说一下, 另外提下) are sure to start a new thing.
// 还有 alone is left out: it more often adds to what was said of the same visit than starts a new thing.
const ALSO = /[\s,;。、:!~]+(?:顺便(?:说|提|讲|报)?(?:一下|下)?|另外(?:说一下|还有)?|还有(?:个事|件事)|对了|再就是)[\s,;。、:!~]*|(?<=\S{4})(?:顺便(?:说|提|讲|报)(?:一下|下)|另外(?:说|提)(?:一下|下))[\s,;。、:!~]*/g;
// "隔壁的金鹰五金…" after the first enterprise: the neighbour named is where the second thing is.
// Only in front of a name that ends like one (隔壁那家小厂 names nobody, so it stays in the words).
const NEIGHBOUR_LEAD = new RegExp(`^(?:在)?(?:隔壁|对面|斜对面|旁边)(?:的|那家|那个)?(?=[\\u4e00-\\u9fffA-Za-z0-9]{2,8}?${COMPANY_SUFFIX})`);

type Read = (text: string) => ParsedMessage;

const told = (m: ParsedMessage): m is Extract<ParsedMessage, { intent: 'report' | 'patrol' }> & { enterprise: string } =>
  (m.intent === 'report' && Boolean(m.enterprise) && Boolean(m.description)) ||
  (m.intent === 'patrol' && Boolean(m.enterprise) && Boolean(m.result));

/**
 * The first part as told. A name and a verdict with no visit word (瑞丰没问题, 华美都挺好) reads alone as a
 * question of what to do; before 顺便说一下 it is the visit being told, so it is read as a patrol, and kept
 * only when that gives the all-well verdict (a problem there stays for the message as a whole to ask about).
 */
function firstThing(head: string, read: Read): (ParsedMessage & { enterprise: string }) | null {
  const first = read(head);
  if (told(first)) return first;
  const visit = read(`巡查 ${head}`);
  return told(visit) && visit.intent === 'patrol' && visit.result === 'normal' ? visit : null;
}

/** The two things a message tells of two enterprises, offered both; null when it tells of one. */
export function twoThings(text: string, read: Read): ParsedMessage | null {
  for (const m of text.matchAll(ALSO)) {
    const head = text.slice(0, m.index);
    const tail = text.slice(m.index! + m[0].length).replace(NEIGHBOUR_LEAD, '');
    // A neighbour left unnamed (隔壁那家小厂) is no enterprise to report at: the message is read as before.
    if (head.length < 4 || tail.length < 4 || /^(?:在)?(?:隔壁|对面|斜对面|旁边)/.test(tail)) continue;
    const first = firstThing(head, read);
    if (!first) continue;
    const second = read(tail);
    if (told(second) && second.enterprise !== first.enterprise && !first.enterprise.includes(second.enterprise) && !second.enterprise.includes(first.enterprise)) {
      return { intent: 'ambiguous', options: [first, second] };
    }
  }
  return null;
}
