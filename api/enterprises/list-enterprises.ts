import { z } from '@hono/zod-openapi';
import { and, asc, count, eq, or } from 'drizzle-orm';
import { enterprises } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { enterpriseScope } from '../core/scope.js';
import { contains } from '../core/contains.js';
import { PageQuery } from '../core/schemas.js';
import { loadPolicy } from '../patrols/policy.js';
import { parseIsoDay, shanghaiDate } from '../../lib/time.js';
import { dueBeforeFilter } from './due-filter.js';
import { openHazardCount } from './open-hazards.js';
import { ClassSchema, IsoDay, RiskColorSchema, toEnterpriseView } from './schemas.js';

export const ListEnterprisesInput = PageQuery.extend({
  townId: z.coerce.number().int().positive().optional(),
  gridId: z.coerce.number().int().positive().optional(),
  class: ClassSchema.optional(),
  riskColor: RiskColorSchema.optional(),
  q: z.string().trim().min(1).max(50).optional(),
  dueBefore: IsoDay.optional().openapi({ description: '下次应巡查日早于该日（YYYY-MM-DD）' }),
  overdue: z.enum(['true']).optional().openapi({ description: '只看巡查已逾期的企业' }),
}).strict();
export type ListEnterprisesInputT = z.infer<typeof ListEnterprisesInput>;

/** Enterprises within the actor's scope, every filter AND-ed with the scope. */
export async function listEnterprises(ctx: Ctx, input: ListEnterprisesInputT) {
  const policy = await loadPolicy(ctx.db);
  const now = ctx.clock();
  const where = and(
    enterpriseScope(ctx.actor),
    input.townId === undefined ? undefined : eq(enterprises.townId, input.townId),
    input.gridId === undefined ? undefined : eq(enterprises.gridId, input.gridId),
    input.class === undefined ? undefined : eq(enterprises.class, input.class),
    input.riskColor === undefined ? undefined : eq(enterprises.riskColor, input.riskColor),
    input.q === undefined
      ? undefined
      : or(
          contains(enterprises.name, input.q),
          contains(enterprises.shortName, input.q),
          contains(enterprises.aliases, input.q),
          eq(enterprises.creditCode, input.q.toUpperCase()),
        ),
    input.dueBefore === undefined ? undefined : dueBeforeFilter(policy, parseIsoDay(input.dueBefore)!),
    input.overdue === undefined ? undefined : dueBeforeFilter(policy, shanghaiDate(now)),
  );
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select({ row: enterprises, openHazards: openHazardCount })
      .from(enterprises)
      .where(where)
      .orderBy(asc(enterprises.id))
      .limit(input.limit)
      .offset(input.offset),
    ctx.db.select({ total: count() }).from(enterprises).where(where),
  ]);
  return {
    items: rows.map((r) => toEnterpriseView(r.row, policy, now, r.openHazards)),
    total,
    limit: input.limit,
    offset: input.offset,
  };
}
