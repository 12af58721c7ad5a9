// Figures and overdue lists asked about a town inside a sentence, the town typed without its 镇:
//   横山桥 本季度 整改率多少      遥观 今年 一共有多少隐患      横林 逾期隐患 列一下      遥观上礼拜到期没整改的 发给我
// The town is passed on as typed; the conversation resolves it among the sender's towns or says it does not
// know it. A short word alone could as well be an enterprise (华美 一共有多少隐患), so for figures a bare
// word is taken as a town only with a period or a rate asked; an overdue list is always a town's or the scope's.
import type { ParsedMessage } from '../intents.js';
import { cleanPlace, PLACE, takePeriod } from './queries.js';
import { COMPANY_SUFFIX } from './slots.js';

/** 逾期 in the words of the deadline: 过期未整改, 过了期限还没改, 到期没整改 (灭火器过期 is a finding, not this). */
export const OVERDUE = /逾期|超期|过期(?:了)?(?:未|没|还没|仍未)(?:整改|改|处理)|(?:过了|超过|超了)(?:整改)?(?:期限|时限)|到期(?:了)?(?:未|没有?|还没有?|仍未)(?:整改|改|处理)/;
// The words of asking for a list or a figure, once the town, the period and the subject are taken out.
const LIST_WORDS = /隐患|问题|任务|清单|列表|名单|有哪些|哪些|哪几条|列一下|列出来|列出|列个|发给我|发我|发一下|给我|看看|看一下|看下|查一下|查查|情况|有几条|几条|几个|多少条?|一共|总共|总数|数量|有|的|吗|呢|了|还|现在|目前|都|一下|\?/g;
const RATE_WORDS = /整改率|完成率|闭环率|销号率|率|新增|上报了?|发现了?|报了|整改了?|完成了?|闭环了?|数据|统计|汇总|怎么样|如何/g;
const NOT_A_TOWN = /^(?:我们|咱们?|本|这个?|那个?|各|所有|全部|现在|目前|还有|有没有|哪些|逾期|超期|过期|到期|一共|总共|隐患|问题|任务|巡查|企业|今年|本月|上周)/;

// A town's name never ends like an enterprise's (华美化工, 恒泰纺织).
const COMPANY_END = new RegExp(`${COMPANY_SUFFIX}$`);
const bare = (words: string): { town?: string; rest: string } => {
  const m = /^\s*([\u4e00-\u9fff]{2,4})(?=[\s,;。、:]|$)/.exec(words);
  return m && !NOT_A_TOWN.test(m[1]) && !COMPANY_END.test(m[1]) ? { town: m[1], rest: words.slice(m[0].length) } : { rest: words };
};
const emptied = (words: string, ...drop: RegExp[]) => !drop.reduce((w, re) => w.replace(re, ' '), words).replace(/[\s,;。、:!~]/g, '');

export function parseTownQuestion(text: string): ParsedMessage | null {
  const { period, rest } = takePeriod(text);
  const suffixed = PLACE.exec(rest);
  const { town, rest: words } = suffixed ? { town: cleanPlace(suffixed[0]), rest: rest.replace(suffixed[0], ' ') } : bare(rest);
  const overdue = OVERDUE.exec(words);
  if (overdue && emptied(words.replace(overdue[0], ' '), LIST_WORDS)) return { intent: 'overdue', place: town, period };
  // Figures: a bare word is a town only with a period or a rate (a suffixed place is read by parseFiguresQuestion).
  if (!town || suffixed || !(period || /率/.test(words))) return null;
  // 怎么样 / 如何 after a bare word asks about an enterprise (华美化工这个月怎么样): only figure words ask a town's.
  if (!/率|多少|几条|几个|一共|总共|数据|统计|汇总/.test(words) || !emptied(words, RATE_WORDS, LIST_WORDS)) return null;
  return { intent: 'stats', place: town, period };
}

// ---------------------------------------------------------------------------------------------------------
// Figures and lists asked in a sentence, whatever else the sentence says around them:
//   横林镇现在有哪些逾期没整改的隐患，列个清单给我      有没有超期的 我去催一下      湖塘镇上周数据咋样
//   把本月的镇街排名拉一下                              潞城街道今年以来的发现数和整改数      全区超期的都拉出来
// A figure word (逾期, 完成率, 数据, 排名, 销号数…) and a word that asks or orders a list (有哪些, 多少, 咋样,
// 拉一下, 列个清单…) together decide before any report reading: such a sentence names no enterprise, and
// "有没有逾期" is never a name. A name with an enterprise's ending (华美化工有几条逾期的) is an enterprise's
// question and is left to that reader; an expired device (灭火器逾期未检) is a finding, not this.

