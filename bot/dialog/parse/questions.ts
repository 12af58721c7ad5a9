// Questions in plain words, without a command word: 隐患怎么报, 我管哪些企业, 我还有几家没去,
// 恒泰那边现在什么情况, 横林镇这个月逾期几条. A town or period said inside the question is kept.
import type { HelpTopic, ParsedMessage } from '../intents.js';
import { cleanPlace, takePeriod, PLACE } from './queries.js';
import { takeLegalName } from './legal-name.js';
import { PROBLEM, problemInName } from './problem-words.js';
import { COMPANY_SUFFIX } from './slots.js';
import { dropCourtesy } from './fillers.js';
import { isName, withoutTownFirst } from './story.js';

// "怎么报", "巡查怎么记", "要怎么上报": how-to is a how-word next to a verb; "怎么样" / "情况如何" / "整改得如何"
// ask about a state (得怎么 is "must how", 得如何 "how well").
// 交办 / 吹哨 / 销号 / 作废 / 报到 / 签收: the admins' and departments' verbs, asked about the same way (管理员怎么交办隐患).
const VERB = '(?:交办|吹哨|销号|作废|报到|签收|看|上报|报告|报|登记|记录|记|提交|填报?|查询|查|绑定|复查|验收|整改|巡查|统计|用|操作|弄|搞|发送|发|录入|上传|传|拍|附上?|撤回|修改|改)';
// "怎么在这个上面提交整改照片", "如何在手机上报": where it is done may stand between the how-word and the verb.
const HOW = new RegExp(`(?:怎么|如何|咋|怎样)(?:在|用)[^\\s,;。?]{1,8}?${VERB}|(?:按|用|是)(?:什么|啥|哪种|哪个)(?:格式|样式|模板)|格式(?:是什么|是啥|怎么写)|(?:怎么|如何|咋|怎样)(?:去|来|才能|能)?${VERB}|${VERB}(?:隐患|巡查|企业|记录)?(?:(?:要|该|应该)?(?:怎么|如何|咋)|得(?:怎么|咋))(?!样)`);
const TOPICS: [HelpTopic, RegExp][] = [
  ['rectify', /整改/],
  ['review', /复查|验收|复核/],
  ['patrol', /巡查|巡检|巡|走访/],
  ['bind', /绑定/],
  ['stats', /统计|数据|排名/],
  ['query', /查|看/],
  ['report', /隐患|上报|报|登记/],
];

const ADMIN_VERB = /交办|吹哨|销号|作废|报到|签收/;
// "鼎盛模具 那个事咋弄": a matter at a named enterprise (那个事, 这件事; the surface has dropped 那个 by then:
// 鼎盛模具 事咋弄) is what is to be dealt with, not a command whose use is asked. Said alone (这个事怎么弄) it
// stays a how-to.
const MATTER = /(?:^|[\s,;。、:]|那个|这个|那件|这件|那|这|的)(?:事|事情|事儿)(?:要|该|应该)?(?:怎么|咋|如何)/;

/** 隐患怎么报, 怎么上报隐患, 巡查怎么记: how to use one command. */
export function parseHowTo(text: string): ParsedMessage | null {
  if (text.length > 20 || !HOW.test(text) || /YH\d/i.test(text) || (MATTER.exec(text)?.index ?? -1) >= 2) return null;
  // The supervision verbs have no help topic of their own: the help for the sender's role lists them.
  if (ADMIN_VERB.test(text)) return { intent: 'help' };
  for (const [topic, re] of TOPICS) if (re.test(text)) return { intent: 'help', topic };
  // "这个机器人咋用啊", "怎么操作": how to use the bot itself.
  if (/用|操作|上传|拍|发|开始|弄|搞|办|做|看/.test(text)) return { intent: 'help' };
  return null;
}

// "巡查记录和上报隐患有什么区别", "讲一下这个机器人怎么用": how the bot's commands work, asked at length; a
// command word inside the question (上报隐患…) is what is asked about, not what is done.
const BOT_QUESTION = /(?:有|是)(?:什么|啥)(?:区别|不同)|区别是(?:什么|啥)|(?:机器人|助手|小程序|系统|这个)(?:要|该|到底)?(?:怎么|咋|如何)(?:用|使用|操作)/;

// How to work with the bot, asked the way a newcomer asks: whether sending a photo is all it takes (拍照发给你就行吗,
// 发个照片就可以了吗), what else to write (还要写什么, 还得填啥), how to read the codes it sends (编号怎么看, YH后面那串数字
// 代表什么, 编号是什么意思). A code itself (YH2026…) makes it a question about that hazard instead.
const USE_ASK = new RegExp(
  '(?:拍照|拍个?照片?|拍张照?|照片|图片|拍图)(?:片)?(?:直接)?(?:发|传|上传)(?:给你|给机器人|上来|过来|上去|一下)?(?:就)(?:行|可以|好|完了|完事)(?:了)?(?:吗|不|么|吧|没)' +
  '|还(?:要|需要|得|用)(?:写|填|附|补|说|发)(?:些|点)?(?:什么|啥|别的|哪些)' +
  '|(?:编号|隐患号|YH)(?:开头的?|后面的?)?(?:那串|那个|这串|这个)?(?:数字|号码|编号)?(?:要)?(?:怎么看|怎么读|是什么意思|啥意思|什么意思|代表(?:的是)?(?:什么|啥)|表示(?:什么|啥)|是怎么编的)',
  'i',
);

// "签收是啥意思", "吹哨是干什么的": what a command word means, asked without a code, is how-to (no command to run).
const WORD_MEANING = /^(?:签收|报到|交办|吹哨|销号|作废|复查|整改|巡查|上报|验收|闭环|撤回|督办)(?:是)?(?:啥|什么|哪个)意思|^(?:签收|报到|交办|吹哨|销号|作废|复查|验收|闭环|督办)(?:是)?(?:干|做|用)(?:啥|什么)的/;

