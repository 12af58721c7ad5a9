import { eq } from 'drizzle-orm';
import { grids } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { forbidden, notFound, validationFailed } from '../core/errors.js';
import { coversTown } from '../core/scope.js';
import { ENTERPRISE_MSG } from './messages.js';

/**
 * Resolves where an enterprise is placed: the grid must exist, lie in the named town (when one is
 * named) and in a town the actor administers. The town is taken from the grid (denormalised).
 */
export async function resolvePlace(ctx: Ctx, gridId: number, townId?: number | null): Promise<{ gridId: number; townId: number }> {
  const grid = await ctx.db.select({ id: grids.id, townId: grids.townId }).from(grids).where(eq(grids.id, gridId)).get();
  if (!grid) throw notFound(ENTERPRISE_MSG.grid);
  if (townId != null && townId !== grid.townId) throw validationFailed(ENTERPRISE_MSG.gridNotInTown);
  if (!coversTown(ctx.actor, grid.townId)) throw forbidden();
  return { gridId: grid.id, townId: grid.townId };
}
