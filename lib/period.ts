import { addDays, shanghaiDate, shanghaiWeekday, startOfShanghaiDay, type LocalDate } from './time.js';

/** A reporting period: [from, to) as UTC instants bounded by Shanghai midnights. */
export type Period = { from: Date; to: Date; label: string };

const day = (d: LocalDate) => startOfShanghaiDay(d);
const monthPeriod = (year: number, month: number, label: string): Period => ({
  from: day({ year, month, day: 1 }),
  to: day({ year, month: month + 1, day: 1 }),
  label,
});

/**
 * Parses the period words supervisors use in chat (`统计 横林镇 上周`) and in the API's `period`
 * query. Weeks start on Monday and every boundary is a Shanghai midnight. Empty text means 本月,
 * the default a town office reports on; unknown text gives null so the caller can say so.
 */
export function parsePeriod(text: string | undefined | null, now: Date): Period | null {
  const t = normalise(text ?? '');
  const today = shanghaiDate(now);
  const tomorrow = day(addDays(today, 1));
  switch (t) {
    case '':
    case '本月':
    case '这个月':
      return monthPeriod(today.year, today.month, '本月');
    case '上月':
    case '上个月':
      return monthPeriod(today.year, today.month - 1, '上月');
    case '今天':
    case '今日':
      return { from: day(today), to: tomorrow, label: '今天' };
    case '昨天':
    case '昨日':
      return { from: day(addDays(today, -1)), to: day(today), label: '昨天' };
    case '本周':
    case '这周':
    case '本星期': {
      const monday = addDays(today, 1 - shanghaiWeekday(now));
      return { from: day(monday), to: day(addDays(monday, 7)), label: '本周' };
    }
    case '上周':
    case '上星期': {
      const monday = addDays(today, 1 - shanghaiWeekday(now) - 7);
      return { from: day(monday), to: day(addDays(monday, 7)), label: '上周' };
    }
    case '今年':
    case '本年':
    case '本年度':
      return yearPeriod(today.year, '今年');
    case '去年':
    case '上年':
    case '上一年':
      return yearPeriod(today.year - 1, '去年');
    case '本季度':
    case '这个季度':
      return quarterPeriod(today.year, Math.floor((today.month - 1) / 3), '本季度');
    case '上季度':
    case '上个季度':
      return quarterPeriod(today.year, Math.floor((today.month - 1) / 3) - 1, '上季度');
  }
  const recent = /^(?:近|最近)(\d{1,3})(?:天|日)$/.exec(t);
  if (recent) {
    const n = Number(recent[1]);
    if (n < 1 || n > 366) return null;
    return { from: day(addDays(today, 1 - n)), to: tomorrow, label: `近${n}天` };
  }
  const ym = /^(\d{4})-(\d{1,2})$/.exec(t) ?? /^(\d{4})年(\d{1,2})月(?:份)?$/.exec(t);
  if (ym) return validMonth(Number(ym[1]), Number(ym[2]));
  const m = /^(\d{1,2})月(?:份)?$/.exec(t);
  if (m) return validMonth(today.year, Number(m[1]));
  return null;
}

const yearPeriod = (year: number, label: string): Period => ({
  from: day({ year, month: 1, day: 1 }),
  to: day({ year: year + 1, month: 1, day: 1 }),
  label,
});

/** Quarter index 0–3 of the year; -1 is the last quarter of the year before (Date.UTC normalises the month). */
const quarterPeriod = (year: number, quarter: number, label: string): Period => ({
  from: day({ year, month: quarter * 3 + 1, day: 1 }),
  to: day({ year, month: quarter * 3 + 4, day: 1 }),
  label,
});

function validMonth(year: number, month: number): Period | null {
  if (month < 1 || month > 12 || year < 2000 || year > 2100) return null;
  return monthPeriod(year, month, `${year}年${month}月`);
}

/** Full-width digits and spaces appear in chat text typed on phones. */
function normalise(s: string): string {
  return s
    .replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '')
    .replace(/－/g, '-');
}
