import { eq } from 'drizzle-orm';
import { people } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { forbidden, validationFailed } from '../core/errors.js';
import { ORG_MSG } from './messages.js';

/**
 * A grid's responsible worker must be an active worker; a town admin may only hand their grids to
 * workers of their own town (a worker with no town yet is still unplaced and may be taken).
 */
export async function assertAssignableWorker(ctx: Ctx, workerId: number, gridTownId: number): Promise<void> {
  const w = await ctx.db.select().from(people).where(eq(people.id, workerId)).get();
  if (!w || !w.active || w.role !== 'worker') throw validationFailed(ORG_MSG.notAWorker);
  if (w.townId != null && w.townId !== gridTownId) {
    if (ctx.actor.role === 'town_admin') throw forbidden(ORG_MSG.workerOtherTown);
  }
}
