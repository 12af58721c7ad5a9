// Messages without a leading command word that still have one clear reading. Anything less clear stays
// 'unknown' so the bot answers with help instead of guessing a write.
import type { ParsedMessage } from '../intents.js';
import { findHazardCode } from './codes.js';
import { matchCommand } from './commands.js';
import { CHAT_LEAD } from './chat-lead.js';
import { parseCodeSentence } from './code-sentence.js';
import { cleanPlace, parseTrailingQuery, PLACE, takePeriod } from './queries.js';
import { PROBLEM } from './problem-words.js';
import { parseDeadline } from '../../../lib/deadline.js';
import { DEPARTMENT } from './departments.js';
import { COMPANY_SUFFIX } from './slots.js';
import { NORMAL_TOKEN, saysNormal } from './report.js';
import { parseEnterpriseQuestion, parseFiguresQuestion, parseScopeQuestion } from './questions.js';
import { parseSupervision } from './supervision.js';
import { OVERDUE, parseFiguresAsk, parseTownQuestion } from './town-questions.js';
import { parsePatrol, parseReport } from './report.js';
import { isName, parseProblemFirst, parseStory } from './story.js';
import { DAY_WORDS, HOUR_WORDS, WEEK_WORDS, WHEN_TOLD } from './time-words.js';

// 这周 in front of a command is the period asked about (这周巡查完成率多少), so it is no time to drop here.
const TIME_PREFIX = new RegExp(`^(?:${DAY_WORDS})?(?:${HOUR_WORDS})?\\s*`);
// A message that starts with a time or a place word (今天华美那边…, 在…) is read by parseProblemFirst.
const TIME_OR_PLACE_FIRST = new RegExp(`^(?:${WEEK_WORDS}|${DAY_WORDS}|${HOUR_WORDS}|在)`);
const TRAILING_REPORT = /(?:你给|给我|帮忙|帮我|请|麻烦|需要|要|给)?(?:上报|报一下|上报一下|报上去|登记一下|登记下|登记个隐患|报个隐患|报一下隐患|记一下|记个隐患)(?:一下)?(?:吧|啊|哈|呀)?$/;
// "森泰地板的隐患登记一下 砂光车间…", "通达运输停车场的隐患，充电桩下面…": the report verb (or 的隐患 and a pause)
// after the name and before the problem.
const INNER_REPORT = /(?:的)?(?:隐患|问题)(?:登记|上报|报)(?:一下|下)?(?=[\s,;。、:])|(?:的|有个|有一个|有一处)隐患(?=[\s,;。、:])|[\s,;。、:](?:上报|登记|报告)(?:一下|个|一个)?(?:重大|一般)?(?:隐患|问题)?(?=[\s,;。、:])/;
// "华美那边灭火器过期了": a place word after a name, then a problem.
const LOCATIVE_PROBLEM =
  /^[^\s,;。、]{1,16}?(?:那边|那里|那儿|这边|厂里|公司里|家的)\S*(?:过期|堵|杂物|未|没有|没|坏|破|漏|隐患|问题|缺|失效|老化|锁|占用|乱|违规|不合格|超|裸露|松动|脱落|积|私)/;
// "我这边 安全出口被锁了", "咱们这儿，灭火器过期了": the sender's own place said first names no enterprise. The problem
// is a report without one, and the dialog asks which enterprise (name-edges.ts drops such words read as a name).
const SENDER_PLACE = /^(?:我|我们|咱|咱们|俺|俺们)(?:这边|这里|这儿|这块)[\s,;。、:]+(?=\S)/;
// "今天跑了三家，巡查 金阳光木业 正常": how many places the day took, said before the one told; no part of it.
const VISITS_COUNTED = new RegExp(`^${WHEN_TOLD}(?:我)?(?:跑了|去了|巡了|巡查了|检查了|看了|走了|转了)[\\d一二两三四五六七八九十几]+家(?:企业|厂)?(?:了)?[\\s,;。、:!~]+(?=\\S{2})`);
// "去华美巡查了，正常".
const VISIT = /^(?:去|到|在)([^\s,;。、]{1,16}?)(?:巡查|巡检|检查)(?:了|一下)*[\s,;。、:]*(.*)$/;
// "我发现华美灭火器过期了": a sighting is a report.
const SEEN = new RegExp(`^我?${WHEN_TOLD}(?:在)?(?:发现|看到)了?[\\s,;。、:]*(\\S.{3,})$`);
const TAKE_BACK =
  /^(?:请|麻烦)?(?:帮我)?(?:撤销|撤回|删除|删掉|取消|作废)(?:掉)?(?:我)?(?:刚才|刚刚|刚|上一条|上条|之前|前面|最近)(?:一条|那条)?(?:发|提交|报|上报|登记|说|写)?(?:的|了的)?(?:信息|消息|内容|那条|那个|记录|隐患)?(?:吧)?$/;
