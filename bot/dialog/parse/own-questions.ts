// A worker asking about their own work in plain words, with no command word:
//   我这个月巡查了多少家, 本周我巡了几家, 我今年一共报了几条     → their figures for the period (统计)
//   我还有几条没销号, 我报的那几条改了没有, 我手上还有哪些没整改的 → their open hazards (我的任务)
//   我网格里逾期的隐患, 把逾期的催一下, 上周到期的那些还有没改的吗 → the overdue list, the period kept
// Each question is the whole message: the words left once the sender, the period and the question's own words
// are taken out must be none, so a report that mentions 我 (我看到华美灭火器过期了) or names an enterprise
// (华美那几条改了没有) is never read here. Someone else's figures (王建国这周巡了几家) are supervision.ts's.
import type { ParsedMessage } from '../intents.js';
import { takePeriod } from './queries.js';

// The sender, and where their own work is: 我, 我的, 我报的, 我手上, 我网格里. 俺 is the northern 我. An enterprise's
// contact speaks for the enterprise (我们厂还有哪些隐患没销号): their tasks are its open hazards.
const ME = /^(?:(?:我们|咱们|咱|我)(?:厂|公司|单位|企业)|我司|我厂|我|俺|本人)(?:自己)?/;
const MY_PLACE = '(?:的|报的|上报的|报上去的|提交的|发现的|手上的?|手里的?|这边的?|这里的?|名下的?|负责的|管的|网格(?:里|内)?的?|片区(?:里|内)?的?)?';

// Figures of one's own work: a visit or report verb and a count (多少家, 几条, 几次).
// 完成了多少家巡查: the count before what was done.
const OWN_FIGURES = /^(?:一共|总共|共)?(?:巡查|巡检|巡了|巡|检查|查|走访|去|跑|报|上报|发现|登记|报上去|完成|做)(?:了|过)?(?:一共|总共)?(?:多少|几)(?:家|条|个|次|趟|回)?(?:企业|厂|隐患|问题|巡查|检查)?(?:了)?$/;

// One's own hazards not yet closed, asked as a count, a list or whether they are done.
const STATE = '(?:销号|整改|改|闭环|处理|弄|修)';
const OWN_OPEN = new RegExp(
  `^(?:那几条|那些|这几条|那几个|这些|那条|这条|那一条|那个)?(?:隐患|问题)?(?:都|还|现在)?(?:有没有|有)?(?:几条|几个|多少条?|哪些|哪几条|哪几个)?(?:隐患|问题)?(?:还|都)?(?:没有?|未)${STATE}(?:完|好)?(?:的)?(?:隐患|问题)?$` +
    `|^(?:那几条|那些|这几条|那几个|这些|那条|这条|那一条|那个)?(?:隐患|问题)?(?:都|现在)?${STATE}(?:完|好)?(?:了)?(?:没有?|吗|没呢)$` +
    // "我上报的那些现在咋样了", "我报的隐患进展如何": their state asked as a whole.
    `|^(?:(?:那几条|那些|这几条|那几个|这些|那条|这条|那一条|那个)(?:隐患|问题)?|隐患|问题)(?:现在|目前)?(?:整改)?(?:进展|进度|情况)?(?:怎么样|如何|什么情况|啥情况)(?:了)?$`,
);

// The overdue list asked in the sender's words: 把逾期的催一下 (the reminders are sent from the list),
// 我网格里逾期的隐患, 上周到期的那些还有没改的吗 (past their deadline in that week, still open).
const OVERDUE_WORD = '(?:逾期|超期|过期)';
// 到期没改的: past the deadline and still open, said the long way.
const NUDGE = new RegExp(`^(?:把|将)?(?:所有|全部)?(?:${OVERDUE_WORD}|到期(?:了)?(?:还)?(?:没|未)(?:整改|改|处理))(?:的|未整改的?|没整改的?)?(?:隐患|问题|企业|那些|那几条|这些)?(?:都|全部)?(?:催|催促|督促|提醒|催办)(?:一下|下|一催|催)?$`);
const OWN_OVERDUE = new RegExp(`^${OVERDUE_WORD}(?:的|未整改的?|没整改的?)?(?:隐患|问题)?(?:有)?(?:哪些|几条|多少条?|清单|列表)?$`);
const DUE_STILL_OPEN = new RegExp(
  `^(?:的)?到期(?:了)?(?:的)?(?:那些|那几条|这些|隐患|问题)*(?:都|现在)?(?:还)?(?:有)?(?:没有?|未)${STATE}(?:完|好)?(?:的)?(?:隐患|问题)?(?:吗|没有?)?$` +
    `|^(?:的)?到期(?:了)?(?:的)?(?:那些|那几条|这些|隐患|问题)*(?:都)?${STATE}(?:完|好)?了(?:吗|没有?)$`,
);

const TRAIL = /(?:呢|啊|呀|吧|哈|嘛|\?)+$/;

export function parseOwnQuestion(text: string): ParsedMessage | null {
  const said = text.replace(/[\s,;。!~]+$/, '').replace(TRAIL, '');
  if (said.length > 30) return null;
  const { period, rest } = takePeriod(said);
  const words = rest.replace(/\s+/g, '');
  if (NUDGE.test(words)) return { intent: 'overdue', period };
  if (DUE_STILL_OPEN.test(words) && period) return { intent: 'overdue', period };
  const me = ME.exec(words);
  if (!me) return null;
  const mine = words.slice(me[0].length);
  if (OWN_FIGURES.test(mine)) return { intent: 'stats', period };
  const place = new RegExp(`^${MY_PLACE}`).exec(mine)?.[0] ?? '';
  const asked = mine.slice(place.length).replace(/^还/, '');
  if (OWN_OVERDUE.test(asked) && /逾期|超期|过期/.test(asked)) return { intent: 'overdue', period };
  if (OWN_OPEN.test(asked)) return { intent: 'tasks' };
  return null;
}
