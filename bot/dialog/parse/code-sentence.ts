// A sentence that names a hazard code: the words around the code say what to do with it. A known verb
// (or its everyday synonym) does that action; words that only ask (怎么样了, 进度) are a query; any other
// verb is never silently answered as a query: the options go back to the sender as one numbered question.
import type { ParsedMessage } from '../intents.js';
import type { CodeMatch } from './codes.js';
import { DEPARTMENT } from './departments.js';
import { takeDeadline } from './slots.js';
import { parseAssign, parseCodeOnly, parseRectify, parseReview, parseVoid, parseWhistle, REVIEW_FAIL } from './hazard-actions.js';
import { northernWords, withoutCodeSlips } from './code-slips.js';

// 复查 said by the reviewer (复查了 不行, 去复查过了 通过) is a review; 请复查 / 申请复查 / 待复查 ask for one,
// which is what a rectification says.
// 望复查, 烦请验收: the letter-writing words of the same request.
const ASKS_REVIEW = /(?:(?:请|申请|等待?|待|可以|麻烦|安排|望|希望|盼|烦请)[^\s,;。、:]{0,4}|去|来)(?:复查|验收|复核)(?!了|过)/;
// 验收单, 复查记录, 验收报告: the papers of a check are nouns, shown as evidence of the job, never the check itself.
const REVIEW_WORD = /(?:复查|验收|复核)(?!单|表|报告|记录|资料|材料|证明|手续)/;
// "今天到<厂>去复查 YH… 还是没弄好": the reviewer went to review, and says how it went; not a request for one.
const WENT_TO_REVIEW = /(?<!请|申请|等|待|麻烦|安排|可以)(?:去|来|过去)(?:复查|验收|复核)(?:了|过)?/;
const VERDICT = /(?:复查|验收|复核)?(?:不通过|不合格|未通过|没通过|没有通过|驳回|退回)|(?:复查|验收|复核)(?:已)?(?:通过|合格)|(?:^|\s)(?:通过|合格)(?:了)?(?:\s|$)|[✅✔❌✖]/;
// A finished job said as a result (已经换好灭火器了, 杂物清走了, 护栏装上了): the enterprise or worker reports
// the rectification. The verb list is the trades' everyday ones; a bare 好了 is not enough.
// 都改了 / 全改了 / 已经弄了: the whole of it said done, without a result word.
// 整改已完成, 整改OK了: the word order of a form (整改 first, then its state) and the English shorthand say it too.
// 已经做好了, 换了新的, 抽干了, 已经全部移到室外: the job's own verbs, said as done. 已按要求…: done as told.
// 这张是整改后的 / 附整改前后照片: a photo shown as the result of the job.
const DONE =
  /(?:都|全|全部|已经|已)(?:改|整改|弄|处理|修|换|更换)了(?!吗|没)|已经?整改(?:完成|完毕|好了)?|已于\S{1,8}?(?:完成|整改)|完成了?整改|整改\s*(?:已经?|均已|都已|已全部|全部)?\s*(?:完成|完毕|好了|到位|完了|结束|ok)(?:了|啦)?|已完成整改|(?:已经?|都)?(?:改好|弄好|搞好|修好|处理好|处理完|搞定|修复)了?|已经?(?:做好|做完)|(?:做好|做完)了|已(?:修复|处理)|(?:已经?|都)?(?:换|装|修|清理|清|搬|移|拆|补|改|弄|搞|配|更换|加装|安装|维修|调整|贴|挂|接|撤|挪|抽)(?:好|完|掉|齐|上|走|除|完毕|到位|干净|开|干)了|已经?(?:换|装|修|清理|清|搬|移|拆|补|配|更换|加装|安装|维修|贴|挂|挪|抽)(?:好|完|掉|齐|上|走|干净|干)|已经?(?:全部|都|全)?(?:更换|换新|清理|维修|修复|安装|加装|拆除|移走|清除|补齐|配齐|落实|消除)|(?:清|搬|挪|移|腾)(?:出来|空|干净)了|换了新的|(?:已经?|都)换(?:成)?新的|换新了|已经?(?:全部|都|全)?(?:移|搬|挪|转移|迁移)(?:到|至|进|出)|已经?按(?:照)?(?:要求|规定|标准|规范)|(?:这|是|附|以下|下面)[^\s,;。、:]{0,3}整改(?:前后|后|之后|完成后)的?(?:照片|图片|图|现场)?/i;
