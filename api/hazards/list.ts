import { z } from '@hono/zod-openapi';
import { and, count, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { enterprises, hazards, HAZARD_LEVELS, HAZARD_STATUSES, OPEN_STATUSES } from '../../db/schema/index.js';
import { endOfShanghaiDay, parseIsoDay, startOfShanghaiDay } from '../../lib/time.js';
import type { Ctx } from '../core/context.js';
import { validationFailed } from '../core/errors.js';
import { hazardScope } from '../core/scope.js';
import { contains } from '../core/contains.js';
import { IsoDay } from './deadline.js';
import { hazardWithEnterprise, toHazardViews, type HazardView } from './view.js';

const id = z.coerce.number().int().positive();
// Query strings carry 'true'/'false'; in-process callers (bot, jobs) may pass a boolean.
const bool = z.union([z.boolean(), z.enum(['true', 'false'])]).transform((v) => v === true || v === 'true');

export const ListHazardsQuery = z
  .object({
    status: z.enum([...HAZARD_STATUSES, 'open']).optional().openapi({ description: 'open = 已上报、整改中、待复查' }),
    level: z.enum(HAZARD_LEVELS).optional(),
    townId: id.optional(),
    gridId: id.optional(),
    enterpriseId: id.optional(),
    departmentId: id.optional(),
    overdue: bool.optional().openapi({ description: '逾期：未销号且已过整改期限', type: 'string', enum: ['true', 'false'] }),
    from: IsoDay.optional().openapi({ description: '上报日期起（含，北京时间）' }),
    to: IsoDay.optional().openapi({ description: '上报日期止（含，北京时间）' }),
    q: z.string().trim().min(1).max(100).optional().openapi({ description: '描述或编号包含' }),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export type ListHazardsQueryT = z.input<typeof ListHazardsQuery>;
export type HazardPage = { items: HazardView[]; total: number; limit: number; offset: number };

export type HazardFilters = Omit<z.output<typeof ListHazardsQuery>, 'limit' | 'offset'>;

/** The filters as SQL (shared with the ledger export); every one is AND-ed with the actor's scope by the caller. */
export function hazardFilters(f: HazardFilters, now: Date): (SQL | undefined)[] {
  const overdueSql = and(inArray(hazards.status, OPEN_STATUSES), lt(hazards.deadlineAt, now));
  return [
    f.status === 'open' ? inArray(hazards.status, OPEN_STATUSES) : f.status ? eq(hazards.status, f.status) : undefined,
    f.level ? eq(hazards.level, f.level) : undefined,
    f.townId ? eq(hazards.townId, f.townId) : undefined,
    f.gridId ? eq(hazards.gridId, f.gridId) : undefined,
    f.enterpriseId ? eq(hazards.enterpriseId, f.enterpriseId) : undefined,
    f.departmentId
      ? sql`exists (select 1 from hazard_departments hd where hd.hazard_id = ${hazards.id} and hd.department_id = ${f.departmentId})`
      : undefined,
    // Overdue is derived here exactly as in the view: open and the deadline instant passed.
    f.overdue === true ? overdueSql : f.overdue === false ? sql`not coalesce(${overdueSql}, 0)` : undefined,
    f.from ? gte(hazards.reportedAt, startOfShanghaiDay(parseIsoDay(f.from)!)) : undefined,
    f.to ? lt(hazards.reportedAt, endOfShanghaiDay(parseIsoDay(f.to)!)) : undefined,
    f.q
      ? or(
        contains(hazards.description, f.q),
        contains(hazards.code, f.q.toUpperCase()),
      )
      : undefined,
  ];
}

/** Paginated, filtered hazards within the actor's scope, newest first. */
export async function listHazards(ctx: Ctx, query: ListHazardsQueryT): Promise<HazardPage> {
  const parsed = ListHazardsQuery.safeParse(query);
  if (!parsed.success) throw validationFailed('查询条件不正确', parsed.error.issues);
  const f = parsed.data;
  const now = ctx.clock();
  const where = and(hazardScope(ctx.actor), ...hazardFilters(f, now));
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select(hazardWithEnterprise)
      .from(hazards)
      .innerJoin(enterprises, eq(enterprises.id, hazards.enterpriseId))
      .where(where)
      .orderBy(desc(hazards.reportedAt), desc(hazards.id))
      .limit(f.limit)
      .offset(f.offset),
    ctx.db.select({ total: count() }).from(hazards).where(where),
  ]);
  return { items: await toHazardViews(ctx.db, rows, now), total, limit: f.limit, offset: f.offset };
}
