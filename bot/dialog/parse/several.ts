// One message telling of several visits, all well: 华美塑料 恒泰 都看过了 没问题, 今天巡查了华美、恒泰、金桥，都正常,
// 华美和恒泰都巡查过了 正常. The names come first (or after a visit verb), 都 / 均 / 全 gathers them, and
// the verdict is all well. A problem in the message is left to the other readers: which of the enterprises
// it belongs to is not said, and a hazard written against the wrong one is worse than a question.
import type { IntentOf } from '../intents.js';
import { NORMAL_TOKEN, saysNormal } from './report.js';
import { isName } from './story.js';
import { LEADING_PATROL_KIND } from './patrol-kinds.js';
import { PROBLEM } from './problem-words.js';
import { takeLegalName } from './legal-name.js';
import { WHEN_TOLD } from './time-words.js';
import { COMPANY_SUFFIX } from './slots.js';

const TIME = WHEN_TOLD;
// A visit verb before the names: 巡查了, 今天检查了, 去了, 走访了.
const LEAD = new RegExp(`^(?:我)?${TIME}(?:我)?(?:已经?)?(?:(?:巡查|检查|巡检|走访|去|看|查|跑|转)(?:了|过|完了?)?(?:一下|一遍|一圈|一趟)?|把)\\s*(?=\\S)`);
// Around the names: a count of them (两家, 3家企业) and the time or visit said after them (今天, 已巡查).
const COUNT = /^(?:[\d一二两三四五六七八九十几]+家(?:企业|厂)?)[\s,;、:]*|[\s,;、]*(?:[\d一二两三四五六七八九十几]+家(?:企业|厂)?)$/g;
const AFTER_NAMES = new RegExp(`[\\s,;、]*(?:${TIME}(?:我)?(?:已经?)?(?:巡查|检查|巡检|走访|去|看|查|跑|转)?(?:了|过|完了?)?)$`);
// 都 / 均 / 全都 / 全部 gathering what came before it, and the visit verb after it.
const ALL = /(?:都|均|全都|全部|全)(?=(?:已经?)?(?:看|巡|检查|查|去|走访|转|跑|正常|没|无|挺|很|蛮|还|好|可以|合格|ok|未发现|一切))/i;
const VISIT_AFTER = /^(?:已经?)?(?:跑过了?|跑了|看过了?|看了(?:一?下|一遍)?|看完了?|巡查过了?|巡查了(?:一?下|一遍)?|巡查完了?|巡过了?|巡了|检查过了?|检查了(?:一?下|一遍)?|检查完了?|查过了?|查了|去过了?|去了|走访过了?|走访了|转过了?|转了)/;
// What a visit looks at (现场, 设备, 消防通道) or who it meets (老板), and words of a sentence (挺配合, 检查): no name.
// An opinion said before the verdict (感觉都挺好的, 总体都正常) is no name either.
const SITE_WORD = /感觉|觉得|好像|总体|整体|总的|目前|一切|全部|所有|现场|宿舍|食堂|办公楼|[一二三四五六七八九十\d]楼|楼上|楼下|老板|厂长|经理|员工|工人|人员|车间|仓库|厂房|厂区|消防|设备|设施|通道|出口|配电|电箱|线路|安全|场地|门口|环境|卫生|台账|资料|手续|证件|制度|记录|各项|各处|各个|方面|地方|情况|挺|很|蛮|配合|检查|巡查|看|查|去|到|了/;
// Between names: a space, 、, a comma, or 和 / 与 / 跟 / 及 / 还有.
// Asking the bot to note what follows (帮我记一下, 登记下): no part of the visit.
const NOTE_IT = /^(?:请|麻烦)?(?:帮我|给我|帮忙)?(?:记|登记|记录)(?:一下|下)?[\s,;。、:]*/;
// How many were visited, said with the names (三家, 3家企业); 几家 says several without the number.
const COUNT_SAID = /([\d一二两三四五六七八九十几]+)家(?:企业|厂)?[\s,;、]*$/;
const NUMBER: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
// One name of a run typed without a pause: a short head and a company word (远大钢构, 嘉诚汽配).
const GLUED_NAME = new RegExp(`[\u4e00-\u9fff]{2,4}?${COMPANY_SUFFIX}`, 'y');