// "限于12月10日前整改完毕", "三天内改好", "请尽快处理好": the done words after a deadline or a demand are the state
// asked for, not one reached.
const GOAL_BEFORE = /(?:(?:\d|[一二三四五六七八九十两半]|天|日|号|周|月|底|时)(?:前|内|以内|之前)|为止|限期|限于?|要求|必须|务必|须|需要?|应当?|要|请|尽快|抓紧|立即|马上|督促|责令|叫|让)\s*$/;

/** The done words of a rectification in the sentence, unless they are what a demand or deadline asks for. */
function doneAt(around: string): RegExpExecArray | null {
  const m = DONE.exec(around);
  return m && !GOAL_BEFORE.test(around.slice(Math.max(0, m.index - 8), m.index)) ? m : null;
}
// 吹哨, 吹个哨, 吹一下哨; 转给 / 移交 (always to a department); 交给 / 给 a department's name.
const WHISTLE = /吹(?:个|一下|一个|下)?哨|转给|转交|转到|移交|移送|推送给?|抄送/;
const HAND_OVER = /交(?=\S{1,6}(?:跟进|处理|负责|办理|落实))|指定|由(?=\S{1,8}负责)|责任人|交办|交给|派给|分派给?|指派给?|安排给|派单给?|(?<=^|\s)给(?!我)(?=\S)/;

// "YH… 消防报到没有", "签收了吗": whether an action was done yet is asked about the hazard, never done.
// "复查通过没有", "验收合格了吗": a verdict asked about is a question too.
// "到底改好没有啊": a particle after the question still asks it.
const STATE_QUESTION = /(?:了|好|完)(?:没有?|吗|么|没呢)[啊呀呢哇嘛哈]?\s*\??$|(?:报到|签收|到场|接收|认领|处理|整改|复查|验收|销号|交办|吹哨|回复|通过|合格)(?:了)?(?:没有|没|吗|么|没呢)[啊呀呢哇嘛哈]?\s*\??$|(?:有没有|是否|是不是)(?:已经?)?(?:整改|处理|改好|弄好|修好|搞好|报到|签收|复查|验收|销号|改|修|弄|通过|合格)/;
// "到底改没改", "复没复查", "整改没整改", "合不合格": the verb said twice around 没 / 不 asks whether it was done; a
// question, never the action. Only the job's and the check's verbs: 能不能 / 可不可以 ask for an action politely.
const A_NOT_A = /(改|修|弄|搞|换|清|查|报|销|交|吹|签|验|复|整|处|通|合|到|好|完|做|装|拆|搬|落)(?:没有?|不)\1|(整改|处理|复查|验收|报到|签收|销号|到位|通过|合格|完成|落实)(?:没有?|不)\2/;
const DEMAND = /请企业|让企业|要求企业|督促企业|责令企业|通知企业|请|让|要求|督促|责令|叫/;
const VISITED = /(?:去|到现场|现场|过去)?(?:看了|看过了?|查看了|检查了|看了一?下)/;
// "去看了 弄好了", "看了一下 还是堆着货", "还差标识": the state the visit found, done or not.
// 没事了 / 没毛病 (and 木事, which verdicts.ts writes as 没事), 还没弄 / 压根没动: all well, or the job not begun.
const REVIEW_VERDICT = /可以了|没(?:啥|什么)?问题了?|没事|没(?:啥|什么)?毛病|挺好|(?:还|都|也|压根|根本)没(?:有)?(?:弄|搞|修|换|清|处理|整改|改|动手|拆|搬|装)|ok|还没改|没改|没整改|未整改|老样子|原样|依然|仍然|仍未|还是没|没动|不行|不合格|已经?(?:改|弄|整改|处理)好了|(?:改|弄|修|搞|处理)好了|还是[^\s,;。、:]{1,3}着|还在|仍在|依旧|还差|合格|到位了|通过/;

