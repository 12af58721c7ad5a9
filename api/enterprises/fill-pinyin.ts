import { and, asc, isNull, sql } from 'drizzle-orm';
import { enterprises } from '../../db/schema/index.js';
import type { Deps } from '../core/context.js';
import { pinyinKeys } from './pinyin-keys.js';

// Per round: ~25 µs of pinyin a name, so a round is a few milliseconds of CPU and one batch; between
// rounds the event loop runs (an import's fill must not stall chat the way its write once did).
const ROUND = 500;

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
    // One statement a round, its rows as one JSON parameter (as api/imports/bulk-json.ts does):
    // [id, pinyin, name, short name, aliases as stored].
    const payload = JSON.stringify(rows.map((r) => [r.id, pinyinKeys(r), r.name, r.shortName, JSON.stringify(r.aliases)]));
    await deps.writer.batch([deps.db.run(sql`update enterprises set pinyin = v.value ->> 1 from json_each(${payload}) v
      where enterprises.id = v.value ->> 0 and enterprises.pinyin is null and enterprises.name = v.value ->> 2
        and enterprises.short_name is v.value ->> 3 and enterprises.aliases = v.value ->> 4`)]);
    filled += rows.length;
    after = rows[rows.length - 1].id;
    await new Promise((r) => setTimeout(r, 0));
  }
  return filled;
}
