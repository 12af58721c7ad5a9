// Reports and patrols told the way people talk: the enterprise first and the problem after it
// (恒泰 消防通道堵了 三天内弄好), or a visit told as a story (刚去恒泰转了一圈 都挺好).
import type { ParsedMessage } from '../intents.js';
import { tidy } from './normalise.js';
import { NORMAL_TOKEN, parsePatrol, parseReport, saysNormal } from './report.js';
import { PROBLEM, problemInName } from './problem-words.js';
import { PATROL_KIND } from './patrol-kinds.js';
import { DEPARTMENT } from './departments.js';
import { COMPANY_SUFFIX } from './slots.js';
import { takeLegalName } from './legal-name.js';
import { HANDLED } from './clerk-lead.js';
import { DAY_WORDS, HOUR_WORDS, WEEK_WORDS, WHEN_TOLD } from './time-words.js';
import { parseDeadline } from '../../../lib/deadline.js';
import { HEDGE } from './beside-verdict.js';

export { PROBLEM } from './problem-words.js';

// "今天第一次去", "下午又去了": how often or in what order the visit came is no part of it.
// "今天我带队去了…": who went along (带队, 陪同领导) is no part of the visit either.
const TIME = `(?:${WHEN_TOLD}\\s*(?:第一次|头一回|又|再次?|也|还|顺便|顺路|一早)?(?:(?:我|我们)?(?:带队|带人|陪同领导|陪领导|陪同|和同事|跟同事|一起))?)`;
// Spoken fillers in front of a dictated message: "嗯那个恒泰纺织啊…".
// A severity word in front (特别严重 天宏化工 …) says how bad, not who.
// 打卡 / 签到 in front says the visit is being logged, the way a worker clocks in at a site.
const FILLER = /^(?:(?:嗯+|呃+|额+|那个|这个(?![月星礼季周])|就是|我说|报告|特别严重|非常严重|很严重|严重|紧急|注意|打卡|签到|巡查打卡)[\s,;。、:!✅✔]*)+/;
// Who made the visit, in front of it: 我, 我们, or a department (市监今天去了…, 消防大队今天抽查…). The
// subject is never the enterprise visited.
const SUBJECT = new RegExp(`^(?:${DEPARTMENT.source}|我们|咱们|我)(?:(?:和|跟|与|同)[\\u4e00-\\u9fff]{1,4}?)?(?:的同志|同志|的领导|领导|的工作人员|工作人员|人员|的人|这边|几个人|俩|两个)?(?=\\s*(?:今天|今日|昨天|刚才|刚刚|刚|上午|下午|早上|中午|晚上|第一次|又|去|到|对|来|抽查|抽检|暗访|检查|巡查|走访|联合))`);
const VISIT_VERB =
  '(?:(?:检查|巡查|巡检)(?:完毕|结束)了?|去了?一趟|去了一下|去看了一?下|去看了|转了一圈|转了一下|转了转|转转|转了|走了一趟|走了一圈|走访了?|看了一下|看了看|看过了|看了|(?:瞅|瞧)(?:了一眼|了一圈|过了|了)|溜达了一圈|转悠了一圈|查了一遍|查了一下|查过了|查了|检查了一下|检查了|检查完了?|巡查了一下|巡查了|巡查完了?|巡检了?|巡了一下|巡了|巡完了?|出来|回来|巡查|检查)(?:一下|一圈|一遍)?';
