import { PROBLEM } from './parse/problem-words.js';
import { normalise } from './parse/index.js';
import { plainVerdicts } from './parse/verdicts.js';
import { besideVerdict, type Beside } from './parse/beside-verdict.js';

// Whether a patrol's findings describe something wrong. The parser reads "恒达今朝去过了，老好个。没事体"
// as a patrol with findings "老好个。没事体", and findings become a hazard: a hazard must never be recorded
// from words that say all is well, nor from a greeting or a bare form label. The shared problem words
// (parse/problem-words.ts) are read here; they include 没 / 未, so the all-well phrases (没事, 未发现问题)
// are taken out of the text first and the problem words are looked for in what is left.

export type Verdict = 'problem' | 'well' | 'unclear' | 'empty';

// 没事 is all well, 没事先清理 is not (事先, and 事故 / 事件 are things): 事 alone only before other words.
// Said of the whole place (安全, 到位, 齐全 only with an adverb: 安全出口 and 整改到位 name things), in the forms workers write and dictate: standard, Wu (老好个, 蛮好, 没事体,
// 呒没问题), Cantonese (冇问题, 冇事), northern (没毛病, 杠杠的, 挺好), and clerks' (符合要求, 未发现隐患).
const WELL = new RegExp([
  '一切(?:正常|安好|都好|良好|顺利)', '(?:都|很|挺|蛮|老|交关|还|都还|也|全|均)?正常', '无异常', '未见异常', '(?:均|都)?符合要求', '符合规定', '合格',
  '(?:没|没有|无|未|冇|呒|呒没|木有|莫得|没得)(?:发现)?(?:啥|什么|任何|多大|大|点)*(?:问题|毛病|事体|事情|事儿|事(?![先故件项宜务])|隐患|异常|情况|状况)',
  '(?:都|很|挺|蛮|老|交关|还|也|都还|非常|比较|特别)(?:好|不错|可以|行|规范|到位|齐全|安全)(?:个|的|呢|哦|啊|呀|嘞|了)?', '好(?:得很|着呢|的很)',
  '(?:之前|以前|上次|原来|原先)的?(?:问题|隐患)(?:都|已经?|全部?|均)*(?:没了|没有了|整改了|整改好了|解决了|改好了|消除了|整改完了?)',
  '还(?:可以|行|凑合)', '可以的?', '不错', '良好', '放心', '妥妥的?', '杠杠的', '灵额', '灵光', 'ok',
].join('|'), 'g');
// Problems said without the shared problem words: counted (两处问题, 问题3个), 有问题, 停车 in a passage,
// or the fix ordered on the spot (当场整改): something was found, whatever the rest says.
const FOUND = /有(?:点|些|个|一些|几个|几处)?(?:问题|隐患)|[\d一两二三四五六七八九十几多]+\s*(?:个|处|项|条|点)\s*(?:问题|隐患)|(?:问题|隐患)\s*[\d一两二三四五六七八九十几多]+\s*(?:个|处|项|条|点)?|停车|(?:当场|马上|立即|限期|要求|责令|督促)(?:已)?整改|当场已整改/;
// Words that turn an all-well word round (不合格, 不正常, 不太好, 不规范, 不到位): a problem, whatever else is said.
const NEGATED = /不(?:太|怎么|大|是很|够)?(?:正常|合格|符合|好|行|可以|规范|到位|齐全|安全|妥)/;
// What says nothing about the place: greetings, acknowledgements, a form's labels, particles.
const NOTHING = /(?:您好|你好|在吗|在不在|收到|好的|谢谢|辛苦了?|嗯+|哦+|噢|呃|额|那个|就是|今天|今朝|刚才|刚刚|去过了?|看过了?|看了一?下?|转了一圈|检查了?|巡查了?|结果|发现|情况|备注|隐患|问题|说明|企业|名称|现场|了|的|啊|呀|吧|呢|哈|个|也|都|我|这边|那边)/g;
const MARKS = /[\s\p{P}\p{S}]+/gu;

/** Reads findings as a problem, all well, unclear, or nothing at all (a greeting, a label). */
export function patrolVerdict(findings: string): Verdict {
  // 木事, 中了, 齐活, 666, 没发现新问题: the verdict in slang is read as the standard words (parse/verdicts.ts).
  const text = plainVerdicts(normalise(findings)).toLowerCase();
  // "发现：无" / "隐患：没有": a label answered with nothing wrong (隐患 and 没 are problem words alone).
  if (/^(?:巡查|检查)?(?:结果|发现|情况|隐患|问题|备注)*(?:无|没有|没|否|暂无|未发现|没发现)$/.test(text.replace(MARKS, ''))) return 'well';
  if (NEGATED.test(text)) return 'problem';
  const rest = text.replace(WELL, ' ');
  if (FOUND.test(rest)) return 'problem';
  const saidWell = rest !== text;
  if (PROBLEM.test(rest)) return 'problem';
  if (saidWell) return 'well';
  return rest.replace(MARKS, '').replace(NOTHING, '').length === 0 ? 'empty' : 'unclear';
}

/** Words that say nothing at all (您好, 隐患：, 结果：): never the text of a hazard. */
export const saysNothing = (text: string): boolean => patrolVerdict(text) === 'empty';

/**
 * The note of a patrol read as normal (巡查 华美 正常 <note>): a note, a finding after all, or unsure. A normal patrol is
 * never stored with a hazard as its note, whichever reader of the message made it (parse/beside-verdict.ts).
 */
export function noteVerdict(note: string, deadline = false): Beside {
  const text = plainVerdicts(normalise(note)).toLowerCase();
  return besideVerdict(text.replace(WELL, ' ').replace(/(?:看|查|去|巡|巡查|检查|巡检|走访|来|转)过了/g, ' '), deadline);
}
