import { z } from '@hono/zod-openapi';
import { and, eq } from 'drizzle-orm';
import { grids, towns } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { conflict, forbidden, notFound } from '../core/errors.js';
import { coversTown, requireRole } from '../core/scope.js';
import { assertAssignableWorker } from './assignable-worker.js';
import { ORG_MSG } from './messages.js';
import { OrgName, toGrid, type GridT } from './schemas.js';
import { uniqueAsConflict } from '../core/unique-violation.js';

export const CreateGridInput = z
  .object({
    townId: z.number().int().positive(),
    name: OrgName,
    village: z.string().trim().max(50).nullish(),
    workerId: z.number().int().positive().nullish(),
  })
  .strict()
  .openapi('CreateGridInput');
export type CreateGridInputT = z.infer<typeof CreateGridInput>;

/** Adds a grid to a town, optionally with its responsible worker (一格一员). */
export async function createGrid(ctx: Ctx, input: CreateGridInputT): Promise<GridT> {
  requireRole(ctx.actor, 'district_admin', 'town_admin');
  if (!coversTown(ctx.actor, input.townId)) throw forbidden();
  const town = await ctx.db.select({ id: towns.id }).from(towns).where(eq(towns.id, input.townId)).get();
  if (!town) throw notFound(ORG_MSG.town);
  if (input.workerId != null) await assertAssignableWorker(ctx, input.workerId, input.townId);
  const taken = await ctx.db
    .select({ id: grids.id })
    .from(grids)
    .where(and(eq(grids.townId, input.townId), eq(grids.name, input.name)))
    .get();
  if (taken) throw conflict(ORG_MSG.gridNameTaken(input.name));
  const [[row]] = await uniqueAsConflict(
    ctx.writer.batch([
      ctx.db
        .insert(grids)
        .values({
          townId: input.townId,
          name: input.name,
          village: input.village ?? null,
          workerId: input.workerId ?? null,
          createdAt: ctx.clock(),
        })
        .returning(),
    ]),
    ORG_MSG.gridNameTaken(input.name),
  );
  return toGrid(row);
}