// 去/到/在/从 <name> <visit verb> <result>
const GO_VISIT = new RegExp(`^${TIME}(?:我)?(?:去了?|到了?|在|从|把|对)(?:一?趟)?\\s*([^\\s,;。、:]{2,16}?)\\s*(?:进行了?|开展了?)?${PATROL_KIND}*${VISIT_VERB}[\\s,;。、:]*(.*)$`);
// 去了 <name> <result>: 去了 alone says the visit happened.
const WENT = new RegExp(`^${TIME}(?:我)?(?:去了一?趟?|到了|去过|跑了一?趟?|走了一?趟|巡了|巡查了|巡检了|检查了|查了|走访了|看了|抽查了?|抽检了?|暗访了?|突击检查了?|复查了|复巡了?|(?:瞅|瞧)了一?眼)\\s*([^\\s,;。、:]{2,16})[\\s,;。、:]+(.+)$`);
// "下午跑了凯丰电器那边他们刚做完消防演练…": dictated without a pause, the place word after the name ends it.
const WENT_PLACED = new RegExp(`^${TIME}(?:我)?(?:去了一?趟?|到了|去过|跑了一?趟?|走了一?趟|巡了|巡查了|检查了|走访了|看了)\\s*([^\\s,;。、:]{2,16}?)(?:那边|这边|那里|那儿)[\\s,;。、:]*(\\S.*)$`);
// <name> 巡完了 / 看过了 <result>
// A place word, the sender and a time may sit between the name and the verb: 博远那边我昨天去过了.
const NAME_DONE = new RegExp(`^([^\\s,;。、:]{2,16}?)(?:那边|那里|那儿|这边|那嘎达|搁那儿|搁那|那个)?我?(?:上周|这个月|本月|${WHEN_TOLD})(?:又|再|也)?(?:复查过了|复查完了|去过了|去过|去了一?趟|去了一下|去了|去看了(?:一?下)?|去看过了|走了一圈|走了一趟|跑了一趟|复查了(?:一下|一遍)?|回访了?|查了|走访了?|走访过了|(?:检查|巡查|巡检)(?:结果|情况)(?:是|为)?|(?:检查|巡查|巡检|巡)(?:完毕|结束)了?|巡完了?|巡查完了?|检查完了?|看过了|看完了|巡查过了?|检查过了?|查过了|查完了|巡了|巡过了|转过了|(?:检查|巡查|巡检)了(?:一下|一遍|一圈)?|转了一圈|看了一下|看了一眼|看了一圈|看了看|看了(?=[\\s,;。、:])|(?:瞅|瞧)(?:了一眼|了一圈|过了|了)|去(?:瞅|瞧)了(?:一眼|一圈)?|溜达了一圈)(?:一下|下(?=\\S{2}))?[\\s,;。、:]*(.*)$`);
// "瑞星纺织 今天检查 正常": the name, a time word, the visit verb, then the verdict, each on its own.
const NAME_TIME_VISIT = new RegExp(`^([^\\s,;。、:]{2,16})[\\s,;。、:]+${WHEN_TOLD}\\s*${PATROL_KIND}*(?:检查|巡查|巡检|走访|看了|查了|检查了|巡查了)(?:完毕|结束|完)?(?:了|过)?[\\s,;。、:]+(.+)$`);
// A visit said as its own part of the message, after the name: "华盛 巡完了 …", "春晖纺织 已检查 没问题",
// "海天食品 现场检查 合格", "荣达 去了 一切都好", "伟业模具，今天去巡查了，发现…"; or glued to it: "新亚检查 存在问题：…".
const VISIT_PART = new RegExp(
  `^${TIME}(?:已经?|我?去|到|来)?${PATROL_KIND}*(?:复巡|复检|回访|巡查|巡检|检查|走访|回头看|巡|查看|看|查)(?:了|过|完|完毕|结束|打卡|一下|一圈|一遍|一趟|结果|情况)*(?:是|为)?$` +
  // "巡检了下", "看了下", "查了一下": the verb done, then 下 (a bare 看下 / 查下 asks to look, so 了 must come first).
  `|^${TIME}(?:已经?|我?去)?${PATROL_KIND}*(?:巡查|巡检|检查|走访|巡|查看|看|查)了一?下$` +
  // "巡好了", "检查好了": done with the visit (好 after a patrol verb, never 看好了).
  `|^${TIME}(?:已经?)?(?:巡查|巡检|检查|巡)好了?$` +
  // "刚走", "刚出来": the worker has just left the site.
  // "今天去的", "上午来的", "已去", "己去" (a slip of 已): the visit said as done, in the 的 shape or with 已.
  `|^${TIME}(?:我|我们)?(?:去|来|到|过去)(?:过)?的$|^${TIME}[已己](?:经)?(?:去|到)(?:过)?了?$` +
  `|^${TIME}(?:我?去了|我?去过了?|到此一游|跑了一趟|跑过了?|跑了|走了一趟|刚走|走了|刚出来|出来了|刚离开|我?(?:去)?(?:瞅|瞧)(?:了一眼|了一圈|过了|了)|溜达了一圈)$`,
);
const VERDICT_GLUED = new RegExp(`^(?:已经?)?${PATROL_KIND}*(?:巡查|巡检|检查|走访)(?:了|过|完|结果|情况)*(?:是|为)?(\\S+)$`);
// "金诚模具安全检查结果：合格": the kind of visit and 结果 between the name and the verdict.
const VISIT_TAIL = new RegExp(`^(.{2,16}?)(?:我|我们)?${WHEN_TOLD}(?:${PATROL_KIND}|安全)*(?:巡查|检查|巡检|走访)(?:完毕|结束|完|了|过|打卡|结果|情况)*$`);

