// A worker who corrects themself inside the message they are sending: 华美的配电箱门坏了 哦不对是恒达的,
// 上报 华美 通道堵了 说错了 是恒达, 灭火器过期 不对 是明天前换掉. Read as one sentence, the hazard would be
// filed at the first enterprise with the correction in its words: misplaced. What follows the retraction
// says what it corrects: an enterprise's name, a level, or a deadline (already taken by the deadline
// reader, which leaves the bare 不对 是 behind). Anything else (不对 是两个灭火器) is left as said: a guess
// at which words it replaces could misplace them.
// Lines sent one fragment at a time (不对 on its own line) are read by lines.ts; a correction of the report
// sent before this message, by corrections.ts.
import type { ParsedMessage } from '../intents.js';
import { PROBLEM, problemInName } from './problem-words.js';
import { isName } from './story.js';
import { parseDeadline } from '../../../lib/deadline.js';

const RETRACT = /[\s,，。、;；]*(?:哦|噢|啊|呃|额)?[\s,，]*(?:不对|说错了|错了|搞错了|写错了|打错了|弄错了|口误)[\s,，。、:：!！]*(?:(?:应该|应)?(?:是|为)|改成|改为)?\s*/g;
// The name, then what ties it to the rest (恒达的, 新博的消防栓, 恒达那边, 恒达家).
const NAME_FIRST = /^([\u4e00-\u9fffA-Za-z0-9()（）]{2,16}?)(?:的|那边|这边|那里|家的?|厂的?)?(?:$|[\s,，。!！]|(?<=的)\S)/;
const LEVEL = /^(重大|一般)(?:隐患)?(?:的)?[\s。!！]*$/;

type Told = 'description' | 'findings' | 'note';

/** The reading with a correction said inside it applied, and the retraction out of the hazard's words. */
export function selfCorrected(m: ParsedMessage, now: Date): ParsedMessage {
  if (m.intent === 'ambiguous') return { ...m, options: m.options.map((o) => selfCorrected(o, now)) };
  if (m.intent !== 'report' && m.intent !== 'patrol') return m;
  const key: Told | undefined = (['description', 'findings', 'note'] as const).find((k) => typeof (m as Record<string, unknown>)[k] === 'string');
  if (!key) return m;
  const words = String((m as Record<string, unknown>)[key]);
  const hits = [...words.matchAll(RETRACT)];
  const hit = hits[hits.length - 1];
  if (!hit || hit.index === undefined) return m;
  const before = words.slice(0, hit.index).trim();
  const after = words.slice(hit.index + hit[0].length).trim();
  // Nothing was said before it, not even the enterprise (巡查 华美 正常 不对 是恒达 has 华美): the message
  // corrects another one, not itself.
  if (!before && !m.enterprise) return m;
  const keep = (patch: Record<string, unknown>): ParsedMessage => {
    const out: Record<string, unknown> = { ...m, ...patch, [key]: before };
    for (const k of Object.keys(out)) if (out[k] === undefined || out[k] === '') delete out[k];
    return out as ParsedMessage;
  };
  // The deadline or level was read out of the words already (不对 是明天前换掉 → 明天, 不对 是重大 → 重大):
  // only the bare retraction remains.
  if (!after) return (('deadline' in m && m.deadline) || m.level) && before ? keep({}) : m;
  const level = LEVEL.exec(after);
  if (level) return keep({ level: level[1] === '重大' ? 'major' : 'general', levelReason: undefined });
  const name = NAME_FIRST.exec(after)?.[1];
  if (name && isName(name) && !problemInName(name) && parseDeadline(name, now) === null && !/^(?:这|那|哪|我|你|他|她)/.test(name)) {
    return keep({ enterprise: name });
  }
  return m;
}