// Giving up what is being written: 当我没说, 不弄了, 先不要提交了, 取消掉吧, ending the message or said alone.
const GIVE_UP = /当我没说|^(?:刚才|刚刚|上一条|那条|刚才那条|刚才的)(?:那条|的)?(?:发|报|写|填)错了$|^(?:不弄了|不搞了|不报了|不登记了|不提交了)|(?:不弄了|不搞了|不报了|先?不要?(?:提交|上报|报|登记)了|别(?:提交|上报|报|登记)了|取消掉|撤回掉?|作废掉)(?:吧|哈|啊|呀|了)*$/;
const COMPANY_WORD = new RegExp(`[\\u4e00-\\u9fff]{2,}${COMPANY_SUFFIX}`);
const QUESTION = /(?:什么|啥|哪些|多少|几个|几家|几条|清单|列表|情况|有没有|吗|呢|干嘛|干啥|\?)/;

// Spoken fillers in front of a dictated message (嗯 / 那个 / 就是): no part of any reading.
const FILLER = new RegExp(`^(?:(?:嗯+|呃+|额+|那个|这个(?![月星礼季周])|就是|我说)[\\s,;。、:]*|${CHAT_LEAD})+`, 'i');

// Dictation leaves fillers between the words too (嗯 上午 那个 去了…): none of them is part of any reading.
const INNER_FILLER = /(?<=^|\s)(?:嗯+|呃+|额+|那个|就是|然后)(?=\s|$)/g;