export function parseBotQuestion(text: string): ParsedMessage | null {
  return (BOT_QUESTION.test(text) || USE_ASK.test(text) || WORD_MEANING.test(text.replace(/[?？啊呀呢]+$/, ''))) && !/YH\s*\d/i.test(text) ? { intent: 'help' } : null;
}

// A clause asking the bot whether the message itself is right (请问这样报可以吗, 这个怎么记录, 这样算巡查过了吗,
// 巡查正常的话是不是也要发, 我还需要做什么, 是不是要报重大隐患): the worker is new and unsure, and the rest of the
// message is the report or patrol they mean. The clause is no finding and no note. This is the one place that
// reads such clauses; parseWords (index.ts) is its one caller.
const META_ASK = new RegExp(
  '^(?:请问|想问一下|问一下|我想问一下)?(?:我)?(?:' +
    '(?:这样|这个|这种情况|这种|这)?(?:要|该|应该)?(?:怎么|如何|咋)(?:记录|记|报|上报|登记|填|写|弄|发|处理)(?:呢|啊|呀)?' +
    '|(?:这样|这个|这么|这种情况|这种)(?:子)?(?:报|记|写|发|登记|上报|填|弄|记录|处理)?(?:的话)?(?:算|是)?(?:巡查|巡查过|巡查过了|巡查了)?(?:可以|行|对|合适|正确|没问题|算数|有效|就行|就可以|ok)?(?:了)?(?:吗|不|么|没|吧|啊|呀)' +
    // "这样报可以", "这个写对": the doubt said without its question particle.
    '|(?:这样|这个|这种情况|这种)(?:子)?(?:报|写|发|记|填|登记|上报|记录|处理)?(?:的话)?(?:可以|行|对|合适|正确|没问题|ok)' +
    '|(?:这样|这)?(?:就)?算(?:不算)?(?:是)?(?:巡查|巡查过|巡查了|巡过|报过|上报|巡|检查|查)(?:过|完成|完)?(?:了)?(?:吗|不|么|没)?' +
    '|(?:这样)(?:就)?算(?:是)?(?:过|完成|完)(?:了)?(?:吗|不|么|没)?' +
    '|.{0,12}(?:是不是|是否|要不要|需不需要)(?:也)?(?:要|需要|得|该|应该)?(?:报|上报|发|记|登记|报告|填|记录).{0,8}' +
    '|还(?:需要|要|用|得)(?:做|干|弄|填|报|发|登记)(?:些|点)?(?:什么|啥|别的)(?:吗|呢|不)?' +
    // "这个算不算隐患", "属不属于重大隐患", "该不该定为重大": whether what was told counts, asked of the bot.
    "|(?:这|这个|这样|这种|这种情况)?(?:(?:算不算|属不属于|是不是|该不该|能不能|要不要)(?:要|应该)?(?:报|算|属于|定为|按)?(?:成|为)?(?:重大|一般)?(?:隐患|问题|重大隐患|重大)(?:报)?(?:吗|呢|啊|呀)?|(?:算|算是|属于)(?:重大|一般)?(?:隐患|问题|重大隐患|重大)(?:吗|呢))" +
    ')$',
);
const META_TAIL = /(?:要不要|需不需要|用不用|是不是要|该不该|能不能|算不算|属不属于)(?:报|上报|登记|记|报重大|报个隐患|重大|重大隐患|定为重大|算重大)(?:一下|重大隐患|隐患)?(?:报)?(?:吗|啊|呢|呀)?[?]*$/;
// "华美 消防通道堵了 怎么办 三天内弄好": what to do about a finding, asked in its own clause, asks nothing the report
// needs. Only beside a finding: "华美 怎么办" alone asks which of report or patrol (implicit.ts, parseOnSite).
const WHAT_TO_DO = /^(?:那|这|这个|那这个)?(?:该|要|应该)?(?:怎么办|咋办|怎么弄才好|如何是好)(?:呢|啊|呀|哦)?$/;
// "想问一下天盛化工的仓库门口堆了纸箱…": the ask in front of a finding told in full.
const ASK_FRONT = /^(?:请问一下|请问|想问一下|问一下|我想问一下|不好意思)[\s,;。、:]*/;
// Cheap guard: a message with none of these words has no such clause.
const META_WORDS = /请问|问一下|这样|这个|这么|这种|怎么|如何|咋|是不是|是否|要不要|需不需要|用不用|算|属于|属不属于|该不该|能不能|还(?:需要|要|用|得)/;

/**
 * The message without the clauses that only ask whether it is right, and whether one of them proposed a major
 * hazard (是不是要报重大隐患); null when there is no such clause or nothing else is left.
 */
export function withoutMetaAsk(text: string): { text: string; major?: string } | null {
  if (!META_WORDS.test(text)) return null;
  // Clauses end at punctuation or a space; what is kept keeps its own separators.
  const parts = text.split(/([?,;。、:!~\s]+)/);
  let major: string | undefined;
  let dropped = false;
  let kept = '';
  for (let i = 0; i < parts.length; i += 2) {
    let clause = parts[i].trim();
    if (clause && WHAT_TO_DO.test(clause) && PROBLEM.test(text.replace(clause, ' '))) {
      dropped = true;
      continue;
    }
    if (clause && META_ASK.test(clause)) {
      dropped = true;
      // "灭火器过期了要不要报": a finding before the doubt, in the same clause, is kept.
      const tail = META_TAIL.exec(clause);
      if (!(tail && tail.index >= 4 && PROBLEM.test(clause.slice(0, tail.index)))) {
        if (/重大/.test(clause)) major ??= clause;
        continue;
      }
      if (/重大/.test(tail[0])) major ??= tail[0];
      clause = clause.slice(0, tail.index);
    }
    // The question mark belonged to a dropped question; what is kept is told, not asked.
    if (clause) kept += `${kept ? (parts[i - 1] ?? ' ').replace(/\?+/g, ',') : ''}${clause}`;
  }
  // "华美化工灭火器过期了要不要报": the doubt glued to the end of what was told.
  const glued = META_TAIL.exec(kept);
  if (glued && glued.index >= 4) {
    dropped = true;
    if (/重大/.test(glued[0])) major ??= glued[0];
    kept = kept.slice(0, glued.index);
  }
  const trimmed = kept.replace(/[?,;。、:!~\s]+$/, '').replace(ASK_FRONT, '');
  if (!dropped && trimmed === text.replace(/[?]+$/, '')) return null;
  if (!dropped && !ASK_FRONT.test(text)) return null;
  // The rest may now start with what the question hid (请问，我今天去了…): its courtesy and narrator go too.
  const rest = trimmed && dropped ? dropCourtesy(trimmed) : trimmed;
  return rest && rest !== text ? { text: rest, major } : null;
}

