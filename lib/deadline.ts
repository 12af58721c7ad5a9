// Deadline phrases in chat (3天内, 限期7天, 下周五前, 11月30日前, 本月底前, 立即整改) and the instant they end.
import { chronoHits, DUE_LABEL, iso, ruleHits, type Hit, type RuleContext } from './deadline-rules.js';
import { chineseNumber } from './chinese-number.js';
import { addDays, endOfShanghaiDay, parseIsoDay, shanghaiDate, shanghaiWeekday } from './time.js';

export { chineseNumber } from './chinese-number.js';

/** A deadline as the sender said it; deadlineInstant() turns it into the instant it ends. */
export type DeadlineSlot =
  | { kind: 'date'; date: string /* YYYY-MM-DD, Asia/Shanghai calendar day */ }
  | { kind: 'days'; days: number /* end of the day N days from today */ }
  | { kind: 'now' /* 立即整改: end of today */ };

export type DeadlineMatch = {
  slot: DeadlineSlot;
  /** The phrase that carried the deadline, with 限期/请于 before and 前/内/整改 after it, as in text.normalize('NFKC'). */
  matched: string;
  /** Offset of `matched` in text.normalize('NFKC'). */
  index: number;
  /** The date written has already gone (11月20日前 on the 23rd): ask again, never guess a year. */
  past?: true;
};

/** A time phrase nobody can turn into a day (尽快, 过几天, 月中前): its place in the text, to ask back. */
export type UnclearTime = { matched: string; index: number };

const PREFIX = new RegExp(`(?:限期(?:整改)?|整改期限|整改时限|时限|期限|${DUE_LABEL}|要求|必须|须|需|请于|请在|于|在)\\s*:?\\s*$`);
// The fix said after the time is part of the phrase (下下周一之前弄干净, 立即停下来清理): the verbs of fixing and
// of stopping first. A move said after it (3天内清走, 下班前挪开) stays the worker's words.
const SUFFIX =
  /^\s*(?:上午|中午|下午|晚上|下班)?(?:之前|以前|前|之内|以内|内)?(?:进行|完成)?(?:停下来|停下|停工|停机|停止作业)?(?:并|再)?(?:整改|处理|改好|改正|落实|弄好|搞好|修好|搞定|更换|换好|换新的?|换掉|弄掉|清掉|拆掉|搞掉|处理掉|清理干净|清理掉?|弄干净|搞干净|清干净|装好|装上|补齐|补上|修复|解决|检定|办好|补办)?(?:完成|完毕|到位|好|掉)?/;

// Words that promise a time without giving one. 近期/尽快 are how a worker says "soon"; 月中/上旬/年前/节前
// depend on a calendar the bot should not guess; 几天/两三天 have no number. Each is asked back.
const FIX_WORD = '(?:进行|完成)?(?:整改|处理|改好|改正|落实|弄好|搞好|修好|搞定|解决)?(?:完成|完毕|到位|好)?';
const UNCLEAR = new RegExp(
  '(?:尽快|尽早)(?:' + FIX_WORD + ')?' +
  '|(?:抓紧|赶紧|近期|近日|改天|过几天|过两天|过段时间|这几天|几天|两三天|三五天|一两天|(?:下个?|本|这个?)?(?:月中|月初|上旬|中旬|下旬)|年前|节前|节后|年后|下下周|下下个?星期|下下个?月|过完年|择日|有空)' +
  '(?:(?:之前|以前|前|之内|以内|内)' + FIX_WORD + '|(?:进行|完成)?(?:整改|处理|改好|改正|落实|弄好|搞好|修好|搞定|解决)(?:完成|完毕|到位|好)?)' +
  // "3天后整改", "一周左右", "12月份整改", "下午3点前": a number of a time unit that no rule turned into a day.
  '|(?:\\d{1,3}|[一二两三四五六七八九十]{1,3})\\s*个?(?:天|日|周|星期|礼拜|月)(?:之后|以后|后|左右)' + FIX_WORD +
  '|(?:\\d{1,2}|[一二三四五六七八九十]{1,3})月份?(?:之前|以前|前|之内|以内|内|中)?(?=整改|完成|处理)' + FIX_WORD +
  '|(?:上午|下午|晚上|中午)?\\d{1,2}\\s*(?:点|时)(?:钟)?(?:之前|以前|前)' + FIX_WORD,
);

const SPAN_NUM = '(\\d{1,3}|[一二两三四五六七八九十]{1,3}|半)';
const SPAN_DAYS: Record<string, number> = { 天: 1, 日: 1, 工作日: 1, 周: 7, 星期: 7, 礼拜: 7 };
const WEEKDAY_OF: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7 };