// A return visit: what was wrong last time told as put right now (上次的危化品已经分开放了, 电瓶车都挪出去了,
// 围堰砌好了, 上次提出的问题已落实), then a verdict of all well (没发现新问题, 中了). Nothing is found: the patrol is normal,
// and what was put right is its note. A clause that tells of anything still wrong (还没, 又发现, 但是) is a finding.
const FIX_VERB = '(?:落实|整改|处理|解决|消除|完成|清理|安装|更换|加装|维修|修复|改|修|换|清|搬|挪|移|分开|分类|装|补|砌|撤|收拾|拾掇|弄|搞|整|配|贴|挂|腾|归)';
const FIXED = new RegExp(`(?:已经?|都|全|均|全部)[^\\s,;。、:]{0,8}?(?:${FIX_VERB}|关|停|拆)|${FIX_VERB}[^\\s,;。、:]{0,3}?(?:好|完|掉|齐|走|出去|出来|开|到位|完毕|干净|上|过来|放)?了$`);
const STILL = /还没|还未|还是|还有|仍|依然|依旧|又|但|却|可是|不过|就是|没有?(?!发现)|未(?!发现)|不(?!锈)|过期|坏|破|漏|堵|挡|锁|乱|缺|少/;
// The earlier problem named (上次的…, 之前那个…): a clause that tells it put right speaks of a return visit.
const EARLIER = /^(?:上次|上回|前次|之前|以前|先前|原来|原先|前面)/;

// The visit said as a return one: 又去了, 再去, 回访, 复查了, 回头看.
const AGAIN = /又|再次?去|回访|复查|复巡|复访|回头看/;

/** The note of a return visit that found all well (what was put right), or null when something is still wrong. */
function revisitWell(words: string, again: boolean): string | null {
  const clauses = words.split(/[\s,;。、:]+/).filter(Boolean);
  // "上次的灭火器换好了，通道也清干净了": every clause a thing put right, the first naming the earlier problem;
  // no verdict is said, none is needed.
  // Taken off, shut or sealed (拆了, 关了, 封了) may be the fix or the hazard (防护罩拆了, 安全出口关了): only a verdict says which.
  if ((again || EARLIER.test(clauses[0] ?? '')) && clauses.every((c) => FIXED.test(c) && !STILL.test(c) && !/拆|关|停|锁|封/.test(c))) return clauses.join(' ');
  if (clauses.length < 2) return null;
  const verdict = clauses[clauses.length - 1];
  // 没别的问题 / 没其他问题 after what was put right: nothing else, so nothing at all.
  const plain = verdict.replace(/(?<=^(?:没有?|未|无)(?:发现)?)(?:别的|其他|其它)(?=问题|隐患)/, '');
  if (!(NORMAL_TOKEN.test(plain) || saysNormal(plain))) return null;
  const fixed = clauses.slice(0, -1);
  if (!fixed.every((c) => FIXED.test(c) && !STILL.test(c))) return null;
  return `${fixed.join(' ')}${NORMAL_TOKEN.test(verdict) ? '' : ` ${verdict}`}`;
}

// "上次的改好了 但是又发现灭火器过期", "上次的隐患都整改了 灭火器过期", "木事 就是灭火器过期": what was put right, or a
// verdict of all well, then something wrong. The finding is what is wrong; the rest is no part of it. A hedge
// (不算啥隐患, 问题不大: beside-verdict.ts) leaves the reading as it was.
const NEW_FOUND = /^(?:但是?|可是|不过|却|就是|只是|除了)(?:这次|今天|本次)?(?:又|还|另外)?(?:发现|看到|有)?了?|^(?:这次|今天|本次)?(?:又|另外)(?:发现|看到|有)了?|^就(?=\S{3})/;
const isFixed = (c: string) => FIXED.test(c) && !STILL.test(c);

function newFinding(words: string): string | null {
  if (HEDGE.test(words)) return null;
  const clauses = words.split(/[\s,;。、:]+/).filter(Boolean);
  const at = clauses.findIndex((c) => !(isFixed(c) || NORMAL_TOKEN.test(c)));
  if (at < 1) return null;
  const found = clauses[at].replace(NEW_FOUND, '');
  const turned = found !== clauses[at];
  // After a word that turns to it (就灭火器少一个), something missing or short is wrong too.
  if (!found || !(PROBLEM.test(found) || (turned && /少|差|不见|没了/.test(found))) || saysNormal(found)) return null;
  // Without a word that turns to it (但是, 就是, 又发现), the wrong thing must follow what was put right, not a verdict.
  if (!turned && !clauses.slice(0, at).some(isFixed)) return null;
  // "…下周二前补上 ok": a verdict said last, out of habit, is no part of the finding.
  const after = clauses.slice(at + 1);
  while (after.length && NORMAL_TOKEN.test(after[after.length - 1])) after.pop();
  return [found, ...after].join(' ');
}

