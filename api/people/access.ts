import { eq, sql, type SQL } from 'drizzle-orm';
import { people, type Role } from '../../db/schema/index.js';
import type { Actor } from '../core/context.js';
import { forbidden } from '../core/errors.js';
import { PEOPLE_MSG } from './messages.js';

/** Who an actor may see: district admins everyone, a town admin their town's people, others themselves. */
export function personScope(actor: Actor): SQL | undefined {
  switch (actor.role) {
    case 'district_admin':
      return undefined;
    case 'town_admin':
      return actor.townId == null ? eq(people.id, actor.personId) : sql`(${people.townId} = ${actor.townId} or ${people.id} = ${actor.personId})`;
    case 'worker':
    case 'department':
    case 'enterprise':
      return eq(people.id, actor.personId);
  }
}

/**
 * Who may create or change a person in this shape: a district admin anyone; a town admin only
 * workers of their own town (so a town admin can never mint another admin or reach across towns).
 */
export function assertCanManage(actor: Actor, person: { role: Role; townId: number | null }, enterpriseTownId: number | null = null): void {
  if (actor.role === 'district_admin') return;
  if (actor.role === 'town_admin' && actor.townId != null && person.role === 'worker' && person.townId === actor.townId) return;
  // A town admin may also add the safety contact of an enterprise in their own town.
  if (actor.role === 'town_admin' && actor.townId != null && person.role === 'enterprise' && enterpriseTownId === actor.townId) return;
  throw forbidden(actor.role === 'town_admin' ? PEOPLE_MSG.townAdminWorkersOnly : undefined);
}
