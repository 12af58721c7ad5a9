import { eq } from 'drizzle-orm';
import { people } from '../../db/schema/index.js';
import type { Db } from '../../db/client.js';
import { notFound } from '../core/errors.js';
import type { Actor } from '../core/context.js';
import { assertCanManage } from './access.js';
import { PEOPLE_MSG } from './messages.js';
import { enterpriseTownOf } from './person-rules.js';

/** The person row or not_found (callers then check the actor may manage it). */
export async function loadPerson(db: Db, personId: number) {
  const row = await db.select().from(people).where(eq(people.id, personId)).get();
  if (!row) throw notFound(PEOPLE_MSG.person);
  return row;
}

/**
 * The person row when the actor may manage it; otherwise not_found, so someone outside a town
 * admin's reach is not revealed to exist.
 */
export async function loadManageablePerson(db: Db, actor: Actor, personId: number) {
  const row = await loadPerson(db, personId);
  try {
    assertCanManage(actor, row, await enterpriseTownOf(db, row.enterpriseId));
  } catch {
    throw notFound(PEOPLE_MSG.person);
  }
  return row;
}
