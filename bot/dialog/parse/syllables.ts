import { pinyin } from 'pinyin-pro';

// Toneless pinyin of one character (its default reading), cached: a message costs a map look-up a character.
const syllableCache = new Map<string, string>();
const CJK = /^[\u4e00-\u9fff]$/;

export function syllable(ch: string): string {
  let s = syllableCache.get(ch);
  if (s === undefined) {
    s = CJK.test(ch) ? pinyin(ch, { toneType: 'none', type: 'array' })[0] ?? '' : '';
    syllableCache.set(ch, s);
  }
  return s;
}

// Sounds compared loosely where southern speakers and fuzzy-pinyin IMEs (模糊音) do not tell them apart:
// zh/z, ch/c, sh/s and the -ng/-n finals.
const looseCache = new Map<string, string>();
export function looseSyllable(ch: string): string {
  let s = looseCache.get(ch);
  if (s === undefined) {
    s = syllable(ch).replace(/^([zcs])h/, '$1').replace(/ng$/, 'n');
    looseCache.set(ch, s);
  }
  return s;
}