/** The patrol of a visit told as a story: the name and what the worker said of the visit. */
function patrolTold(name: string, words: string, now: Date, visit = ''): ReturnType<typeof parsePatrol> {
  const well = words && !parseDeadline(words, now) ? revisitWell(words, AGAIN.test(visit)) : null;
  if (well === null) {
    const found = words ? newFinding(words) : null;
    const patrol = parsePatrol(`${name} ${found ?? words}`, now);
    // Something was found (就灭火器少一个) though no problem word says it: the patrol has issues all the same.
    if (!found || patrol.result !== 'normal') return patrol;
    const { note, ...slots } = patrol;
    return { ...slots, result: 'issues', ...(note ? { findings: note } : {}) };
  }
  // All well: what was put right is the note, after whatever the name left over.
  const { findings, note, ...patrol } = parsePatrol(name, now);
  return { ...patrol, result: 'normal', note: [findings ?? note, well].filter(Boolean).join(' ') || undefined };
}

/** A word that may be an enterprise's name: two CJK characters at least, no problem word, no sentence start. */
// 不锈钢 / 防锈 in a name (华泰不锈钢) is the trade's material, not rust found on a visit.
export const isName = (s: string) => s.length >= 2 && s.length <= 16 && !NOT_A_NAME.test(s) && !problemInName(s) && /[\u4e00-\u9fff]{2}/.test(s);

// "欣荣服饰 去了没人": the visit verb, after its time, glued to what was found.
const WENT_PART = new RegExp(`^${WHEN_TOLD}(?:去了|去过了?|去看了|到了)(?=\\S)`);

// "ht 巡了 …": an enterprise typed by its initials, before a visit said as its own word.
const INITIALS = /^[a-z]{2,6}$/i;

function namedVisit(text: string, now: Date): ParsedMessage | null {
  const parts = text.split(/[\s,;。、:]+/).filter(Boolean);
  if (parts.length < 2) return null;
  if (INITIALS.test(parts[0]) && VISIT_PART.test(parts[1]) && parts.length > 2) return patrolTold(parts[0], text.slice(text.indexOf(parts[1]) + parts[1].length), now, parts[1]);
  const rest = (from: number) => text.slice(text.indexOf(parts[from - 1]) + parts[from - 1].length).replace(/^[\s,;。、:]+/, '');
  // "东方精秘 巡查 完了 …": the visit verb and its 完了 dictated apart.
  if (isName(parts[0]) && VISIT_PART.test(parts[1]) && parts.length > 3 && /^(?:完了|完毕|过了|结束了?)$/.test(parts[2])) return patrolTold(parts[0], rest(3), now, parts[1]);
  if (isName(parts[0]) && VISIT_PART.test(parts[1])) return patrolTold(parts[0], parts.length > 2 ? rest(2) : '', now, parts[1]);
  // "欣荣服饰 去了没人": the visit, then what was found there, in one part.
  const went = WENT_PART.exec(parts[1]);
  if (isName(parts[0]) && went) return patrolTold(parts[0], rest(1).slice(went[0].length), now);
  // "亚光照明 巡查正常 下次再去": the verdict glued to the visit verb.
  const verdictGlued = VERDICT_GLUED.exec(parts[1]);
  if (isName(parts[0]) && verdictGlued && NORMAL_TOKEN.test(verdictGlued[1])) {
    return parsePatrol(`${parts[0]} ${verdictGlued[1]} ${parts.length > 2 ? rest(2) : ''}`, now);
  }
  const glued = VISIT_TAIL.exec(parts[0]);
  // "对安泰化学品进行巡查": the preposition and 进行 belong to the verb, not the name.
  const gluedName = glued?.[1].replace(/^(?:对|去|到|在|给)(?=\S{2})/, '').replace(/(?:进行了?|开展了?)$/, '');
  if (gluedName && isName(gluedName)) return patrolTold(gluedName, rest(1), now);
  return null;
}

const WENT_GLUED = new RegExp(`^${TIME}(?:我)?(?:去了|去过|到了|巡查了|检查了|看了|走访了)\\s*([\\u4e00-\\u9fffA-Za-z0-9()]{4,24})$`);
const NORMAL_TAIL_ONLY = /(?:一切正常|正常|无异常|没问题|没有问题|挺好|都好|良好|合格|没毛病)(?:的|了)?$/;
const VISIT_ANYWHERE = /巡查|检查|巡检|走访|看过|看了|查过|查了|去过|去了|转了|瞅了|瞧了/;

