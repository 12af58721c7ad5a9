import { z } from '@hono/zod-openapi';
import { asc, count } from 'drizzle-orm';
import { towns } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { PageQuery } from '../core/schemas.js';
import { toTown } from './schemas.js';
import { townScope } from './town-scope.js';

export const ListTownsInput = PageQuery.strict();
export type ListTownsInputT = z.infer<typeof ListTownsInput>;

/** Towns the actor may see, by name. */
export async function listTowns(ctx: Ctx, input: ListTownsInputT) {
  const where = townScope(ctx.actor);
  const [items, [{ total }]] = await Promise.all([
    ctx.db.select().from(towns).where(where).orderBy(asc(towns.name)).limit(input.limit).offset(input.offset),
    ctx.db.select({ total: count() }).from(towns).where(where),
  ]);
  return { items: items.map(toTown), total, limit: input.limit, offset: input.offset };
}
