// Slot helpers shared by the per-intent parsers. They work on normalised text and never look anything up.
import { findUnclearTime, parseDeadline } from '../../../lib/deadline.js';
import type { DeadlineIssue, DeadlineSlot, HazardLevel } from '../intents.js';
import { SEPARATOR, tidy } from './normalise.js';
import { findLegalName, takeLegalName } from './legal-name.js';
import { PROBLEM } from './problem-words.js';
import { WHEN_TOLD } from './time-words.js';
import { leadingNickname } from './nicknames.js';

const GREETING = /^(?:您好|你好|各位(?:领导|同事|同志)?(?:好|早)?|大家好|领导(?:好|早)?|早上好|上午好|下午好|晚上好|不好意思|打扰(?:一下|了)?|(?:麻烦|请)(?:你|您)?(?:帮忙|帮我)?(?:登记|记录|记|报|上报)(?:一下|下)?|麻烦(?:一下|了)?|请问(?:一下)?|想问(?:一下|下)|问(?:一下|下))(?:啊|呀)?(?:[\s,;。、:!~]+|(?=\S{4}))/;

const B = '(?<=^|[\\s,;。、:(\\[])';
// A level word may be shouted (重大!!): the marks after it end it as a space does.
const E = '(?=$|[\\s,;。、:)\\]!?~])';

/**
 * Removes a deadline phrase, if any. A date already gone or a time nobody can compute (尽快, 月中前) is
 * removed too and returned as `issue`, so the conversation asks for the deadline instead of the words
 * staying in the description or a wrong day being stored.
 */
export function takeDeadline(text: string, now: Date): { deadline?: DeadlineSlot; issue?: DeadlineIssue; rest: string } {
  const hit = parseDeadline(text, now);
  const cut = (index: number, length: number, atOnce = false) => {
    let from = index;
    let to = index + length;
    // "…，并整改", "…停止作业并整改到位": the fix joined to the deadline's order is the deadline's too.
    const joined = JOINED_FIX.exec(text.slice(to));
    if (joined) to += joined[0].length;
    const demand = DEMAND_BEFORE.exec(text.slice(0, from));
    // "今天就清走", "明天就得弄", "12月8号前必须整改", "立即换", "叫他三天内挪走": the fix said right after a time given
    // as an order (at once, with 就 / 必须, or told to someone) is the order's, no part of what was found. After a
    // bare time (3天内清走) the move stays the worker's words.
    const ordered = ORDERED_FIX.exec(text.slice(to));
    if (ordered && (atOnce || demand || ORDER_ADVERB.test(text.slice(index, to)) || ORDER_ADVERB.test(ordered[1]))) to += ordered[0].length;
    // "责令立即整改，", "建议立即整改。", "现责令该企业于…前整改完毕", "以上问题限于…": the demand whose time the deadline
    // is, said before it; once the time is gone it is a fragment, and it goes with it when the order ends there.
    if (demand && /^(?:$|[\s,;。、:!?~]|并|同时)/.test(text.slice(to))) from -= demand[0].length;
    // "得马上弄", "要马上处理": the must said before the time starts the clause the order is; without the time it is a fragment.
    const must = !demand && /^(?:$|[\s,;。、:!?~])/.test(text.slice(to)) ? MUST_BEFORE.exec(text.slice(0, from)) : null;
    if (must) from -= must[0].length;
    return `${text.slice(0, from)} ${text.slice(to)}`;
  };
  if (hit?.past) return { issue: { reason: 'past', text: hit.matched }, rest: cut(hit.index, hit.matched.length) };
  if (hit) {
    const rest = cut(hit.index, hit.matched.length, hit.slot.kind === 'now');
    // "让他们今天收拾掉", "今天就清走", "今天必须清": today given as an order is 立即 (now), the same day's end.
    const today = hit.slot.kind === 'days' && hit.slot.days === 0 && /^(?:今天|今日|当天|今儿)/.test(hit.matched.replace(/^\D*?(?=今|当)/, ''));
    const ordered = today && (ORDER_ADVERB.test(hit.matched) || DEMAND_BEFORE.test(text.slice(0, hit.index)) || ORDER_ADVERB.test(ORDERED_FIX.exec(text.slice(hit.index + hit.matched.length))?.[1] ?? ''));
    return { deadline: ordered ? { kind: 'now' } : hit.slot, rest };
  }
  const unclear = findUnclearTime(text);
  if (unclear) return { issue: { reason: 'unclear', text: unclear.matched }, rest: cut(unclear.index, unclear.matched.length) };
  return { rest: text };
}