// 巡查完 <name> <result>
const DONE_NAME = new RegExp(`^${TIME}(?:巡查完|检查完|巡完|看完|查完)了?\\s*([^\\s,;。、:]{2,16}?)[\\s,;。、:]+(.*)$`);

// A visit said in the middle of a problem-first message: 检查发现, 巡查时发现, 去看了, 转了一圈.
// "今天去又发现…", "上午到了一看": going there, said with its day, and what was found on arrival.
const VISIT_HINT = new RegExp(`${WHEN_TOLD}(?:去|来)?(?:(?:检查|巡查|巡检|走访)了?(?:一下|一遍|一圈)?|看了一?下?|转了一?圈?)(?:时|的时候|中|过程中)?(?:发现|看到)?了?` +
  `|(?:${DAY_WORDS}|${HOUR_WORDS})+(?:又|再)?(?:去|到)(?:了(?:一趟|一下)?(?:又|再|也|一看)?(?:发现|看到)?|(?:一趟|一下)?(?:又|再|也|一看)?(?:发现|看到))了?`);
// 好几个 counts things, it asks nothing.
const QUESTION = /什么|啥|哪些|哪个|哪里|谁|多少|(?<!好)几个|(?<!好)几家|(?<!好)几条|吗|呢|\?|怎么|如何|是否|有没有/;
const NOT_A_NAME = /^(?:[\d一二三四五六七八九十几两]+家|不|未|没|仍|还|已|通过|合格|重复|正常|我|你|他|她|我们|今天|今日|今儿|今个|昨儿|现在|上午|下午|早上|中午|晚上|昨天|刚|这周|本周|上周|这个?月|本月|上个?月|今年|刚才|刚刚|这个|那个|这里|那里|这边|那边|还有|有|没|没有|未|已|已经|请|帮|麻烦|发现|看到|检查|巡查|隐患|问题|消防|安全|员工|工人|仓库|车间|厂房|楼梯|配电|电线|灭火器)/;

// "荣盛纺机今天上午检查一切都好的": name, time, visit verb and verdict with no separator at all.
const GLUED_VISIT = new RegExp(`^([\\u4e00-\\u9fffA-Za-z0-9]{2,12}?)${WHEN_TOLD}(?:去)?(?:检查|巡查|巡检|走访|看)(?:了|过|完|一下)*(.+)$`);

// "上午去了恒泰 看见后门堆了些纸箱": on a visit the sender saw something wrong; a visit said without an
// inspection verb, then a sighting (看见 / 看到), may be told to report a hazard as much as to record a
// patrol, so both readings are offered. 发现 after a visit (去了盛达物流 发现叉车没年检) is the patrol's finding.
const SAW = /^(?:然后|结果)?(?:我)?(?:看见|看到|瞧见|瞅见)了?/;

function sighted(result: string, patrol: ReturnType<typeof parsePatrol>, now: Date): ParsedMessage {
  const saw = SAW.exec(result.trim());
  if (!saw || patrol.result !== 'issues' || !patrol.enterprise) return patrol;
  const words = result.trim().slice(saw[0].length).trim();
  const report = parseReport(`${patrol.enterprise} ${words}`, now);
  if (!report.description) return patrol;
  return { intent: 'ambiguous', options: [report, { ...patrol, findings: report.description }] };
}

// "横山桥镇 华冠电器 检查发现…": the town said first, as its own word, is where the enterprise is, never its name.
const TOWN_FIRST = /^[\u4e00-\u9fff]{1,5}?(?:镇|街道|乡)(?:的|那边的?)?[\s,;。、:]+(?=([^\s,;。、:]{2,16}))/;

/** The message without a town said first in front of the enterprise's name (横山桥镇 华冠电器 …). */
export function withoutTownFirst(text: string): string {
  const town = TOWN_FIRST.exec(text);
  // 各企业 / 所有厂 after the town is the town's enterprises, no one name.
  return town && isName(town[1]) && !NOT_A_NAME.test(town[1]) && !QUESTION.test(town[1]) && !/(?:镇|街道|乡)$|^(?:各|所有|全部|全体|每)/.test(town[1]) ? text.slice(town[0].length) : text;
}

// "华美化工 防爆电气、可燃气体报警器、储罐区检查无异常", "恒泰 消防器材 疏散通道均正常": the name, the things looked
// at, and one verdict of all well on all of them at the end, after a check verb or glued to the last item.
const CHECKED_WELL = /(?:检查|巡查|巡检|查看|排查|看了|查了)?(?:均|都|全部|全都|一切|基本)?(?:正常|无异常|未见异常|没问题|没有问题|没发现问题|未发现问题|未发现隐患|没有隐患|无隐患|符合要求|合格|良好|完好|齐全|有效|到位|ok)(?:的|了)?$/i;

