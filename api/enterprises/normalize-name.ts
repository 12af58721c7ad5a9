// Enterprise names as workers type them: "华美" for "常州华美化工有限公司", "华美化工厂", "华美（集团）".
// Normalising strips what carries no identity: width/case variants, spaces and punctuation, place
// prefixes and legal-form suffixes. Longest forms first so "有限责任公司" is not cut as "公司".
const PLACE_PREFIXES = [
  '中华人民共和国', '中国', '江苏省', '江苏', '常州市', '常州', '武进区', '武进', '新北区', '新北',
  '天宁区', '天宁', '钟楼区', '钟楼', '金坛区', '金坛', '溧阳市', '溧阳', '经济开发区', '高新区', '开发区',
];
const LEGAL_SUFFIXES = [
  '股份有限公司', '有限责任公司', '有限公司', '责任公司', '分公司', '总公司', '公司', '集团', '股份', '有限', '厂',
];
const MIN_CORE = 2;

function stripOnce(s: string, words: string[], atStart: boolean): string {
  for (const w of words) {
    if (s.length - w.length < MIN_CORE) continue;
    if (atStart ? s.startsWith(w) : s.endsWith(w)) return atStart ? s.slice(w.length) : s.slice(0, -w.length);
  }
  return s;
}

/** Width, case, spaces and punctuation only: for exact comparison of whole names. */
export function canonicalName(raw: string): string {
  return raw.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** The identifying core of a name: canonical form without place prefixes and legal suffixes. */
export function coreName(raw: string): string {
  let s = canonicalName(raw);
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = stripOnce(s, PLACE_PREFIXES, true);
    s = stripOnce(s, LEGAL_SUFFIXES, false);
  }
  return s;
}

/** Character-overlap (Dice) similarity of two strings, 0…1: Chinese characters carry meaning alone. */
export function charOverlap(a: string, b: string): number {
  if (!a.length || !b.length) return 0;
  const counts = new Map<string, number>();
  for (const ch of a) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let common = 0;
  for (const ch of b) {
    const n = counts.get(ch) ?? 0;
    if (n > 0) {
      common++;
      counts.set(ch, n - 1);
    }
  }
  return (2 * common) / ([...a].length + [...b].length);
}