// The demand in front of a deadline: who orders (已/并/现 责令, 建议, 要求, 督促, 叫, 让, 跟他们说) and whom (企业, 他们, 其),
// or the clerk's "以上问题" that the deadline is set for. A bare verb starts a clause, so 报警器不叫 keeps its 叫;
// with whom it orders (跟他们说, 叫他们) it is the demand anywhere, as dictation glues it on.
const DEMAND_BEFORE = new RegExp(
  '(?:(?:然后|接着|就)?(?:我|我们)?(?:已经?|并|现)?(?:叫|让|跟|和|要求|责令|督促|通知)(?:他们|企业|厂里|厂方|对方|老板|该企业|该公司|该单位|工人)(?:说|讲)?了?' +
    // "限他本周五前", "限他们月底", "给他一个月": 限 / 给 with whom it binds.
    // (交办给企业 is whom a hazard is assigned to, never a grant.)
    '|(?:(?:我|我们)?(?:再)?限(?:他们|他|她|企业|厂里|对方|老板|人家))|(?:(?<=^|[\\s,;。、:!?~])限)|(?:(?<=^|[\\s,;。、:!?~])(?:我|我们)?(?:再)?(?:给|留)(?:他们|他|她|厂里|对方|老板|人家)(?:个)?)' +
    '|(?<=^|[\\s,;。、:!?~])(?:(?:我|我们)?(?:已经?|并|现|当场|现场|同时|随即)?(?:口头)?(?:建议|要求|责令|督促|通知|命令|叫|让|请|跟|和)' +
    '(?:企业|他们|他|她|其|厂里|厂方|对方|老板|该企业|该公司|该单位|企业负责人|负责人|工人)?(?:说|讲)?了?' +
    '|(?:现将?)?(?:以上|上述|所有|全部)(?:问题|隐患|情况)?(?:均|都|请|须|需|必须|要求)?))\\s*(?:限|于|在)?\\s*$',
);
// The fix said after a time given as an order, up to the end of its clause (就清走, 必须整改, 就得弄, 换掉). A fix with
// its object (立即换灭火器) says what is to be done and stays.
const ORDERED_FIX = new RegExp(
  '^\\s*((?:就|也|都|必须|一定|务必|得|要|须|需|赶紧|抓紧|给我)*)\\s*(?:进行)?' +
    '(?:整改|处理|换|挪|清|拆|修|弄|搞|搬|移|盖|装|补|改|关|停|撤|收|腾|接|封|挂|贴|扔|拉|做|扫|分|拖|推|整)' +
    '(?:好|完|掉|走|开|上|齐|了|定|正|除|理|空|下|到位|完毕|干净|理掉|理干净|出来|出去|起来|下来|新的?)*(?=$|[\\s,;。、:!?~])',
);
const MUST_BEFORE = /(?<=^|[\s,;。、:!?~])(?:就|必须|一定|务必|得|要|须|需|赶紧|抓紧)+\s*$/;
// Words that make a time an order: 就 / 必须 / 一定 / 得 (今天就, 明天必须, 12月8号前一定).
const ORDER_ADVERB = /(?:就|必须|一定|务必|得|要|须|需|赶紧|抓紧)/;
// "并整改", "并落实整改到位" after an order's deadline (立即停止作业并整改).
// "要求下周五前全部整改到位": 全部 / 一律 整改 is the order's fix for everything found, no part of any finding.
const JOINED_FIX = /^\s*(?:(?:并|且|和)(?:进行|落实|完成)?(?:整改|处理|整顿|清理)|(?:全部|全都|都|均|一律|统一|逐项|逐一)(?:进行|落实|完成)?(?:整改|处理|整顿))(?:到位|完毕|完成|好)?(?=$|[\s,;。、:!?~])/;