// The first of the things looked at is no name, though it may end like one (防爆电气, 除尘设备, 储罐区).
const CHECKED_THING = /^(?:防爆|消防|配电|电气|用电|电线|线路|除尘|储罐|罐区|仓库|车间|安全|应急|疏散|灭火|危化|特种|叉车|行车|气瓶|燃气|喷淋|监控|设备|设施|现场|台账|值班|劳保|防护|可燃|有毒|报警)/;

// "…正常 拍了几张留档": a word about the photos sent with the message says nothing of the visit.
const PHOTO_REMARK = /[\s,;。、:]+(?:已|我)?(?:拍了?|附|发了?|传了?)(?:几张|张|个)?(?:照片?|图片?|相片|视频)?(?:留档|存档|留底|备查|为证|上来了?|给你)?$/;
// "华美化工 储罐区正常": one thing looked at and the verdict glued to it; a return to normal (恢复正常) is no visit.
const ITEM_WELL = /^[\u4e00-\u9fff]{2,8}?(?:均|都)?(?:正常|无异常|未见异常|完好|齐全|良好|合格)(?:的|了)?$/;

function checklistWell(said: string, now: Date): ParsedMessage | null {
  const text = said.replace(PHOTO_REMARK, '');
  const parts = text.split(/[\s,;。、:]+/).filter(Boolean);
  if (parts.length < 2 || !isName(parts[0]) || NOT_A_NAME.test(parts[0]) || CHECKED_THING.test(parts[0]) || QUESTION.test(text)) return null;
  const rest = text.slice(parts[0].length).replace(/^[\s,;。、:]+/, '');
  const last = parts[parts.length - 1];
  // The items are listed (、 or more than one) or a check verb says they were looked at.
  const listed = parts.length >= 3 || /检查|巡查|巡检|查看|排查|看了|查了/.test(last) || (ITEM_WELL.test(last) && !/恢复|整改|复查/.test(last) && !PROBLEM.test(last.replace(CHECKED_WELL, '')));
  // 其他正常 / 别的都ok: the rest was fine, so what was named before it was not.
  if (!listed || !CHECKED_WELL.test(last) || /^(?:其他|其它|其余|别的|另外|剩下)/.test(last) || !saysNormal(rest) || parseDeadline(rest, now)) return null;
  // "华美化工 恒泰五金 正常": a second name among the items is another enterprise, whose verdict this is as much.
  if (parts.slice(1).some((p) => NAME_ONLY.test(p) && !CHECKED_THING.test(p))) return null;
  return parsePatrol(`${parts[0]} 正常 ${rest}`, now);
}

// "凯丰电器 all good 巡查完毕": the verdict first, then the visit said as finished.
const VISIT_DONE_LAST = new RegExp(`^${PATROL_KIND}*(?:巡查|检查|巡检|走访)(?:完毕|结束|完了?|过了)$|^(?:已经?)?(?:巡查|检查|巡检|走访)(?:过了|完毕|结束)$`);

