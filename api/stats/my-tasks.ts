import { z } from '@hono/zod-openapi';
import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../core/context.js';
import { OPEN_STATUSES } from '../../db/schema/index.js';
import { loadPolicy } from '../patrols/policy.js';
import { DAY_MS, addDays, endOfShanghaiDay, shanghaiDate, shanghaiIsoDay, shanghaiMidnight } from '../../lib/time.js';
import { dayStartSql, dueKeySql } from './due-sql.js';
import { resolveStatsScope, type StatsScope } from './stats-scope.js';

const LIMIT = 20;
// SPEC §5 digest: hazards whose deadline is within 2 days (or already passed) need the worker now.
const DEADLINE_HORIZON_DAYS = 2;

const TaskHazard = z.object({
  id: z.number(), code: z.string(), description: z.string(), level: z.string(), status: z.string(),
  enterpriseId: z.number(), enterpriseName: z.string(), deadlineAt: z.string().nullable(), overdue: z.boolean(),
});
const TaskPatrol = z.object({ enterpriseId: z.number(), enterpriseName: z.string(), dueDay: z.string(), overdueDays: z.number() });
const section = <T extends z.ZodTypeAny>(item: T) => z.object({ total: z.number(), items: z.array(item) });

export const MyTasksSchema = z
  .object({
    role: z.string(),
    /** Workers: enterprises due today or overdue in their grids. */
    patrolsDue: section(TaskPatrol),
    /** Workers: open hazards in their grids with a deadline within 2 days or passed. */
    hazardsDueSoon: section(TaskHazard),
    /** Workers: general hazards waiting for their review; admins and departments: major ones. */
    reviews: section(TaskHazard),
    /** Admins: reported hazards waiting to be assigned (交办). */
    toAssign: section(TaskHazard),
    /** Departments: hazards whistled to them not yet reported in (报到). */
    toAcknowledge: section(TaskHazard),
    /** Every hazard not yet closed (销号) or voided in the caller's scope — the answer to 我还有几条没销号, which
     *  the near-deadline list alone would understate. Null for departments, whose list is what was whistled to them. */
    openHazards: z.number().nullable(),
  })
  .openapi('MyTasks');
export type MyTasks = z.infer<typeof MyTasksSchema>;

type HazardRow = { id: number; code: string; description: string; level: string; status: string; enterprise_id: number; enterprise_name: string; deadline_at: number | null };