export function parseImplicit(input: string, now: Date): ParsedMessage | null {
  const text = input.replace(INNER_FILLER, ' ').replace(/\s+/g, ' ').trim().replace(FILLER, '') || input;
  const timed = TIME_PREFIX.exec(text);
  if (timed) {
    const cmd = matchCommand(text.slice(timed[0].length));
    // "今天巡查了3家 都正常" counts visits and names none: no patrol to record.
    if (cmd?.command === 'patrol' && /^[\d一二三四五六七八九十几两]+家/.test(cmd.rest)) return null;
    if (cmd?.command === 'patrol') return parsePatrol(cmd.rest, now);
    if (cmd?.command === 'report') return parseReport(cmd.rest, now);
  }
  const counted = VISITS_COUNTED.exec(text);
  if (counted) {
    const rest = text.slice(counted[0].length);
    const cmd = matchCommand(rest);
    const told = cmd?.command === 'patrol' ? parsePatrol(cmd.rest, now) : cmd?.command === 'report' ? parseReport(cmd.rest, now) : parseImplicit(rest, now);
    if (told && (told.intent === 'patrol' || told.intent === 'report') && told.enterprise) return told;
  }
  const code = findHazardCode(text);
  if (code) return parseCodeSentence(text, code, now);
  const bind = /绑定/.test(text) ? text.match(/(?<!\d)(?:\d{4}[\s-]?\d{6}|\d{6})(?!\d)/g) : null;
  if (bind?.length === 1) return { intent: 'bind', code: bind[0].replace(/[\s-]/g, '') };
  // "刚才那条发错了 取消", "那条发错了，是要发到别的群的，不算了啊": a withdrawal said after why.
  // "…你帮我撤回一下", "刚才那个发错了 cancel": the withdrawal may take 一下 / 掉, or be said in English.
  if (/(?:发错|报错|弄错|搞错|写错|打错|错了|不对|那条|上一条|刚才)[\s\S]{0,24}(?:取消|撤回|撤销|删掉|删除|作废|不要了|算了|不算了|不算|cancel)(?:一下|下|掉)?(?:吧|啊|哈|呀|哦)?$/i.test(text) && !findHazardCode(text)) return { intent: 'cancel' };
  // "不算了，刚才那个企业名字打错了", "不算了不算了 刚才报错厂了": the withdrawal first, then why (a slip in what was sent).
  if (/^(?:不算了|不算|不要了|作废|撤回|撤销|删掉)[\s,!。~]*(?:不算了[\s,!。~]*)?(?:刚才|刚刚|上一条|那条|刚才那条|刚才那个|前面)[\s\S]{0,16}(?:错|不对)/.test(text) && !findHazardCode(text)) return { intent: 'cancel' };
  // "不弄了 刚才那条当我没说", "那条发错了 先不要提交了 取消掉吧": giving up the message in hand, said in plain words.
  if (GIVE_UP.test(text) && text.length <= 40 && !COMPANY_WORD.test(text)) return { intent: 'cancel' };
  // "撤销刚刚发的", "请撤销刚才提交的信息": taking back the message just sent.
  if (TAKE_BACK.test(text)) return { intent: 'cancel' };
  const onSite = parseOnSite(text);
  if (onSite) return onSite;
  const trailingQuery = parseTrailingQuery(text);
  if (trailingQuery) return trailingQuery;
  // A town office head supervising (谁还没巡, 王建国这周巡了几家, 排个名, 把逾期的都交办下去).
  const supervised = parseSupervision(text);
  if (supervised) return supervised;
  const question = parseScopeQuestion(text) ?? parseFiguresQuestion(text) ?? parseTownQuestion(text) ?? parseEnterpriseQuestion(text);
  if (question) return question;
  const figures = parseFiguresAsk(text);
  if (figures) return figures;
  const story = parseStory(text, now);
  // "ok 天宇电器 刚走": the ok in front is the verdict of the visit told after it.
  if (story?.intent === 'patrol' && !story.result && /^(?:ok|好了|搞定|完事)[\s,;。、:!~]/i.test(input)) return { ...story, result: 'normal' };
  if (story) return story;
  const visit = VISIT.exec(text);
  if (visit) return parsePatrol(`${visit[1]} ${visit[2]}`, now);
  const seen = SEEN.exec(text);
  if (seen) return parseReport(seen[1], now);
  const inner = INNER_REPORT.exec(text);
  if (inner && /[^\s,;。、:]{2}/.test(text.slice(0, inner.index))) {
    const said = parseReport(`${text.slice(0, inner.index)} ${text.slice(inner.index + inner[0].length)}`, now);
    return inner[0].includes('重大') ? { ...said, level: 'major', levelReason: undefined } : said;
  }
  const trailing = TRAILING_REPORT.exec(text);
  if (trailing && /[^\s,;。、:]{2}/.test(text.slice(0, trailing.index))) {
    const said = parseReport(text.slice(0, trailing.index), now);
    // "请横林镇于12月5日前将逾期隐患整改情况上报": an instruction to a town or an office is no hazard.
    if (!(said.enterprise && NOT_AN_ENTERPRISE.test(said.enterprise))) return said;
  }
  const senderPlace = SENDER_PLACE.exec(text);
  const told = senderPlace ? text.slice(senderPlace[0].length) : '';
  if (told && PROBLEM.test(told) && !saysNormal(told)) return parseReport(told, now);
  // A problem told after a time or place word (今天华美那边…) is read by parseProblemFirst, which asks.
  if (LOCATIVE_PROBLEM.test(text) && !saysNormal(text) && !TIME_OR_PLACE_FIRST.test(text)) return parseReport(text, now);
  // "请列出当前全区尚未销号的重大事故隐患": the formal 重大事故隐患 is the same list. A hazard told at an enterprise and
  // called major (常州润丰…酸和碱混在一起放…我看是重大隐患请领导关注) is a report, not the list; 我看 (I think) asks nothing.
  const majorAsked = /重大(?:事故)?隐患/.test(text) && (QUESTION.test(text) || /列|发我|发一下|给我|清单|看一下|看看|看下|调出/.test(text));
  if (majorAsked && !(COMPANY_WORD.test(text) && PROBLEM.test(text))) return { intent: 'major' };
  // "还没销号的重大隐患", "重大的有哪些": the list of major hazards.
  if (/^(?:还)?(?:没|未)(?:销号|整改|闭环|整改完)的重大隐患$|^重大的?(?:有)?(?:哪些|几个|几条|多少)/.test(text)) return { intent: 'major' };
  // "机器人有什么用", "发照片有用吗", "你好 我是新来的网格员": what the bot is for.
  if (/有(?:什么|啥)用|有用吗|^(?:你好|您好|hi|hello)[\s,，!！]*(?:我是|我刚|新来|第一次)/i.test(text)) return { intent: 'help' };
  // "不会用 教一下", "第一次用 怎么开始", "有啥命令": asking how to use the bot.
  if (/不会用|教(?:一下|我|下)|怎么开始|从哪开始|(?:有|都有)(?:啥|什么|哪些)(?:命令|指令|功能)|新手|第一次用/.test(text)) return { intent: 'help' };
  if (OVERDUE.test(text) && QUESTION.test(text)) return overdueAsked(text);
  if (/^(?:我的)?(?:待复查|待处理|待整改|待审核|待办)(?:的|事项|任务|工作)?$/.test(text)) return { intent: 'tasks' };
  // "我还有啥事没做", "有没有交办给我的活": the sender's own work, asked in plain words.
  if (/(?:啥|什么|哪些)(?:事|活)(?:儿)?(?:没|还没|要|得|该)|(?:交办|派|分|安排|指派)给我的?|我的活|有活(?:吗|没)/.test(text) && QUESTION.test(text)) return { intent: 'tasks' };
  // "还有啥要我处理的", "还有什么 要我去处理的": what is waiting for the sender to do.
  if (/(?:啥|什么|哪些|有没有|有无)(?:事|活)?(?:儿)?\s*(?:要|需要|得|该|等)我(?:去|来)?(?:处理|做|办|弄|干|复查|整改|看|跟进|巡查)/.test(text)) return { intent: 'tasks' };
  if (/任务|待办|要巡查|该巡查|要做|要干|要弄|要处理|要办|干啥|干什么|做啥|做什么|没干完|没做完|没弄完|没办完|没处理|未处理|待处理|没办|没弄完|要复查|待复查|待我|该复查|等我/.test(text) && QUESTION.test(text)) return { intent: 'tasks' };
  // "今天啥活", "这周有什么活要干": the sender's work for a day, asked in two words.
  if (/^(?:我)?(?:今天|今日|明天|这周|本周|现在)?(?:还)?(?:有)?(?:啥|什么|哪些)(?:活|活儿|事|事情|工作)(?:要干|要做|要办)?(?:吗|呢|啊)?$/.test(text)) return { intent: 'tasks' };
  // "我今天的任务", "今天的待办": the tasks command with its possessive and time words in front.
  if (/^(?:我的?)?(?:今天|今日|本周|这周)?的?(?:任务|待办)(?:事项)?$/.test(text)) return { intent: 'tasks' };
  const problem = parseProblemFirst(text, now);
  if (problem?.intent === 'report' && problem.enterprise && NOT_AN_ENTERPRISE.test(problem.enterprise)) {
    // "遥观镇 消防通道堵了": a problem in a town names no enterprise; the bot asks which one. An instruction
    // (请横林镇…) or a notice is no hazard at all.
    if (/^(?:请|由)|通知|安委办|安监办|安监站|应急办|^各|^全区/.test(problem.enterprise)) return null;
    return { ...problem, enterprise: undefined, description: [problem.enterprise, problem.description].filter(Boolean).join(' ') };
  }
  return problem ?? loneName(text, now);
}