const LEVEL_TOKEN = new RegExp(`${B}(?:属于|是|为|定为|等级|级别|隐患等级|隐患级别)?:?\\s*(重大|一般|较大)(?:隐患|级)?(?:[!?~]+(?=\\s|$))?${E}`);

/**
 * A level given as its own word (…，重大) is removed; 重大隐患 inside a sentence only sets the level.
 * The product has two levels, so the risk scale's 较大 (orange) is a general hazard until an admin says otherwise.
 */
export function takeLevel(text: string): { level?: HazardLevel; rest: string; reason?: string } {
  // "不属于重大隐患", "不构成重大事故隐患", "还算不上重大", "不是 重大": the sender says it is NOT major; the clause
  // states the level and leaves the description. Read first, as 不是 重大 holds the level word.
  const denied = DENIED_MAJOR.exec(text);
  if (denied) return { level: 'general', rest: `${text.slice(0, denied.index)} ${text.slice(denied.index + denied[0].length)}` };
  const m = LEVEL_TOKEN.exec(text);
  if (m) {
    const level: HazardLevel = m[1] === '重大' ? 'major' : 'general';
    return { level, rest: `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}` };
  }
  // "…，属重大事故隐患，", "构成重大隐患", "经判定为重大事故隐患": the clerk's clause that states the level is the
  // level and nothing the worker saw; it leaves the description.
  const stated = STATED_MAJOR.exec(text);
  if (stated) return { level: 'major', rest: `${text.slice(0, stated.index)} ${text.slice(stated.index + stated[0].length)}` };
  // "可能是重大隐患？", "我看是重大隐患", "疑似重大事故隐患": a suspicion. A clerk files it as major: a major hazard
  // alerts the admins at once and one of them downgrades it in a word, while a grave hazard filed as general
  // waits for its deadline unseen. The reply quotes the words (reason), so the worker can say 改成一般.
  const suspected = SUSPECTED_MAJOR.exec(text);
  if (suspected) return { level: 'major', rest: text, reason: suspected[0] };
  // 重大隐患 (or its formal name 重大事故隐患) inside a sentence only sets the level.
  if (MAJOR_TERM.test(text)) return { level: 'major', rest: text };
  // "很危险", "可能引发爆炸", "三合一": the sender says in plain words the hazard is grave. It is reported as major
  // and the reply quotes the words (reason), so a worker who meant less can say 改成一般.
  const grave = GRAVE.exec(text);
  if (grave) return { level: 'major', rest: text, reason: grave[0] };
  return { rest: text };
}

// The level's noun: 重大隐患, and the formal term of the regulations, 重大事故隐患 (重大生产安全事故隐患, 重大火灾隐患).
const MAJOR_NOUN = '重大(?:生产安全事故|安全事故|事故|火灾|安全)?隐患';
const MAJOR_TERM = new RegExp(MAJOR_NOUN);
const CLAUSE_START = '(?<=^|[\\s,;。、:])';
const CLAUSE_END = '(?=$|[\\s,;。、:!?~])';
// The subject a clerk may give the level clause (该隐患属…, 以上问题均属…) and the verb that states it.
const LEVEL_SUBJECT = '(?:经(?:排查|检查|研判|认定|判定|核查)?,?)?(?:该隐患|此隐患|该问题|此问题|以上问题|上述问题|以上隐患|上述隐患|该情况|此情况|这个|这)?(?:均|都|已)?';
const LEVEL_VERB = '(?:属于|属|构成|判定为|认定为|定为|定性为|列为|确定为|确认为|系|为|是)';
const STATED_MAJOR = new RegExp(`${CLAUSE_START}${LEVEL_SUBJECT}${LEVEL_VERB}(?:一起|一处|一项|一个|一条)?${MAJOR_NOUN}${CLAUSE_END}`);
const DENIED_MAJOR = new RegExp(`${CLAUSE_START}${LEVEL_SUBJECT}(?:不属于|不属|不构成|未构成|不是|并非|并不是|不算|算不上|还算不上|够不上|达不到|未达到)\\s*(?:一起|一处|一项|一个)?(?:${MAJOR_NOUN}|重大)(?:的程度|级别|标准)?${CLAUSE_END}`);
// A guess, not a finding: what a worker says when unsure (可能是, 我看是, 疑似, 算不算, 是不是).
const SUSPECTED_MAJOR = new RegExp(`(?:可能|也许|恐怕|疑似|估计|怕是|大概|我看|我觉得|感觉|应该)(?:是|属于?|算|构成|会是)?(?:一个|一起|一处)?${MAJOR_NOUN}|(?:算不算|是不是|属不属于|构不构成|够不够)(?:一个)?${MAJOR_NOUN}`);