const MINE = /^(?:我|本人)(?:这里|这边|这儿)?(?:一共|总共)?(?:的|管的?|负责的?|名下(?:的|有)?|分管的?|联系的?|包的?|(?:所)?包保的?|网格(?:里|内)?的?)?(?:有)?(?:哪些|几家|多少家?|哪几家)?企业(?:有|是|都有)?(?:哪些|几家|多少家?|哪几家|清单|列表|名单)?$/;
const MY_LIST = /^(?:企业清单|企业列表|企业名单|我的企业(?:清单|列表|名单)?)$/;
// 没去 / 没巡 / 未巡查 / 该巡查 with a count or list word: enterprises due for a patrol.
const NOT_VISITED = /(?:没有?|未|还没有?)(?:去|巡|查|走访|检查|去过)|(?:该|要|应|需要|待)(?:巡查|巡|去|走访)(?!的)/;
const DUE = /应巡未巡|到期(?:了)?(?:没|未|还没)(?:巡|去|查)|该(?:去)?巡(?:查)?了?|该去了?|要巡(?:查)?的|快到(?:巡查)?(?:时间|期|日子)|巡查(?:时间|期限)?(?:到了|快到|到期)|超(?:过)?(?:时间|期)?(?:没|未)(?:巡|去|查)|还要去(?:哪|几)|要去(?:哪|几)|该去(?:哪|几)/;
const MY_OWN = /^(?:请|麻烦)?(?:给我|帮我)?(?:列一下|列出|发一下|看一下|看看|查一下)?我(?:分到的?|分配到的?|的|网格(?:里|内)?的?|负责的?|管的?|包(?:了|的)?|分管的?|联系的?|名下的?|这边|手上|这里)/;
const HOW_MANY = /几家|哪些|哪几家|多少|还有|还差|该|清单|列表/;
const TRAILING = /(?:呢|啊|呀|吗|了|吧|\?)+$/;

// "请问…", "请列出…", "麻烦给我发一下…": the politeness and the list verb in front of a question are no part of it.
export const ASK_LEAD = /^(?:请问|请|麻烦|想问一下|问一下|我想问一下|我想知道)(?:一下)?(?:您|你)?(?:帮我|给我)?(?:列出|列一下|列个|发一下|发给我|给出|提供|查看|查一下|看一下|看看)?(?:一下)?/;

// "能不能告诉我，我名下一共管着几家厂？分别叫什么名字": a question asked in its own clause, between a request to be
// told and a follow-up; the clause that asks is read, the others are courtesy.
const TELL_ME = /^(?:能不能|能否|可以|可不可以|麻烦|请)?(?:告诉我|跟我说(?:一下)?|帮我看(?:一下|下)?|问(?:一下|下)?)(?:一下|下)?$/;

export function parseScopeQuestion(text: string): ParsedMessage | null {
  // "老孙家啥时候该去了": when one enterprise is due is its own question, never the list of those due.
  const one = enterpriseDueQuestion(text);
  if (one) return one;
  const whole = scopeQuestion(text);
  if (whole) return whole;
  const clauses = text.split(/[?,;。!]+/).map((c) => c.trim()).filter(Boolean);
  if (clauses.length < 2 || clauses.length > 4) return null;
  for (const clause of clauses) {
    if (TELL_ME.test(clause)) continue;
    const asked = scopeQuestion(clause);
    if (asked) return asked;
  }
  return null;
}

// "我分到的是哪个网格", "我在哪个网格", "我负责的网格是哪个": the sender's own grid, which the list of their
// enterprises names; "分到" (assigned) says the same as 负责 / 管.
const MY_GRID = /^我(?:被)?(?:分到|分配到|分|负责|管|在|属于)?的?(?:是|在)?(?:哪个|哪一个|哪片|什么)(?:网格|片区)|^我(?:的|负责的|分到的|管的)网格(?:是)?(?:哪个|哪一个|哪里|是什么|在哪)/;

// 逾期没巡查, 超期未去: the words of the 逾期 list, whose second half is the enterprises overdue for a patrol.
const PATROL_OVERDUE = /(?:逾期|超期)(?:了)?(?:还)?(?:没有?|未)(?:去|巡|查|走访|检查)|(?:没有?|未)(?:巡查|巡|去|检查)(?:过)?(?:的)?(?:企业|厂)?(?:已经?)?(?:逾期|超期)/;
const OWN_SCOPE = /^(?:我们|咱们?|本|这个?|那个?|各)/;

/**
 * Enterprises due for a patrol. due_patrols is the sender's own list and names no place; the 逾期 list is the
 * one that holds a town's (or the district's) enterprises overdue for a patrol, so a town named
 * (牛塘镇超期没巡查的企业有哪些), or the 逾期 word itself (还有哪些企业逾期没巡查), asks for that list, place kept.
 */
