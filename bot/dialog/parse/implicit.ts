// Messages without a leading command word that still have one clear reading. Anything less clear stays
// 'unknown' so the bot answers with help instead of guessing a write.
import type { ParsedMessage } from '../intents.js';
import { findHazardCode } from './codes.js';
import { matchCommand } from './commands.js';
import { parseCodeSentence } from './code-sentence.js';
import { parseTrailingQuery } from './queries.js';
import { parseEnterpriseQuestion, parseFiguresQuestion, parseScopeQuestion } from './questions.js';
import { parsePatrol, parseReport } from './report.js';
import { parseProblemFirst, parseStory } from './story.js';

const TIME_PREFIX = /^(?:今天|今日|刚才|刚刚|上午|下午|早上|中午|晚上)\s*/;
const TRAILING_REPORT = /(?:你给|给我|帮忙|帮我|请|麻烦|需要|要|给)?(?:上报|报一下|上报一下|报上去|登记一下)(?:一下)?$/;
// "华美那边灭火器过期了": a place word after a name, then a problem.
const LOCATIVE_PROBLEM =
  /^[^\s,;。、]{1,16}?(?:那边|那里|那儿|这边|厂里|公司里|家的)\S*(?:过期|堵|杂物|未|没有|没|坏|破|漏|隐患|问题|缺|失效|老化|锁|占用|乱|违规|不合格|超|裸露|松动|脱落|积|私)/;
// "去华美巡查了，正常".
const VISIT = /^(?:去|到|在)([^\s,;。、]{1,16}?)(?:巡查|巡检|检查)(?:了|一下)*[\s,;。、:]*(.*)$/;
// "我发现华美灭火器过期了": a sighting is a report.
const SEEN = /^我?(?:刚才|刚刚|刚|今天|今日)?(?:在)?(?:发现|看到)了?[\s,;。、:]*(\S.{3,})$/;
const QUESTION = /(?:什么|啥|哪些|多少|几个|几家|几条|清单|列表|情况|有没有|吗|呢|干嘛|干啥|\?)/;

// Spoken fillers in front of a dictated message (嗯 / 那个 / 就是): no part of any reading.
const FILLER = /^(?:嗯+|呃+|额+|那个|这个(?![月星礼季周])|就是|我说)+[\s,;。、:]*/;

export function parseImplicit(input: string, now: Date): ParsedMessage | null {
  const text = input.replace(FILLER, '') || input;
  const timed = TIME_PREFIX.exec(text);
  if (timed) {
    const cmd = matchCommand(text.slice(timed[0].length));
    if (cmd?.command === 'patrol') return parsePatrol(cmd.rest, now);
    if (cmd?.command === 'report') return parseReport(cmd.rest, now);
  }
  const code = findHazardCode(text);
  if (code) return parseCodeSentence(text, code, now);
  const bind = /绑定/.test(text) ? text.match(/(?<!\d)(?:\d{4}[\s-]?\d{6}|\d{6})(?!\d)/g) : null;
  if (bind?.length === 1) return { intent: 'bind', code: bind[0].replace(/[\s-]/g, '') };
  const trailingQuery = parseTrailingQuery(text);
  if (trailingQuery) return trailingQuery;
  const question = parseScopeQuestion(text) ?? parseFiguresQuestion(text) ?? parseEnterpriseQuestion(text);
  if (question) return question;
  const story = parseStory(text, now);
  if (story) return story;
  const visit = VISIT.exec(text);
  if (visit) return parsePatrol(`${visit[1]} ${visit[2]}`, now);
  const seen = SEEN.exec(text);
  if (seen) return parseReport(seen[1], now);
  const trailing = TRAILING_REPORT.exec(text);
  if (trailing && /[^\s,;。、:]{2}/.test(text.slice(0, trailing.index))) return parseReport(text.slice(0, trailing.index), now);
  if (LOCATIVE_PROBLEM.test(text)) return parseReport(text, now);
  if (/重大隐患/.test(text) && QUESTION.test(text)) return { intent: 'major' };
  if (/重大隐患/.test(text) && QUESTION.test(text)) return { intent: 'major' };
  if (/逾期|超期/.test(text) && QUESTION.test(text)) return { intent: 'overdue' };
  if (/任务|待办|要巡查|该巡查|要做|要干|要弄|要处理/.test(text) && QUESTION.test(text)) return { intent: 'tasks' };
  // "我今天的任务", "今天的待办": the tasks command with its possessive and time words in front.
  if (/^(?:我的?)?(?:今天|今日|本周|这周)?的?(?:任务|待办)(?:事项)?$/.test(text)) return { intent: 'tasks' };
  return parseProblemFirst(text, now);
}
