// Figures and overdue lists asked about a town inside a sentence, the town typed without its 镇:
//   横山桥 本季度 整改率多少      遥观 今年 一共有多少隐患      横林 逾期隐患 列一下      遥观上礼拜到期没整改的 发给我
// The town is passed on as typed; the conversation resolves it among the sender's towns or says it does not
// know it. A short word alone could as well be an enterprise (华美 一共有多少隐患), so for figures a bare
// word is taken as a town only with a period or a rate asked; an overdue list is always a town's or the scope's.
import type { ParsedMessage } from '../intents.js';
import { PLACE, takePeriod } from './queries.js';
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
  const { town, rest: words } = suffixed ? { town: suffixed[0], rest: rest.replace(suffixed[0], ' ') } : bare(rest);
  const overdue = OVERDUE.exec(words);
  if (overdue && emptied(words.replace(overdue[0], ' '), LIST_WORDS)) return { intent: 'overdue', place: town, period };
  // Figures: a bare word is a town only with a period or a rate (a suffixed place is read by parseFiguresQuestion).
  if (!town || suffixed || !(period || /率/.test(words))) return null;
  // 怎么样 / 如何 after a bare word asks about an enterprise (华美化工这个月怎么样): only figure words ask a town's.
  if (!/率|多少|几条|几个|一共|总共|数据|统计|汇总/.test(words) || !emptied(words, RATE_WORDS, LIST_WORDS)) return null;
  return { intent: 'stats', place: town, period };
}