/**
 * "远大钢构嘉诚汽配华盛化纤三家": names typed without a pause, cut where each company word ends. A part is cut only
 * when the cut covers it whole and gives two names or more; null when it is one name (or cannot be cut).
 */
function cutGlued(run: string): string[] | null {
  const names: string[] = [];
  GLUED_NAME.lastIndex = 0;
  while (GLUED_NAME.lastIndex < run.length) {
    const at = GLUED_NAME.lastIndex;
    const m = GLUED_NAME.exec(run);
    if (!m || m.index !== at) return null;
    names.push(m[0]);
  }
  return names.length >= 2 ? names : null;
}

/**
 * The names listed, with any glued run cut (cutGlued). A cut is a guess unless the count said agrees with the
 * names it gives (几家: two or more): without that, 'unsure', and no patrol is guessed.
 */
function listedNames(parts: readonly string[], count: string | undefined): string[] | 'unsure' {
  const cuts = parts.map(cutGlued);
  if (cuts.every((c) => c === null)) return [...parts];
  const names = parts.flatMap((p, i) => cuts[i] ?? [p]);
  const want = !count ? -1 : count === '几' ? 0 : /^\d+$/.test(count) ? Number(count) : NUMBER[count] ?? -1;
  return want === 0 || names.length === want ? names : 'unsure';
}

const BETWEEN = /[\s,;、]+|(?<=\S{2})(?:和|与|跟|及|以及|还有)(?=\S{2})/;

export function parseSeveralPatrol(text: string): IntentOf<'patrol'> | IntentOf<'unknown'> | null {
  // Cheap guard: a gathering word, or a list mark, must be there.
  if (!/[都均全、和与跟及]/.test(text)) return null;
  const body = text.replace(NOTE_IT, '').replace(LEADING_PATROL_KIND, '');
  const lead = LEAD.exec(body);
  const t = lead ? body.slice(lead[0].length).replace(/^[\s,;。、:]+/, '') : body;
  const all = ALL.exec(t);
  let namesPart: string;
  let verdict: string;
  if (all) {
    namesPart = t.slice(0, all.index);
    verdict = t.slice(all.index + all[0].length).replace(VISIT_AFTER, '');
  } else if (lead) {
    // "巡查了华美、恒泰，正常": without 都, the names after a visit verb and a verdict as the last word.
    const parts = t.split(/[\s,;。:]+/).filter(Boolean);
    if (parts.length < 2 || !NORMAL_TOKEN.test(parts[parts.length - 1])) return null;
    namesPart = parts.slice(0, -1).join(' ');
    verdict = parts[parts.length - 1];
  } else return null;
  const counted = namesPart.trim().replace(AFTER_NAMES, '');
  const split = counted.replace(COUNT, '').split(BETWEEN).map((s) => s.trim()).filter(Boolean);
  const listed = listedNames(split, COUNT_SAID.exec(counted)?.[1]);
  // Several names glued together that cannot be cut for certain: no patrol of one of them (or of a wrong cut)
  // is guessed; the message stays unread and the bot asks.
  if (listed === 'unsure') return { intent: 'unknown', text };
  const names = listed;
  if (names.length < 2 || names.length > 10) return null;
  if (!names.every((n) => takeLegalName(n)?.rest === '' || (isName(n) && !SITE_WORD.test(n)))) return null;
  // The verdict: all well, in words or as the visit alone ending on a normal word (都看过了 没问题).
  const words = verdict.replace(/^[\s,;。、:]+/, '').trim();
  if (!words || PROBLEM.test(words.replace(/没(?:有)?(?:啥|什么)?问题|无问题|未发现(?:问题|隐患)|没有?(?:隐患|异常)|无(?:隐患|异常)/g, '')) && !saysNormal(words)) return null;
  if (!(NORMAL_TOKEN.test(words) || saysNormal(words) || words.split(/[\s,;。、:]+/).every((w) => NORMAL_TOKEN.test(w)))) return null;
  return { intent: 'patrol', enterprises: [...new Set(names)], result: 'normal' };
}
