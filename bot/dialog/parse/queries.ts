// Read-only asks: 查询, 统计, 逾期, 排名. Places and periods are recognised words; the rest is ignored.
import { chineseNumber } from '../../../lib/chinese-number.js';
import type { IntentOf, ParsedMessage } from '../intents.js';
import { takeHazardCode } from './codes.js';
import { SEPARATOR, tidy } from './normalise.js';
import { parseEnterpriseQuestion, parseFiguresQuestion } from './questions.js';

const PERIODS: [RegExp, string | ((m: RegExpExecArray) => string | null)][] = [
  [/今天|今日/, '今天'],
  [/昨天|昨日/, '昨天'],
  [/本周|这周|这个?星期|本星期|这个?礼拜/, '本周'],
  [/上周|上个?星期|上个?礼拜/, '上周'],
  [/本月|这个?月|当月|本月度/, '本月'],
  [/上个?月/, '上月'],
  [/本季度|这个?季度/, '本季度'],
  [/上个?季度/, '上季度'],
  [/今年|本年度?|年度/, '今年'],
  [/去年/, '去年'],
  [/(?:近|最近|过去)\s*(\d{1,3}|[一二两三四五六七八九十百]{1,4})\s*天/, (m) => {
    const n = chineseNumber(m[1]);
    return n && n > 0 ? `近${n}天` : null;
  }],
  // 12月 is a month; 12月5日 is a day of it (a deadline), never the month's figures.
  [/(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月份?(?!\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号])/, (m) => {
    const n = chineseNumber(m[1]);
    return n && n >= 1 && n <= 12 ? `${n}月` : null;
  }],
];

export function takePeriod(text: string): { period?: string; rest: string } {
  for (const [re, canon] of PERIODS) {
    const m = re.exec(text);
    if (!m) continue;
    const period = typeof canon === 'string' ? canon : canon(m);
    if (period) return { period, rest: `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}` };
  }
  return { rest: text };
}

/** A town as matched, without the request typed in front of it (请提供横林镇 → 横林镇). */
export function cleanPlace(place: string): string {
  // 通报一下 / 汇报下 (the deputy head's words for "give me the figures") are a request too.
  return place.replace(/^(?:请|麻烦|帮我|给我|把|要|需要|我要|我想)*(?:提供|统计|汇总|通报|汇报|发|查询|查|看看|看一下|看下|看|拉|列|报送|报)*(?:一下|下)?/, '') || place;
}

export const PLACE = /全区|全县|全市|[\u4e00-\u9fff]{1,10}?(?:镇|街道|乡|开发区|园区|高新区)/;
const FILLER = /^(?:的|情况|数据|一下|下|统计|汇总|报表|有哪些|哪些|多少|呢|吧|所有|全部|清单|列表|的情况|隐患|问题|任务|有|都|还|现在|目前)+$/;

function takePlace(text: string): string | undefined {
  const m = PLACE.exec(text);
  if (m) return cleanPlace(m[0]);
  // A bare town name (横林) is passed on as typed; the conversation layer resolves or rejects it.
  const token = text.split(SEPARATOR).find((t) => t && !FILLER.test(t));
  // "逾期 未整改的清单发我一下": words of the request are no town.
  if (token && NOT_A_TOWN_WORD.test(token)) return undefined;
  return token && token.length <= 10 ? token.replace(/(?:的情况|情况|的)$/, '') || undefined : undefined;
}

// 统计图, 统计 横林镇 本月 图, 统计 图表: the figures with a chart picture. 图 stands alone or after a
// place or period word, so a place named 宏图 stays a place.
const CHART_WORD = /(?:^|\s|(?<=[镇乡道区月周年天季]))(?:柱状)?图(?:表|片)?$/;

const NOT_A_TOWN_WORD = /未|没|整改|隐患|清单|列表|发我|发给|给我|哪|多少|几家|几条|我|巡查|一下/;

// "汇总全区未销号的重大事故隐患", "统计一下重大隐患清单": the major hazards asked for as a list, not counted.
const MAJOR_LIST = /^(?=.*重大(?:事故)?隐患)(?!.*(?:率|多少|几个|几条|数量|总数))/;

export function parseStats(rest: string): IntentOf<'stats'> | IntentOf<'major'> {
  if (MAJOR_LIST.test(rest)) return { intent: 'major' };
  const chart = CHART_WORD.test(rest.trim());
  const { period, rest: text } = takePeriod(chart ? rest.trim().replace(CHART_WORD, '') : rest);
  return { intent: 'stats', place: takePlace(text), period, ...(chart ? { chart: true as const } : {}) };
}

