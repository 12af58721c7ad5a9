// A town office head supervising the grid, in the words of a meeting rather than of a command:
//   谁还没巡 / 还有哪些没巡查的       → the enterprises due for a patrol
//   王建国这周巡了几家 / 小李本月去了多少家 → the figures for a period (the person is whose figures are asked)
//   上个月网格员排个名 / 给网格员排排名  → the ranking
//   把逾期的都交办下去 / 超期的全部派下去 → assigning, the hazards to be chosen in the conversation
//   湖塘镇今年重大隐患数              → the figures of a town and a period
// Each asks or orders about the scope, never about one enterprise: a name with an enterprise's ending is left
// to the enterprise readers.
import type { ParsedMessage } from '../intents.js';
import { cleanPlace, PLACE, takePeriod } from './queries.js';
import { COMPANY_SUFFIX } from './slots.js';

const END = '(?:的)?(?:企业|厂|单位|公司)?(?:啊|呀|呢|吗|了)*[?]*';
// 谁 / 哪些 / 哪几家 with a visit not yet made.
const NOT_YET_VISITED = new RegExp(
  `^(?:还有)?(?:谁|哪些|哪几家|哪家|哪个|几家)(?:企业|厂)?(?:还)?(?:没有?|未)(?:去|巡|巡查|巡检|检查|查|走访)(?:过)?${END}$`,
);
// "王建国这周巡了几家": someone's visits counted, with or without a period. Hazards counted (华美这个月报了
// 几条) are left to the town readers: a short word there may be a town or an enterprise, and they ask.
const COUNTED = /^([\u4e00-\u9fff]{2,4}?)(?:他|她)?(?:这周|本周|这个?月|本月|上周|上个?月|今天|今年|本季度|这个季度)?(?:一共|总共)?(?:巡了|巡查了|去了|检查了|走访了|跑了)(?:几家|多少家?|几个|多少)(?:企业|厂)?(?:了)?(?:啊|呀|呢)?[?]*$/;
const NOT_A_PERSON = /^(?:我|你|我们|你们|大家|咱们|全镇|全区|今天|这周|本周|本月|上月)/;
// "排个名", "排排名", "排一下名": the ranking asked in a spoken verb.
const RANK_SPOKEN = /排(?:个|一下|下|排)名|排(?:个|一下)(?:序|队)|(?:搞|弄|出)(?:个|一个)排名/;
// "把逾期的都交办下去": assigning the overdue (or all open) hazards, none named.
const BULK_ASSIGN = /^(?:把|将)?(?:所有|全部)?(?:逾期|超期|过期|到期|没整改|未整改|没销号|未销号)(?:的)?(?:隐患|问题)?(?:都|全部|全都|一起|统一)?(?:交办|派|分派|指派|下派|转办)(?:下去|出去|掉|一下|给.{1,8})?(?:吧|啊)?$/;
// "重大隐患数", "重大隐患有多少": a count of the major hazards, with a town or a period.
const MAJOR_COUNT = /重大隐患(?:数|数量|总数|件数|有多少|多少条?|几条|几个)/;
const ENTERPRISE_ENDED = new RegExp(`[\\u4e00-\\u9fff]{2,}${COMPANY_SUFFIX}`);

export function parseSupervision(text: string): ParsedMessage | null {
  const t = text.replace(/[\s,;。、:!~]+$/, '');
  if (NOT_YET_VISITED.test(t)) return { intent: 'due_patrols' };
  const counted = COUNTED.exec(t);
  // A town's count (横林镇本月报了几条) is read by the town readers, its place kept.
  if (counted && !NOT_A_PERSON.test(counted[1]) && !PLACE.test(counted[1]) && !ENTERPRISE_ENDED.test(t)) return { intent: 'stats', period: takePeriod(t).period };
  if (RANK_SPOKEN.test(t) && !ENTERPRISE_ENDED.test(t) && t.length <= 24) return { intent: 'ranking', period: takePeriod(t).period };
  if (BULK_ASSIGN.test(t)) return { intent: 'assign' };
  if (MAJOR_COUNT.test(t) && !ENTERPRISE_ENDED.test(t)) {
    const { period, rest } = takePeriod(t);
    const place = PLACE.exec(rest)?.[0];
    if (period || place) return { intent: 'stats', place: place ? cleanPlace(place) : undefined, period };
  }
  return null;
}