const FAIL_WORD = /不通过|不合格|未通过|没通过|没有通过|驳回|退回/;
// "这个不算隐患吧", "这也算隐患?", "凭什么算问题": the enterprise disputes the hazard and asks about it; only the
// office voids one, with its own verb (作废, 撤销).
// 这个不是隐患, 我们不认可, 有异议: the same dispute said flatly.
const DISPUTE = /(?:不算|算不上|不属于|谈不上|不应该算|不该算|不是)(?:是)?(?:什么)?(?:隐患|问题)|不认可|不认同|有异议|申诉|算不算(?:是)?(?:隐患|问题)|这也算(?:是)?(?:隐患|问题)|(?:凭什么|为什么|为啥)(?:要)?(?:算|说|定)(?:是|成|为)?(?:隐患|问题)/;
const OFFICE_VOID = /作废|删掉|删除|撤销|撤掉|无效|不属实|误报|重复|(?:报|填|写|录|搞|弄)错/;
// "这个隐患具体是什么问题", "这个编号什么意思", "没看到详情", "没收到通知": the sender asks what the hazard is. A
// department or enterprise receiving it (我们厂收到一个YH…) says so only to ask.
// 请问…, 想了解一下, 要怎么整改: the sender's own question, whatever it receives (我们公司收到了YH…的通知).
const ASKS_WHAT = /是什么|什么问题|什么意思|啥问题|啥意思|啥情况|什么情况|怎么回事|咋回事|具体|详情|详细情况|请问|了解一下|想了解|(?:要|该|应该)?(?:怎么|怎样|如何)(?:整改|弄|办|处理|改|做)|(?:看不到|没看到|没有看到|看不了|找不到|没收到|没有收到|未收到)/;
// "我们市场监管所这边", "我是消防大队的": the department named is the sender, not where the hazard should go.
const SELF = /(?:我们|咱们|我|咱|本)(?:是|这边|单位)?$/;
// "请于24小时内报到", "要求消防尽快报到": 报到 demanded of a department by the office; the department saying it
// (消防这边报到, 已报到) is what acknowledges.
const DEMANDED_REPORT = /(?:请|要求|须|需|务必|尽快|及时|立即|马上|限|内|前|督促|通知|让|叫)[^\s,;。、:]{0,3}报到/;
// "他们已经报到了", "消防已报到": the 报到 told as done; a whistle word in the same sentence (吹哨给消防的) is its past.
const REPORT_DONE = /已经?报到|报到了(?!吗|没)|已(?:签收|到场)/;
// "什么时候来复查", "请安排复查", "申请复查验收": the enterprise asks for the re-check, which it does once the job is
// done (a reviewer goes: 去复查 is an order to one, not this).
const ASK_FOR_REVIEW = /(?:什么时候|啥时候|何时|哪天|几时|能不能|可以)(?:过)?来(?:复查|验收|复核)|(?:申请|请求|请|麻烦|安排|等待?|待|望|希望|盼|烦请)[^\s,;。、:去]{0,4}(?:复查|验收|复核)(?![了过单表])|来(?:复查|验收|复核)(?:一下|下)?(?:吧|呗)?$/;
const RECEIVED_WHISTLE = /(?:接到|收到|看到)(?:了)?(?:你们的?|区里的?|镇里的?)?(?:这个|这条)?(?:吹哨|哨)(?:了)?/;

