// Messages written the way a clerk writes a report: a formal opening, then the finding in one sentence.
//   现报告一处安全隐患：常州永盛包装材料有限公司成品仓库…      经现场核查，江苏锦华染整有限公司…，已要求企业48小时内…
//   经检查，大成公司厂区内叉车超速行驶…                       经复查，YH20261110-0017整改不到位，现责令…
//   关于8号仓储货架超高堆放的情况说明：经检查，…               关于锦华染整的基本情况，请提供企业联系人…
// The opening says how the finding was come by; it is never the enterprise. In this register a finding is
// put on record as a hazard, unless the sentence says all was well (a patrol) or that the matter was already
// handled on the spot (已下达整改通知, 已口头提醒: the record of a patrol with findings).
import type { ParsedMessage } from '../intents.js';
import { findHazardCode } from './codes.js';
import { parseCodeSentence } from './code-sentence.js';
import { parseReview } from './hazard-actions.js';
import { parsePatrol, parseReport, saysNormal } from './report.js';
import { splitEnterprise } from './slots.js';
import { PATROL_KIND } from './patrol-kinds.js';
import { DEPARTMENT } from './departments.js';
import { DAY_WORDS, WHEN_TOLD } from './time-words.js';

const P = '[\\s,;。、:]';
// A day written as a date: 12月3日, 12.3, 2026年12月3日.
const DATE = '(?:(?:\\d{4}年)?\\d{1,2}月\\d{1,2}[日号]?)';
// The opening tells of a visit when it says when it was made (今日对…开展巡查, 现将12月3日巡查情况…): the finding is
// then the record of that patrol. 经检查 / 经排查 alone tells how the finding was come by, and stays a report.
// So does an opening that names whom the visit was made to (对鼎盛模具开展季度检查：…): 经对…进行检查 stays how the
// finding was come by.
const VISIT_TOLD = new RegExp(`(?:${DAY_WORDS}|近日|上午|下午|${DATE})[^,;。:]{0,32}?(?:检查|巡查|排查|巡检|走访|核查)|^(?:我|我们)?对.{2,30}?(?:进行|开展)了?`);
// 现报告(一处安全隐患) / 现将…情况报告如下 / 现上报: the sender announces a report.
const ANNOUNCE = new RegExp(
  `^(?:现|特|兹)(?:将|就)?(?:向您|向你们)?(?:(?:本次|近日|${DAY_WORDS})?(?:检查|巡查|排查)(?:中)?(?:发现)?的?(?:问题|隐患|情况)?)?(?:报告|上报|反映|报送|汇报)(?:如下)?(?:一(?:处|起|条|个|项|则))?(?:新的?|新发现的?)?(?:安全生产|安全|生产)?(?:事故)?(?:隐患|问题|情况)?(?:如下)?${P}*`,
);
// 经(对<name>进行)(现场)检查 / 核查 / 排查(发现): how the finding was come by. Without 经 the opening must end
// on 发现 (现场检查发现…, 本次检查中发现…), or name who was visited (今天对华美化工进行了安全检查，发现…):
// a bare 检查 at the start is the patrol command.
const HOW = `(?:现场|实地|本人|我们|我|网格员|联合|本次|此次|近日|${DAY_WORDS}|安全|${PATROL_KIND})*`;
const CHECK = '(?:检查|核查|排查|巡查|查看|查实|核实|走访|检测|复查|查)';
const FOUND = new RegExp(
  `^(?:经(?:过)?(?:对(.{2,30}?)(?:进行|开展)?了?)?${HOW}${CHECK}(?:后)?(?:发现|确认|核实)?` +
  `|${HOW}${CHECK}(?:中|时|过程中|后)?发现` +
  `|(?:近日|${WHEN_TOLD})(?:我|我们)?对(.{2,30}?)(?:进行|开展)了?(?:一次)?${HOW}${CHECK}(?:工作)?(?:${P}*发现)?)${P}*`,
);
const LIST_FOLLOWS = new RegExp(`(?:存在|发现|有)(?:以下|如下)(?:问题|隐患|情况)?${P}*`);
// 按照镇里要求, 根据工作安排: the reason the visit was made, before the opening.
const PREAMBLE = new RegExp(`^(?:按照|根据|依据|按)[^,;。]{1,20}?(?:要求|安排|部署|通知|精神|计划)${P}*`);
// 根据检查情况 / 特此报告 / 现将检查情况报告如下: the finding follows.
// 现将12月3日巡查情况报告如下: the day of the visit may stand before the verb.
const HEADED = new RegExp(`^(?:(?:根据|依据)(?:本次)?(?:检查|巡查|排查)(?:情况|结果)|特此(?:报告|上报|反映)|现将(?:本次|${DATE}|${DAY_WORDS})?(?:检查|巡查|排查)?(?:有关)?(?:情况|结果)?(?:报告|汇报|通报)如下)${P}*`);
// 经复查 / 复查意见 / 复查情况: a verdict on a hazard already on record.
const REVIEWED = new RegExp(`^(?:经(?:过)?(?:现场)?(?:复查|复核|验收)|(?:复查|复核|验收)(?:意见|结论|情况|结果))${P}*`);
// 关于<subject>的情况说明：<body>.
const ABOUT = /^关于(.{2,40}?)的(基本情况|情况说明|情况报告|情况汇报|说明|报告|情况)[\s,;。、:]*(.*)$/;
// What the body of a 关于… message asks for, when it asks rather than tells.
const ASKS_FOR = /请(?:提供|告知|查询|发送|发)|提供一下|查询|了解一下|联系人|联系方式|电话|记录|档案|资料|怎么样|如何/;
// The matter was handled on the spot: the message records a patrol that found something.
export const HANDLED = /已(?:经)?(?:当场|现场)?(?:下达|下发|开具|送达|发出|出具)(?:了)?(?:责令)?(?:限期)?(?:整改)?(?:通知书?|指令书?|意见书?)|已(?:经)?(?:当场|现场)?口头(?:提醒|告知|要求|警告|教育)/;

