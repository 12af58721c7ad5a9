import { eq } from 'drizzle-orm';
import { people } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { validationFailed } from '../core/errors.js';
import { requireRole } from '../core/scope.js';
import { loadManageablePerson } from './load-person.js';
import { PEOPLE_MSG } from './messages.js';
import { toPerson, type PersonT } from './schemas.js';

/**
 * Marks a person inactive. Their tokens and chat identities stop resolving at once (loadActor and
 * personForIdentity only accept active people); rows they created keep pointing at them.
 */
export async function deactivatePerson(ctx: Ctx, personId: number): Promise<PersonT> {
  requireRole(ctx.actor, 'district_admin', 'town_admin');
  const current = await loadManageablePerson(ctx.db, ctx.actor, personId);
  if (personId === ctx.actor.personId) throw validationFailed(PEOPLE_MSG.cannotDeactivateSelf);
  if (!current.active) throw validationFailed(PEOPLE_MSG.alreadyInactive);
  const [[row]] = await ctx.writer.batch([
    ctx.db.update(people).set({ active: false }).where(eq(people.id, personId)).returning(),
  ]);
  return toPerson(row);
}
