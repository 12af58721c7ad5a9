// The deadline phrases, one rule each. A rule turns a regex match into a slot (or null when the match is
// not a deadline after all); lib/deadline.ts runs them all and keeps the earliest match in the message.
import * as chrono from 'chrono-node';
import type { DeadlineSlot } from './deadline.js';
import { chineseNumber } from './chinese-number.js';
import { addDays, parseIsoDay, shanghaiDate, type LocalDate } from './time.js';

/** past: a calendar date the sender wrote that has already gone (asked back, never rolled a year on). */
export type Hit = { slot: DeadlineSlot; index: number; length: number; past?: boolean };
export type RuleContext = { text: string; today: LocalDate; weekday: number; now: Date };
type Rule = { re: RegExp; slot: (m: RegExpExecArray, c: RuleContext) => DeadlineSlot | null };

// A slot flagged as a date already gone; ruleHits turns the flag into Hit.past.
const PAST = Symbol('past');
type PastSlot = DeadlineSlot & { [PAST]?: true };

const NUM = '(\\d{1,3}|[零〇一二两三四五六七八九十百]{1,4})';
/** 截止到 / 最迟: a label before the day a deadline ends (截止20日 is the 20th, not twenty days). */
export const DUE_LABEL = '(?:截止|截至|最迟|最晚)(?:日期|时间)?(?:为|是|到|至)?';
// A bare "7天" (without 内/限期) only counts when nothing but a boundary or a rectification word follows.
const BARE_END = /^(?:\s|$|[,.;!?。，；！？、]|整改|完成|处理|改好|弄好|搞好|修好|搞定)/;
const WEEKDAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7 };

export const iso = (d: LocalDate) => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
const date = (d: LocalDate | null): DeadlineSlot | null => (d ? { kind: 'date', date: iso(d) } : null);
const days = (n: number | null, max: number, per = 1): DeadlineSlot | null =>
  n !== null && n > 0 && n <= max ? { kind: 'days', days: n * per } : null;

/**
 * A span counts as a deadline when it says so: 限期/期限 before it, 内/以内/之内 after it, or nothing but
 * a boundary or a rectification word after it ("7天", "两周整改"). "3天前" is the past, "第3周" an ordinal.
 */
function bounded(m: RegExpExecArray, c: RuleContext, before?: string, within?: string): boolean {
  if (m.index > 0 && /[\d.月第每过]/.test(c.text[m.index - 1])) return false;
  const after = c.text.slice(m.index + m[0].length);
  return Boolean(before || within || (BARE_END.test(after) && !/^前/.test(after)));
}

