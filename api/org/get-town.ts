import { and, eq } from 'drizzle-orm';
import { towns } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { notFound } from '../core/errors.js';
import { ORG_MSG } from './messages.js';
import { toTown, type TownT } from './schemas.js';
import { townScope } from './town-scope.js';

/** One town within the actor's scope; out of scope reads as not found. */
export async function getTown(ctx: Ctx, townId: number): Promise<TownT> {
  const row = await ctx.db.select().from(towns).where(and(eq(towns.id, townId), townScope(ctx.actor))).get();
  if (!row) throw notFound(ORG_MSG.town);
  return toTown(row);
}