// "横林镇现在逾期的有几条", "这个月逾期的有哪些": the town and period asked about are kept, never a
// different scope answered in silence. 我们镇 / 本镇 mean the sender's own scope: no place.
function overdueAsked(text: string): ParsedMessage {
  const { period, rest } = takePeriod(text);
  const matched = PLACE.exec(rest)?.[0];
  const place = (matched && cleanPlace(matched)) ?? barePlace(rest.trim());
  return { intent: 'overdue', place: place && !/^(?:我们|咱们?|本|这个?|那个?|各)/.test(place) ? place : undefined, period };
}


// "遥观 过期未整改的有哪些": a short first word before the question is the town as typed, without its 镇;
// the conversation resolves it among the sender's towns or says it does not know it.
function barePlace(text: string): string | undefined {
  const m = /^([\u4e00-\u9fff]{2,4})[\s,;。、:]+\S/.exec(text);
  return m && !/^(?:我们|咱们?|本|这个?|那个?|各|所有|全部|现在|目前|还有|有没有|哪些|逾期|超期|过期)/.test(m[1]) ? m[1] : undefined;
}

// What a worker looks at on a visit: named alone after an enterprise (兴业针织 灭火器) it says neither what is
// wrong nor that all is well, so the bot asks whether to report a hazard or record the patrol.
const CHECK_ITEM = /^(?:灭火器|消防栓|消火栓|配电箱|配电房|配电柜|电箱|安全出口|疏散通道|消防通道|疏散指示|应急灯|应急照明|电线|线路|气瓶|钢瓶|液化气|燃气|粉尘|除尘器|除尘设备|有限空间|叉车|行车|危化品|危险品|仓库|车间|宿舍|食堂|喷淋|烟感|监控|台账|消防设施|消防器材|用电|充电桩|电动车|防爆灯|安全帽|劳保用品)$/;
// "我现在在东方精密这边，请问接下来要怎么弄": at a site and asking what to do there.
const AT_SITE = /^(?:我)?(?:现在|刚|正|已经|已)?(?:在|到了?)\s*([^\s,;。、:]{2,16}?)(?:这边|这里|这儿|门口|厂里|了)?(?:了)?[\s,;。、:]*(?:请问)?(?:接下来|下一步|然后|现在)?(?:我)?(?:要|该|应该|需要)?(?:怎么|咋|如何|干啥|做什么|干什么)(?:弄|办|做|操作|搞|记|报)?(?:呢|啊|呀)?$/;