/** Month may overflow (13 = January next year), as with Date.UTC. */
function lastDayOfMonth(year: number, month: number): LocalDate {
  const d = new Date(Date.UTC(year, month, 0));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const isBefore = (a: LocalDate, b: LocalDate) =>
  a.year !== b.year ? a.year < b.year : a.month !== b.month ? a.month < b.month : a.day < b.day;

// A month/day without a year that passed less than this long ago is a mistake or a late message
// (11月30日前 sent on 4 December): asked back. Further back it means next year (1月5日 said in December).
const PAST_WINDOW_DAYS = 183;
const dayNumber = (d: LocalDate) => Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;

/** The date meant by month/day (and maybe year); `past` when it is already gone. */
function withYear(today: LocalDate, month: number, day: number, year?: number): { d: LocalDate; past: boolean } | null {
  const make = (y: number) => parseIsoDay(iso({ year: y, month, day }));
  const mark = (d: LocalDate | null) => (d ? { d, past: isBefore(d, today) } : null);
  if (year !== undefined) return mark(make(year));
  const d = make(today.year);
  if (d && !isBefore(d, today)) return { d, past: false };
  if (d && dayNumber(today) - dayNumber(d) <= PAST_WINDOW_DAYS) return { d, past: true };
  return mark(make(today.year + 1));
}

const dated = (w: { d: LocalDate; past: boolean } | null): PastSlot | null => {
  if (!w) return null;
  const slot: PastSlot = { kind: 'date', date: iso(w.d) };
  if (w.past) slot[PAST] = true;
  return slot;
};

const AFTER_DUE_LABEL = new RegExp(`${DUE_LABEL}\\s*:?\\s*$`);

const RULES: Rule[] = [
  // 现场/当场 alone is where something was seen (现场发现…); only 现场整改 is a deadline.
  {
    re: /(?:立即|马上|立刻|即刻|当即|即日起?)(?:进行)?(?:整改|处理|改正|停用|停产|停业|停止使用|停止作业|清理|清除)?(?:到位|完成)?|(?:当场|现场)(?:整改|处理|停产|停业|停用|关停|停止作业|停止使用)(?:到位|完成)?|(?:立即|马上|立刻|即刻|当即)?停产(?:整改|整顿)/g,
    slot: () => ({ kind: 'now' }),
  },
  // "当场要求清理", "我叫他们现在就停下来", "现在就让他下来": on the spot (or right now) with a stop or fix verb
  // after it, maybe through whoever is told (要求/叫/让 他们), is an order to do it today.
  {
    re: /(?:当场|现场|现在就|马上就|立马|就地)(?:就)?(?:要求|叫|让|责令|督促|通知|命令)?(?:他们|他|她|企业|其|对方|厂里|老板|工人)?(?:停掉|停下来|停下|停止|停用|停工|停机|下来|清理掉?|清掉|清除|清走|清空|搬走|挪走|移走|拆除|拆掉|关掉|关闭|关停|改正|纠正|撤离|撤出|熄灭|灭掉|收起来|整改)/g,
    slot: () => ({ kind: 'now' }),
  },
  // "24小时内", "48小时之内完成", "整改时限：24小时": the day the window ends in (10:00 + 24 h ends tomorrow).
  {
    re: new RegExp(`(?:(限期|期限|限)\\s*)?${NUM}\\s*个?(?:小时|钟头)(之内|以内|内)?`, 'g'),
    slot: (m, c) => {
      // A bare "8小时" is a duration (工作8小时) unless a deadline label stands before it (整改时限：24小时).
      const labelled = /(?:时限|期限|限期|要求|必须|须|需|整改)\s*:?\s*$/.test(c.text.slice(0, m.index));
      if (!(m[1] || m[3] || (labelled && bounded(m, c)))) return null;
      const hours = chineseNumber(m[2]);
      if (hours === null || hours <= 0 || hours > 24 * 90) return null;
      const ends = shanghaiDate(c.now.getTime() + hours * 3600_000);
      const lag = Math.round((Date.UTC(ends.year, ends.month - 1, ends.day) - Date.UTC(c.today.year, c.today.month - 1, c.today.day)) / 86_400_000);
      return lag === 0 ? { kind: 'now' } : { kind: 'days', days: lag };
    },
  },
  // "下班前挪开", "今天下班之前", "收工前清掉": the end of today's work is today.
  { re: /(?:今天|今日|当天)?(?:下班|收工|天黑)(?:前|之前|以前)/g, slot: () => ({ kind: 'days', days: 0 }) },
  // "今天必须清掉", "今天就要让他们搬开", "今天一定换好": today, maybe with a must and whoever is told, before a fix verb.
  { re: /(?:今天|今日|当天|当日)(?:(?:就|必须|一定|务必|得|要|须|之内|以内|内)+(?:让|叫|要求|督促)?(?:他们|他|她|企业|厂里|老板)?)?(?=之内|以内|内|前|之前|上午|下午|下班|整改|完成|处理|挪|搬|清|弄|改|修|搞|解决|落实|换|拆|装|补|打开|开|关|停|撤|移|腾)/g, slot: () => ({ kind: 'days', days: 0 }) },
  { re: /大后天|后天|明天|明日/g, slot: (m) => ({ kind: 'days', days: m[0] === '大后天' ? 3 : m[0] === '后天' ? 2 : 1 }) },
  {
    re: new RegExp(`(?:(限期|期限|限)\\s*)?${NUM}\\s*个?(?:工作日|天|日)(之内|以内|内)?`, 'g'),
    slot: (m, c) => {
      // "第3天", "11月30日", "1.5天" are not durations; "3天前" is the past; "过两天" is some day after.
      if (m.index > 0 && /[\d.月第过]/.test(c.text[m.index - 1])) return null;
      // "截止20日" is the 20th, not twenty days.
      if (!m[1] && !m[3] && AFTER_DUE_LABEL.test(c.text.slice(0, m.index))) return null;
      // "连续干了三天", "用了两天": a time spent, told, is no time granted (a clause after 了, 堵了 三天, may be one).
      if (!m[1] && !m[3] && /(?:了|连续|已经)$/.test(c.text.slice(Math.max(0, m.index - 2), m.index))) return null;
      const after = c.text.slice(m.index + m[0].length);
      const bounded = m[1] || m[3] || (BARE_END.test(after) && !/^前/.test(after));
      return bounded ? days(chineseNumber(m[2]), 365) : null;
    },
  },
  {
    re: new RegExp(`(?:(限期|期限)\\s*)?${NUM}\\s*个?(?:周|星期|礼拜)(之内|以内|内)?`, 'g'),
    slot: (m, c) => (bounded(m, c, m[1], m[3]) ? days(chineseNumber(m[2]), 52, 7) : null),
  },
  {
    re: /(?:(限期|期限)\s*)?半个?月(之内|以内|内)?/g,
    slot: (m, c) => (bounded(m, c, m[1], m[2]) ? { kind: 'days', days: 15 } : null),
  },
  {
    re: new RegExp(`(?:(限期|期限)\\s*)?${NUM}\\s*个月(之内|以内|内)?`, 'g'),
    slot: (m, c) => {
      if (!bounded(m, c, m[1], m[3])) return null;
      const n = chineseNumber(m[2]);
      if (n === null || n <= 0 || n > 24) return null;
      const end = lastDayOfMonth(c.today.year, c.today.month + n);
      return date({ ...end, day: Math.min(c.today.day, end.day) });
    },
  },
  {
    // 每周五 / 一周日常 are not dates.
    re: /(?<![每一二两三几个])(本周|这周|这个?星期|本星期|这个?礼拜|下周|下个?星期|下个?礼拜|周|星期|礼拜)([一二三四五六日天1-7])/g,
    slot: (m, c) => {
      let delta = WEEKDAY[m[2]] - c.weekday;
      if (m[1].startsWith('下')) delta += 7;
      else if (delta < 0) delta += 7; // a weekday already gone this week can only mean the next one
      return date(addDays(c.today, delta));
    },
  },
  {
    // 这礼拜内 / 下礼拜之内 are the same week said the northern way.
    re: /(?:本周|这周|这个?星期|这个?礼拜|本礼拜|下周|下个?星期|下个?礼拜)(?:末|之内|以内|内)|周末/g,
    slot: (m, c) => date(addDays(c.today, 7 - c.weekday + (m[0].startsWith('下') ? 7 : 0))),
  },
  {
    re: /(?:本月|这个?月|当月|下个?月)(?:底|末)|月底|月末/g,
    slot: (m, c) => date(lastDayOfMonth(c.today.year, c.today.month + (m[0].startsWith('下') ? 1 : 0))),
  },
  {
    re: /(?:本|这个?|当前)?季度(?:底|末)|(下个?)季度(?:底|末)/g,
    slot: (m, c) => {
      const quarterEnd = Math.floor((c.today.month - 1) / 3) * 3 + 3 + (m[1] ? 3 : 0);
      return date(lastDayOfMonth(c.today.year, quarterEnd));
    },
  },
  {
    // 下月5号, 下个月10日前, 本月28号: a day of this or next month.
    re: /(本|这个?|当|下个?)月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*(?:号|日)/g,
    slot: (m, c) => {
      const day = chineseNumber(m[2]);
      if (day === null) return null;
      const month = c.today.month + (m[1].startsWith('下') ? 1 : 0);
      const end = lastDayOfMonth(c.today.year, month);
      if (day < 1 || day > end.day) return null;
      const d = { ...end, day };
      return isBefore(d, c.today) ? dated({ d, past: true }) : date(d);
    },
  },
  {
    re: /(\d{1,2}|[一二三四五六七八九十]{1,2})月(?:底|末|份底)/g,
    slot: (m, c) => {
      const month = chineseNumber(m[1]);
      if (month === null || month < 1 || month > 12) return null;
      const end = lastDayOfMonth(c.today.year, month);
      return date(isBefore(end, c.today) ? lastDayOfMonth(c.today.year + 1, month) : end);
    },
  },
  { re: /(?:今年|本年)?(?:年底|年末)/g, slot: (_m, c) => date({ year: c.today.year, month: 12, day: 31 }) },
  {
    re: /(?<![0-9A-Za-z.])(?:(\d{4})\s*[年./-]\s*)?(\d{1,2})\s*([月./-])\s*(\d{1,2})(?!\d)\s*(日|号)?/g,
    slot: (m, c) => {
      // "1.5米" or "2-3处" are quantities; a dotted date without a year needs 前/号/日 or a rectification word.
      const after = c.text.slice(m.index + m[0].length);
      const anchored = m[1] || m[3] === '月' || m[5] || /^\s*(?:之前|以前|前|整改|完成)/.test(after);
      return anchored ? dated(withYear(c.today, Number(m[2]), Number(m[4]), m[1] ? Number(m[1]) : undefined)) : null;
    },
  },
  {
    // "10号前", "十五号前": the 10th of this month, or of next month once it has passed.
    // Chinese numerals too (十五号前), as workers dictate them.
    // "整改期限25号", "截止到20日": a day after a deadline label needs no 前.
    re: new RegExp(`(?<![\\d月.零〇一二三四五六七八九十])(\\d{1,2}|[一二三四五六七八九十]{1,3})\\s*(?:号|日)(?=\\s*(?:之前|以前|前|之内|以内|内))|(?<=(?:期限|限期|${DUE_LABEL})\\s*:?\\s*)(\\d{1,2}|[一二三四五六七八九十]{1,3})\\s*(?:号|日)(?![\\d内])`, 'g'),
    slot: (m, c) => {
      const day = chineseNumber(m[1] ?? m[2]) ?? NaN;
      const thisMonth = parseIsoDay(iso({ ...c.today, day }));
      if (thisMonth && !isBefore(thisMonth, c.today)) return date(thisMonth);
      const next = lastDayOfMonth(c.today.year, c.today.month + 1);
      return day >= 1 && day <= next.day ? date({ ...next, day }) : null;
    },
  },
];

export function ruleHits(c: RuleContext): Hit[] {
  const hits: Hit[] = [];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(c.text); m; m = rule.re.exec(c.text)) {
      const slot = rule.slot(m, c) as PastSlot | null;
      if (!slot) continue;
      if (slot[PAST]) hits.push({ slot: { kind: 'date', date: (slot as { date: string }).date }, index: m.index, length: m[0].length, past: true });
      else hits.push({ slot, index: m.index, length: m[0].length });
    }
  }
  return hits;
}

