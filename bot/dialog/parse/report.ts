// 上报 and 巡查: "command enterprise free text", with level and deadline words anywhere in the text.
import type { HazardLevel, IntentOf } from '../intents.js';
import { SEPARATOR } from './normalise.js';
import { freeText, splitEnterprise, takeDeadline, takeLevel } from './slots.js';
import { PROBLEM } from './problem-words.js';
import { besideVerdict } from './beside-verdict.js';

// "上报一个隐患：华美 …" (typical of dictated messages): the counted noun is not the enterprise.
const COUNTED_HAZARD =
  /^(?:(?:一个|一条|一处)(?:新的?)?(?:隐患|问题|情况)?|(?:新的?)?(?:隐患|问题|情况)(?=[\s,;。、:]))[\s,;。、:]*/;

export function parseReport(rest: string, now: Date, impliedLevel?: HazardLevel): IntentOf<'report'> {
  const { deadline, issue, rest: afterDeadline } = takeDeadline(rest.replace(COUNTED_HAZARD, ''), now);
  const { level, rest: afterLevel, reason } = takeLevel(afterDeadline);
  const { enterprise, rest: description } = splitEnterprise(afterLevel);
  return {
    intent: 'report', enterprise, description: freeText(description), level: impliedLevel ?? level, deadline, deadlineIssue: issue,
    levelReason: impliedLevel ? undefined : reason,
  };
}

const NORMAL_WORD =
  '(?:✅|✔|(?:一切|情况|都|全都|基本|一切都)?(?:正常|良好|ok|挺好|还好|还行|蛮好|很好|不错|还可以|规范|整洁|到位)|(?:挺|很|比较|蛮|都很|都挺|都比较)(?:规范|整洁|干净|到位)|(?:都|全都|一切都)(?:是)?(?:好|可以)|(?:都|也|还)?(?:挺|很|蛮)好|已经?整改(?:到位|完成|完毕)了?|好的|都好的|无异常(?:情况)?|(?:未|没有?)发现(?:安全|任何|明显|什么)(?:隐患|问题|异常)|(?:都|已经?|全)(?:改好|整改好|整改完|弄好|处理好|整改到位)了|未见(?:异常|问题|隐患)|(?:啥|什么)问题(?:都)?没有|问题没有|没有?异常(?:情况)?|无隐患|没有隐患|未发现隐患|没发现隐患|未发现问题|没发现问题|没有发现问题|没发现啥问题|没发现什么问题|未发现|(?:都|也|啥|什么)?(?:没有?|无)(?:啥|什么)?问题|没毛病|(?:都|均|全部|基本)?符合(?:要求|规定|规范|标准)|(?:都|均)?(?:完好|达标|齐全)|没(?:啥|什么)?事(?:儿)?|(?:之前|原来|上次|以前|先前)?的?(?:问题|隐患)(?:都|也|已经?|全)?(?:没了|没有了|解决了|整改了|改了|处理了|整改好了|改好了|消除了)|(?:都|其他|其它|别的|一切)ok|(?:都|也|还)?(?:嘎嘎好|杠杠的|贼好|贼拉好|挺好使|妥妥的|妥了|板正|挺板正|好着呢|没啥毛病|没毛病|利利索索|利索)|[^\\s,;。、:]{0,6}?已经?(?:清理|清除|清空|清掉|清走|清|拆除|拆掉|搬走|移走|挪走|改正|修好|修复|换好|换掉)(?:好|完|掉|走|干净|完毕|到位)?了?|合格|无|ok)';
export const NORMAL_TOKEN = new RegExp(`^${NORMAL_WORD}(?:了|的|啊|呀|哈|滴|哦|啦|嘛|呢)*$`, 'i');
const NORMAL_TAIL = new RegExp(`${NORMAL_WORD}(?:了|的|啊|呀|哈|滴|哦|啦|嘛|呢)*$`, 'i');
// Inside a sentence a bare 无/合格 is no verdict (有限空间无警示标志, 不合格): only the longer phrases count there.
const NORMAL_ANYWHERE = new RegExp(`(?<![不没未无])${NORMAL_WORD.replace('|合格|无|ok)', '|都合格|全部合格)')}(?:了|的|啊|呀|哈|滴|哦|啦|嘛|呢)*`, 'gi');
// "其他还行", "别的都好": the rest was fine; said after a finding it is no part of it.
const REST_FINE = new RegExp(`(?:^|[\\s,;。、:])(?:其他|其它|其余|别的|另外)(?:地方|方面)?\\s*(?:都|也|还)?${NORMAL_WORD}(?:了|的|啊|呀|哈|滴|哦|啦|嘛|呢)*`, 'gi');
// Spoken fillers and chatter that say nothing about the site.
const CHATTER = /(?:^|[\s,;。、:])(?:嗯+|呃+|额+|那个|就是|然后)(?=$|[\s,;。、:])/g;

/**
 * "现场都正常", "储罐区、仓库都正常", "老板挺配合 现场检查都合格": a verdict of normal somewhere in the words and
 * nothing that says something is wrong once the normal phrases are taken out.
 */