// "转交横林镇安监办", "移交遥观镇": a township's own office is handed the hazard to follow up (交办); only a
// department (消防, 市监) is whistled.
const TOWN_OFFICE = /^[\s:]*(?:[\u4e00-\u9fff]{1,4}?(?:镇|街道|乡)(?:安监办|安监站|安监所|应急办|政府|网格)?|安监办|安监站|安委办|村委会?|网格员?)(?=$|[\s,;。、:]|[\u4e00-\u9fff])/;

// The check and the close said in one sentence (pickAction): a check passed before (已通过, 复查已合格), passed now
// (复查合格) or done (复查过了); the close approved (同意 / 可以…销号) or asked for (帮我 / 请…销号, 销号 as its own
// word). A close refused (不同意销号, 先别销号, 不能销号了) is neither.
const CHECK_PASSED_BEFORE = /(?:已|已经)(?:复查|验收|复核)?(?:通过|合格)|(?:复查|验收|复核)已经?(?:通过|合格)/;
const CHECK_PASSED = /(?:复查|验收|复核)(?:都)?(?:通过|合格)/;
const CHECK_DONE = /(?:复查|验收|复核)(?:都)?(?:过了|过|完了|完毕)/;
const NOT_CLOSE = '(?<!不|别|未|暂不|不要|不用)';
const CLOSE_APPROVED = new RegExp(`${NOT_CLOSE}(?:同意|予以|准予|批准|可以|确认)[^\\s,;。、:]{0,4}?(?:销号|闭环|结案)`);
const CLOSE_ASKED = new RegExp(`${NOT_CLOSE}(?:(?:请|申请|麻烦|帮我|帮忙|给|替我)[^\\s,;。、:]{0,4}?(?:销号|闭环|结案)|(?:^|[\\s,;。、:])(?:销号|闭环|结案)(?:了|吧|啦)?(?=$|[\\s,;。、:!]))`);

type Action = (code: string, rest: string, now: Date) => ParsedMessage;

