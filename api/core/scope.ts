import { sql, type SQL } from 'drizzle-orm';
import { enterprises, hazards, patrols } from '../../db/schema/index.js';
import type { Actor } from './context.js';
import { forbidden } from './errors.js';
import type { Role } from '../../db/schema/index.js';

// One place that turns an actor into row filters, so lists, exports, statistics and single reads
// cannot drift apart. A worker sees their grids, a town admin their town, a department the hazards
// whistled to it (and those hazards' enterprises), a district admin everything, an enterprise
// contact only their own enterprise (its hazards and patrol results) and nothing else.

const none = sql`0 = 1`;
const idList = (ids: number[]) => sql.join(ids.map((id) => sql`${id}`), sql`, `);

export function hazardScope(actor: Actor): SQL | undefined {
  switch (actor.role) {
    case 'district_admin':
      return undefined;
    case 'town_admin':
      return actor.townId == null ? none : sql`${hazards.townId} = ${actor.townId}`;
    case 'worker':
      return actor.gridIds.length ? sql`${hazards.gridId} in (${idList(actor.gridIds)})` : none;
    case 'department':
      return actor.departmentId == null
        ? none
        : sql`exists (select 1 from hazard_departments hd where hd.hazard_id = ${hazards.id} and hd.department_id = ${actor.departmentId})`;
    case 'enterprise':
      return actor.enterpriseId == null ? none : sql`${hazards.enterpriseId} = ${actor.enterpriseId}`;
  }
}

export function enterpriseScope(actor: Actor): SQL | undefined {
  switch (actor.role) {
    case 'district_admin':
      return undefined;
    case 'town_admin':
      return actor.townId == null ? none : sql`${enterprises.townId} = ${actor.townId}`;
    case 'worker':
      return actor.gridIds.length ? sql`${enterprises.gridId} in (${idList(actor.gridIds)})` : none;
    case 'department':
      return actor.departmentId == null
        ? none
        : sql`exists (select 1 from hazards h join hazard_departments hd on hd.hazard_id = h.id where h.enterprise_id = ${enterprises.id} and hd.department_id = ${actor.departmentId})`;
    case 'enterprise':
      return actor.enterpriseId == null ? none : sql`${enterprises.id} = ${actor.enterpriseId}`;
  }
}

export function patrolScope(actor: Actor): SQL | undefined {
  switch (actor.role) {
    case 'district_admin':
      return undefined;
    case 'town_admin':
      return actor.townId == null ? none : sql`${patrols.townId} = ${actor.townId}`;
    case 'worker':
      return actor.gridIds.length ? sql`${patrols.gridId} in (${idList(actor.gridIds)})` : none;
    case 'department':
      return none;
    case 'enterprise':
      // Their own enterprise's patrol results (read only: logging a patrol is a worker's verb).
      return actor.enterpriseId == null ? none : sql`${patrols.enterpriseId} = ${actor.enterpriseId}`;
  }
}

/** Can the actor see a row located in this grid/town? (Departments are checked per hazard.) */
export function coversPlace(actor: Actor, place: { gridId: number; townId: number }): boolean {
  switch (actor.role) {
    case 'district_admin':
      return true;
    case 'town_admin':
      return actor.townId === place.townId;
    case 'worker':
      return actor.gridIds.includes(place.gridId);
    case 'department':
    case 'enterprise':
      return false;
  }
}

/** Can the actor see / act on a town as a whole (statistics, org management)? */
export function coversTown(actor: Actor, townId: number): boolean {
  return actor.role === 'district_admin' || (actor.role === 'town_admin' && actor.townId === townId);
}

export function requireRole(actor: Actor, ...roles: Role[]): void {
  if (!roles.includes(actor.role)) throw forbidden();
}

export const isAdmin = (actor: Actor) => actor.role === 'district_admin' || actor.role === 'town_admin';
