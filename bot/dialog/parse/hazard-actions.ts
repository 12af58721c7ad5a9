// Verbs on an existing hazard: the code is the key slot, the rest is a note, reason, department or deadline.
import type { IntentOf } from '../intents.js';
import { DEPARTMENT } from './departments.js';
import { allHazardCodes, takeHazardCode } from './codes.js';
import { northernWords } from './code-slips.js';
import { plainVerdicts } from './verdicts.js';
import { freeText, takeDeadline, withoutReasonLabel } from './slots.js';

// "整改 YH… 已完成" or "见照片" says nothing a reviewer could use: leave the note empty so the bot asks for evidence.
const DONE = /^[\s,;。、:]*(?:已|已经)?(?:整改)?(?:完成|完毕|好了|搞定|处理好了|处理完毕|到位|ok)(?:了|啦)?(?:整改)?/i;
const DONE_ONLY = /^(?:[\s,;。、:]|已经?|整改|完成|完毕|好了|搞定|处理好了|处理完毕|到位|了|啦|ok)*$/i;
// "改好了 没事", "已整改 放心吧": a reassurance is no evidence either; the bot asks for the photo or a note.
const NO_NOTE = /^(?:(?:详|请)?(?:见|看)(?:照片|图片|附图|图)|照片|如图|都|全|全部|均|也都|(?:都|就|绝对|肯定)?(?:没事|没问题|放心|可以了|妥了)(?:了|的|吧|啦|啊)?(?:\s*(?:放心|你放心|您放心)(?:吧|啦)?)?)?$/;

export function parseRectify(rest: string): IntentOf<'rectify'> {
  // "整改情况：YH… 已更换灭火器": the rest of a 整改情况 / 整改反馈 label is no part of the note.
  const { code, rest: text } = takeHazardCode(rest.replace(/^\s*(?:情况|说明|反馈|结果)\s*:\s*/, ''));
  // "整改 完成了 完成": done said twice over is still no note.
  const note = DONE_ONLY.test(text) && /完成|完毕|好了|搞定|到位/.test(text) ? undefined : freeText(text.replace(DONE, ''), NO_NOTE);
  return { intent: 'rectify', code, note };
}

// 不pass, fail, 👎: the verdict in the English or emoji shorthand of chat.
// 没改好, 还差标识, 没弄完, 还是堆着: the job found unfinished.
const FAIL = /(?:❌|✖|❎|👎|不\s*pass|没\s*pass|no\s*pass|fail(?:ed)?|没有?(?:改|修|搞|处理|整改|弄|装|换|做)好|未(?:改|修|处理|整改|装|换)好|没有?(?:弄|做|改|清|整改|处理|装|修|换|搬|拆|贴|补|配)完|未完成|不彻底|没到位|还差|还有(?:一点|一些|部分|点)?(?:没|未)|还是[^\s,;。、:]{1,3}着|还在|仍在|依旧|没有?过(?![期去来])|不过关|过不了|不通过|不合格|未通过|没通过|没有通过|不予通过|驳回|退回|不行|未整改到位|整改不到位|没整改好|还没改|没改|没整改|未整改|老样子|原样|依然|仍然|仍未|还是没(?:有)?(?:改好|弄好|整改好|修好|处理好|搞好|改|整改|动|弄|处理)?|没动|没弄好|没处理|(?:还|都|也|压根|根本)没(?:有)?(?:弄|搞|修|换|清|处理|整改|改|动手|拆|搬|装)(?!好|完)|没(?:弄|搞)$)/;
/** The words of a failed check, for the code sentence: a failed check closes nothing. */
export const REVIEW_FAIL = FAIL;
const VERDICT_ONLY = /^(?:❌|✖|❎|没有?过|不过关|过不了|不通过|不合格|未通过|没通过|没有通过|不予通过|驳回|退回|不行)$/;
// "复查 已改好了", "pass 👍": the reviewer tells the state found (done) or the shorthand for it; a failed state
// (没改好) is read by FAIL first. 没事了 / 没毛病 / 挺好 / 搞定 (and the slang verdicts.ts writes as them: 木事,
// 齐活, 得劲, 666) say all is well at the check.
const PASS = /(?:✅|✔|👍|通过|合格|已整改到位|整改到位|没(?:啥|什么)?问题|没(?:啥)?毛病|没事|挺好|搞定|ok|可以|pass|(?:整改|改|弄|处理|修|搞)好|已经?整改(?!不))/i;
// "复查 YH… 过了", "行了", "行": the verdict in one spoken word, said alone.
const PASS_ONLY = /^[\s,;。、:!~]*(?:(?:了|过)\s+)?(?:过了|过|过关了?|行了|行|行的|好了|改好了|弄好了|没毛病)[\s,;。、:!~]*$/;