/** The action a sentence around a hazard code asks for, with the words left once its verb is cut out. */
function pickAction(around: string, now: Date): { make: Action; verb?: RegExpExecArray } | null {
  const cut = (re: RegExp, make: Action) => {
    const m = re.exec(around);
    return m ? { make, verb: m } : null;
  };
  // "YH… 整改了没有", "改好了吗": a question about the state, whatever verb it names.
  if (STATE_QUESTION.test(around) || A_NOT_A.test(around)) return { make: (code) => ({ intent: 'query_hazard', code }) };
  if (DISPUTE.test(around) && !OFFICE_VOID.test(around)) return { make: (code) => ({ intent: 'query_hazard', code }) };
  // "YH… 请企业两周内整改到位", "让李明负责 这周内弄好": a demand with a deadline is 交办, not a rectification.
  // A finished job said with it (已整改 请明天复查) stays the rectification; with 吹哨 said (现吹哨消防救援大队，请于
  // 24小时内报到) the time is the department's to report in, and the action is the whistle.
  if (DEMAND.test(around) && !VERDICT.test(around) && !WHISTLE.test(around) && !(doneAt(around) && /已|了(?!吗|没)/.test(around)) && takeDeadline(around, now).deadline !== undefined) {
    return { make: (code, rest, now) => parseAssign(`${code} ${rest.replace(DEMAND, ' ')}`, now), verb: DEMAND.exec(around)! };
  }
  // "把YH…交办给王磊 明天之前处理完": 交办 says it outright; the job words after it are what is demanded.
  // "现将YH…交由横林镇安监办跟踪督办", "责成…": the formal words of the same hand-over.
  const assignWord = /交办|交由|交予|责成|派给|指派给?|分派给?|安排给|派单给?/.exec(around);
  if (assignWord && !DEPARTMENT.test(around.slice(assignWord.index))) {
    return { make: (code, rest, now) => parseAssign(`${code} ${rest}`, now), verb: assignWord };
  }
  // Review first: 复查没通过 / 验收通过 carry their own verdict; the verdict words stay for parseReview.
  // "去看了 还没改" is a review told as a visit.
  // "已复查通过 可以销号了": the review is told as done and the admin closes the hazard now.
  // "复查已通过，请区里销号": the reviewer's request to close is the action asked of the bot.
  // "经区应急管理局组织验收合格，同意销号": the admin's approval (同意, 予以) after the check that passed closes it,
  // with or without 已; "验收合格 可以销号" (no approval, the check said now) stays the reviewer's verdict.
  // "已经复查过了，帮我销号", "复查已通过，销号", "复查通过了，销号吧": the check told as done (or passed now) with
  // the close asked for in so many words (帮我 / 请 …销号, 销号 as its own word) closes it too. 复查通过 可以销号(了)
  // is the verdict with its consequence said, as above; both end in the same passed review (hazard-flows.ts).
  const closeAfterReview = !FAIL_WORD.test(around) && !REVIEW_FAIL.test(around) && (
    (CHECK_PASSED_BEFORE.test(around) && (CLOSE_APPROVED.test(around) || CLOSE_ASKED.test(around))) ||
    ((CHECK_PASSED.test(around) || CHECK_DONE.test(around)) && CLOSE_ASKED.test(around)) ||
    // "经复核，…整改到位，同意销号": the approval itself is the admin's close, whatever check it names.
    /(?<!不|未|暂不)(?:同意|予以|准予|批准)(?:销号|闭环|结案)/.test(around));
  if (closeAfterReview) return { make: (code) => parseCodeOnly('close', code) };
  // "YH… 闭环 ✅": a close verb with only a mark after it closes the hazard; the mark is no review verdict.
  if (/(?:^|\s)(?:销号|闭环|结案)(?:了|吧)?\s*[✅✔]?\s*$/.test(around) && !REVIEW_WORD.test(around)) return { make: (code) => parseCodeOnly('close', code) };
  // "整改不到位，不同意销号", "暂不予销号": the close refused is the review failed; the hazard goes back to its rectification.
  if (/(?:不同意|不予|暂不予?|不能|不准予?)(?:销号|闭环|结案)/.test(around)) {
    return { make: (code, _rest, now) => ({ ...parseReview(`${code} ${around.replace(/复查|验收|复核/g, ' ')}`, now), pass: false }) };
  }
  const visitedVerdict = VISITED.test(around) && REVIEW_VERDICT.test(around);
  // "整改OK了 照片已发✅": a mark after the job said done is the sender's tick on it, no reviewer's verdict.
  const verdict = VERDICT.exec(around);
  const tickOnDone = verdict !== null && /^[✅✔]$/.test(verdict[0]) && !REVIEW_WORD.test(around) && doneAt(around) !== null;
  if ((verdict && !tickOnDone) || visitedVerdict || (REVIEW_WORD.test(around) && !ASKS_REVIEW.test(around)) ||
    (WENT_TO_REVIEW.test(around) && REVIEW_VERDICT.test(around) && !/已经?(?:改|弄|整改|处理)好了/.test(around))) {
    return { make: (code, _rest, now) => parseReview(`${code} ${around.replace(/复查|验收|复核/g, ' ')}`, now) };
  }
  // "整改到位 同意销号": the admin closes it (after a verdict, 复查通过 予以销号, the review's pass closes it); 申请销号 / 请销号 stays the rectification asking for it.
  const closing = /(?<!不|未|暂不)(?:同意|予以|准予|批准|可以|确认)(?:销号|闭环|结案)|^\s*(?:销号|结案)/.exec(around);
  if (closing && !/申请|请求?(?:销号|结案)/.test(around)) return { make: (code) => parseCodeOnly('close', code), verb: closing };
  // "YH… 好了", "ok了": said of a hazard, done means rectified.
  if (/^\s*(?:好了|好啦|ok了?|弄完了|搞完了|整完了|整好了|完事了)\s*$/i.test(around)) return { make: (code) => parseRectify(code) };
  const doneWords = doneAt(around);
  if (doneWords) return { make: (code, rest) => parseRectify(`${code} ${rest}`), verb: doneWords };
  // "YH… 什么时候来复查", "请安排验收": the enterprise asks for its re-check, so the job is done (rectify).
  if (ASK_FOR_REVIEW.test(around)) return { make: (code) => parseRectify(code) };
  // "我们接到吹哨了 但是看不到详情 能发一下吗": the whistle was received, not blown; what is asked is the hazard
  // itself, or, with nothing asked, the receipt is the department's answer (报到).
  const received = RECEIVED_WHISTLE.exec(around);
  if (received) {
    const left = `${around.slice(0, received.index)} ${around.slice(received.index + received[0].length)}`;
    return /详情|内容|照片|图片|信息|情况|发一下|发我|发给我|看不到|看不了|在哪|什么|啥|吗|呢|\?/.test(left)
      ? { make: (code) => ({ intent: 'query_hazard', code }) }
      : { make: (code) => parseCodeOnly('acknowledge', code) };
  }
  // 报到 the office demands (请于24小时内报到) is no department's answer: blanked (keeping the places of the
  // words) before the answers are looked for.
  const answers = DEMANDED_REPORT.test(around) ? around.replace(DEMANDED_REPORT, (m) => ' '.repeat(m.length)) : around;
  const whistled = WHISTLE.test(around);
  // "吹哨给消防的 他们已经报到了": told that the department reported in, the whistle is already past.
  if (whistled && REPORT_DONE.test(answers)) return { make: (code) => parseCodeOnly('acknowledge', code) };
  // "这个隐患具体是什么问题？我们市场监管所这边没看到详情": asked what the hazard is, with no whistle verb, the
  // sender wants to see it; the department or enterprise named is who asks.
  if (!whistled && ASKS_WHAT.test(around)) return { make: (code) => ({ intent: 'query_hazard', code }) };
  // Whistle before assign: 转给 contains 给, and 交给消防 hands the hazard to a department.
  const whistle = cut(WHISTLE, (code, rest) => parseWhistle(`${code} ${rest}`));
  if (whistle?.verb && /转|移/.test(whistle.verb[0])) {
    const to = around.slice(whistle.verb.index + whistle.verb[0].length).split(/[,;。]/)[0];
    if (TOWN_OFFICE.test(to) && !DEPARTMENT.test(to)) return { make: (code, rest, now) => parseAssign(`${code} ${rest}`, now), verb: whistle.verb };
  }
  if (whistle) return whistle;
  // A department answering its whistle (消防这边报到) acknowledges it.
  // "市监收到": a department name with 收到 is its answer, not a whistle to it.
  // "已到场 YH…", "人已到现场": the department's people are on site for the whistled hazard.
  const reported = /报到|签收|认领|领走了|已接收|已?知悉|已收到|(?:已|已经|人已|我们已)(?:到场|到达现场|到现场)|^\s*到场(?:了)?\s*$/.exec(answers) ?? (DEPARTMENT.test(answers) ? /收到|知道了|明白/.exec(answers) : null);
  if (reported) return { make: (code) => parseCodeOnly('acknowledge', code), verb: reported };
  // "这个得让消防来管", "转市场监管局": a department named is where the hazard goes; one the sender names as itself
  // (我们市场监管所, 我是消防的) is not.
  const department = DEPARTMENT.exec(around);
  if (department && !SELF.test(around.slice(0, department.index)) && !HAND_OVER.test(around)) return { make: (code, rest) => parseWhistle(`${code} ${rest}`) };
  const hand = HAND_OVER.exec(around);
  if (hand && DEPARTMENT.test(around.slice(hand.index + hand[0].length))) {
    return { make: (code, rest) => parseWhistle(`${code} ${rest}`), verb: hand };
  }
  if (hand) return { make: (code, rest, now) => parseAssign(`${code} ${rest}`, now), verb: hand };
  // "YH… 申请销号": asking for the close is what a rectification says.
  if (/(?:申请|请求)(?:销号|闭环|结案)/.test(around)) return { make: (code) => parseRectify(code) };
  return (
    cut(/作废|删掉|删除|撤销|撤掉|不算(?:数|了)?|无效|不属实|重复了|重复报|报重了|是同一个/, (code, rest) => parseVoid(`${code} ${rest}`, /重复|报重|同一个/.test(around))) ??
    // "YH…报错了 不是那家", "填错了": the hazard was recorded by mistake, so it is voided.
    cut(/(?:报|填|写|录|登记|发|搞|弄)错了?|不是(?:那|这|这一|那一)家/, (code, rest) => parseVoid(`${code} ${rest}`)) ??
    cut(/销号|闭环|结案|关闭|关掉|关了/, (code) => parseCodeOnly('close', code)) ??
    (answers === around ? cut(/报到|签收|收到|已接收|接收|已知悉|知道了/, (code) => parseCodeOnly('acknowledge', code)) : null)
  );
}

