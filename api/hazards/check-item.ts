import { asc, eq } from 'drizzle-orm';
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
  return requireActive(item);
}

/** The active checklist in checklist order: a few dozen rows, read once per intake group. */
export function loadActiveCheckItems(db: Db): Promise<CheckItem[]> {
  return db.select().from(checkItems).where(eq(checkItems.active, true)).orderBy(asc(checkItems.sort), asc(checkItems.id));
}

// The checklist changes a few times a year; every intake group needs it for keyword detection.
// Verbs that change it in this process forget the copy at once; another process on the same
// database (an API split from the bots) sees the change within the TTL. Items named by id are
// always read from the database (report-checks.ts), so only keyword detection can lag.
const CHECKLIST_TTL_MS = 30_000;
type Kept = { items: CheckItem[]; readAt: number };
const checklists = new WeakMap<Db, Kept>();
// Bumped by forgetCheckItems: a read that started before an edit must not store what it read.
const generations = new WeakMap<Db, number>();

/** loadActiveCheckItems, kept per database handle for CHECKLIST_TTL_MS of wall-clock time. */
export async function activeCheckItems(db: Db): Promise<CheckItem[]> {
  const kept = checklists.get(db);
  const now = Date.now(); // cache freshness, not business time: no injected clock
  if (kept && now - kept.readAt < CHECKLIST_TTL_MS) return kept.items;
  const generation = generations.get(db) ?? 0;
  const items = await loadActiveCheckItems(db);
  if ((generations.get(db) ?? 0) === generation) checklists.set(db, { items, readAt: now });
  return items;
}

/** Called by the verbs that create or edit check items. */
export function forgetCheckItems(db: Db): void {
  generations.set(db, (generations.get(db) ?? 0) + 1);
  checklists.delete(db);
}

/** `id` among the active items, else the same refusal as loadCheckItem. */
export function pickCheckItem(active: CheckItem[], id: number): CheckItem {
  return requireActive(active.find((i) => i.id === id));
}

function requireActive(item: CheckItem | undefined): CheckItem {
  if (!item || !item.active) throw validationFailed(MSG.unknownCheckItem, [{ path: 'checkItemId', code: 'not_found' }]);
  return item;
}

// Characters, not UTF-16 units: a keyword outside the BMP must not outweigh a longer one.
const charLength = (s: string) => [...s].length;

/**
 * The check item a free-text report is about, from the items' keywords. The longest matching
 * keyword wins ("消防通道" over "通道"), then the checklist order; no match → undefined.
 * `active` must be in checklist order (loadActiveCheckItems).
 */
export function matchCheckItem(active: CheckItem[], description: string): CheckItem | undefined {
  let best: CheckItem | undefined;
  let bestLength = 0;
  for (const item of active) {
    for (const keyword of item.keywords) {
      const n = charLength(keyword);
      // Strictly longer only: on a tie the earlier item in checklist order keeps the match.
      if (n > bestLength && description.includes(keyword)) {
        best = item;
        bestLength = n;
      }
    }
  }
  return best;
}

/** matchCheckItem over the database's current checklist (one report at a time: tests, tools). */
export async function detectCheckItem(db: Db, description: string): Promise<CheckItem | undefined> {
  return matchCheckItem(await loadActiveCheckItems(db), description);
}