/** 我的任务 / 待办: what needs this person's action now, by role. */
export async function myTasks(ctx: Ctx): Promise<MyTasks> {
  const { actor } = ctx;
  const now = ctx.clock().getTime();
  const empty = { total: 0, items: [] };
  if (actor.role === 'enterprise') {
    // An enterprise contact: its own enterprise's hazards waiting for its rectification, by deadline.
    const own = sql`h.enterprise_id = ${actor.enterpriseId ?? -1} and h.status in ('reported', 'rectifying')`;
    const hazardsDueSoon = await hazardSection(ctx, own, sql`h.deadline_at is null, h.deadline_at asc, h.id asc`, now);
    const openHazards = await countOpen(ctx, sql`h.enterprise_id = ${actor.enterpriseId ?? -1}`);
    return { role: actor.role, patrolsDue: empty, hazardsDueSoon, reviews: empty, toAssign: empty, toAcknowledge: empty, openHazards };
  }
  const place = await resolveStatsScope(ctx, {});
  const scope = place.where('h');
  const hazardsWhere = (cond: SQL, order: SQL = sql`h.deadline_at asc, h.id asc`) => hazardSection(ctx, sql`${cond} and ${scope}`, order, now);

  if (actor.role === 'worker') {
    const horizon = endOfShanghaiDay(addDays(shanghaiDate(now), DEADLINE_HORIZON_DAYS)).getTime();
    const [patrolsDue, hazardsDueSoon, reviews, openHazards] = await Promise.all([
      duePatrols(ctx, place, now),
      hazardsWhere(sql`h.status in ('reported', 'rectifying') and h.deadline_at <= ${horizon}`),
      hazardsWhere(sql`h.status = 'review' and h.level = 'general'`, sql`h.updated_at asc, h.id asc`),
      countOpen(ctx, scope),
    ]);
    return { role: actor.role, patrolsDue, hazardsDueSoon, reviews, toAssign: empty, toAcknowledge: empty, openHazards };
  }
  if (actor.role === 'department') {
    const unacknowledged = sql`exists (select 1 from hazard_departments hd where hd.hazard_id = h.id
      and hd.department_id = ${actor.departmentId} and hd.acknowledged_at is null)`;
    const [reviews, toAcknowledge] = await Promise.all([
      hazardsWhere(sql`h.status = 'review' and h.level = 'major'`, sql`h.updated_at asc, h.id asc`),
      hazardsWhere(sql`h.status in ('reported', 'rectifying', 'review') and ${unacknowledged}`, sql`h.reported_at asc, h.id asc`),
    ]);
    return { role: actor.role, patrolsDue: empty, hazardsDueSoon: empty, reviews, toAssign: empty, toAcknowledge, openHazards: null };
  }
  const [reviews, toAssign, openHazards] = await Promise.all([
    hazardsWhere(sql`h.status = 'review' and h.level = 'major'`, sql`h.updated_at asc, h.id asc`),
    hazardsWhere(sql`h.status = 'reported'`, sql`h.level = 'major' desc, h.reported_at asc, h.id asc`),
    countOpen(ctx, scope),
  ]);
  return { role: actor.role, patrolsDue: empty, hazardsDueSoon: empty, reviews, toAssign, toAcknowledge: empty, openHazards };
}

async function countOpen(ctx: Ctx, where: SQL): Promise<number> {
  const open = sql.join(OPEN_STATUSES.map((status) => sql`${status}`), sql`, `);
  const [{ n }] = await ctx.db.all<{ n: number }>(sql`select count(*) as n from hazards h where h.status in (${open}) and ${where}`);
  return n;
}

async function hazardSection(ctx: Ctx, where: SQL, order: SQL, now: number) {
  const [rows, [{ n }]] = await Promise.all([
    ctx.db.all<HazardRow>(sql`select h.id, h.code, h.description, h.level, h.status, h.enterprise_id, e.name as enterprise_name, h.deadline_at
      from hazards h join enterprises e on e.id = h.enterprise_id where ${where} order by ${order} limit ${LIMIT}`),
    ctx.db.all<{ n: number }>(sql`select count(*) as n from hazards h where ${where}`),
  ]);
  return {
    total: n,
    items: rows.map((h) => ({
      id: h.id, code: h.code, description: h.description, level: h.level, status: h.status,
      enterpriseId: h.enterprise_id, enterpriseName: h.enterprise_name,
      deadlineAt: h.deadline_at == null ? null : new Date(h.deadline_at).toISOString(),
      overdue: h.deadline_at != null && h.deadline_at < now,
    })),
  };
}

async function duePatrols(ctx: Ctx, place: StatsScope, now: number) {
  const policy = await loadPolicy(ctx.db);
  const today = shanghaiMidnight(now).getTime();
  const due = dueKeySql(policy);
  const where = sql`${place.where('e')} and ${due} < ${today + DAY_MS}`;
  const [rows, [{ n }]] = await Promise.all([
    ctx.db.all<{ id: number; name: string; due_key: number }>(sql`select e.id, e.name, ${dayStartSql(due)} as due_key
      from enterprises e where ${where} order by due_key asc, e.id asc limit ${LIMIT}`),
    ctx.db.all<{ n: number }>(sql`select count(*) as n from enterprises e where ${where}`),
  ]);
  return {
    total: n,
    items: rows.map((e) => ({ enterpriseId: e.id, enterpriseName: e.name, dueDay: shanghaiIsoDay(e.due_key), overdueDays: Math.max(0, Math.round((today - e.due_key) / DAY_MS)) })),
  };
}
