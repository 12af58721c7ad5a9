import type { Db } from '../../db/client.js';
import { SqlText } from '../../db/sql-text.js';
import { batchLoader } from '../../lib/batch-loader.js';

export type NamedEnterprise = { id: number; name: string; shortName: string | null; aliases: string[] };
type Row = { id: number; grid_id: number; name: string; short_name: string | null; aliases: string };

// Per database handle: a worker's chat report matches its enterprise against every enterprise of the
// worker's grids, and a district reporting at once asks for many grids in the same turn. One query
// (SqlText: drizzle's select builder cost more than SQLite did here) serves all of them.
const loaders = new WeakMap<Db, (gridId: number) => Promise<NamedEnterprise[] | undefined>>();

function loaderFor(db: Db) {
  let load = loaders.get(db);
  if (!load) {
    load = batchLoader(async (gridIds: number[]) => {
      const q = new SqlText().raw('select id, grid_id, name, short_name, aliases from enterprises where grid_id in (').ints(gridIds).raw(')');
      const byGrid = new Map<number, NamedEnterprise[]>();
      for (const r of await db.all<Row>(q.toSQL())) {
        const list = byGrid.get(r.grid_id) ?? byGrid.set(r.grid_id, []).get(r.grid_id)!;
        // Most enterprises have no alias; the column is JSON text either way (drizzle json mode).
        list.push({ id: r.id, name: r.name, shortName: r.short_name, aliases: r.aliases === '[]' ? [] : JSON.parse(r.aliases) });
      }
      return byGrid;
    });
    loaders.set(db, load);
  }
  return load;
}

/** Every enterprise of these grids (a worker's scope), read fresh: nothing is kept between turns. */
export async function enterprisesOfGrids(db: Db, gridIds: number[]): Promise<NamedEnterprise[]> {
  const load = loaderFor(db);
  return (await Promise.all(gridIds.map((g) => load(g)))).flatMap((list) => list ?? []);
}