// Danger said in plain words. 不太危险 / 没那么危险 say the opposite; 危险品 / 危险化学品 name goods, not the degree.
const GRAVE = new RegExp(
  '(?<![不没])(?:很|太|非常|特别|老|极其|极|相当|十分)危险(?![品化源废物])|危险(?:得很|极了|性(?:很|极|非常)大)' +
    '|(?:可能|容易|随时|极易|随时可能)(?:会)?(?:引发|导致|造成|引起|发生)(?:爆炸|火灾|着火|中毒|窒息|坍塌|倒塌|触电|人员伤亡|伤亡|死人|重大事故|大事故|事故)' +
    // 存在火灾隐患 is the clerk's word for any fire hazard; a danger of explosion or poisoning is said to be grave.
    '|(?:有|存在)(?:爆炸|中毒|坍塌)(?:的)?危险|三合一',
);

// "华美那边灭火器过期了": the enterprise is whatever comes before the place word.
// 那块儿 / 那嘎达 are the northern 那边.
const LOCATIVE_WORD = '(?:那边|那里|那儿|这边|这里|那块儿|这块儿|那嘎达|家的|厂里|公司里|厂区内|厂区)';
const LOCATIVE = new RegExp(`^(.{1,20}?)${LOCATIVE_WORD}(.*)$`);
const LEADING_LOCATIVE = new RegExp(`^${LOCATIVE_WORD}`);
// "华美化工二楼配电房…": a typed name usually ends with one of these.
// The words a Chinese enterprise name ends with: legal forms and industries (SPEC §8 classes and the
// trades of a manufacturing district).
export const COMPANY_SUFFIX =
  '(?:股份有限公司|有限责任公司|有限公司|公司|集团|化工|科技|机械|电子|电器|电气|电机|纺织|家纺|织造|化纤|制造|实业|材料|新材料|塑业|塑料|五金|印染|印刷|彩印|包装|家具|物流|仓储|食品|建材|木业|模具|铸造|锻造|钢结构|钢构|金属|冶金|轴承|橡胶|玻璃|服饰|服装|制衣|光电|医药|制药|涂料|油漆|环保|汽修|汽配|门业|酒店|饭店|超市|商场|餐饮|加油站|纸业|不锈钢|铝业|铜业|钢业|针织|精密|涂装|电梯|仪表|仪器|器材|配件|线缆|电缆|能源|工贸|商贸|贸易|制品|生物|化学|石化|工业|厂(?![房区里内]))';
const COMPANY = new RegExp(`^(.{2,20}?${COMPANY_SUFFIX}+)(?!股份|有限|公司|集团|厂(?![房区里内]))(.{2,})$`);
const COMPANY_NAME = new RegExp(`^(.{2,20}?${COMPANY_SUFFIX}+)(?!股份|有限|公司|集团|厂(?![房区里内]))(.*)$`);
// "上报华美灭火器过期": no separator at all; split before a word that starts a typical hazard description.
const HAZARD_START =
  /(灭火器|消火栓|消防|配电|电线|电缆|线路|插座|安全出口|疏散|通道|应急灯|应急|仓库|车间|厂房|楼梯|[一二三四五六1-6]楼|屋顶|危化品|危险化学品|化学品|气瓶|钢瓶|液化气|燃气|有限空间|粉尘|特种设备|叉车|行车|吊车|起重|锅炉|压力容器|员工|工人|堆放|私拉|存在|发现|门口|门前|大门|院子|院内|食堂|宿舍|办公楼|消防栓|储罐|罐区|焊接|喷漆|木屑|除尘|机器|设备|电箱|线头)/;

