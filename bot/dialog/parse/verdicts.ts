// The verdict of a visit said in slang, dialect or internet words: 木事 (没事), 中 / 中了 (行, northern Henan and
// Anhui), 齐活 (all done), 得劲 (fine), 666, 木问题 / 莫得问题 / 冇问题 (没问题), 妥了. Every reader of a verdict knows
// the standard words (正常, 没问题, 没事, ok); these are written as one of them before any reader runs, so
// 瑞丰化纤 去过了 木事 records a normal patrol and never a finding "木事". Only the verdict side is here: the
// dialect words around it (俺, 瞅, 明儿) are put right with the rest of the surface (dialect.ts).
// A return visit that finds nothing new (没发现新问题, 未发现新隐患) says all is well now: 新 is dropped, and the
// readers take 没发现问题 as they always have.

import { PROBLEM } from './problem-words.js';
import { saysNormal } from './report.js';

const SEP = '[\\s,;。、:!?~]';
const AT_START = `(?<=^|${SEP})`;
const AT_END = `(?=$|${SEP})`;
const PARTICLES = '(?:了|啦|嘞|哩|咧|哈|的|滴|呀|啊)*';

const RULES: readonly (readonly [RegExp, string])[] = [
  // 木事 (no matter, all fine): 木 as 没 before 事; 红木 / 原木 / 实木 are wood, never before 事 in a message.
  [/(?<![红原实苗树林枕积草土楠檀松杉柏榆桐])木事(?![故件务业])/g, '没事'],
  // 木问题, 木毛病, 莫得问题, 冇事, 冇隐患: 没 said in other mouths, before a word of trouble.
  [/(?<![红原实苗树林枕积草土楠檀松杉柏榆桐])木(?=(?:啥|什么)?(?:问题|毛病|隐患|异常))/g, '没'],
  [/(?:莫得|莫有|冇得|冇|没得)(?=(?:啥|什么)?(?:问题|毛病|隐患|异常|事))/g, '没'],
  // 齐活 (all done, nothing left): as its own word or at the end of one (弄好了齐活).
  [new RegExp(`(?:都|全)?齐活(?:儿)?${PARTICLES}${AT_END}`, 'g'), '没问题'],
  // 得劲 (fine, northern), never 不得劲 / 不太得劲 (not right).
  [new RegExp(`${AT_START}(?:挺|很|真|老|贼|可|都|都挺|还挺)?得劲(?:得很|儿)?${PARTICLES}${AT_END}`, 'g'), '挺好'],
  // 妥 / 妥了 / 妥当 said alone: settled, fine.
  [new RegExp(`${AT_START}(?:都|全)?妥(?:当)?${PARTICLES}${AT_END}`, 'g'), '没问题'],
  // 666 (well done, internet): a run of sixes as its own word, never inside a number or a code (编号6666号).
  [new RegExp(`(?<=^|${SEP}|[了啦])6{3,}${AT_END}`, 'g'), 'ok'],
  // 没发现新问题 / 未发现新的隐患 / 没有新问题 / 无新增隐患: nothing new on a return visit is nothing found.
  [/(没有?|未|无)(发现)?(?:新的?|新增的?)(问题|隐患|异常|情况)/g, '$1$2$3'],
  // 啥毛病没有 / 什么事都没有: nothing wrong, said the other way round.
  [/(?:啥|什么)(?:毛病|事)(?:都|也)?没有/g, '啥问题都没有'],
  // 没看到什么问题 / 没见到隐患: nothing seen is nothing found.
  [/(没有?|未)(?:看到|看见|见到|瞅见|瞧见)(?=(?:啥|什么|任何|明显)?(?:问题|隐患|异常))/g, '$1发现'],
  // "没有 发现 隐患": the verdict dictated a word at a time is one verdict.
  [/(没有?|未)\s*(发现)\s*(?:(啥|什么|任何|明显)\s*)?(问题|隐患|异常)(?=$|[\s,;。、:!?~])/g, '$1$2$3$4'],
  // 没有发现隐患 / 没发现异常 / 未发现异常情况: the verdict in the shapes the readers know (没发现隐患, 无异常).
  [/没有发现隐患/g, '没发现隐患'],
  [/(?:没有?|未)发现(?:任何)?异常/g, '无异常'],
  // 看过啦 / 巡完啦 / 去过啦: the visit told with a tone particle is the visit told (看过了).
  [/(?<=(?:看|查|巡|去|转|访|检查|巡查|巡检|走访)(?:过|完)?)啦/g, '了'],
];

// 中 / 中了 / 中嘞 / 还中 (it will do), said as its own word. Not after a level or a risk word (风险等级 中), nor
// after work under way (整改 中: being rectified); 中不中 asks, and is no word of its own. Said in front of a
// problem (华美 中 灭火器过期) it is no verdict a reader could trust, and stays.
// 高 中 低 and 中 风险 are a scale.
const ZHONG = new RegExp(`${AT_START}(?<!(?:风险|等级|级别|程度|危险性|级|高|低|整改|处理|进行|施工|维修|检修|办理|审批|调查|核查)${SEP}*)(?:还|挺|老|蛮|可|都)?中(?:中)*${PARTICLES}${AT_END}(?!${SEP}*(?:风险|等级|级|档|危|高|低))`, 'g');
// 中，就是灭火器过期: the verdict, then what is wrong after all, said as such.
const BUT = new RegExp(`^${SEP}*(?:但是?|可是|不过|就是|只是|除了|就)`);

function zhong(text: string): string {
  return text.replace(ZHONG, (word: string, at: number) => {
    const after = text.slice(at + word.length);
    return PROBLEM.test(after) && !saysNormal(after) && !BUT.test(after) ? word : '没问题';
  });
}

// A character at least one rule needs; a message without any skips the table.
const TRIGGER = /木|莫|冇|没|未|无|中|齐活|得劲|妥|666|啦/;

/** The message with slang verdicts written as the standard verdict words the readers know. */
export function plainVerdicts(text: string): string {
  if (!TRIGGER.test(text)) return text;
  let out = text;
  for (const [pattern, to] of RULES) out = out.replace(pattern, to);
  return out.includes('中') ? zhong(out) : out;
}
