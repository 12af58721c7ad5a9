import { COMPANY_SUFFIX } from './slots.js';
import { WHEN_TOLD } from './time-words.js';

// Some workers send a thought a line at a time in ONE message, in the order it came to them:
//   "消防通道堵了\n三天内弄好\n恒泰", "去过了\n安达物流\n都正常", "电动车在楼道里充电\n宏远电子\n马上拖走",
// and correct themselves in a later line: "期限明天\n不对 是后天", "一切正常\n不对\n切割机防护罩没装".
// The readers expect the enterprise first and one version of each fact, so such a message is laid out
// here, before its lines are joined: a retracted line goes, and a line that is only a name goes first.
// A pasted form (企业：…) is left to the form reader, and a message of one line is never touched.

// 不对 / 说错了 / 更正 / 纠正一下 at the head of a line retracts the line before it; what follows on the same
// line ("是后天") is the corrected fact.
const RETRACT = /^(?:不对|不是|说错了|打错了|写错了|更正|纠正一下|纠正)[,，:：\s]*(?:是|应该是|改成|改为)?\s*/;
const LABEL = /^[^\n:：]{1,8}[:：]/m;
// Words that make a line something other than a bare name: a finding, a verdict, a deadline, an action.
const NOT_A_NAME = new RegExp(
  [
    '[了过吗呢吧啊?？!！]', '正常|没问题|没事|都好|还行|可以|合格|完好|符合',
    '今天|明天|后天|马上|立即|立刻|当场|天内|日内|周内|月内|以内|之内|之前|前$|限期|期限|月底|号|日',
    '巡|查|检|看|去|到|报|改|修|清|拆|装|换|搬|弄|整|堵|坏|漏|缺|乱|堆|放|充|锁|占|没|无|未|不',
    '问题|隐患|通道|出口|灭火|消防|配电|电线|仓库|车间|宿舍|楼道|危化|粉尘|气瓶|有限空间',
  ].join('|'),
);
const TRADE = new RegExp(`${COMPANY_SUFFIX}$`);
const CODE = /YH\s*\d/i;
const COMMAND_LINE = new RegExp(`^${WHEN_TOLD}(?:上报|报告|隐患|巡查|检查|复查|整改|查询|交办|吹哨|报到|销号|作废)[:：]?$`);

/** Whether a line says nothing but a name: short, no finding, verdict, time or action word. */
function bareName(line: string): boolean {
  const t = line.trim();
  if (t.length < 2 || t.length > 24 || CODE.test(t)) return false;
  if (!/^[\u4e00-\u9fffA-Za-z0-9()（）·]+$/.test(t)) return false;
  // A trade word or legal form at the end makes it a name whatever its characters hold (华美化工, 鑫达机械).
  if (TRADE.test(t)) return true;
  return !NOT_A_NAME.test(t);
}

/** The message with its fragment lines laid out for the readers; a single line or a form unchanged. */
export function layOutLines(raw: string): string {
  if (!raw.includes('\n') || LABEL.test(raw)) return raw;
  const lines = raw.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (lines.length < 2) return raw;
  const kept: string[] = [];
  for (const line of lines) {
    const retract = RETRACT.exec(line);
    if (retract && kept.length > 0) {
      kept.pop();
      const rest = line.slice(retract[0].length).trim();
      if (rest) kept.push(rest);
      continue;
    }
    kept.push(line);
  }
  // The enterprise said last or in the middle goes first; a first line that is already a name, or the
  // command word itself (上报\n金鹰化工\n…), stays where it is.
  if (kept.length >= 2 && !bareName(kept[0]) && !COMMAND_LINE.test(kept[0])) {
    const at = kept.findIndex((l, i) => i > 0 && bareName(l));
    if (at > 0 && kept.filter(bareName).length === 1) kept.unshift(...kept.splice(at, 1));
  }
  return kept.join('\n');
}
