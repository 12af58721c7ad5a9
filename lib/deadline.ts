// Deadline phrases in chat (3天内, 限期7天, 下周五前, 11月30日前, 本月底前, 立即整改) and the instant they end.
import { chronoHits, ruleHits } from './deadline-rules.js';
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
};

const PREFIX = /(?:限期(?:整改)?|整改期限|期限|要求|必须|须|需|请于|请在|于|在)\s*:?\s*$/;
const SUFFIX =
  /^\s*(?:上午|中午|下午|晚上|下班)?(?:之前|以前|前|之内|以内|内)?(?:进行|完成)?(?:整改|处理|改好|改正|落实)?(?:完成|完毕|到位|好)?/;

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
  return { slot: best.slot, matched: text.slice(start, end), index: start };
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
