// A sentence that names a hazard code: the words around the code say what to do with it. A known verb
// (or its everyday synonym) does that action; words that only ask (怎么样了, 进度) are a query; any other
// verb is never silently answered as a query: the options go back to the sender as one numbered question.
import type { ParsedMessage } from '../intents.js';
import type { CodeMatch } from './codes.js';
import { parseAssign, parseCodeOnly, parseRectify, parseReview, parseVoid, parseWhistle } from './hazard-actions.js';

const ACTIONS: [RegExp, (code: string, rest: string, now: Date) => ParsedMessage][] = [
  // Review first: 复查没通过 / 验收通过 carry their own verdict.
  [/(?:复查|验收|复核)?(?:不通过|不合格|未通过|没通过|没有通过|驳回|退回)|(?:复查|验收|复核)(?:已)?(?:通过|合格)|(?:^|\s)(?:通过|合格)(?:了)?(?:\s|$)|[✅✔❌✖]/,
    (code, rest, now) => parseReview(`${code} ${rest.replace(/复查|验收|复核/g, ' ')}`, now)],
  [/已经?整改(?:完成|完毕|好了)?|整改(?:完成|完毕|好了|到位)|已完成整改|(?:已经?)?(?:改好|弄好|搞好|修好|处理好|处理完|搞定|修复)了?|已(?:修复|处理)/,
    (code, rest) => parseRectify(`${code} ${rest}`)],
  // Whistle before assign: 转给 contains 给. A bare 给 <someone> (not 给我) hands the hazard on: 交办.
  [/吹哨|转给|转交|转到|移交|移送|推送给?|抄送/, (code, rest) => parseWhistle(`${code} ${rest}`)],
  [/交办|交给|派给|分派给?|指派给?|安排给|派单给?|(?<=^|\s)给(?!我)(?=\S)/, (code, rest, now) => parseAssign(`${code} ${rest}`, now)],
  [/作废|删掉|删除|撤销|撤掉|不算数?|无效/, (code, rest) => parseVoid(`${code} ${rest}`)],
  [/销号|闭环|结案|关闭|关掉|关了/, (code) => parseCodeOnly('close', code)],
  [/报到|签收|收到|已接收|接收|已知悉|知道了/, (code) => parseCodeOnly('acknowledge', code)],
];

// 重复 YH… answers 作废's question (duplicate of which?); alone it shows that hazard.
const ASK_ONLY = /^(?:咋回事|怎么回事|什么事|啥事|是什么|是啥|在哪|重复|与|和|同|查询|查看|查一下|查查|查下|查|看一下|看看|看下|详情|现在|目前|的|进度|情况|啥情况|什么情况|怎么样了?|咋样了?|如何|处理得?|到哪了|到哪一步了?|状态|呢|吗|了|啊|\?|[\s,;。、:])*$/;
// Urging a hazard on (催一下, 加急, 督办) is supervision: follow it up, assign it or whistle a department.
const URGE = /催|加急|督办|督促|紧急|抓紧|盯一下/;

export function parseCodeSentence(text: string, code: CodeMatch, now: Date): ParsedMessage {
  const around = `${text.slice(0, code.index)} ${text.slice(code.index + code.length)}`;
  for (const [re, make] of ACTIONS) {
    const m = re.exec(around);
    if (!m) continue;
    // The verb itself is not part of a note, reason or department.
    const rest = `${around.slice(0, m.index)} ${around.slice(m.index + m[0].length)}`;
    const keep = re === ACTIONS[0][0] ? around : rest;
    return make(code.code, keep, now);
  }
  if (ASK_ONLY.test(around.trim())) return { intent: 'query_hazard', code: code.code };
  const c = code.code;
  if (URGE.test(around)) {
    return { intent: 'ambiguous', code: c, options: [{ intent: 'query_hazard', code: c }, { intent: 'assign', code: c }, { intent: 'whistle', code: c }] };
  }
  return {
    intent: 'ambiguous',
    code: c,
    options: [
      { intent: 'query_hazard', code: c }, { intent: 'rectify', code: c }, { intent: 'review', code: c }, { intent: 'assign', code: c },
      { intent: 'whistle', code: c }, { intent: 'close', code: c }, { intent: 'void', code: c },
    ],
  };
}