export function saysNormal(words: string): boolean {
  if (!NORMAL_ANYWHERE.test(words)) return false;
  NORMAL_ANYWHERE.lastIndex = 0;
  return !PROBLEM.test(words.replace(NORMAL_ANYWHERE, ' ').replace(VISITED_PAST, ' '));
}

// 看过了 / 查过了 / 去过了 tell of the visit: their 过了 is no expiry (PROBLEM's 过了 is 灭火器过了期).
const VISITED_PAST = /(?:看|查|去|巡|巡查|检查|巡检|走访|来|转)过了/g;

const ISSUES_START = /^\s*(?:发现问题|发现隐患|发现|存在问题|存在|有问题|有隐患|问题)\s*:?\s*/;

// Told as already put right: 已停 / 已整改 / 补了 / 当场清理了 / 换好了.
const PUT_RIGHT = /(?:已经?|当场|现场)(?:停|整改|处理|清理|清走|更换|拆除|补|补齐|办|关|撤|改)(?:好|完|掉|齐)?(?:了)?$|(?:补|换|修|清|撤|停|拆|关|改)(?:好|完|掉|齐|走)?了$|(?:整改|处理)(?:好|完)了$/;

export function parsePatrol(rest: string, now: Date): IntentOf<'patrol'> {
  const { deadline, issue, rest: afterDeadline } = takeDeadline(rest, now);
  const { level, rest: afterLevel, reason: levelReason } = takeLevel(afterDeadline);
  let { enterprise, rest: remainder } = splitEnterprise(afterLevel);
  // "巡查华美正常": the result word is glued to the name.
  const glued = enterprise && !remainder.trim() ? NORMAL_TAIL.exec(enterprise) : null;
  if (enterprise && glued && glued.index >= 2) {
    remainder = glued[0];
    enterprise = enterprise.slice(0, glued.index);
  }
  if (enterprise && NORMAL_TOKEN.test(enterprise)) {
    remainder = `${enterprise} ${remainder}`;
    enterprise = undefined;
  }
  remainder = remainder.replace(CHATTER, ' ');
  const tokens = remainder.split(SEPARATOR).filter(Boolean);
  const base = { intent: 'patrol' as const, enterprise, level, levelReason, deadline, deadlineIssue: issue };
  if (!tokens.length) return base;
  if (NORMAL_TOKEN.test(tokens[0])) {
    // "一切正常 ok": a second verdict is no note.
    const words = freeText(tokens.slice(1).filter((t) => !NORMAL_TOKEN.test(t)).join(' '));
    // "正常 灭火器过期": the words beside the verdict may tell a problem after all; never a normal patrol with the
    // hazard as its note (beside-verdict.ts). Told plainly it is the finding; told unsure, the sender is asked:
    // a patrol with findings and no result.
    const beside = words ? besideVerdict(withoutVerdicts(words), Boolean(deadline || issue)) : 'note';
    if (beside === 'finding') return { ...base, result: 'issues', findings: findingsOf(words!) };
    if (beside === 'unsure') return { ...base, findings: findingsOf(words!) };
    // Nothing to rectify after a normal patrol: a time word there is no deadline to ask about.
    return { ...base, deadlineIssue: undefined, level: undefined, levelReason: undefined, result: 'normal', note: words };
  }
  // "动火作业已停 审批补了 正常": what was wrong is told as put right already, then the verdict: all well now.
  const last = tokens[tokens.length - 1];
  if (tokens.length >= 2 && NORMAL_TOKEN.test(last) && tokens.slice(0, -1).every((t) => PUT_RIGHT.test(t))) {
    return { ...base, deadlineIssue: undefined, level: undefined, levelReason: undefined, result: 'normal', note: freeText(tokens.slice(0, -1).join(' ')) };
  }
  if (saysNormal(remainder)) return { ...base, deadlineIssue: undefined, level: undefined, levelReason: undefined, result: 'normal', note: freeText(remainder) };
  const findings = findingsOf(remainder);
  return findings ? { ...base, result: 'issues', findings } : { ...base, result: 'issues' };
}

// The words said beside a verdict with the all-well phrases and the visit told (去过了) taken out.
export const withoutVerdicts = (words: string): string => words.replace(NORMAL_ANYWHERE, ' ').replace(VISITED_PAST, ' ');

// "但是灭火器过期了": the turn (但是, 就是, 不过) that brings in what is wrong after a verdict is no part of it;
// "灭火器过期 正常": a bare verdict said last after a finding is the rest's (其他正常), no part of it either.
const TURN = /^[\s,;。、:]*(?:但是?|可是|不过|就是|只是|只不过|唯一的?问题是)[\s,;。、:]*/;
const VERDICT_LAST = /[\s,;。、:]+(?:一切|其他|其它|别的|其余)?(?:都)?(?:正常|没问题|没有问题|无异常|良好|ok)(?:了|的|啊|呀)*[\s,;。、:!]*$/i;
function findingsOf(words: string): string | undefined {
  return freeText(words.replace(REST_FINE, ' ').replace(ISSUES_START, '').replace(TURN, '').replace(VERDICT_LAST, ''));
}
