const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** A number as typed in chat, Arabic or Chinese: '7', '七', '十', '十五', '二十', '两', '一百二十'; else null. */
export function chineseNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  if (!/^[零〇一二两三四五六七八九十百]+$/.test(s)) return null;
  let total = 0;
  let digit: number | null = null;
  for (const ch of s) {
    if (ch === '百' || ch === '十') {
      total += (digit ?? 1) * (ch === '百' ? 100 : 10);
      digit = null;
    } else {
      // Digit-by-digit strings (二〇) are years, not durations; only the last digit counts here.
      digit = DIGITS[ch];
    }
  }
  return total + (digit ?? 0);
}
