import { z } from '@hono/zod-openapi';
import { and, eq, ne } from 'drizzle-orm';
import { grids } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { conflict, notFound, validationFailed } from '../core/errors.js';
import { coversTown, requireRole } from '../core/scope.js';
import { assertAssignableWorker } from './assignable-worker.js';
import { ORG_MSG } from './messages.js';
import { OrgName, toGrid, type GridT } from './schemas.js';
import { uniqueAsConflict } from '../core/unique-violation.js';

// A grid never moves between towns: its enterprises, hazards and patrols carry the town denormalised.
export const UpdateGridInput = z
  .object({
    name: OrgName.optional(),
    village: z.string().trim().max(50).nullish(),
    workerId: z.number().int().positive().nullable().optional(),
  })
  .strict()
  .openapi('UpdateGridInput');
export type UpdateGridInputT = z.infer<typeof UpdateGridInput>;

/** Renames a grid or changes its village or responsible worker (null = nobody). */
export async function updateGrid(ctx: Ctx, gridId: number, input: UpdateGridInputT): Promise<GridT> {
  requireRole(ctx.actor, 'district_admin', 'town_admin');
  const grid = await ctx.db.select().from(grids).where(eq(grids.id, gridId)).get();
  if (!grid || !coversTown(ctx.actor, grid.townId)) throw notFound(ORG_MSG.grid);
  const patch: Partial<typeof grids.$inferInsert> = {};
  if (input.name !== undefined) patch.name = input.name;
  if (input.village !== undefined) patch.village = input.village;
  if (input.workerId !== undefined) patch.workerId = input.workerId;
  if (Object.keys(patch).length === 0) throw validationFailed(ORG_MSG.nothingToUpdate);
  if (input.workerId != null) await assertAssignableWorker(ctx, input.workerId, grid.townId);
  if (input.name !== undefined) {
    const taken = await ctx.db
      .select({ id: grids.id })
      .from(grids)
      .where(and(eq(grids.townId, grid.townId), eq(grids.name, input.name), ne(grids.id, gridId)))
      .get();
    if (taken) throw conflict(ORG_MSG.gridNameTaken(input.name));
  }
  const [[row]] = await uniqueAsConflict(
    ctx.writer.batch([ctx.db.update(grids).set(patch).where(eq(grids.id, gridId)).returning()]),
    ORG_MSG.gridNameTaken(input.name ?? grid.name),
  );
  return toGrid(row);
}