function duePatrols(t: string): ParsedMessage {
  const { period, rest } = takePeriod(t);
  const matched = PLACE.exec(rest)?.[0];
  const place = matched && cleanPlace(matched);
  if (place && !OWN_SCOPE.test(place)) return { intent: 'overdue', place, period };
  return PATROL_OVERDUE.test(t) ? { intent: 'overdue', period } : { intent: 'due_patrols' };
}

function scopeQuestion(text: string): ParsedMessage | null {
  const t = text.replace(TRAILING, '').replace(ASK_LEAD, '') || text;
  if (MY_GRID.test(t)) return { intent: 'my_enterprises' };
  if (/^(?:我的)?(?:待巡查|该巡查|要巡查|应巡查)(?:的)?(?:企业)?(?:清单|名单|列表)?$/.test(t)) return { intent: 'due_patrols' };
  if (MINE.test(t) || MY_LIST.test(t) || /^我(?:管|负责|名下有?|分管)(?:哪些|几家|多少家?|哪几家)(?:企业)?$/.test(t)) return { intent: 'my_enterprises' };
  if (/企业|家|厂|公司|单位/.test(t) && NOT_VISITED.test(t) && HOW_MANY.test(t) && !/隐患/.test(t)) return duePatrols(t);
  // "哪几家快到巡查时间了", "有没有超过时间没巡查的企业", "本月应巡未巡的企业", "这周我还要去哪些企业".
  if (!/隐患/.test(t) && DUE.test(t) && (/企业|家|厂|哪|几|有没有|清单|名单|列/.test(t))) return duePatrols(t);
  // "我包了几家厂", "给我列一下我负责的企业", "我网格里有多少家企业": the sender's own enterprises.
  if (!/隐患|没去|未去|没巡|未巡|该巡|要去/.test(t) && MY_OWN.test(t) && /企业|厂|家|公司|单位/.test(t) && /哪|几|多少|列|清单|名单|列表|有/.test(t)) {
    return { intent: 'my_enterprises' };
  }
  return null;
}

// Words a figures question is made of once its town and period are taken out.
// Figures are asked in the words of the 统计 reply: 完成率, 发现了多少, 整改了多少, 闭环率.
// 以来 / 至今 after a period (今年以来) and 排查 (the clerk's word for found on patrols) add nothing to what is asked.
// 那边 / 这两天 / 多不多 (横林镇那边情况怎么样, 横林镇这个月隐患多不多, 横林镇这两天咋样) ask the same figures.
const FIGURE_FILLER = /多不多|严不严重|问题|那边|那里|这边|这两天|这几天|近几天|以来|至今|排查了?|总数|数量|总量|总计|企业|新增|新发现|新报|报了|报|共|最多|最少|最好|最差|最快|最慢|得|各网格|各镇|网格员|网格|哪个|哪家|哪位|大家|出来|出了|好了|现在|目前|还|都|各|总的|全部|哪些|哪几条|清单|列表|巡查|完成率|整改率|闭环率|完成|整改|发现|闭环|处理|率|多少|几条|几个|几家|一共|总共|共|有|的|了|吗|呢|啊|是|报了|上报了|看一下|看看|看下|一下|怎么样|咋样|怎样|如何|情况|数据|销号|最近|近期|重大|隐患|条|个|请|给我|帮我|查下|查|统计|汇总|发|谁|第一|第几|几名|倒数|排第几|排第|排名|排行|考核|逾期|超期|\?/g;
// 咋样 / 怎样 are 怎么样 in the northern and the short voice (横林镇这个月咋样).
const FIGURE_ASK = /多不多|率|新增|几家|几次|多少|几条|几个|一共|总共|数据|统计|汇总|怎么样|咋样|怎样|如何|情况|看一下|看看/;
// "今年全区重大隐患发现了多少条、销号多少条": major hazards counted as they came and went, in a town or the district
// or both ways at once, are figures (the 统计 reply has them); "重大隐患还有几个没销号" asks which are open and
// "上周新增了几条重大隐患" which came, the 重大隐患 list.
const MAJOR_FLOW = /(?:发现|销号|整改|上报|新增|闭环|报)了?(?:多少|几)|率/g;
const majorFigures = (words: string, place: string | undefined): boolean =>
  !/没|未|还有/.test(words) && (words.match(MAJOR_FLOW)?.length ?? 0) >= (place ? 1 : 2);

/** 横林镇这个月逾期几条, 遥观镇上周报了多少隐患, 上个月谁排第一, 全区今年的数据看一下. */
export function parseFiguresQuestion(text: string): ParsedMessage | null {
  const { period, rest } = takePeriod(text);
  const placeMatch = PLACE.exec(rest);
  const place = placeMatch ? cleanPlace(placeMatch[0]) : undefined;
  const words = placeMatch ? rest.replace(placeMatch[0], ' ') : rest;
  if (words.replace(FIGURE_FILLER, '').replace(/[\s,;。、:]/g, '').length > 1) return null;
  if (/排名|排第|排行|考核|谁/.test(words)) return { intent: 'ranking', period };
  if (/逾期|超期/.test(words)) return { intent: 'overdue', place, period };
  if (/重大隐患/.test(text) && !majorFigures(words, place)) return null;
  // "横林镇 这周": a place and a period and nothing else ask for their figures.
  if ((place || period) && (FIGURE_ASK.test(words) || (place && period && !words.replace(/[\s,;。、:的]/g, '')))) return { intent: 'stats', place, period };
  return null;
}

