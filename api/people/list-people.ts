import { z } from '@hono/zod-openapi';
import { and, asc, count, eq, or } from 'drizzle-orm';
import { people } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { PageQuery } from '../core/schemas.js';
import { contains } from '../core/contains.js';
import { personScope } from './access.js';
import { RoleSchema, toPerson } from './schemas.js';

export const ListPeopleInput = PageQuery.extend({
  role: RoleSchema.optional(),
  townId: z.coerce.number().int().positive().optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  active: z.enum(['true', 'false']).optional(),
  q: z.string().trim().min(1).max(30).optional(),
}).strict();
export type ListPeopleInputT = z.infer<typeof ListPeopleInput>;

/** People within the actor's scope, filtered by role, town, department, state or name/phone. */
export async function listPeople(ctx: Ctx, input: ListPeopleInputT) {
  const where = and(
    personScope(ctx.actor),
    input.role === undefined ? undefined : eq(people.role, input.role),
    input.townId === undefined ? undefined : eq(people.townId, input.townId),
    input.departmentId === undefined ? undefined : eq(people.departmentId, input.departmentId),
    input.active === undefined ? undefined : eq(people.active, input.active === 'true'),
    input.q === undefined ? undefined : or(contains(people.name, input.q), contains(people.phone, input.q)),
  );
  const [items, [{ total }]] = await Promise.all([
    ctx.db.select().from(people).where(where).orderBy(asc(people.id)).limit(input.limit).offset(input.offset),
    ctx.db.select({ total: count() }).from(people).where(where),
  ]);
  return { items: items.map(toPerson), total, limit: input.limit, offset: input.offset };
}