/** A finding told in the clerk's register, as a report, a patrol, or a review of a code it names. */
function finding(body: string, now: Date, named?: string, visited = false): ParsedMessage | null {
  const text = named ? `${named} ${body}` : body;
  // "对YH…进行复查，…复查合格": a code named is the hazard acted on, read with the opening's verb.
  const code = findHazardCode(text);
  if (code) return parseCodeSentence(text, code, now);
  if (saysNormal(body)) return parsePatrol(text, now);
  const report = parseReport(text, now);
  if (!report.enterprise || !report.description) return null;
  // A visit told with its day, and an order to fix (已责令立即停止作业, 限期…): the record of that patrol. Told
  // without an order (今天对宏远化工进行了安全检查，发现灭火器过期) it stays the hazard put on record.
  const ordered = Boolean(report.deadline || report.deadlineIssue || report.level);
  if ((visited && ordered) || (HANDLED.test(body) && !report.deadline && !report.deadlineIssue)) {
    const { enterprise, level } = report;
    const rest = text.slice(text.indexOf(enterprise) + enterprise.length);
    return { ...parsePatrol(`${enterprise} ${rest}`, now), enterprise, level: level ?? undefined, result: 'issues' };
  }
  return report;
}

// "各位好，现将…": the greeting before a clerk's opening.
const GREETING = /^(?:各位(?:领导|同事|同志)?好|大家好|您好|你好|领导(?:好|们好)?)[\s,;。、:!]*/;

// "镇安监办检查发现，…", "市场监管所现场检查发现…": the office that checked, in front of the opening, is never the enterprise.
const OFFICE = new RegExp(`^(?:[\\u4e00-\\u9fff]{0,4}?(?:安监办|安监站|安监所|安委办|应急办|执法队|执法中队|综治办)|${DEPARTMENT.source})(?=${HOW}${CHECK}(?:中|时|过程中|后)?发现)`);

export function parseClerkLead(input: string, now: Date): ParsedMessage | null {
  const said = input.replace(GREETING, '').replace(OFFICE, '') || input;
  if (!/^(?:现|特|兹|经|关于|复查|复核|验收|按|根据|依据|本次|此次|今|近日|上午|下午|对|我|检查|巡查|排查|核查)/.test(said)) return null;
  const text = said.replace(PREAMBLE, '') || said;
  const reviewed = REVIEWED.exec(text);
  if (reviewed) {
    const body = text.slice(reviewed[0].length);
    const code = findHazardCode(body);
    return code ? parseReview(body, now) : null;
  }
  const about = ABOUT.exec(text);
  if (about) {
    const [, subject, heading, body] = about;
    const { enterprise, rest } = splitEnterprise(subject);
    if (!enterprise) return null;
    // "关于锦华染整的基本情况，请提供企业联系人": a question about the enterprise.
    if (!rest.trim() && (heading === '基本情况' || heading === '情况') && ASKS_FOR.test(body)) return { intent: 'query_enterprise', enterprise };
    const inner = body.replace(ANNOUNCE, '').replace(FOUND, '');
    const told = parseReport(`${enterprise} ${rest} ${inner}`, now);
    return told.description ? told : null;
  }
  const lead = ANNOUNCE.exec(text) ?? HEADED.exec(text) ?? FOUND.exec(text);
  if (!lead || !lead[0]) return null;
  // "恒泰纺织存在以下问题：消防通道堵塞": the announcement of a list is no part of the finding.
  const body = text.slice(lead[0].length).replace(LIST_FOLLOWS, ' ');
  // "对YH…进行复查，仍未整改": the opening's 复查 says the verdict is a review's.
  if (/复查|复核|验收/.test(lead[0]) && findHazardCode(text)) return parseReview(`${lead[1] ?? lead[2] ?? ''} ${body}`, now);
  return finding(body, now, lead[1] ?? lead[2], VISIT_TOLD.test(lead[0]));
}