// "恒泰那边现在什么情况", "金鑫五金最近咋样了", "江南机械有没有没整改的隐患": about one enterprise.
const ABOUT = new RegExp(
  '^(.{2,16}?)(?:那边|那里|那儿|那家厂|那家公司|那个厂|那家|这家|厂里|公司)?(?:现在|目前|最近|近来|近期|今天)?的?' +
  // "归我管吗", "是不是我负责的", "归谁管": whose scope it is in, which its page says.
  '(?:(?:是不是|是否)?归(?:我|谁|哪个网格)(?:管|负责)?(?:的)?(?:吗|不|么|没)?|(?:是不是|是否)(?:我|我的)(?:管|负责|网格)?的?|(?:是)?我(?:管|负责)的(?:吗|么)|' +
  '(?:在|属于|是)哪个(?:镇|街道|乡|网格|片区)的?|有(?:什么|哪些|啥)(?:隐患|问题)|是?(?:什么|啥)(?:风险)?(?:等级|颜色|级别|类别)|风险(?:等级|颜色|级别)(?:是什么|是啥|是多少|多少)?|是几类(?:企业)?|哪一类|(?:负责人|联系人|安全员)是谁|(?:是)?谁(?:负责|管)(?:的)?|(?:老板|负责人|联系人|安全员|厂长)?(?:的)?电话(?:是)?(?:多少)?|联系方式|地址在哪(?:里|儿)?|在哪(?:里|儿)?|上次(?:巡查|检查|去)(?:是)?(?:什么时候|哪天)|多久没(?:去|巡查|检查)了?|下次(?:巡查|检查)(?:是)?(?:什么时候|哪天)|什么情况|啥情况|(?:什么|啥)状况|咋回事|怎么回事|(?:有)?(?:啥|什么)新?(?:情况|动静)|(?:还)?(?:有|剩)?(?:几条|几个|多少条?|多少个?)(?:隐患|问题)?(?:没|未|还没)(?:整改|改|处理|闭环|销号)(?:完|好)?|还剩(?:几条|几个|多少条?|多少个?)(?:隐患|问题)?|(?:情况|状况|进度|进展)(?:怎么样|咋样|如何)|(?:隐患|问题)(?:多不多|严不严重|大不大)|还有(?:啥|什么)?(?:事|事儿)(?:吗|没|不)?|(?:整改|处理)(?:到|进行到)(?:哪一步|哪步|什么程度|啥程度|哪了)了?|(?:好久|很久|好长时间|很长时间|挺久|多长时间|多少天|几天)(?:都)?没(?:人)?(?:去|巡查|检查|巡|来)(?:过)?了?(?:吧|吗|啊)?|怎么样了?|咋样了?|如何了?|情况|有?(?:几条|多少条?|几个)(?:未整改的?|没整改的?|未闭环的?)?(?:隐患|问题)|有没有(?:没|未)?(?:整改|处理)?(?:完|好)?的?(?:隐患|问题)|还有(?:没|未)?(?:整改|处理)?(?:完|好)?的?(?:隐患|问题)(?:吗|不|没|没有)?)$',
);
const NOT_A_NAME = /^(?:我|你|他|她|我们|今天|今日|现在|最近|本月|这个?月|本周|这周|上周|上个?月|全区|整体|总体|大家|系统|隐患|巡查|任务|有没有|还有|那个|这个)|[镇乡]$|街道$/;

export function parseEnterpriseQuestion(asked: string): ParsedMessage | null {
  const read = (text: string) => enterpriseDueQuestion(text) ?? enterpriseQuestion(text) ?? enterpriseQuestionInClauses(text) ?? ownEnterpriseQuestion(text);
  // "横林镇 华美化工 怎么样", "遥观镇 恒达 这个月几条隐患": the town said first, as its own word, is where the
  // enterprise is; the question is about the enterprise (story.ts decides what a town said first is).
  // Glued to the name (横林镇的华美化工怎么样, 横林镇华美化工咋样) it is taken off the same way.
  const placed = withoutTownFirst(asked);
  const glued = asked.replace(TOWN_FIRST, '');
  return read(asked) ?? (placed !== asked ? read(placed) : null) ?? (glued !== asked && glued !== placed ? read(glued) : null);
}

// "丰源纺织是不是该去巡查了", "老孙家啥时候该去了", "华美什么时候要复查": whether (or when) one enterprise is due for a
// visit, which its page says (下次巡查). Said without a question word (丰源纺织该去巡查了) it is the same reminder,
// never a patrol made: nothing was visited. The list of enterprises due is scopeQuestion's.
const DUE_ASK = /^(.{2,16}?)(?:是不是|是否|啥时候|什么时候|几时|哪天|几号)?(?:又)?(?:该|要|应该|需要|得)(?:去|巡查|巡|检查|走访|复查)(?:巡查|检查|复查|看看|一趟|一下)?(?:了)?(?:吗|没|呢|没有|不)?$/;
const NO_ONE = /^(?:这|那|哪|各|所有|全部|大家|企业|厂|公司|单位|网格)/;

function enterpriseDueQuestion(asked: string): ParsedMessage | null {
  const m = DUE_ASK.exec(asked.replace(TRAILING_MARKS, '').replace(/(?:啊|呀|哈)+$/, ''));
  if (!m || NO_ONE.test(m[1])) return null;
  return named(m[1]);
}

