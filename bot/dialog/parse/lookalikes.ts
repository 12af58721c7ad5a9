// Workers who write by hand on the phone's pad, or pick from the IME's candidate list in a hurry, get the
// character that LOOKS like the one meant: 己去 for 已去, 还末整改 for 还未整改, 没间题 for 没问题, 正堂 for 正常,
// 夏查 for 复查. The sound differs, so homophones.ts cannot see them. Each slip below is put right only in a
// context that shows the meant word (a character pair or a word), never a lone character everywhere: 自己, 月末,
// 中间, 夏天 and 礼堂 are real words and stay as written.

type Slip = { re: RegExp; to: string };

// The characters a slip starts from; a message holding none of them (most) is passed at once.
const SLIP_CHARS = /[己巳末未间问堂夏杳曰夭外折天请根很]/;

// A verb or adverb that follows 已 (already …): 已去, 已改好, 已经, 已整改, 已全部.
const AFTER_YI = '经|[去改整完处清换修拆停关过到销复通提报上发落做弄搬移挪装更解排查检巡超逾按派下达交撤封办补配设安接撤]|全部|基本';
// A verb that follows 未 (not yet …): 未整改, 未发现, 未按规定, 未设置, 未戴, 还未.
const AFTER_WEI = '[整发按设配戴穿系落经办完见达及张安接检年定标清关开建进做采分悬通合复销处改拆封消到严规备固佩验审登取执]';

const SLIPS: readonly Slip[] = [
  // 己/巳 for 已 before a verb or 经; 自己, 知己, 利己, 异己, 克己, 舍己, 律己 are words of their own.
  { re: new RegExp(`(?<![自知利异克舍律])[己巳](?=${AFTER_YI})`, 'g'), to: '已' },
  // 自已 for 自己: the reverse slip, a word that is always 自己.
  { re: /自已(?!经)/g, to: '自己' },
  // 末 for 未 before a verb (还末整改, 末发现, 末按规定); after a time word it is the end of it (月末, 周末整改,
  // 年末检查, 期末), and 末 after 始/本/篇/结 ends a word too.
  { re: new RegExp(`(?<![月周期年岁季旬始本篇结世清唐宋元之末礼拜底])末(?=${AFTER_WEI})`, 'g'), to: '未' },
  // 未 for 末 after a month or week before 前 (本月未前, 这周未之前): the end of it, as a deadline says.
  { re: /(?<=[月周])未(?=前|之前|以前)/g, to: '末' },
  // 间 for 问 in 问题 (没间题, 有间题); 中间 / 时间 / 车间 / 房间 before a 题 (中间题目) stay.
  { re: /(?<![中时车房空瞬期夜之])间题(?![目材库型干])/g, to: '问题' },
  // 请间 for 请问 (a question's opening); 请间隔 is a word.
  { re: /请间(?![隔距断])/g, to: '请问' },
  // 问 for 间 in the plant's words: 车问 (车间), 有限空问 (有限空间), 配电问 / 仓储问 none; 车问 before a
  // person or 一下 (停车问一下, 下车问他) asks someone and stays.
  { re: /车问(?![一下他她你我问了过清路人])/g, to: '车间' },
  { re: /有限空问/g, to: '有限空间' },
  // 堂 for 常 in 正常 / 异常, said as a verdict (正堂, 一切正堂, 无异堂): 正堂 (a main hall) is not said before a
  // separator, 了 or the end.
  { re: /正堂(?=$|[\s,;。、:!?~了的啊呀哈吧没无])/g, to: '正常' },
  { re: /异堂/g, to: '异常' },
  // 夏 for 复 before the verbs of a review (夏查, 夏检, 夏核, 夏验): no word starts 夏查.
  { re: /夏(?=[查检核验])/g, to: '复' },
  // 杳 for 查 after a verb of checking (巡杳, 检杳, 复杳, 排杳) or before one (杳看, 杳询).
  { re: /(?<=[巡检复排自抽督核调审盘清])杳|杳(?=[询看验])/g, to: '查' },
  // 曰 for 日 in a date (12月30曰前) and 夭 for 天 in a count of days (3夭内): after a number only.
  { re: /(?<=[\d一二三四五六七八九十])曰/g, to: '日' },
  { re: /(?<=[\d一二两三四五六七八九十])夭(?=内|之内|以内|前|后|时间|整改|[\s,;。、]|$)/g, to: '天' },
  // 外理 for 处理 (no word 外理), 折除 for 拆除 (no word 折除), 天火器 for 灭火器.
  { re: /外理/g, to: '处理' },
  { re: /折除/g, to: '拆除' },
  { re: /天火器/g, to: '灭火器' },
  // 请 for 清 in the words of clearing (请理, 请除, 请掉, 请洁): 请 (please) is never before these (请扫码, 请走 are, and
  // stay).
  { re: /请(?=理|除|掉|洁)/g, to: '清' },
  // 根期 / 很期 for 限期 before the time given (根期3天, 很期一周整改); 很期待 is a word and has no number after.
  { re: /[根很](?=期\s*(?:\d|[一二两三四五六七八九十半]|整改))/g, to: '限' },
];

/** The message with look-alike slips in the bot's own words put right (己去 → 已去, 还末整改 → 还未整改). */
export function correctLookalikes(text: string): string {
  if (!SLIP_CHARS.test(text)) return text;
  let out = text;
  for (const slip of SLIPS) out = out.replace(slip.re, slip.to);
  return out;
}