// 重复 YH… answers 作废's question (duplicate of which?); alone it shows that hazard.
const ASK_ONLY = /^(?:咋回事|怎么回事|什么事|啥事|是什么|是啥|在哪|重复|与|和|同|查询|查看|查一下|查查|查下|查|看一下|看看|看下|详情|现在|目前|的|进度|进展|情况|啥情况|什么情况|怎么样了?|咋样了?|如何|处理得?|到哪了|到哪一步了?|状态|呢|吗|了|啊|\?|[\s,;。、:])*$/;
// Urging a hazard on (催一下, 加急, 督办) is supervision: follow it up, assign it or whistle a department.
// 看看, 照片, 进度, 什么时候到期, 谁负责: words that ask to see the hazard, with no action verb in the sentence.
// 给我们多长时间, 截止哪天, 来得及吗: an enterprise asks how long it has.
// 进展, 中不中 / 行不行 (is it all right now?): asked about, never done.
const LOOK = /看|查|进度|进展|中不中|行不行|照片|图片|详情|情况|什么|啥|谁|几天|几号|多久|多长时间|多少天|截止|来得及|哪|吗|呢|\?|到期|期限|状态|怎么/;
const URGE = /催|加急|督办|督促|紧急|抓紧|尽快|盯一下/;

export function parseCodeSentence(text: string, code: CodeMatch, now: Date): ParsedMessage {
  const around = northernWords(withoutCodeSlips(`${text.slice(0, code.index)} ${text.slice(code.index + code.length)}`));
  const action = pickAction(around, now);
  if (action) {
    // The verb itself is not part of a note, reason or department.
    const v = action.verb;
    const rest = v ? `${around.slice(0, v.index)} ${around.slice(v.index + v[0].length)}` : around;
    return action.make(code.code, rest, now);
  }
  if (ASK_ONLY.test(around.trim())) return { intent: 'query_hazard', code: code.code };
  const c = code.code;
  // "YH… 月底前让企业整改完", "YH… 限期10天": a deadline set on a hazard is what 交办 does.
  if (takeDeadline(around, now).deadline) return parseAssign(`${c} ${around}`, now);
  if (URGE.test(around)) {
    return { intent: 'ambiguous', code: c, options: [{ intent: 'query_hazard', code: c }, { intent: 'assign', code: c }, { intent: 'whistle', code: c }] };
  }
  if (LOOK.test(around)) return { intent: 'query_hazard', code: c };
  return {
    intent: 'ambiguous',
    code: c,
    options: [
      { intent: 'query_hazard', code: c }, { intent: 'rectify', code: c }, { intent: 'review', code: c }, { intent: 'assign', code: c },
      { intent: 'whistle', code: c }, { intent: 'close', code: c }, { intent: 'void', code: c },
    ],
  };
}