// A time these verbs cannot compute (尽快, a past date) stays in the words (reason, responsible) so
// nothing the sender said is lost; only a computable deadline becomes the slot.
export function parseReview(rest: string, now: Date): IntentOf<'review'> {
  // "复查了 YH…，拾掇好了，中": the northern verdict words are read as in a code's sentence.
  const { code, rest: afterCode } = takeHazardCode(plainVerdicts(northernWords(rest)));
  const taken = takeDeadline(afterCode, now);
  const { deadline } = taken;
  const text = taken.issue ? afterCode : taken.rest;
  const fail = FAIL.exec(text);
  if (fail) {
    // "复查 还是没弄好 不通过 再给三天": a state that failed (还是没弄好, 老样子) is the reason; the verdict words
    // (不通过, 驳回), the aspect left by the verb (了) and the extension (再给…) are not.
    const said = VERDICT_ONLY.test(fail[0]) ? `${text.slice(0, fail.index)} ${text.slice(fail.index + fail[0].length)}` : text;
    const words = said.replace(new RegExp(VERDICT_ONLY.source.slice(1, -1), 'g'), ' ').replace(/(?:再给|再宽限|宽限|延期)(?:他们|企业|一下)?\s*$/, ' ')
      .replace(/^\s*(?:了|过)(?=\s)/, ' ');
    const reason = freeText(withoutReasonLabel(words), /^(?:了|过|的|啊)$/);
    return { intent: 'review', code, pass: false, reason, deadline };
  }
  const pass = PASS.test(text) || PASS_ONLY.test(text);
  return { intent: 'review', code, pass: pass ? true : undefined, deadline };
}

export function parseAssign(rest: string, now: Date): IntentOf<'assign'> {
  const { code, rest: afterCode } = takeHazardCode(rest);
  const taken = takeDeadline(afterCode, now);
  const { deadline } = taken;
  const text = taken.issue ? afterCode : taken.rest;
  // "交给张伟 下周一前整改完": the job said after the deadline is no part of who does it.
  // "都交给老张", "一并交办给王磊": how many are handed over is no part of who.
  const responsible = freeText(text.replace(/(?<=^|\s)(?:都|全|全部|全都|一起|统一|一并)(?=\s|交给|交由|交办|派给|指派|分派|安排给|给)/g, ' ').replace(/(?:责任人|负责人|责任单位|交给|给)\s*:?\s*/g, ' ').replace(/(?<=\S)\s+(?:整改|处理|完成|弄|改|修)(?:完|好|完毕|到位|完成)?(?:了)?\s*$|(?<=\s)(?:完|完成)\s*$/, ' ')
    // "交横林镇安监办办理，限…": the job word after who and the 限 left by the deadline are no part of who.
    .replace(/(?<=\S{2})(?:去|来)?(?:跟踪|牵头)?(?:办理|处理|负责|落实|跟进|整改|督办)(?=$|[\s,;。、:])/, ' ').replace(/[\s,;。、:]*(?:限|限期|期限)?[\s,;。、:]*$/, '')
    // "把 张伟，必须闭环", "将 交办遥观镇": the sentence's own words around who; who is the first part.
    .replace(/^[\s,;。、:]*(?:现将|把|将|请|让|安排|由)?(?:该|此)?(?:隐患)?\s*(?:交办(?:至|给|到)?|派给|指派给?|分派给?|安排给|交至|转至)?\s*/, '')
    .replace(/(?<=\S{2})(?:去|来)?(?:跟进?|跟踪|盯|督办|督促)$|\s+(?:要|必须|须|需)?(?:弄|改|整改|处理|修|完成)(?:好|完|到位)?$/, '').split(/[,;。]/)[0]);
  // "企业说材料还没到 要延期到下周五": a sentence about the delay names nobody to assign.
  if (responsible && /说|延期|延长|推迟|还没|要求|申请/.test(responsible)) return { intent: 'assign', code, deadline };
  return { intent: 'assign', code, deadline, responsible };
}

export function parseWhistle(rest: string): IntentOf<'whistle'> {
  const { code, rest: text } = takeHazardCode(rest);
  // "这个要市监局来看一下 麻烦吹个哨": the department's name, not the sentence around it.
  const named = DEPARTMENT.exec(text);
  if (named) return { intent: 'whistle', code, department: named[0] };
  const department = freeText(text.replace(/^\s*(?:给|到|至|转|转给|转交)\s*/, '').replace(/(?:部门)?处理$/, ''));
  return { intent: 'whistle', code, department };
}

/** saidSame: the verb cut from the words (重复了, 是同一个) said the hazard is the same as another. */
export function parseVoid(rest: string, saidSame = false): IntentOf<'void'> {
  const codes = allHazardCodes(rest);
  const { code, rest: afterCode } = takeHazardCode(rest);
  // The verb (重复了) may already be cut from the words: a second code said to be the same one is the duplicate.
  const duplicate = (saidSame || /重复|同一个|是一个|一样/.test(afterCode)) && codes.length > 1 ? codes[1] : undefined;
  // "与 YH… 重复" has no reason beyond the duplicate itself.
  const reason = duplicate ? '重复' : freeText(withoutReasonLabel(afterCode));
  return { intent: 'void', code, reason, duplicateOf: duplicate };
}

export function parseCodeOnly<I extends 'acknowledge' | 'close'>(intent: I, rest: string): IntentOf<I> {
  return { intent, code: takeHazardCode(rest).code } as IntentOf<I>;
}
