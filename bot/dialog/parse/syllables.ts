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
// zh/z, ch/c, sh/s and the -ng/-n finals (隐黄 for 隐患, 疏散知识 for 疏散指示 are the same key).
const looseCache = new Map<string, string>();
export function loose(syllable: string): string {
  let s = looseCache.get(syllable);
  if (s === undefined) {
    s = syllable.replace(/^([zcs])h/, '$1').replace(/ng$/, 'n');
    looseCache.set(syllable, s);
  }
  return s;
}

/** The loose sound of one character ('' for none). */
export const looseSyllable = (ch: string): string => loose(syllable(ch));
