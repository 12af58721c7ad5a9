// Deadline phrases in chat (3天内, 限期7天, 下周五前, 11月30日前, 本月底前, 立即整改) and the instant they end.
import { chronoHits, DUE_LABEL, ruleHits } from './deadline-rules.js';
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
const SUFFIX =
  /^\s*(?:上午|中午|下午|晚上|下班)?(?:之前|以前|前|之内|以内|内)?(?:进行|完成)?(?:整改|处理|改好|改正|落实|弄好|搞好|修好|搞定|更换|换好|换新的?|换掉|弄掉|清掉|拆掉|搞掉|处理掉|清理掉?|装好|装上|补齐|补上|修复|解决|检定|办好|补办)?(?:完成|完毕|到位|好|掉)?/;

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

/**
 * Finds the first deadline phrase in a chat message, or null. Relative words (明天, 3天内, 周五) are our own rules,
 * not chrono's: chrono resolves 明天 against the process's local day, wrong around Shanghai midnight on a UTC server.
 * A month/day without a year that has passed means next year; an explicit past date is returned as written.
 */
export function parseDeadline(input: string, now: Date): DeadlineMatch | null {
  const text = input.normalize('NFKC');
  const context = { text, today: shanghaiDate(now), weekday: shanghaiWeekday(now), now };
  const hits = [...ruleHits(context), ...chronoHits(context)];
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
