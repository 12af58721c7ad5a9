import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { enterprises } from '../../db/schema/index.js';
import type { Deps } from '../core/context.js';
import { pinyinKeys } from './pinyin-keys.js';

// Per round: ~25 µs of pinyin a name, so a round is a few milliseconds of CPU and one batch; between
// rounds the event loop runs (an import's fill must not stall chat the way its write once did).
const ROUND = 200;

/**
 * Fills `enterprises.pinyin` where it is NULL (an import, a bulk seed, a rename cleared it), at most
 * `limit` rows, lowest id first. Each row is written only if its names are still the ones read, so a
 * rename racing the fill leaves NULL (the trigger's doing) rather than the old names' pinyin.
 * Returns how many rows were filled. Not a business write: a cache of the names, checked by nobody's scope.
 */
export async function fillMissingPinyin(deps: Pick<Deps, 'db' | 'writer'>, limit = Number.POSITIVE_INFINITY): Promise<number> {
  let filled = 0;
  let after = 0;
  while (filled < limit) {
    const rows = await deps.db
      .select({ id: enterprises.id, name: enterprises.name, shortName: enterprises.shortName, aliases: enterprises.aliases })
      .from(enterprises)
      .where(and(isNull(enterprises.pinyin), sql`${enterprises.id} > ${sql.raw(String(after))}`))
      .orderBy(asc(enterprises.id))
      .limit(Math.min(ROUND, limit - filled));
    if (!rows.length) break;
    const updates: BatchItem<'sqlite'>[] = rows.map((r) => deps.db.update(enterprises).set({ pinyin: pinyinKeys(r) }).where(and(
      eq(enterprises.id, r.id), isNull(enterprises.pinyin), eq(enterprises.name, r.name),
      r.shortName === null ? isNull(enterprises.shortName) : eq(enterprises.shortName, r.shortName),
      sql`${enterprises.aliases} = ${JSON.stringify(r.aliases)}`,
    )));
    await deps.writer.batch(updates as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
    filled += rows.length;
    after = rows[rows.length - 1].id;
    await new Promise((r) => setTimeout(r, 0));
  }
  return filled;
}
