import { z } from '@hono/zod-openapi';
import { and, asc, count, eq } from 'drizzle-orm';
import { grids } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { PageQuery } from '../core/schemas.js';
import { toGrid } from './schemas.js';
import { gridScope } from './town-scope.js';

export const ListGridsInput = PageQuery.extend({
  townId: z.coerce.number().int().positive().optional(),
  workerId: z.coerce.number().int().positive().optional(),
}).strict();
export type ListGridsInputT = z.infer<typeof ListGridsInput>;

/** Grids within the actor's scope, filtered by town or worker. */
export async function listGrids(ctx: Ctx, input: ListGridsInputT) {
  const where = and(
    gridScope(ctx.actor),
    input.townId === undefined ? undefined : eq(grids.townId, input.townId),
    input.workerId === undefined ? undefined : eq(grids.workerId, input.workerId),
  );
  const [items, [{ total }]] = await Promise.all([
    ctx.db.select().from(grids).where(where).orderBy(asc(grids.townId), asc(grids.name)).limit(input.limit).offset(input.offset),
    ctx.db.select({ total: count() }).from(grids).where(where),
  ]);
  return { items: items.map(toGrid), total, limit: input.limit, offset: input.offset };
}