// "我今天到华美…", "下午又去恒泰…": who went and when, in front of the name.
const GOING = new RegExp(`^(?:(?:我|我们)?${WHEN_TOLD}(?:第一次|头一回|又|再次?|也)?(?=在|去|到))?(?:在|去|到)(?=\\S{2,})`);

// A name after the epithet: said as 就是 <name>, or standing as its own word; never a thing of the site (车间里的电机).
const EPITHET_NAME = `(?!${HAZARD_START.source})(?:(?!的)[\\u4e00-\\u9fffA-Za-z0-9]){2,12}?${COMPANY_SUFFIX}`;
const NAMED_AFTER_EPITHET = new RegExp(`^[\\s,;。、:]*(?:(?:就是|也就是|叫做?|名叫)\\s*(?=${EPITHET_NAME})|(?=${EPITHET_NAME}(?:$|[\\s,;。、:])))`);

/** Splits "enterprise rest-of-message": the first token names the enterprise, the rest describes. */
export function splitEnterprise(text: string): { enterprise?: string; rest: string } {
  // A label is never a name: "企业：华美 …" names 华美.
  // "我在瑞丰包装发现…", "我今天到华美…": who went and when is no part of the name.
  // "1、恒泰五金 …", "（一）华美化工 …": a point's number is no part of the name.
  const t = text.replace(/^[\s,;。、:]+/, '').replace(/^(?:\(?(?:\d{1,2}|[一二三四五六七八九十])[、.)]|\((?:\d{1,2}|[一二三四五六七八九十])\))\s*(?=\S{2})/, '').replace(/^(?:企业|单位|公司)(?:名称)?\s*:\s*/, '')
    .replace(GOING, '');
  if (!t) return { rest: '' };
  const legal = takeLegalName(t);
  if (legal) return { enterprise: legal.name, rest: legal.rest.replace(LEADING_LOCATIVE, '') };
  // "市场监管检查：常州市永信电梯工程有限公司维保记录缺失": a registered name later in the sentence is the enterprise;
  // what comes before it (who checked, a greeting, an announcement) is kept only when it tells something wrong.
  const later = findLegalName(t);
  if (later && !COMPANY.test(t.split(SEPARATOR)[0] ?? '')) {
    const before = PROBLEM.test(later.before) ? later.before : '';
    return { enterprise: later.name, rest: `${before} ${later.rest.replace(LEADING_LOCATIVE, '')}` };
  }
  // "横林镇的华美化工 …": the town before 的 is where the enterprise is, not its name.
  const townOf = /^[\u4e00-\u9fff]{1,4}?(?:镇|街道|乡)(?:的|那边的)(?=[\u4e00-\u9fffA-Za-z0-9]{2})/.exec(t);
  if (townOf) return splitEnterprise(t.slice(townOf[0].length));
  // A greeting or a courtesy in front (您好，…, 各位好，…, 打扰了，…) is never the enterprise.
  const greeting = GREETING.exec(t);
  if (greeting && greeting[0].length < t.length) return splitEnterprise(t.slice(greeting[0].length));
  // "做轴承的那家热处理那块…", "老孙家门口…", "开木材厂的老刘…": an enterprise called by its product or its boss
  // is the whole nickname; the trade word inside it (轴承, 木材厂) ends no name there.
  const nick = leadingNickname(t);
  // "做塑料的那家，就是鑫盛塑业，…": the epithet said before the name; the name is the enterprise.
  const named = nick ? NAMED_AFTER_EPITHET.exec(nick.rest) : null;
  if (named) return splitEnterprise(nick!.rest.slice(named[0].length));
  if (nick) return { enterprise: nick.name, rest: nick.rest };
  const sep = SEPARATOR.exec(t);
  const first = sep ? t.slice(0, sep.index) : t;
  const after = sep ? t.slice(sep.index + sep[0].length) : '';
  const company = COMPANY.exec(first);
  if (company) {
    return { enterprise: company[1], rest: `${company[2].replace(LEADING_LOCATIVE, '').replace(/^(?:的|啊|呀|嘛)/, '')} ${after}` };
  }
  const loc = LOCATIVE.exec(first);
  // "遥观那边的鑫源物流": the place word after a town, then 的 and a name; the name is the enterprise.
  const within = loc && /^的/.test(loc[2]) ? COMPANY_NAME.exec(loc[2].slice(1)) : null;
  if (within) return { enterprise: within[1], rest: `${within[2]} ${after}` };
  if (loc) return { enterprise: loc[1], rest: `${loc[2]} ${after}` };
  const start = HAZARD_START.exec(first);
  // "上报 灭火器过期": no enterprise named; the conversation layer asks which one.
  if (start?.index === 0) return { rest: t };
  if (start && start.index >= 2) {
    // "华美的灭火器…": the possessive belongs to neither part;
    // "华美那个配电箱…": the demonstrative that points at the thing belongs to neither either.
    const name = first.slice(0, start.index).replace(/(?<=..)(?:的|那个|这个)$/, '');
    return { enterprise: name, rest: `${first.slice(start.index)} ${after}` };
  }
  return first ? { enterprise: first, rest: after } : { rest: after };
}