// An enterprise's own contact asking about their enterprise: who they are (我们厂叫X, 我们是X, 我是X的安全员), or the
// name said after the question (…没整改完？常州鑫源塑业有限公司), and a question about "us" (我们的巡查记录, 我们那边还有几条
// 隐患, 你们上次查出来的问题给多长时间整改). The page of that enterprise answers it.
const INTRO = /^(?:你好|您好|领导好|老师好)?[\s,!]*(?:我们|我|咱们)(?:厂|公司|单位|企业|这边|这里)?(?:的名字|的全称)?(?:叫|是|名字叫|全称是|全称叫)\s*([一-鿿A-Za-z0-9()]{2,30}?)(?:的)?(?:安全员|安全主管|负责人|老板|厂长|员工|工作人员|人)?(?:的)?[\s,;。、:!]+(\S.*)$/;
const NAME_AFTER = new RegExp(`^(\\S.*?)[?\\s,;。、:!]+((?:[\\u4e00-\\u9fffA-Za-z0-9()]{2,30}?(?:有限公司|股份有限公司|有限责任公司))|[\\u4e00-\\u9fffA-Za-z0-9()]{2,12}?${COMPANY_SUFFIX})[?。!\\s]*$`);
// The question is about the sender's enterprise and what its page holds.
const ABOUT_US = /我们|我厂|我司|咱们|咱厂|你们(?:上次|之前|那次)?(?:查|检查|巡查)/;
const PAGE_WORDS = /隐患|问题|巡查|检查|记录|风险|等级|整改|销号|查出/;
const ASKED = /什么|啥|哪些|哪几|几条|几个|多少|多长|多久|什么时候|吗|呢|有没有|\?|想看|看下|看一下|看看|查一下|查下/;

function ownEnterpriseQuestion(asked: string): ParsedMessage | null {
  const intro = INTRO.exec(asked);
  const after = intro ? null : NAME_AFTER.exec(asked);
  const name = intro?.[1] ?? after?.[2];
  const question = intro?.[2] ?? after?.[1];
  if (!name || !question || !ABOUT_US.test(question) || !PAGE_WORDS.test(question) || !ASKED.test(question)) return null;
  // A hazard told (…灭火器过期了) or done (…已经清理干净了) is no question; a code asked about is that hazard's.
  if (/YH\s*\d/i.test(asked) || /已经?|了$/.test(question.replace(/[?。!\s]+$/, '')) && !/[?吗呢]/.test(question)) return null;
  if (problemInName(name) || !/[\u4e00-\u9fff]{2}/.test(name) || NOT_A_NAME.test(name)) return null;
  return { intent: 'query_enterprise', enterprise: name };
}

// "麻烦问一下", "想看下", "我想了解一下", 请问 (what the surface makes of 问一下): the request in front of the question is
// no part of the name.
const WANT_LEAD = /^(?:麻烦|请)?(?:问(?:一下|下)|我?想(?:问|看|查|了解|知道)(?:一下|下|看)?|请问(?:一下)?)\s*/;
// "…给我看一下", "…帮我查查看": the request after the question.
// "…都调出来我看看": what is to be fetched, then shown.
const ASK_TAIL = /\s*(?:都|全部)?(?:调出来|调一下|拉出来|找出来)?(?:我|给我)?(?:麻烦)?(?:给我|帮我|帮忙|麻烦|跟我|和我)?(?:看一下|看下|看看|查一下|查下|查查看?|查询一下|发一下|发我|发给我|说一下|说下|讲一下|讲下|介绍一下)(?:吧|呢|哈)?$/;
// "横林镇的金达纺织…": the town before the name is where it is, not who.
const TOWN_FIRST = /^[\u4e00-\u9fff]{1,6}?(?:镇|街道|乡)(?:的|那边的|那个)?(?=[\u4e00-\u9fffA-Za-z0-9]{2})/;
// A clause beside the question that says why it is asked or thanks: 我们去之前想了解下, 我想先了解一下再去.
const WHY_ASKED = /了解|想知道|再去|去之前|以便|方便|准备去|要去|谢谢|辛苦|麻烦了/;
// A follow-up asking whether the enterprise is the sender's own (归我管吗, 是不是我负责的).
const MINE_FOLLOW = /^(?:那)?(?:是不是|是否)?(?:归我|我)(?:管|负责|的)(?:的)?(?:吗|不|么|没)?$|^(?:是不是|是否)(?:我|我的)(?:管|负责|网格)?的?$|^归谁管(?:的)?$/;

/**
 * "常州市锦程纺织有限公司最近一次巡查是谁去的？有几条隐患没闭环", "长江建材是哪个网格的，风险等级是什么颜色？我想先了解一下再去":
 * the first clause names the enterprise and asks about it; every other clause asks more of the same, says why,
 * or asks to be shown.
 */
function enterpriseQuestionInClauses(asked: string): ParsedMessage | null {
  const tail = ASK_TAIL.exec(asked);
  const text = (tail && tail.index >= 2 ? asked.slice(0, tail.index) : asked).replace(WANT_LEAD, '').replace(TOWN_FIRST, '');
  const clauses = text.split(/[?,;。!]+/).map((c) => c.trim()).filter(Boolean);
  if (!clauses.length || clauses.length > 4) return null;
  const asks = Boolean(tail) || clauses.length > 1 || /\?/.test(asked) || ASKS.test(text);
  if (!asks) return null;
  for (const other of clauses.slice(1)) {
    if (!(WHY_ASKED.test(other) && other.length <= 16) && !MINE_FOLLOW.test(other.replace(TRAILING, '')) && !ASK_TAIL.test(other) && !attributesOnly(other.replace(WANT_LEAD, ''))) return null;
  }
  const first = clauses[0].replace(TRAILING, '');
  const legal = takeLegalName(first);
  if (legal) return legal.rest && !attributesOnly(legal.rest) ? null : { intent: 'query_enterprise', enterprise: legal.name };
  const about = ABOUT.exec(first);
  const attribute = attributeQuestion(first, true);
  return (about && named(about[1])) ?? (attribute && named(attribute[1]));
}

