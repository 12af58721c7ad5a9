import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { checkItems } from '../../db/schema/index.js';
import { validationFailed } from '../core/errors.js';
import { MSG } from './messages.js';

export type CheckItem = typeof checkItems.$inferSelect;

/** The catch-all item: two "other" hazards of one enterprise are not duplicates of each other. */
export const OTHER_CHECK_ITEM = 'OTHER';

/** A check item named by the reporter; inactive ones are refused like unknown ones. */
export async function loadCheckItem(db: Db, id: number): Promise<CheckItem> {
  const item = await db.select().from(checkItems).where(eq(checkItems.id, id)).get();
  if (!item || !item.active) throw validationFailed(MSG.unknownCheckItem, [{ path: 'checkItemId', code: 'not_found' }]);
  return item;
}

/**
 * The check item a free-text report is about, from the items' keywords. The longest matching
 * keyword wins ("消防通道" over "通道"), then the checklist order; no match → undefined. Matched in
 * SQL so one row comes back per report instead of the whole checklist (this is on the intake path).
 */
export async function detectCheckItem(db: Db, description: string): Promise<CheckItem | undefined> {
  const longestHit = sql`(select max(length(k.value)) from json_each(${checkItems.keywords}) k
    where length(k.value) > 0 and instr(${description}, k.value) > 0)`;
  return db
    .select()
    .from(checkItems)
    .where(and(eq(checkItems.active, true), sql`${longestHit} is not null`))
    .orderBy(desc(longestHit), asc(checkItems.sort))
    .limit(1)
    .get();
}