export function parseStory(input: string, now: Date): ParsedMessage | null {
  const text = withoutTownFirst(input.replace(FILLER, '').replace(SUBJECT, '').trim());
  const glued = GLUED_VISIT.exec(text);
  if (glued && NORMAL_TOKEN.test(glued[2]) && !NOT_A_NAME.test(glued[1])) return parsePatrol(`${glued[1]} ${glued[2]}`, now);
  const named = namedVisit(text, now);
  if (named) return named;
  for (const re of [GO_VISIT, DONE_NAME, NAME_DONE, WENT, NAME_TIME_VISIT, WENT_PLACED]) {
    const m = re.exec(text);
    if (m && !NOT_A_NAME.test(m[1])) return sighted(m[2] ?? '', patrolTold(m[1], m[2] ?? '', now, m[0].slice(0, m[0].length - (m[2] ?? '').length)), now);
  }
  // "去了天马纺织一切正常": the verdict glued to the name after the visit verb.
  const wentGlued = WENT_GLUED.exec(text);
  if (wentGlued && NORMAL_TAIL_ONLY.test(wentGlued[1]) && !NOT_A_NAME.test(wentGlued[1])) {
    const patrol = parsePatrol(wentGlued[1], now);
    if (patrol.enterprise && patrol.result === 'normal') return patrol;
  }
  // "168物流 消防设施 我都看过了 巡查 都是好的": the name first, a visit said somewhere after it, and the
  // message ending on a verdict of all well, whatever was looked at in between.
  const parts = text.split(/[\s,;。、:]+/).filter(Boolean);
  if (parts.length >= 3 && isName(parts[0]) && NORMAL_TOKEN.test(parts[parts.length - 1]) && !QUESTION.test(text)) {
    const rest = text.slice(parts[0].length);
    if (VISIT_ANYWHERE.test(rest) && saysNormal(rest)) return parsePatrol(`${parts[0]} ${rest}`, now);
  }
  const checked = checklistWell(text, now);
  if (checked) return checked;
  if (parts.length === 3 && isName(parts[0]) && !NOT_A_NAME.test(parts[0]) && NORMAL_TOKEN.test(parts[1]) && VISIT_DONE_LAST.test(parts[2])) {
    return parsePatrol(`${parts[0]} ${parts[1]}`, now);
  }
  // "金桥这边没什么问题 都挺好": a name, a place word, and a verdict of all well.
  const placed = /^([^\s,;。、:]{2,16}?)(?:那边|这边|那里|这里|那儿|厂里)[\s,;。、:]*(\S.*)$/.exec(text);
  if (placed && isName(placed[1]) && !QUESTION.test(text.replace(/没有?(?:什么|啥)/g, '')) && saysNormal(placed[2])) return parsePatrol(`${placed[1]} ${placed[2]}`, now);
  // "华星电子ok", "天马纺织没问题": the verdict glued to a name that ends like an enterprise's.
  const gluedVerdict = GLUED_VERDICT.exec(text);
  if (gluedVerdict) return parsePatrol(`${gluedVerdict[1]} ${gluedVerdict[2]}`, now);
  // "恒泰 正常", "华美化工，一切正常": a name and a patrol verdict is a patrol.
  const verdict = /^([^\s,;。、:]{2,20})[\s,;。、:]+([^\s,;。、:]+)$/.exec(text);
  if (verdict && NORMAL_TOKEN.test(verdict[2]) && !NOT_A_NAME.test(verdict[1]) && !problemInName(verdict[1]) && !/^(?:去|到|在|从)/.test(verdict[1]) && /[\u4e00-\u9fff]{2}/.test(verdict[1])) {
    return parsePatrol(`${verdict[1]} ${verdict[2]}`, now);
  }
  return null;
}

// "3号车间", "2楼", "5号库": a numbered part of a plant is where, not who; "9号冷链", "8号仓储" are names.
const PLANT_PART = /^[\d一二三四五六七八九十]+(?:楼|层|号|车间)(?:车间|仓库|厂房|库|楼|线|门|机|位|房|区)?$|^[\d一二三四五六七八九十]+(?:楼|层|车间)/;
const FIX_BY = /内|前|限期|期限|整改|底|末|立即|马上|立刻/;
const DEMAND = /让他们|让企业|叫他们|要求|责令|必须|要改|要换|要装|要加|要清|要拆|要补|应该|应当|得改|得换|需整改|需要整改|要整改/;
const VISIT_LEAD = new RegExp(`^(?:(?:我|我们)(?=\\s*(?:${WEEK_WORDS}|${DAY_WORDS}|${HOUR_WORDS}|现在|正在|在|去|到))\\s*)?(?:(?:现在|正)(?=在))?(?:${WHEN_TOLD}\\s*)?(?:(?:在|去了?|到了?)\\s*(?=\\S{2}))?`);

const GLUED_VERDICT = new RegExp(`^([\\u4e00-\\u9fffA-Za-z0-9()]{2,12}?${COMPANY_SUFFIX})(ok|正常|一切正常|没问题|没有问题|无异常|挺好|都好|良好|没毛病)(?:的|了|啊)?$`, 'i');
// 随便谁都能进, 什么人都能进, 啥东西都往里堆: an indefinite word with 都 / 也 states, it asks nothing.
const INDEFINITE = /(?:随便|无论|不管)?(?:谁|什么|啥|哪里|哪儿|哪)(?:人|东西|车|时候|地方)?(?:都|也)/g;
const NAME_ONLY = new RegExp(`^[\\u4e00-\\u9fffA-Za-z0-9()]{2,12}?${COMPANY_SUFFIX}$`);

/**
 * "铝灰乱堆，振兴铝业，半个月内": the problem first, and the enterprise said as a clause of its own after it. The
 * clause that is a name alone (it ends like an enterprise's name, or is a registered name) goes to the front.
 */
function nameToFront(text: string): string {
  const parts = text.split(/[\s,;。、:]+/).filter(Boolean);
  if (parts.length < 2 || NAME_ONLY.test(parts[0]) || takeLegalName(parts[0])) return text;
  const at = parts.findIndex((p, i) => i > 0 && (NAME_ONLY.test(p) || takeLegalName(p)?.rest === ''));
  if (at < 0 || !PROBLEM.test(parts.slice(0, at).join(' '))) return text;
  return [parts[at], ...parts.slice(0, at), ...parts.slice(at + 1)].join(' ');
}