export function parseOverdue(rest: string): IntentOf<'overdue'> {
  const { period, rest: text } = takePeriod(rest);
  return { intent: 'overdue', place: takePlace(text), period };
}

export function parseRanking(rest: string): IntentOf<'ranking'> {
  return { intent: 'ranking', period: takePeriod(rest).period };
}

const TRAILING_QUERY =
  /^(.{1,16}?)(?:的)?(?:隐患|安全)?((?:数据)?统计(?:数据|情况|图表?)?|排名|考核(?:排名|情况|结果)?|逾期(?:隐患|情况|清单)?|重大隐患(?:清单|情况)?)$/;

/** "横林镇本月统计", "上月考核", "全区逾期": the command word last, after nothing but a place and a period. */
export function parseTrailingQuery(text: string): ParsedMessage | null {
  const m = TRAILING_QUERY.exec(text);
  if (!m) return null;
  const { period, rest } = takePeriod(m[1]);
  let place: string[] | null = PLACE.exec(rest);
  // "这个月各网格排名": who is ranked is no place.
  const leftover = (place ? rest.replace(place[0], '') : rest).replace(/各网格|各镇|网格员|网格|各/g, '').replace(/[\s,;。、:的]/g, '');
  // "本季度横林的隐患统计": a town said without its 镇 (two to four characters, with a period) is passed on
  // as typed; the conversation resolves it among the towns or says it does not know it.
  if (leftover && !place && period && /^[\u4e00-\u9fff]{2,4}$/.test(leftover)) place = [leftover];
  else if (leftover) return null;
  const word = m[2].replace(/^数据/, '');
  const town = place?.[0] && cleanPlace(place[0]);
  if (word.startsWith('统计')) return { intent: 'stats', place: town, period, ...(word.includes('图') ? { chart: true as const } : {}) };
  if (word.startsWith('逾期')) return { intent: 'overdue', place: town, period };
  if (word.startsWith('重大隐患')) return { intent: 'major' };
  return { intent: 'ranking', period };
}

export function parseQuery(rest: string, original: string): ParsedMessage {
  const { code } = takeHazardCode(rest);
  if (code) return { intent: 'query_hazard', code };
  // "查看我的待办事项", "查一下我的企业": the sender's own lists, not an enterprise of that name.
  if (/^(?:一下|下)?我的?(?:待办|任务|待办事项|待复查|待处理)/.test(rest)) return { intent: 'tasks' };
  if (/^(?:一下|下)?我(?:的|负责的?|管的?|包保的?|包的?|分管的?|联系的?|网格(?:里|内)?的?)企业/.test(rest)) return { intent: 'my_enterprises' };
  // A mistyped code (YH2026112-0007) is not an enterprise name; 'unknown' lets the bot show the code format.
  if (/^YH\s*\d/i.test(rest)) return { intent: 'unknown', text: original };
  // "查一下重大隐患", "看看逾期的": the read commands' own words after a look verb.
  if (/^(?:一下|下)?(?:所有|全部|现在|目前)?的?重大隐患(?:清单|列表|情况|有哪些|都有哪些)?$/.test(rest)) return { intent: 'major' };
  // "查一下湖塘镇这个月发现了多少隐患", "查一下牛塘镇今年以来的整改率": after the look verb, a town's or a period's
  // figures asked in plain words (the inspector's and the deputy head's voice) are those figures.
  const asked = rest.replace(/^(?:一下|下)\s*/, '');
  const figures = parseFiguresQuestion(asked);
  // 没整改 / 未闭环 may ask for the overdue list as much as the figures: that stays the dialog's choice (it asks).
  if (figures && (figures.intent !== 'stats' || figures.place || figures.period) && !/没|未/.test(asked)) return figures;
  // "帮我查一下东升铸造现在还有几个隐患没整改的": an enterprise's question after the look verb names it without the question.
  const question = parseEnterpriseQuestion(asked);
  if (question?.intent === 'query_enterprise' && question.enterprise) return question;
  // "看看嘉利化纤的隐患记录", "查下恒泰企业信息": what is looked at is no part of the name.
  const enterprise = tidy(
    rest.replace(/^(?:一下|下)\s*/, '').replace(/(?:的)?\s*(?:企业|隐患|巡查|检查|整改)?(?:情况|怎么样了?|信息|详情|资料|档案|记录|台账)(?:呢|吧)?$/, ''),
  );
  // "查一下这个", "看看那家": a demonstrative points at something said before; it names nothing.
  return enterprise && !/^(?:这|那)(?:个|家|条|边|里)?(?:企业|公司|厂)?$|^它$/.test(enterprise) ? { intent: 'query_enterprise', enterprise } : { intent: 'unknown', text: original };
}
