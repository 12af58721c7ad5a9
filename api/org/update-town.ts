import { z } from '@hono/zod-openapi';
import { and, eq, ne } from 'drizzle-orm';
import { towns } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { conflict, notFound } from '../core/errors.js';
import { requireRole } from '../core/scope.js';
import { ORG_MSG } from './messages.js';
import { OrgName, toTown, type TownT } from './schemas.js';
import { uniqueAsConflict } from '../core/unique-violation.js';

export const UpdateTownInput = z.object({ name: OrgName }).strict().openapi('UpdateTownInput');
export type UpdateTownInputT = z.infer<typeof UpdateTownInput>;

/** Renames a town; district admins only. */
export async function updateTown(ctx: Ctx, townId: number, input: UpdateTownInputT): Promise<TownT> {
  requireRole(ctx.actor, 'district_admin');
  const town = await ctx.db.select().from(towns).where(eq(towns.id, townId)).get();
  if (!town) throw notFound(ORG_MSG.town);
  const taken = await ctx.db
    .select({ id: towns.id })
    .from(towns)
    .where(and(eq(towns.name, input.name), ne(towns.id, townId)))
    .get();
  if (taken) throw conflict(ORG_MSG.townNameTaken(input.name));
  const [[row]] = await uniqueAsConflict(
    ctx.writer.batch([ctx.db.update(towns).set({ name: input.name }).where(eq(towns.id, townId)).returning()]),
    ORG_MSG.townNameTaken(input.name),
  );
  return toTown(row);
}
