import { z } from '@hono/zod-openapi';
import { and, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { enterprises, patrols, people } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { patrolScope } from '../core/scope.js';
import { toPatrolView, type PatrolView } from './view.js';

const Id = z.coerce.number().int().positive();

export const ListPatrolsQuery = z
  .object({
    enterpriseId: Id.optional(),
    gridId: Id.optional(),
    townId: Id.optional(),
    workerId: Id.optional(),
    result: z.enum(['normal', 'issues']).optional(),
    from: z.iso.datetime({ offset: true }).optional().openapi({ description: '巡查时间不早于（含）' }),
    to: z.iso.datetime({ offset: true }).optional().openapi({ description: '巡查时间早于（不含）' }),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export type ListPatrolsQueryT = z.infer<typeof ListPatrolsQuery>;

/** Patrols in the actor's scope, newest first; filters narrow, never widen, the scope. */
export async function listPatrols(ctx: Ctx, q: ListPatrolsQueryT) {
  const filters: (SQL | undefined)[] = [
    patrolScope(ctx.actor),
    q.enterpriseId ? eq(patrols.enterpriseId, q.enterpriseId) : undefined,
    q.gridId ? eq(patrols.gridId, q.gridId) : undefined,
    q.townId ? eq(patrols.townId, q.townId) : undefined,
    q.workerId ? eq(patrols.workerId, q.workerId) : undefined,
    q.result ? eq(patrols.result, q.result) : undefined,
    q.from ? gte(patrols.patrolledAt, new Date(q.from)) : undefined,
    q.to ? lt(patrols.patrolledAt, new Date(q.to)) : undefined,
  ];
  const where = and(...filters);
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select({ p: patrols, enterpriseName: enterprises.name, workerName: people.name })
      .from(patrols)
      .innerJoin(enterprises, eq(enterprises.id, patrols.enterpriseId))
      .innerJoin(people, eq(people.id, patrols.workerId))
      .where(where)
      .orderBy(desc(patrols.patrolledAt), desc(patrols.id))
      .limit(q.limit)
      .offset(q.offset),
    ctx.db.select({ total: count() }).from(patrols).where(where),
  ]);
  const items: PatrolView[] = rows.map((r) => toPatrolView(r.p, r));
  return { items, total, limit: q.limit, offset: q.offset };
}
