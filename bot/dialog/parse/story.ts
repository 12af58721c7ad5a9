// Reports and patrols told the way people talk: the enterprise first and the problem after it
// (恒泰 消防通道堵了 三天内弄好), or a visit told as a story (刚去恒泰转了一圈 都挺好).
import type { ParsedMessage } from '../intents.js';
import { tidy } from './normalise.js';
import { NORMAL_TOKEN, parsePatrol, parseReport } from './report.js';

const TIME = '(?:今天|今日|刚才|刚刚|刚|上午|下午|早上|中午|晚上|刚刚才|今早|今天上午|今天下午|昨天)?';
// Spoken fillers in front of a dictated message: "嗯那个恒泰纺织啊…".
const FILLER = /^(?:嗯+|呃+|额+|那个|这个(?![月星礼季周])|就是|我说|报告)+[\s,;。、:]*/;
const VISIT_VERB =
  '(?:(?:检查|巡查|巡检)(?:完毕|结束)了?|转了一圈|转了一下|转了转|转转|转了|走了一趟|走了一圈|走访了?|看了一下|看了看|看过了|看了|查了一遍|查了一下|查过了|查了|检查了一下|检查了|检查完了?|巡查了一下|巡查了|巡查完了?|巡检了?|巡了一下|巡了|巡完了?|出来|回来|巡查|检查)(?:一下|一圈|一遍)?';
// 去/到/在/从 <name> <visit verb> <result>
const GO_VISIT = new RegExp(`^${TIME}(?:我)?(?:去了?|到了?|在|从)(?:一?趟)?\\s*([^\\s,;。、:]{2,16}?)\\s*${VISIT_VERB}[\\s,;。、:]*(.*)$`);
// 去了 <name> <result>: 去了 alone says the visit happened.
const WENT = new RegExp(`^${TIME}(?:我)?(?:去了一?趟?|到了|去过)\\s*([^\\s,;。、:]{2,16})[\\s,;。、:]+(.+)$`);
// <name> 巡完了 / 看过了 <result>
const NAME_DONE = /^([^\s,;。、:]{2,16}?)(?:(?:检查|巡查|巡检|巡)(?:完毕|结束)了?|巡完了?|巡查完了?|检查完了?|看过了|看完了|查过了|查完了|巡了|巡过了|转过了|(?:检查|巡查|巡检)了(?:一下|一遍|一圈)?|转了一圈|看了一下)[\s,;。、:]*(.*)$/;
// 巡查完 <name> <result>
const DONE_NAME = new RegExp(`^${TIME}(?:巡查完|检查完|巡完|看完|查完)了?\\s*([^\\s,;。、:]{2,16}?)[\\s,;。、:]+(.*)$`);

// Words that say something is wrong: the message is a hazard.
export const PROBLEM =
  /过期|放在|放了|放着|摆着|摆放|不灵|不能用|用不了|不工作|倾斜|积水|没水|危险|压住|压着|充电|抽烟|吸烟|明火|动火|违章|无防护|没防护|没戴|未戴|乱放|乱堆|停放|占道|渗|滴|冒|烧|焦|变形|裂|塌|歪|堵|杂物|未|没有?|坏|破|漏|隐患|缺|失效|老化|锁|占用|乱|违规|不合格|超|裸露|松动|脱落|积|私拉|私接|不亮|不足|无证|失灵|堆|挡|遮|损|锈|断|倒塌|泄|太大|不好|不够|不全|不到位|不规范|露在|脏|满|过载|发热|冒烟|异味|异响/;
// A visit said in the middle of a problem-first message: 检查发现, 巡查时发现, 去看了, 转了一圈.
const VISIT_HINT = /(?:今天|今日|刚才|刚刚|上午|下午)?(?:去|来)?(?:(?:检查|巡查|巡检|走访)了?(?:一下|一遍|一圈)?|看了一?下?|转了一?圈?)(?:时|的时候|中|过程中)?(?:发现|看到)?了?/;
const QUESTION = /什么|啥|哪些|哪个|哪里|谁|多少|几个|几家|几条|吗|呢|\?|怎么|如何|是否|有没有/;
const NOT_A_NAME = /^(?:不|未|没|仍|还|已|通过|合格|重复|正常|我|你|他|她|我们|今天|今日|现在|刚才|刚刚|这个|那个|这里|那里|这边|那边|还有|有|没|没有|未|已|已经|请|帮|麻烦|发现|看到|检查|巡查|隐患|问题|消防|安全|员工|工人|仓库|车间|厂房|楼梯|配电|电线|灭火器)/;

export function parseStory(input: string, now: Date): ParsedMessage | null {
  const text = input.replace(FILLER, '');
  for (const re of [GO_VISIT, DONE_NAME, NAME_DONE, WENT]) {
    const m = re.exec(text);
    if (m && !NOT_A_NAME.test(m[1])) return parsePatrol(`${m[1]} ${m[2] ?? ''}`, now);
  }
  // "恒泰 正常", "华美化工，一切正常": a name and a patrol verdict is a patrol.
  const verdict = /^([^\s,;。、:]{2,20})[\s,;。、:]+([^\s,;。、:]+)$/.exec(text);
  if (verdict && NORMAL_TOKEN.test(verdict[2]) && !NOT_A_NAME.test(verdict[1]) && !PROBLEM.test(verdict[1]) && !/^(?:去|到|在|从)/.test(verdict[1]) && /[\u4e00-\u9fff]{2}/.test(verdict[1])) {
    return parsePatrol(`${verdict[1]} ${verdict[2]}`, now);
  }
  return null;
}

/** 恒泰 消防通道堵了 三天内弄好, 宏远物流叉车司机没证: a name, then what is wrong. */
export function parseProblemFirst(input: string, now: Date): ParsedMessage | null {
  const text = input.replace(FILLER, '');
  // A report needs a word that says something is wrong: "华美塑料 明天来检查" or "华美塑料的老板电话" name
  // an enterprise and nothing wrong, and go to the in-scope choices instead of becoming a hazard.
  if (!PROBLEM.test(text) || QUESTION.test(text) || NOT_A_NAME.test(text)) return null;
  const p = parseReport(text, now);
  // It takes a name and a problem. A problem alone ("通道仍有货物堆放") stays unknown: it is the free-text
  // answer to a question (a reason, a finding), and a name that itself reads as a problem is no name.
  if (!p.enterprise || !p.description || PROBLEM.test(p.enterprise) || /^[\d一二三四五六七八九十]+(?:楼|层|号|车间)/.test(p.enterprise)) return null;
  // "华美 今天检查发现灭火器过期": seen on a visit, so it may be a patrol with a finding as much as a
  // report. Both readings go back as one numbered question (1. 上报隐患 2. 记录巡查).
  const visit = VISIT_HINT.exec(p.description);
  if (visit) {
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
