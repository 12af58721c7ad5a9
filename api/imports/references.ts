import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { grids, towns } from '../../db/schema/index.js';
import type { Actor } from '../core/context.js';
import { IMPORT_MSG } from './messages.js';
import type { RowErrors } from './row-errors.js';

export type TownRef = { id: number; name: string };

/** Every town by name (a district has a few dozen). */
export async function loadTowns(db: Db): Promise<Map<string, TownRef>> {
  const rows = await db.select({ id: towns.id, name: towns.name }).from(towns);
  return new Map(rows.map((t) => [t.name, t]));
}

/** Grids of the given towns keyed by `townId|name` (the natural key). */
export async function loadGrids(db: Db, townIds: number[]) {
  const rows = townIds.length
    ? await db.select().from(grids).where(inArray(grids.townId, townIds))
    : [];
  return new Map(rows.map((g) => [`${g.townId}|${g.name}`, g]));
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