// "润泽塑胶 你帮我看一下 要怎么弄", "鑫盛塑业那边你看怎么弄，老板一直打电话给我": an enterprise named, then the bot
// asked what to do about it; "老王的厂 照片我发上来了 你看看": a photo sent about it. Report or patrol?
// "鼎盛模具 那个事咋弄", "恒达 那件事情怎么办": the matter at the enterprise (那个事; the surface may have dropped 那个)
// is what is to be dealt with, and the bot asks how.
const WHAT_NOW = /^([^\s,;。、:]{2,16}?)(?:那边|这边|那里|这里|的事|这家)?[\s,;。、:]*(?:那个[\s,;。、:]*)*(?:的?(?:那个|这个|那件|这件|那|这)?(?:事情|事儿|事)[\s,;。、:]*)?(?:(?:你|您)?(?:帮我|帮忙|给)?(?:看(?:一下|下|看)?)?[\s,;。、:]*(?:要|该|应该)?(?:怎么|咋|如何)(?:弄|办|处理|搞)|(?:照片|图片|相片|视频)(?:我)?(?:已经?)?(?:发|传|拍)(?:上来|过来|给你|上去)?了?[\s,;。、:]*(?:你|您)?(?:看看|看一下|看下)?)(?:呢|啊|呀|吧)?(?:[\s,;。!?].*)?$/;
// "精工模具 查一下": a name, then asked to be looked up (查一下, not 查了: a visit is told in the past).
const LOOK_UP = /^([^\s,;。、:]{2,16})[\s,;。、:]+(?:帮我|给我|麻烦)?(?:查一下|查查|查下|查一查)(?:吧|呢|看)?$/;

// 复查怎么弄, 隐患怎么报, 签收怎么弄: a command word asked about is how-to, never an enterprise. The words are the
// verbs of the chat language (SPEC §6) and the departments' and admins' verbs (签收, 报到, 交办, 吹哨, 销号, 作废).
const COMMAND_WORD = /^(?:复查|巡查|检查|整改|上报|报告|隐患|验收|销号|交办|吹哨|报到|签收|作废|撤回|统计|排名|查询|绑定|逾期|任务|待办|帮助)/;

