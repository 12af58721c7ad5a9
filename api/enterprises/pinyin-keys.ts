import { or, sql, type SQL } from 'drizzle-orm';
import { enterprises } from '../../db/schema/index.js';
import { coreName } from './normalize-name.js';
import { pinyinForm, type PinyinForm } from './match-pinyin.js';

export type NamedRow = { name: string; shortName: string | null; aliases: string[] };

/**
 * The stored `enterprises.pinyin`: each name's initials and syllables as space-separated words with a
 * space at either end (` hmhg huameihuagong hm huamei `), so "a key starts with what was typed" is
 * `LIKE '% typed%'`. Made from the same name cores and pinyin forms the scoring uses (match.ts).
 */
export function pinyinKeys(e: NamedRow, formOf: (raw: string) => PinyinForm = (raw) => pinyinForm(coreName(raw))): string {
  const words = new Set<string>();
  for (const raw of [e.name, e.shortName ?? '', ...e.aliases]) {
    if (!raw) continue;
    const f = formOf(raw);
    if (f.initials) words.add(f.initials);
    if (f.full) words.add(f.full);
  }
  return ` ${[...words].join(' ')} `;
}

/**
 * Rows whose stored pinyin has a word starting with `typed` (letters and digits only: pinyinForm's
 * output), or whose pinyin is not filled yet. Only a candidate filter: pinyinScore decides.
 */
export function pinyinPrefilter(typed: string): SQL {
  return or(sql`${enterprises.pinyin} like ${`% ${typed.replace(/[^a-z0-9]/g, '')}%`}`, sql`${enterprises.pinyin} is null`)!;
}
