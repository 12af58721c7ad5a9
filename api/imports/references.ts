import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { grids, towns } from '../../db/schema/index.js';
import type { Actor } from '../core/context.js';
import { IMPORT_MSG } from './messages.js';
import type { RowErrors } from './row-errors.js';
import type { TurnBudget } from './turn-budget.js';

export type TownRef = { id: number; name: string };

/** Every town by name (a district has a few dozen). */
export async function loadTowns(db: Db): Promise<Map<string, TownRef>> {
  const rows = await db.select({ id: towns.id, name: towns.name }).from(towns);
  return new Map(rows.map((t) => [t.name, t]));
}

// A city town has ~160 grids: a few towns per query keeps each synchronous read short (all 16,000
// grids of a city in one query held the event loop ~180 ms, most of an import's longest stall).
const TOWNS_PER_QUERY = 4;

/** Grids of the given towns keyed by `townId|name` (the natural key), yielding between queries. */
export async function loadGrids(db: Db, townIds: number[], budget?: TurnBudget) {
  const out = new Map<string, typeof grids.$inferSelect>();
  for (let i = 0; i < townIds.length; i += TOWNS_PER_QUERY) {
    for (const g of await db.select().from(grids).where(inArray(grids.townId, townIds.slice(i, i + TOWNS_PER_QUERY)))) out.set(`${g.townId}|${g.name}`, g);
    await budget?.yield();
  }
  return out;
}

/** The towns a file names (its `town` cells) that exist: only their grids need loading. */
export function namedTownIds(rows: { cells: { town?: string } }[], townsByName: Map<string, TownRef>): number[] {
  const ids = new Set<number>();
  for (const r of rows) {
    const t = r.cells.town === undefined ? undefined : townsByName.get(r.cells.town);
    if (t) ids.add(t.id);
  }
  return [...ids];
}

/**
 * Resolves a row's town by name and checks the importer may write there: a town admin only their
 * own town. Records the row error and returns null otherwise.
 */
export function resolveTown(
  actor: Actor,
  townsByName: Map<string, TownRef>,
  name: string,
  line: number,
  errors: RowErrors,
): TownRef | null {
  const town = townsByName.get(name);
  if (!town) {
    errors.add(line, 'town', IMPORT_MSG.townNotFound(name));
    return null;
  }
  if (actor.role === 'town_admin' && actor.townId !== town.id) {
    errors.add(line, 'town', IMPORT_MSG.otherTown);
    return null;
  }
  return town;
}

export const TOWN_HEADERS = ['镇（街道）', '镇(街道)', '镇', '街道', '镇街', '乡镇', '乡镇（街道）', '所属镇（街道）', '所属镇', 'town', 'townname', 'town_name'];