/** Strips a leading 原因：/理由是 label from a reason. */
export function withoutReasonLabel(text: string): string {
  return text.replace(/^[\s,;。、:]*(?:原因|理由)(?:是|为)?\s*:?/, '');
}

/** Free text left after slots were taken, or undefined when nothing meaningful is left. */
export function freeText(text: string, drop: RegExp = /^$/): string | undefined {
  // "…堵塞，已要求三天内整改" once the deadline is taken: the demand's leftover (已, 已要求, 责令) says nothing.
  // 特此报告 closes a clerk's note; it is no part of what was found.
  const t = tidy(text.replace(/^[\s,;。、:]*(?:发现|存在|问题是|情况是|有(?=\s))\s*/, '').replace(/[\s,;。、:]*特此(?:报告|通知|函告|说明|上报)[\s,;。、:!]*$/, '')
    .replace(DEMAND_LEFT, ' '));
  // "…堆着货 叫他们 挪开" once 下班前 is taken (the gap is where it stood): the order to fix it by then is the
  // deadline's, not part of what was found. An order said whole (叫他们清理) stays the worker's words.
  const found = t.replace(ORDER_LEFT, '').trim() || t;
  return found && !drop.test(found) ? found : undefined;
}
// The demand left at the end (已要求, 并责令, 叫他们, 跟老板说了). A bare 叫/让/跟 starts a clause: 报警器不叫 keeps it.
const DEMAND_LEFT = new RegExp(
  '[\\s,;。、:]*(?:(?:已经?|并|现)(?:要求|责令|让|叫)?|(?:然后)?(?:我)?(?:要求|责令|让|叫|跟)(?:他们|他|她)(?:讲了|说了)?' +
    '|(?<=^|[\\s,;。、:])(?:然后)?(?:我)?(?:要求|责令|让|叫|跟)(?:讲了|说了)?|(?:然后)?我(?:要求|责令|让|叫|跟)(?:讲了|说了)?)' +
    '(?:企业|他们|他|她|厂里|老板|其)?[\\s,;。、:]*$',
);
const ORDER_LEFT = /[\s,;，；。、:]*(?:然后|接着)?(?:我)?(?:叫|让|要求|责令|督促)(?:他们|他|她|企业|厂里|老板)?\s+(?:搬|挪|清|拆|修|换|改|装|关|开|移|弄|整改|处理|停|扫|分|拖|推|盖|补|收|撤|腾|扔|封|整)[\u4e00-\u9fff]{0,2}$/;