/** An enterprise named with a check item only, or a worker at a site asking what now: report or patrol? */
export function parseOnSite(text: string): ParsedMessage | null {
  const lookUp = LOOK_UP.exec(text);
  if (lookUp && !/情况|记录|的$|个$/.test(lookUp[1]) && isName(lookUp[1]) && !CHAT_WORD.test(lookUp[1]) && !/^(?:这|那|哪|我|你)/.test(lookUp[1])) return { intent: 'query_enterprise', enterprise: lookUp[1] };
  const asked = WHAT_NOW.exec(text);
  if (asked && !COMMAND_WORD.test(asked[1]) && isName(asked[1]) && !CHAT_WORD.test(asked[1]) && !DEPARTMENT_ONLY.test(asked[1]) && !/^(?:这|那|哪|我|你|他)/.test(asked[1]) && !PROBLEM.test(text)) {
    return { intent: 'ambiguous', options: [{ intent: 'report', enterprise: asked[1] }, { intent: 'patrol', enterprise: asked[1] }] };
  }
  const at = AT_SITE.exec(text);
  const pair = /^([^\s,;。、:]{2,16})[\s,;。、:]+([^\s,;。、:]{2,8})$/.exec(text);
  const name = at ? at[1] : pair && CHECK_ITEM.test(pair[2]) ? pair[1] : undefined;
  if (!name || !isName(name) || CHAT_WORD.test(name) || DEPARTMENT_ONLY.test(name) || /^(?:这|那|哪)/.test(name)) return null;
  // The item alone says nothing a hazard record could use (a hazard described as 灭火器): whichever is chosen,
  // the dialog asks next what is wrong with it, or how the patrol went.
  return { intent: 'ambiguous', options: [{ intent: 'report', enterprise: name }, { intent: 'patrol', enterprise: name }] };
}

// A town, the district, an office or a notice is never the enterprise of a report.
const NOT_AN_ENTERPRISE = new RegExp(`^(?:请|由)?(?:[\\u4e00-\\u9fff]{1,6}?(?:镇|街道|乡)(?:政府|安监办|办)?|全区|各镇街?|各街道|各网格|[\\u4e00-\\u9fff]{0,4}(?:安委办|安监办|安监站|应急办)(?:通知|要求)?|通知)$`);

const DEPARTMENT_ONLY = new RegExp(`^${DEPARTMENT.source}$`);

// Chat words that are a whole message and never an enterprise's name.
const CHAT_WORD = /^(?:谢谢|感谢|多谢|好的|收到|明白|了解|知道|辛苦|早上好|上午好|中午好|下午好|晚上好|早安|晚安|你好|您好|哈哈|嗯嗯|没事|不用|可以|行吧|好吧|测试|试试|什么|怎么|为什么|再见|拜拜|大家好|在的|没有|有的|是的|对的|不对|不是|稍等|等一下|马上|来了|好嘞|好滴|了解了|同事|领导)/;

/** "华美": a lone word may be an enterprise (to look at, patrol or report on); the dialog checks the scope. */
function loneName(text: string, now: Date): ParsedMessage | null {
  if (!/^[\u4e00-\u9fffA-Za-z0-9()（）]{2,20}$/.test(text) || !/[\u4e00-\u9fff]{2}/.test(text)) return null;
  if (CHAT_WORD.test(text) || /[吗呢啊吧呀哦嘛了的]$/.test(text) || PROBLEM.test(text) || QUESTION.test(text)) return null;
  if (/巡查|检查|复查|整改|统计|排名|打开|使用|方法|网页|隐患|任务|谁|最/.test(text)) return null;
  // Pronouns, time words and negations start sentences, not names; verdicts and departments answer questions.
  if (/^[不没未已你我他她它这那今明昨请帮\d]/.test(text) || parseDeadline(text, now) !== null || /看|说|问|想|要|去|来/.test(text)) return null;
  if (NORMAL_TOKEN.test(text) || /^(?:通过|合格|重复|属实)$/.test(text) || DEPARTMENT_ONLY.test(text)) return null;
  const options: ParsedMessage[] = [
    { intent: 'query_enterprise', enterprise: text }, { intent: 'patrol', enterprise: text }, { intent: 'report', enterprise: text },
  ];
  return { intent: 'ambiguous', name: text, options };
}