// Phrasings of a deadline the rules of deadline-rules.ts do not read, each a kind workers use:
const MORE_RULES: { re: RegExp; hit: (m: RegExpExecArray, c: RuleContext) => Hit['slot'] | null }[] = [
  // "给他们三天时间", "留一周时间整改", "再给两天", "俺给他五天", "限他一周": the time granted to fix it, said as a gift
  // of time or a limit set on whom must fix it. The grant verb (给/留/限) or 时间 after the span says it is a
  // deadline, not a duration told (干了三天); the one granting (我给他…) goes with it.
  {
    re: new RegExp(`(?:(?:我|我们)?(?:再)?(?:给|留|限)(?:他们|他|她|企业|厂里|对方|其|老板|人家)?(?:个)?\\s*${SPAN_NUM}\\s*个?(天|日|工作日|周|星期|礼拜)(?:的)?(?:时间|期限)?|${SPAN_NUM}\\s*个?(天|日|工作日|周|星期|礼拜)(?:的)?(?:时间|期限))`, 'g'),
    hit: (m) => {
      const said = m[1] ?? m[3];
      const unit = m[2] ?? m[4];
      // "半天时间" is today; 半周 nobody says.
      if (said === '半') return unit === '天' || unit === '日' ? { kind: 'days', days: 0 } : null;
      const n = chineseNumber(said);
      return n !== null && n > 0 && n * SPAN_DAYS[unit] <= 365 ? { kind: 'days', days: n * SPAN_DAYS[unit] } : null;
    },
  },
  // "下下周一之前", "下下个星期五": the weekday of the week after next (下下周 alone names no day and stays unclear).
  {
    re: /下下个?(?:周|星期|礼拜)([一二三四五六日天1-7])/g,
    hit: (m, c) => ({ kind: 'date', date: iso(addDays(c.today, WEEKDAY_OF[m[1]] - c.weekday + 14)) }),
  },
];

function moreHits(c: RuleContext): Hit[] {
  const hits: Hit[] = [];
  for (const rule of MORE_RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(c.text); m; m = rule.re.exec(c.text)) {
      // "第3天", "过两天" and "11月3日" are no spans granted.
      if (m.index > 0 && /[\d.月第过每]/.test(c.text[m.index - 1])) continue;
      // "花了三天时间", "用了两周时间": a time spent, told, is no time granted.
      if (m[3] && /(?:了|用|花|费|这|那)\s*$/.test(c.text.slice(Math.max(0, m.index - 2), m.index))) continue;
      const slot = rule.hit(m, c);
      if (slot) hits.push({ slot, index: m.index, length: m[0].length });
    }
  }
  return hits;
}

/**
 * Finds the first deadline phrase in a chat message, or null. Relative words (明天, 3天内, 周五) are our own rules,
 * not chrono's: chrono resolves 明天 against the process's local day, wrong around Shanghai midnight on a UTC server.
 * A month/day without a year that has passed means next year; an explicit past date is returned as written.
 */
export function parseDeadline(input: string, now: Date): DeadlineMatch | null {
  const text = input.normalize('NFKC');
  const context = { text, today: shanghaiDate(now), weekday: shanghaiWeekday(now), now };
  const hits = [...ruleHits(context), ...moreHits(context), ...chronoHits(context)];
  if (!hits.length) return null;
  hits.sort((a, b) => a.index - b.index || b.length - a.length);
  const best = hits[0];
  let start = best.index;
  let end = best.index + best.length;
  const prefix = PREFIX.exec(text.slice(0, start));
  if (prefix) start -= prefix[0].length;
  end += SUFFIX.exec(text.slice(end))![0].length;
  return { slot: best.slot, matched: text.slice(start, end), index: start, ...(best.past ? { past: true as const } : {}) };
}

/** The first time phrase in a message that is not a deadline anyone could compute, or null. */
export function findUnclearTime(input: string): UnclearTime | null {
  const text = input.normalize('NFKC');
  const m = UNCLEAR.exec(text);
  if (!m) return null;
  let start = m.index;
  const prefix = PREFIX.exec(text.slice(0, start));
  if (prefix) start -= prefix[0].length;
  return { matched: text.slice(start, m.index + m[0].length), index: start };
}

/** The instant a deadline slot ends: 24:00 Shanghai of its day, as a UTC Date. */
export function deadlineInstant(slot: DeadlineSlot, now: Date): Date {
  const today = shanghaiDate(now);
  if (slot.kind === 'now') return endOfShanghaiDay(today);
  if (slot.kind === 'days') return endOfShanghaiDay(addDays(today, slot.days));
  const d = parseIsoDay(slot.date);
  if (!d) throw new RangeError(`invalid deadline date ${slot.date}`);
  return endOfShanghaiDay(d);
}
