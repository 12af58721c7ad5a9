// Hazard codes are typed by hand: yh20261122-0007, ＹＨ20261122－7, YH 20261122 0007, YH202611220007.

const CODE = /(?<![A-Za-z])YH\s*(\d{8})\s*(?:[-_~—–－]\s*(\d{1,4})(?!\d)|(\d{4})(?!\d))/i;

export type CodeMatch = { code: string; index: number; length: number };

/** The first hazard code in normalised text, in canonical form YH20261122-0007. */
export function findHazardCode(text: string): CodeMatch | null {
  const m = CODE.exec(text);
  if (!m) return null;
  const seq = (m[2] ?? m[3]).padStart(4, '0');
  return { code: `YH${m[1]}-${seq}`, index: m.index, length: m[0].length };
}

/** Removes the first hazard code from text, returning it and what is left. */
export function takeHazardCode(text: string): { code?: string; rest: string } {
  const m = findHazardCode(text);
  if (!m) return { rest: text };
  return { code: m.code, rest: `${text.slice(0, m.index)} ${text.slice(m.index + m.length)}` };
}

/** All hazard codes in text (a 作废 … 重复 YH… message names two). */
export function allHazardCodes(text: string): string[] {
  const codes: string[] = [];
  let rest = text;
  for (let m = findHazardCode(rest); m; m = findHazardCode(rest)) {
    codes.push(m.code);
    rest = rest.slice(m.index + m.length);
  }
  return codes;
}

// Voice-to-text writes a code as it is spoken: YH二零二六一一二七杠零零零二, YH 2026 1127 横 0002, yh二〇二六…减二.
// After YH, Chinese digits (幺 and 洞 as radio operators say 1 and 0), spaces and a spoken dash (杠, 横, 减,
// 横杠, 杠杠) are read back into the canonical form; the 8-digit date must then be complete, or nothing changes.
const SPOKEN_DIGIT: Record<string, string> = {
  零: '0', 〇: '0', 洞: '0', 一: '1', 幺: '1', 二: '2', 两: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9',
};
const D = '[0-9零〇洞一幺二两三四五六七八九]';
// Spaced-out Arabic digits (0 0 0 7) may follow a dash; spoken digits come as one run.
const SEQ = '\\d(?: ?\\d){0,3}|[零〇洞一幺二两三四五六七八九]{1,4}';
// The sequence after a spoken dash has 1-4 digits; without a dash it must have all 4, or "YH20261127 三天内" would
// read 三 as the sequence. No space inside the sequence, for the same reason.
const SPOKEN_CODE = new RegExp(`(?<![A-Za-z])(Y\\s?H)((?:\\s*${D}){8})\\s*(?:(?:横杠|杠杠|杠|横|减|-)\\s*(${SEQ})|(${D}{4}))(?!${D})`, 'gi');
const digits = (s: string) => s.replace(/\s+/g, '').replace(/[零〇洞一幺二两三四五六七八九]/g, (c) => SPOKEN_DIGIT[c]);

/** A hazard code said aloud (Chinese digits, 杠 for the dash) written as typed: YH20261127-0002. */
export function spokenCodes(text: string): string {
  if (!/y\s?h/i.test(text)) return text;
  return text.replace(SPOKEN_CODE, (whole, yh: string, date: string, dashed?: string, plain?: string) => {
    const seq = dashed ?? plain ?? '';
    // Typed codes (YH20261122-0007, YH 20261122 0007) are read by CODE as they are; only a spoken one, or one
    // with its digits spaced out (Y H 2 0 2 6 …), is rewritten.
    if (!/[零〇洞一幺二两三四五六七八九杠横减]|\d\s+\d.*\d\s+\d|Y\s/i.test(whole)) return whole;
    return `${yh.replace(/\s/g, '')}${digits(date)}-${digits(seq)}`;
  });
}

// Typed loosely: a separator after YH (YH-20261127-0002, YH：20261127-0002), separators inside the date
// (YH2026-11-27-0002), or no YH at all where the number can only be a code (编号20261127-0002: eight digits of a
// date, a dash, four digits). Each is rewritten to the form CODE reads; a number of any other length stays.
const AFTER_YH = /(?<![A-Za-z])(YH)[\s\-_:#]+(?=\d{4}[-_./]?\d{2}[-_./]?\d{2}(?!\d))/gi;
const DATE_PARTS = /(?<![A-Za-z])(YH)(20\d{2})[-_./](\d{2})[-_./]?(\d{2})(?=\s*[-_~—–]\s*\d|\s*\d{4}(?!\d)|(?!\d))/gi;
const BARE = /(?<![\dA-Za-z\-_/.])(20\d{6})\s*-\s*(\d{4})(?![\d\-_/.])/g;

// Slipped while typing: letters that look like digits (O for 0, l or I for 1: YH2O261122-0007, YH20261122-00O7),
// or another mark between date and sequence (YH20261122.0007, 。, /, ·,
// 一 typed for the dash). Read only where the result is a whole code (a date of 20xxxxxx, a sequence with at
// least one real digit), so a word after a code (YH20261122-0007 ok) is never taken into it; without a mark the
// sequence must have all 4 characters, as a typed code does.
// HY20261122-0007 stays no code (test/parser-normalise.test.ts rejects it): the letters are the one part checked.
const LOOKALIKE = /(?<![A-Za-z])(YH)\s?([0-9OIl]{8})(?:\s?([-_~—–./。·一])\s?([0-9OIl]{1,4})|\s?([0-9OIl]{4}))(?![0-9A-Za-z])/gi;
const asDigits = (s: string) => s.replace(/[Oo]/g, '0').replace(/[IiLl]/g, '1');

function lookalikeCode(whole: string, _yh: string, date: string, mark?: string, marked?: string, plain?: string): string {
  const seq = marked ?? plain ?? '';
  const d = asDigits(date);
  if (!/^20\d{6}$/.test(d) || !/\d/.test(seq)) return whole;
  const slipped = /[OIl]/i.test(date + seq) || (mark !== undefined && !/[-_~—–]/.test(mark));
  return slipped ? `YH${d}-${asDigits(seq)}` : whole;
}

/** A hazard code typed loosely, in the form findHazardCode reads. */
export function looseCodes(text: string): string {
  if (!/\d{4}/.test(text)) return text;
  let out = text;
  if (/yh/i.test(out)) out = out.replace(LOOKALIKE, lookalikeCode);
  if (/yh/i.test(out)) out = out.replace(AFTER_YH, '$1').replace(DATE_PARTS, '$1$2$3$4');
  if (/20\d{6}\s*-/.test(out)) out = out.replace(BARE, (m, date: string, seq: string, at: number) => (/yh\s*$/i.test(out.slice(Math.max(0, at - 3), at)) ? m : `YH${date}-${seq}`));
  return out;
}
