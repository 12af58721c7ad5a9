import { pinyin } from 'pinyin-pro';

// Workers type pinyin initials on a phone keyboard ("hmhg" for 华美化工) or a homophone typed in haste
// (恒太 for 恒泰). Both are scored only when the characters found nothing better, and never as exact:
// the bot offers them as numbered choices. pinyin-pro reads polyphones by word context; its cost
// (~8 µs a name) is paid once per name and kept with the name's other forms in match.ts.

export type PinyinForm = { initials: string; full: string };

/** Toneless pinyin of a name core: initials ("hmhg") and syllables joined ("huameihuagong"). */
export function pinyinForm(core: string): PinyinForm {
  const syllables = pinyin(core, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''));
  return { initials: syllables.map((s) => s[0] ?? '').join(''), full: syllables.join('') };
}

/** Latin letters only, 2–10 of them: a query that may be pinyin initials or spelt-out pinyin. */
export const LATIN_QUERY = /^[a-z]{2,10}$/;

/**
 * The pinyin score of a query against one key, or null: equal initials (0.58) or equal syllables
 * (a homophone, 0.59); a query that starts the key's initials or syllables (0.5). Below every
 * character match (an equal name is 1, containment ≥ 0.6), so characters always win.
 */
export function pinyinScore(q: { latin: boolean; form: PinyinForm }, key: PinyinForm): number | null {
  if (q.latin) {
    const typed = q.form.full;
    if (typed === key.initials || typed === key.full) return 0.58;
    if (typed.length >= 2 && (key.initials.startsWith(typed) || (typed.length >= 4 && key.full.startsWith(typed)))) return 0.5;
    return null;
  }
  if (q.form.full.length >= 4 && q.form.full === key.full) return 0.59;
  if (q.form.full.length >= 4 && key.full.startsWith(q.form.full)) return 0.5;
  return null;
}
