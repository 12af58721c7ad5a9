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
