import { inArray, sql, type SQL } from 'drizzle-orm';
import { grids, towns } from '../../db/schema/index.js';
import type { Actor } from '../core/context.js';

// Subqueries name their tables explicitly: drizzle drops the table prefix in single-table selects.

/**
 * Which towns an actor may see: a town admin their own, a worker the towns of the grids they
 * hold, district admins and departments every town (departments need the names to work district-wide).
 */
export function townScope(actor: Actor): SQL | undefined {
  switch (actor.role) {
    case 'district_admin':
    case 'department':
      return undefined;
    case 'town_admin':
      return actor.townId == null ? sql`0 = 1` : sql`${towns.id} = ${actor.townId}`;
    case 'enterprise':
      return sql`0 = 1`;
    case 'worker':
      return actor.gridIds.length
        ? sql`"towns"."id" in (select g.town_id from grids g where g.id in (${sql.join(actor.gridIds.map((id) => sql`${id}`), sql`, `)}))`
        : sql`0 = 1`;
  }
}

/** Which grids an actor may see: workers their own, town admins their town's, district admins all. */
export function gridScope(actor: Actor): SQL | undefined {
  switch (actor.role) {
    case 'district_admin':
      return undefined;
    case 'town_admin':
      return actor.townId == null ? sql`0 = 1` : sql`${grids.townId} = ${actor.townId}`;
    case 'worker':
      return actor.gridIds.length ? inArray(grids.id, actor.gridIds) : sql`0 = 1`;
    case 'department':
    case 'enterprise':
      return sql`0 = 1`;
  }
}