// "永安塑业 这周去过了吗", "华美化工最近有人去过没": whether it was visited is on the enterprise's page. The words
// before the question are the name and the period only, and 去过了 without a question is a patrol told.
const VISITED_ASK = /^([\u4e00-\u9fffA-Za-z0-9()]{2,16}?\s*(?:这周|本周|这个?月|本月|上周|最近|近期|今天|今年)?)\s*(?:有人)?(?:去过|巡查过|检查过|巡过|去|查过)(?:了)?(?:没有?|吗|没)$/;
// "天马纺织逾期的隐患有几条": an enterprise's overdue hazards, asked by a name that ends like an enterprise's (a town
// typed without 镇, 湖塘逾期几条, asks the town's list).
// "宏远包装目前有没有逾期的隐患": whether it has any is asked the same way.
const OVERDUE_AT = new RegExp(`^([\\u4e00-\\u9fffA-Za-z0-9()]{2,16}?(?:${COMPANY_SUFFIX}|有限公司))(?:现在|目前)?(?:的)?(?:(?:有没有|还有没有)(?:的)?(?:逾期|超期)(?:的|未整改的?)?(?:隐患|问题)?|(?:还有|有)?(?:几条|几个|多少条?)?(?:的)?(?:逾期|超期)(?:的|未整改的?)?(?:隐患|问题)?(?:有)?(?:几条|几个|多少条?|哪些|吗|没有)?)$`);
const TRAILING_MARKS = /[?？。!！\s]+$/;
const attributesOnly = (words: string) => words.replace(TRAILING, '').replace(ATTRIBUTE_WORDS, '').replace(/[\s,;。、:]/g, '').length <= 1;

// "恒泰五金那个配电箱的问题整改了没有": the state of what was found at an enterprise is asked; its page answers.
const STATE_ASK = new RegExp(`^([\\u4e00-\\u9fffA-Za-z0-9()]{2,20}?(?:${COMPANY_SUFFIX}|有限公司))(?:那边|那里|那家|家)?(?:的|那个|这个)?[^\\s,;。、:?]{0,12}?(?:整改|处理|改|弄|修|换|清|搬)(?:好|完|掉|走)?了?(?:没有?|吗|没呢|了吗|了没)$`);

// "新博的隐患改完了没", "恒达那几条改了没", "华美那个配电箱修好没", "恒达的问题都解决了没": the same, by a name that need not
// end like an enterprise's; the possessive (的, 那个, 那几条) after the name and the hazard word or thing before the
// job word say whose state is asked.
const STATE_SHORT = /^([\u4e00-\u9fffA-Za-z0-9()]{2,12}?)(?:那边|那里|那家|家)?(?:的(?:隐患|问题|那几条|那条|那个|这几条)|那几条|这几条|那条|(?:那个|这个)[^\s,;。、:?]{1,8}?|(?:上次|上回|之前|以前|那次)?(?:查出来|查出|查|发现|报|提)的(?:隐患|问题|那几条|那个))(?:隐患|问题)?(?:现在|目前)?(?:都|全|全部)?(?:(?:整改|处理|解决|销号|闭环|改|弄|修|换|清|搬)(?:好|完|掉|走|理)?|(?:整改)?(?:到期|逾期|超期))了?(?:没有?|吗|没呢|了吗|了没)$/;

// The words before 的隐患 / 那个… that are no enterprise's name: a thing or place looked at on a visit (灭火器的问题,
// 仓库那几条, 配电箱那个线), a time (上次的, 昨天的), a pronoun (这家, 他们), or someone's words (老板说的).
const NOT_SHORT_NAME = /^(?:这|那|哪|他|她|我|你|咱|上次|上回|之前|以前|昨天|前天|今天|刚才|最近)|说$|^(?:灭火器|消防栓|消火栓|配电箱|配电房|配电柜|电箱|电线|线路|安全出口|出口|通道|消防通道|疏散通道|应急灯|仓库|车间|宿舍|食堂|厂房|楼梯|楼道|屋顶|气瓶|钢瓶|叉车|行车|喷淋|烟感|监控|台账|设备|设施|货架|门口|大门|院子|围墙|二楼|三楼|一楼|现场)$/;
// "上回天宇塑业那个问题…": when it was found, said before the name, is no part of it (named() drops it too).
const WHEN_BEFORE = /^(?:上次|上回|之前|以前|那次)(?=[\u4e00-\u9fff]{2})/;
const shortName = (said: string): boolean => {
  const name = said.replace(WHEN_BEFORE, '');
  return isName(name) && !NOT_SHORT_NAME.test(name);
};

// "华美这个月去了几次", "恒泰今年巡查过几回": how often one enterprise was visited, which its patrols on its page say.
const VISITS_ASK = /^([\u4e00-\u9fffA-Za-z0-9()]{2,16}?\s*(?:这周|本周|这个?月|本月|上周|上个?月|今年|去年|最近|近期|本季度|这个?季度)?)\s*(?:一共|总共)?(?:去|来|巡查|检查|巡|查|走访)(?:了|过)(?:几次|几趟|几回|多少次|多少回|多少趟)(?:了)?$/;

function enterpriseQuestion(asked: string): ParsedMessage | null {
  const bare = asked.replace(TRAILING_MARKS, '');
  const short = STATE_SHORT.exec(bare);
  const state = STATE_ASK.exec(bare) ?? (short && shortName(short[1]) ? short : null) ?? VISITED_ASK.exec(bare) ?? OVERDUE_AT.exec(bare.replace(WANT_LEAD, '')) ?? VISITS_ASK.exec(bare.replace(TRAILING, ''));
  if (state) return named(state[1]);
  const text = asked.replace(ASK_LEAD, '') || asked;
  const m = ABOUT.exec(text.replace(TRAILING, '')) ?? attributeQuestion(text);
  return m ? named(m[1]) : null;
}

