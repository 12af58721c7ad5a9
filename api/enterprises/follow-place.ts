import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { hazards, patrols } from '../../db/schema/index.js';

/**
 * Hazards and patrols carry their enterprise's grid and town (denormalised for scope and
 * statistics). When an enterprise moves, its records move with it in the same batch: otherwise the
 * old town keeps seeing and acting on them and the new one cannot.
 */
export function followEnterprisePlace(db: Db, enterpriseIds: number[]) {
  const place = (table: typeof hazards | typeof patrols) => ({
    gridId: sql`(select e.grid_id from enterprises e where e.id = ${table.enterpriseId})`,
    townId: sql`(select e.town_id from enterprises e where e.id = ${table.enterpriseId})`,
  });
  return [
    db.update(hazards).set(place(hazards)).where(inArray(hazards.enterpriseId, enterpriseIds)),
    db.update(patrols).set(place(patrols)).where(inArray(patrols.enterpriseId, enterpriseIds)),
  ];
}
