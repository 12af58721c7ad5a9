// "宝利新材料那几条还没改，今天路过又看到消火栓被货挡住了，三天内": a remark on the enterprise's earlier hazards
// (still not fixed) before what was found anew. The remark is the worker's context, not the new finding, and
// read with it a reader either finds nothing or stores the remark as the finding's text; so the message is read
// again with the remark taken out and the name kept, and that reading is taken when it tells something. The earlier hazards stay as they are: chasing them is 逾期 / 催办, not a new report.
import type { ParsedMessage } from '../intents.js';

// The name, then 那几条 / 上次的 / 之前那个 (问题/隐患), then a not-yet-fixed verdict, then a pause.
const EARLIER = /^(\S{2,16}?)(?:的)?(?:那几条|那几个|那条|那个|上次的?|之前的?|前面的?|原来的?)(?:隐患|问题|事)?(?:都|也)?(?:还没(?:有)?(?:改|整改|弄|处理|动)(?:完|好)?|没(?:有)?改完|还在改|没动)[\s,;。、!]+/;
// What follows tells something new: 又 (看到|发现|有), 新发现, 还发现, or a visit that then found something.
const NEW_FINDING = /^(?:\S{0,8}?)(?:又|新|还|另外)(?:看到|发现|查到|查出|有)/;

/** The message without its remark on earlier hazards, when it has one and something new follows; else null. */
export function withoutEarlierAside(text: string, read: (text: string) => ParsedMessage): ParsedMessage | null {
  const m = EARLIER.exec(text);
  if (!m) return null;
  const rest = text.slice(m[0].length);
  if (!NEW_FINDING.test(rest)) return null;
  const again = read(`${m[1]} ${rest}`);
  return again.intent === 'report' || again.intent === 'patrol' || again.intent === 'ambiguous' ? again : null;
}
