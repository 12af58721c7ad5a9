import { and, asc, eq } from 'drizzle-orm';
import { chatIdentities, grids, people } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { notFound } from '../core/errors.js';
import { personScope } from './access.js';
import { PEOPLE_MSG } from './messages.js';
import { toPerson, type PersonDetailT } from './schemas.js';

/** One person within the actor's scope, with their chat identities and the grids they hold. */
export async function getPerson(ctx: Ctx, personId: number): Promise<PersonDetailT> {
  const row = await ctx.db.select().from(people).where(and(eq(people.id, personId), personScope(ctx.actor))).get();
  if (!row) throw notFound(PEOPLE_MSG.person);
  const [identities, held] = await Promise.all([
    ctx.db
      .select({ platform: chatIdentities.platform, externalId: chatIdentities.externalId })
      .from(chatIdentities)
      .where(eq(chatIdentities.personId, personId))
      .orderBy(asc(chatIdentities.platform)),
    ctx.db.select({ id: grids.id }).from(grids).where(eq(grids.workerId, personId)).orderBy(asc(grids.id)),
  ]);
  return { ...toPerson(row), identities, gridIds: held.map((g) => g.id) };
}