/** 恒泰 消防通道堵了 三天内弄好, 宏远物流叉车司机没证: a name, then what is wrong. */
export function parseProblemFirst(input: string, now: Date): ParsedMessage | null {
  const filtered = nameToFront(withoutTownFirst(input.replace(FILLER, '')));
  // "今天华美那边安全出口堵了", "在恒泰发现灭火器过期了": a time or place word in front tells of a visit, so
  // the problem may be a patrol's finding as much as a report; the lead word is never part of the name.
  const lead = VISIT_LEAD.exec(filtered);
  const seenOnVisit = Boolean(lead?.[0]);
  // "今天去瑞祥木业…", "下午到金利达五金，…": a going verb in the lead tells the visit itself, not only when.
  const went = Boolean(lead && /去|到/.test(lead[0]));
  const text = seenOnVisit ? filtered.slice(lead![0].length) : filtered;
  // A report needs a word that says something is wrong: "华美塑料 明天来检查" or "华美塑料的老板电话" name
  // an enterprise and nothing wrong, and go to the in-scope choices instead of becoming a hazard.
  // "随便谁都能进", "什么都堆在通道里": an indefinite pronoun with 都 tells, it does not ask.
  if (QUESTION.test(text.replace(INDEFINITE, ' ')) || NOT_A_NAME.test(text)) return null;
  // "华美 恒泰 金桥 都看过了 没问题": a message that ends on a verdict of all well is never a hazard (没问题 holds 问题).
  const last = text.split(/[\s,;。、:]+/).filter(Boolean).pop() ?? '';
  if (NORMAL_TOKEN.test(last) || saysNormal(text)) return null;
  const p = parseReport(text, now);
  // Something wrong, a demand (让他们…, 要改成…) or a deadline to fix by (这个月底, 3天内): each says a hazard
  // is being told. A bare day word (华美化工 明天上午开会) is an appointment, not a deadline.
  // A grave word (三合一, 很危险) says it as much: it made the level major.
  if (!PROBLEM.test(text) && !DEMAND.test(text) && !(p.deadline && FIX_BY.test(text)) && !p.levelReason) return null;
  // It takes a name and a problem. A problem alone ("通道仍有货物堆放") stays unknown: it is the free-text
  // answer to a question (a reason, a finding), and a name that itself reads as a problem is no name.
  if (!p.enterprise || !p.description || problemInName(p.enterprise) || PLANT_PART.test(p.enterprise)) return null;
  // "华美 今天检查发现灭火器过期": seen on a visit, so it may be a patrol with a finding as much as a
  // report. Both readings go back as one numbered question (1. 上报隐患 2. 记录巡查).
  const visit = VISIT_HINT.exec(p.description);
  // "兴华铸件 巡查发现 工人没穿防护服 已口头提醒": found on a visit and handled there (口头提醒, 下达整改通知): the
  // record of a patrol that found something, as the clerk's register reads it.
  if (visit && HANDLED.test(p.description) && !p.deadline && !p.deadlineIssue) {
    const words = tidy(p.description.replace(VISIT_HINT, ' '));
    const { description: _d, ...slots } = p;
    return { ...slots, intent: 'patrol', result: 'issues', ...(words ? { findings: words } : {}) };
  }
  // A visit told (a going or looking verb: 今天去瑞祥木业…, 华美 检查发现…) with a deadline or a level is a
  // patrol that found something: the worker went and ordered it fixed. A time word alone (今天华美那边…) tells
  // no visit, and with a deadline stays a report. (Handled on the spot and given a deadline, 已口头提醒 三天内整改,
  // stays as the earlier rule read it: test/parser-readings.test.ts holds it as a choice or a report.)
  if ((visit || went) && (p.deadline || p.deadlineIssue || p.level) && !HANDLED.test(p.description)) {
    const words = tidy(p.description.replace(VISIT_HINT, ' '));
    const { description: _d, ...slots } = p;
    return { ...slots, intent: 'patrol', result: 'issues', ...(words ? { findings: words } : {}) };
  }
  // Without a deadline the sender may want a hazard on record as much as the visit: both readings are offered.
  if ((visit || seenOnVisit) && !p.deadline && !p.deadlineIssue && !p.level) {
    const words = tidy(p.description.replace(VISIT_HINT, ' '));
    if (!words) return null;
    const { description: _d, ...slots } = p;
    return {
      intent: 'ambiguous',
      options: [{ ...p, description: words }, { ...slots, intent: 'patrol', result: 'issues', findings: words }],
    };
  }
  return p;
}