/** The enterprise asked about, from the words before the question; null when they cannot be a name. */
function named(said: string): ParsedMessage | null {
  // "华美这个月怎么样": the period is kept for the reply to name, never part of the name.
  // "上次华美化工那个问题改了没": when it was found, said before the name, is no part of it.
  const { period, rest } = takePeriod(said.replace(WHEN_BEFORE, ''));
  // "华美隐患整改得如何": what is asked about (its hazards, their rectification) is no part of the name.
  const name = rest.replace(/\s+/g, '').replace(/(?:一共|总共|现在|目前)$/, '').replace(/(?:的|那边|那里|那家)?(?:那个|这个|那几条|那条|这几条)?(?:隐患|问题)?(?:整改|处理|巡查)?(?:进度|进展|情况)?(?:得|的)?$/, '')
    // "华美这两天咋样了": a stretch of days no period word names is no part of the name either.
    .replace(/(?:最近|近期|近来|现在|目前|之前|以前|这两天|这几天|近几天|前两天|这段时间|这阵子|这段日子)$/, '').replace(/(?<=..)是$/, '')
    // "三元彩印个情况": the Wu possessive 个 (的) after a name is no part of it.
    .replace(/(?<=.{4})个$/, '')
    // "恒达机械咋样了 还有几条没改": the first question, said before the second, is no part of the name.
    .replace(/(?<=..)(?:怎么样|咋样|如何|什么情况|啥情况)了?$/, '').trim();
  // A name holds no question and no pause: "金鹰五金是哪个网格的," is the question read too far; 还没 / 已经 start a
  // state, not a name.
  if (/[,;。、:?]|哪|什么|谁|几/.test(name) || /^(?:还|没|已|不|未|刚)/.test(name)) return null;
  // "伟业模具 巡查完毕 无异常情况" tells a patrol; a name holds no visit or verdict words.
  if (name.length < 2 || NOT_A_NAME.test(name) || PLACE.test(name) || /巡查|检查|巡检|走访|完毕|正常|异常/.test(name)) return null;
  // "仓库还有几个问题没改完", "配电箱咋回事": a thing or place looked at on a visit is asked about, no enterprise.
  if (NOT_SHORT_NAME.test(name)) return null;
  return period ? { intent: 'query_enterprise', enterprise: name, period } : { intent: 'query_enterprise', enterprise: name };
}

// "福星上次是什么时候巡查的", "兴隆机械有几条隐患没整改", "顺达五金的负责人电话多少": a name, then only the
// words of what an enterprise page shows (its hazards, patrols, risk, contact) and a question word.
const ATTRIBUTE_START = /\s*(?:的|那边|那里|那家|那条|那几条|这条|这几条)?\s*(?:企业|公司)?(?:之前|以前|原来|过去)?的?(?:什么时候|啥时候|销号|复查|验收|(?:整改)?期限|是不是|是否|是(?=重点|规上|规下|红|橙|黄|蓝|几类|哪类|什么)|联系人|有(?=隐患|问题)|(?:巡查|检查|隐患|整改)?(?:记录|档案|信息|详情|资料|列表|清单)|现在|目前|最近|上次|上一次|上回|上一回|下次|(?:是)?谁(?=去|来|巡|查|检查|走访)|下一次|最近一次|有几|有多少|有没有|还有|(?:有|出|发生)过(?=几|多少|隐患|问题|事故)|是哪个|属于哪个|隐患|问题|风险|负责人|联系人|安全员|老板|电话|地址|巡查|检查|整改)/;
// 还是 asks which of two (华美是红的还是黄的); 期限 / 到期 / 明天 ask or check a deadline (鼎盛的整改期限是不是明天).
const ATTRIBUTE_WORDS = /那边|那里|还是|销号|复查|验收|期限|时限|截止|到期|日期|时间|啥时候|那几条|那条|这几条|这条|明天|后天|今天|下周|月底|有过|出过|发生过|事故|次|情况|和|与|及|网格|片区|镇|街道|哪个|属于|是谁去的|谁去的|去的|不是|该|现在|有无|没有改|没改|列表|清单|之前|以前|原来|过去|都|全部|已经|重点企业|重点|规上|规下|企业|红色|橙色|黄色|蓝色|红|橙|黄|蓝|几类|哪类|类|记录|档案|信息|详情|资料|是什么时候|什么时候|是哪天|目前|最近一次|最近|上一次|上次|上一回|上回|上个?月|这个?月|本月|上周|这周|本周|今年|去年|结果|怎么样|咋样|如何|下一次|下次|什么时候|哪天|几号|多久|是谁|谁|是什么|什么|是啥|啥|是多少|多少|几条|几个|几次|有没有|还有|有|没有?|未|隐患|问题|风险|等级|颜色|级别|负责人|联系人|安全员|老板|电话|号码|联系方式|地址|在哪|巡查|检查|巡|去|查|整改|处理|完|闭环|的|了|过|是|吗|呢|\?/g;
const ASKS = /还是|是不是|是否|有无|联系人|负责人|电话|地址|安全员|记录|档案|信息|详情|资料|列表|清单|什么|啥|几|多少|谁|哪|吗|呢|有没有|\?/;

function attributeQuestion(asked: string, askedAround = false): RegExpExecArray | null {
  if (!askedAround && !ASKS.test(asked)) return null;
  const text = asked.replace(TRAILING, '');
  const start = ATTRIBUTE_START.exec(text.slice(2));
  if (!start) return null;
  const cut = start.index + 2;
  const rest = text.slice(cut);
  // The name is one word: a sentence in front (今天到永丰化工看了看…) is a story, not a name.
  const name = text.slice(0, cut).replace(/[\s,;。、:]+$/, '');
  // A period said after the name (恒泰五金去年有没有…) is no verb in a sentence: 去 of 去年 is not 去 of 去了.
  const bareName = takePeriod(name).rest.replace(/\s+/g, '');
  if (!/^[\u4e00-\u9fffA-Za-z0-9()（）]{2,14}$/.test(name) || /^有|看|查|去|到|在|把|哪|什么|啥|重大|逾期|任务/.test(bareName)) return null;
  if (rest.replace(ATTRIBUTE_WORDS, '').replace(/[\s,;。、:]/g, '').length > 1) return null;
  const m = [text, text.slice(0, cut)] as unknown as RegExpExecArray;
  return m;
}