/**
 * Dates spelt in Chinese numerals (十一月三十日, 二〇二六年十二月五日). chrono is quadratic on long runs of
 * numerals, so it only sees a short window around each 月 (and at most four of them).
 */
export function chronoHits(c: RuleContext): Hit[] {
  const hits: Hit[] = [];
  const months = /[零〇一二三四五六七八九十]{1,3}月/g;
  let m: RegExpExecArray | null;
  for (let windows = 0; (m = months.exec(c.text)) && windows < 4; windows++) {
    const from = Math.max(0, m.index - 8);
    for (const r of chrono.zh.hans.parse(c.text.slice(from, m.index + 16), { instant: c.now, timezone: 480 })) {
      if (!r.text.includes('月') || !r.start.isCertain('month') || !r.start.isCertain('day')) continue;
      const year = r.start.isCertain('year') ? (r.start.get('year') ?? undefined) : undefined;
      const w = withYear(c.today, r.start.get('month')!, r.start.get('day')!, year);
      // chrono's zh patterns may start on the separator before the date (",十二月五日").
      const lead = /^[^\d零〇一二两三四五六七八九十]*/.exec(r.text)![0].length;
      if (w) hits.push({ slot: { kind: 'date', date: iso(w.d) }, index: from + r.index + lead, length: r.text.length - lead, ...(w.past ? { past: true } : {}) });
    }
  }
  return hits;
}