/** What the figures replies count: overdue hazards, rates, the figures, the ranking. */
const FIGURE = /逾期|超期|过期(?:了)?(?:未|没|还没|仍未)(?:整改|改|处理)|到期(?:了)?(?:未|没有?|还没有?)(?:整改|改|处理)|(?:完成|整改|闭环|销号|发现)率|数据|统计|报表|汇总|排名|排行|排第|(?:发现|上报|整改|销号|闭环|隐患|新增)(?:数|总数|数量|件数)/;
/** Asking, or ordering a list to be made. */
const ASK_OR_LIST = /第几|几名|倒数|最(?:慢|快|多|少|好|差|高|低)|有哪些|哪些|哪几|有没有|有无|多少|几条|几家|几个|几起|咋样|怎么样|如何|高不高|低不低|拉一下|拉下|拉个|拉出来|列个|列一下|列下|列出|清单|列表|名单|给我看|看一下|看下|看看|发我|发给我|发一下|分镇街|按镇街|各镇街|分(?:镇|街道|网格)|按.{1,5}排|排一下|排个|\?|吗|呢/;
// 灭火器逾期未检, 压力容器超期未检验: a device past its inspection date is what was found at a site.
const DEVICE_EXPIRED = /(?:灭火器|气瓶|钢瓶|压力容器|特种设备|电梯|叉车|安全阀|压力表|检测|年检|检验|校验)[^\s,;。、:]{0,4}(?:逾期|超期)|(?:逾期|超期)(?:未|没)(?:检|年检|检验|校验|检测|维保)/;
const RANKED = /(?:哪个|哪些|哪几个)(?:网格|镇|街道|镇街)(?:的)?(?:隐患)?(?:整改|完成|闭环|销号|发现|上报)?(?:得)?最(?:慢|快|多|少|好|差|高|低)|谁(?:排)?(?:第一|倒数第一|最后一名)/;
const TOWN_LISTS = /(?:分|按|各)(?:镇街|镇|街道|网格)|镇街/g;
const ENTERPRISE_ENDED = new RegExp(`[\\u4e00-\\u9fff]{2,}${COMPANY_SUFFIX}`);

export function parseFiguresAsk(text: string): ParsedMessage | null {
  const figure = FIGURE.exec(text);
  // "哪个网格整改最慢", "哪个镇逾期最多": who is best or worst is the ranking.
  if (!figure && RANKED.test(text) && !/YH\s*\d/i.test(text)) return { intent: 'ranking', period: takePeriod(text).period };
  if (!figure || !ASK_OR_LIST.test(text) && !nounPhraseOnly(text)) return null;
  if (DEVICE_EXPIRED.test(text) || /YH\s*\d|有限|重大隐患/.test(text)) return null;
  // 华美化工有几条逾期的: the words before the figure name an enterprise.
  if (ENTERPRISE_ENDED.test(text.slice(0, figure.index).replace(PLACE_G, ' '))) return null;
  const { period, rest } = takePeriod(text);
  const placeText = rest.replace(TOWN_LISTS, ' ');
  const matched = PLACE.exec(placeText)?.[0];
  // "横林逾期几条": a town said without its 镇, glued to the figure word; "恒达有逾期的吗", "华美还有没有逾期的":
  // the asking words between are no part of the name (a name that is an enterprise is answered as one: mentions.ts).
  const glued = matched ? undefined
    : /^([\u4e00-\u9fff]{2,3}?)(?:还?有没有|还?有|的|还?有?几条|有多少条?)?(?=逾期|超期|数据|统计|完成率|整改率)/.exec(placeText.trim())?.[1];
  const place = (matched && cleanPlace(matched)) || (glued && !NOT_A_TOWN.test(glued) && !COMPANY_END.test(glued) ? glued : undefined);
  if ((/排名|排行|排第|谁(?:第一|最)/.test(text) || RANKED.test(text)) && !OVERDUE.test(text)) return { intent: 'ranking', period };
  if (OVERDUE.test(text)) {
    return { intent: 'overdue', place: place && !/^(?:我们|咱们?|本|这个?|那个?|各)/.test(place) ? place : undefined, period };
  }
  return { intent: 'stats', place, period };
}
const PLACE_G = new RegExp(PLACE.source, 'g');

/** 潞城街道今年以来隐患发现和销号数, 上月全区统计数据: only a place, a period and figure nouns. */
function nounPhraseOnly(text: string): boolean {
  const { rest } = takePeriod(text);
  const left = rest.replace(TOWN_LISTS, ' ').replace(PLACE_G, ' ')
    .replace(/以来|至今|截至目前|目前|现在|的|和|与|及|跟|隐患|问题|发现|上报|整改|销号|闭环|新增|总|数量|件数|数|率|完成|数据|统计|报表|汇总|情况|全部|所有/g, '')
    .replace(/[\s,;。、:]/g, '');
  return left.length === 0;
}
