import { z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import type { Ctx } from '../core/context.js';
import { validationFailed } from '../core/errors.js';
import { MSG } from './messages.js';
import { loadPolicy } from '../patrols/policy.js';
import { DAY_MS, shanghaiIsoDay, shanghaiMidnight } from '../../lib/time.js';
import { dayStartSql, dueArmsSql, dueKeySql } from './due-sql.js';
import { resolveStatsScope } from './stats-scope.js';
import { dueRollupSql } from './due-rollup.js';
import { memoDueByTown } from './due-memo.js';
import { openRollupSql } from './open-rollup.js';

export const OverdueInput = z
  .object({ townId: z.number().int().positive().optional(), gridId: z.number().int().positive().optional(), limit: z.number().int().min(1).max(200).default(20) })
  .strict();
export type OverdueInputT = z.input<typeof OverdueInput>;

const OverdueHazard = z.object({
  id: z.number(), code: z.string(), description: z.string(), level: z.string(), status: z.string(),
  enterpriseId: z.number(), enterpriseName: z.string(), gridId: z.number(), townId: z.number(),
  deadlineAt: z.string(), overdueDays: z.number(),
});
const OverduePatrol = z.object({
  enterpriseId: z.number(), enterpriseName: z.string(), gridId: z.number(), townId: z.number(),
  lastPatrolAt: z.string().nullable(), dueDay: z.string(), overdueDays: z.number(),
});
export const OverdueListSchema = z
  .object({
    scope: z.object({ label: z.string() }),
    hazards: z.object({ total: z.number(), items: z.array(OverdueHazard) }),
    patrols: z.object({ total: z.number(), items: z.array(OverduePatrol) }),
  })
  .openapi('OverdueList');
export type OverdueList = z.infer<typeof OverdueListSchema>;

/**
 * 逾期: open hazards past their deadline and enterprises past their patrol due day, most overdue
 * first. Overdue days count whole Shanghai days: a deadline is the end of its day, so a hazard due
 * yesterday is 1 day overdue today; a patrol due yesterday is 1 day overdue.
 */
export async function overdueList(ctx: Ctx, raw: OverdueInputT): Promise<OverdueList> {
  const parsed = OverdueInput.safeParse(raw);
  if (!parsed.success) throw validationFailed(MSG.badQuery, parsed.error.issues);
  const input = parsed.data;
  const scope = await resolveStatsScope(ctx, input);
  const now = ctx.clock().getTime();
  const today = shanghaiMidnight(now).getTime();
  const policy = await loadPolicy(ctx.db);
  const due = dueKeySql(policy);
  const openOverdue = sql`h.status in ('reported', 'rectifying', 'review') and h.deadline_at < ${now} and ${scope.where('h')}`;
  const late = sql`${scope.where('e')} and ${due} < ${today}`;

  const [hz, [hzTotal], ents, [entTotal]] = await Promise.all([
    // Ids first from the covering index (sorted without table reads), then details for the page only.
    ctx.db.all<{ id: number; code: string; description: string; level: string; status: string; enterprise_id: number; enterprise_name: string; grid_id: number; town_id: number; deadline_at: number }>(sql`
      select h.id, h.code, h.description, h.level, h.status, h.enterprise_id, e.name as enterprise_name, h.grid_id, h.town_id, h.deadline_at
      from (select h.id from hazards h where ${openOverdue} order by h.deadline_at asc, h.id asc limit ${input.limit}) top
      join hazards h on h.id = top.id join enterprises e on e.id = h.enterprise_id
      order by h.deadline_at asc, h.id asc`),
    // District-wide totals from the rollups of migration 0005 (exactly the counts; test/stats-rollup.test.ts).
    scope.wholeDistrict
      ? ctx.db.all<{ overdue: number }>(openRollupSql(now)).then((rows) => [{ n: rows.reduce((n, r) => n + (r.overdue ?? 0), 0) }])
      : ctx.db.all<{ n: number }>(sql`select count(*) as n from hazards h where ${openOverdue}`),
    ctx.db.all<{ id: number; name: string; grid_id: number; town_id: number; last_patrol_at: number | null; due_key: number }>(sql`
      select e.id, e.name, e.grid_id, e.town_id, e.last_patrol_at, top.due_key
      from (${scope.wholeDistrict
        ? sql`select id, due_key from (${dueArmsSql(policy, today, sql`e.id, ${dayStartSql(due)} as due_key`, input.limit)})`
        : sql`select e.id, ${dayStartSql(due)} as due_key from enterprises e where ${late}`} order by due_key asc, id asc limit ${input.limit}) top
      join enterprises e on e.id = top.id
      order by top.due_key asc, e.id asc`),
    scope.wholeDistrict
      ? memoDueByTown(ctx, `${JSON.stringify(policy)}|${today}`, dueRollupSql(policy, today)).then((rows) => [{ n: rows.reduce((n, r) => n + (r.n ?? 0), 0) }])
      : ctx.db.all<{ n: number }>(sql`select count(*) as n from enterprises e where ${late}`),
  ]);

  return {
    scope: { label: scope.label },
    hazards: {
      total: hzTotal.n,
      items: hz.map((h) => ({
        id: h.id, code: h.code, description: h.description, level: h.level, status: h.status,
        enterpriseId: h.enterprise_id, enterpriseName: h.enterprise_name, gridId: h.grid_id, townId: h.town_id,
        deadlineAt: new Date(h.deadline_at).toISOString(),
        overdueDays: Math.max(1, Math.round((today - shanghaiMidnight(h.deadline_at - 1).getTime()) / DAY_MS)),
      })),
    },
    patrols: {
      total: entTotal.n,
      items: ents.map((e) => ({
        enterpriseId: e.id, enterpriseName: e.name, gridId: e.grid_id, townId: e.town_id,
        lastPatrolAt: e.last_patrol_at == null ? null : new Date(e.last_patrol_at).toISOString(),
        dueDay: shanghaiIsoDay(e.due_key),
        overdueDays: Math.round((today - e.due_key) / DAY_MS),
      })),
    },
  };
}
