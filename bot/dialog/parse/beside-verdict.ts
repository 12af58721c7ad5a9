// The words said beside a verdict of all well (巡查 华美 正常 <words>): a note on a normal patrol, or a problem the
// sender saw after all. "正常 灭火器过期" must never store a normal patrol with the hazard as its note: the hazard
// would be lost. Words that tell a present problem plainly are the finding; words that only may (有点乱, 没在,
// 有人) leave the verdict to the sender (1. 巡查正常 2. 发现隐患); a remark with nothing wrong in it, a problem told
// as put right (上次的灭火器已更换), or one the sender says is none (不算隐患) stays the note.
// The words come with the all-well phrases already taken out (report.ts, patrol-verdict.ts do that).

import { PROBLEM } from './problem-words.js';

export type Beside = 'note' | 'finding' | 'unsure';

// The sender says it is no hazard: 不算隐患, 算不上问题, 问题不大, 不要紧, 无大碍, 不影响.
export const HEDGE = /不算(?:是)?(?:啥|什么)?(?:隐患|问题)|算不上(?:隐患|问题)?|谈不上|(?:问题|影响)不大|不是(?:啥|什么)?大?(?:隐患|问题)|不要紧|没关系|(?:无|没有?)(?:大碍|大问题|什么大问题|啥大问题)|不影响|小事(?:一桩|情)?$/;

// A clause telling a problem put right: 已更换, 已经整改了, 当场清理了, 换好了, 上次的…都改了. An order to fix it
// (已要求更换, 已通知整改, 已提醒) is no fix: the problem is still there.
const FIXED = /(?:已经?|当场|现场|都|均|全部?)(?:已经?|当场|现场|立即|马上|给|帮|进行)*(?:更换|换|整改|处理|清理|清走|清除|拆除|补|补齐|修|修复|修好|撤|关|改|移|挪|搬|落实)(?:好|完|掉|齐|走|到位|完毕|新)?了?|(?:换|修|清|补|撤|拆|改|挪|搬|移)(?:好|完|掉|齐|走|新)了|(?:整改|处理|解决)(?:好|完|掉)?了/;

// The sender softens what was seen: 有点, 稍微, 个别, 小问题. Said beside 正常 it may be a hazard or only a remark.
const SOFT = /有点|有些|稍微|稍有|略(?:有|微)|一点点|小问题|个别|轻微|基本上?|好像|可能|感觉|\?|吗$/;

// A turn after 正常 brings in what is wrong after all (就是…, 但是…, 不过…); 有点 / 不太 say something is less than well.
const TURN = /^(?:但是?|可是|不过|就是|只是|只不过)[\s,;。、:]*\S/;
const LESSER = /有点|有些|稍微|不太|不怎么|不大/;

// Problem words that also stand in harmless remarks (负责人没在, 有人值班, 货放在仓库, 门锁了): alone they only may tell
// a problem. The other problem words (过期, 堵, 坏, 漏, 缺, 没戴, 私拉…) tell one plainly.
const WEAK = /^(?:没有?|未|无人|没人|有人|放在|放了|放着|摆着|摆放|停放|锁|关闭|关掉|吃饭|睡觉|味道|气味|充电|冒|滴|渗|烧|乱|不清|模糊|危险|隐患|断|损|脏|关|不开|住人|住宿|做饭)$/;
// 没 / 未 before a duty of the site (没盖, 未接地, 没装, 未配备, 没年检) or a thing it must have (没有灭火器, 未设警示标志)
// tell a problem plainly. Otherwise they tell of the day (今天没开工, 老板没来, 还未投产): a remark, the note.
const DUTY_NOT = /^(?:没有?|未)$/;
const DUTY = /^(?:盖|装|安装|配|设|贴|挂|接地|戴|穿|系|标|办|做|检|年检|定检|检测|备案|培训|登记|张贴|悬挂|封|固定|到位|关(?!系)|灭火器|消防|警示|防护|应急|台账)/;
// The sender says something was found there (发现, 存在, 查出): with a problem word it is the finding.
const FOUND_SAID = /发现|存在|查出|检查出|看到|看见|瞅见/;
const PROBLEM_ALL = new RegExp(PROBLEM.source, 'g');
// Who was or was not there (老板不在, 负责人没在, 有人值班): a remark on the visit, never a problem of the site.
const WHO_THERE = /(?:老板|老板娘|负责人|厂长|经理|主任|安全员|法人|业主|人)?(?:都|也|刚好|正好)?(?:没有?|不)在(?:家|厂里|现场|公司)?|有人(?:值班|在|陪同|接待|带)/g;
const CLAUSES = /[\s,;。、:!~]+/;

/** What the words said beside 正常 are: the patrol's note, its finding, or unsure (ask the sender). */
export function besideVerdict(words: string, deadline = false): Beside {
  const text = words.replace(WHO_THERE, ' ').trim();
  if (!text || HEDGE.test(text)) return 'note';
  // "都挺好 就是通道有点窄": a problem in words the shared list lacks, brought in by a turn or softened: asked.
  // "这回又看到电缆拖地": something seen, told as found, in words the list lacks: asked too.
  if (!PROBLEM.test(text)) return TURN.test(text) || LESSER.test(text) || FOUND_SAID.test(text) ? 'unsure' : 'note';
  // Clauses that tell a fix (or a fixed past problem) are the note's; what is left is looked at.
  // A problem followed by a fix (灭火器过期 已当场更换) may be that problem put right, or another: the sender says.
  const clauses = text.split(CLAUSES).filter(Boolean);
  const open = clauses.filter((c) => !FIXED.test(c));
  const left = open.join(' ');
  if (!PROBLEM.test(left)) return 'note';
  const fixedAfter = clauses.some((c, i) => !FIXED.test(c) && PROBLEM.test(c) && i + 1 < clauses.length && FIXED.test(clauses[i + 1]));
  // A deadline set for it says it is to be put right: a problem, however lightly told.
  if (deadline) return 'finding';
  if (SOFT.test(left) || fixedAfter) return 'unsure';
  // "这次发现配电箱没盖": the sender says it was found.
  if (FOUND_SAID.test(left)) return 'finding';
  const hits = [...left.matchAll(PROBLEM_ALL)];
  const strong = hits.some((m) => !WEAK.test(m[0]) || (DUTY_NOT.test(m[0]) && DUTY.test(left.slice(m.index! + m[0].length))));
  if (strong) return 'finding';
  return hits.every((m) => DUTY_NOT.test(m[0])) ? 'note' : 'unsure';
}
