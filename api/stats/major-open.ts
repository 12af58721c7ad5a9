import { z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import type { Ctx } from '../core/context.js';
import { validationFailed } from '../core/errors.js';
import { MSG } from './messages.js';
import { resolveStatsScope } from './stats-scope.js';

export const MajorOpenInput = z
  .object({ townId: z.number().int().positive().optional(), gridId: z.number().int().positive().optional(), limit: z.number().int().min(1).max(200).default(20) })
  .strict();
export type MajorOpenInputT = z.input<typeof MajorOpenInput>;

const MajorHazard = z.object({
  id: z.number(), code: z.string(), description: z.string(), status: z.string(),
  enterpriseId: z.number(), enterpriseName: z.string(), gridId: z.number(), townId: z.number(),
  reportedAt: z.string(), deadlineAt: z.string().nullable(), overdue: z.boolean(),
});
export const MajorOpenSchema = z
  .object({ scope: z.object({ label: z.string() }), total: z.number(), items: z.array(MajorHazard) })
  .openapi('MajorOpenList');
export type MajorOpenList = z.infer<typeof MajorOpenSchema>;

/**
 * 重大隐患: open major hazards in scope, oldest first (the longest-standing risk leads the list).
 * Ids grow with report time, and ordering by id lets the covering index pick the page without
 * reading the table.
 */
export async function majorOpen(ctx: Ctx, raw: MajorOpenInputT): Promise<MajorOpenList> {
  const parsed = MajorOpenInput.safeParse(raw);
  if (!parsed.success) throw validationFailed(MSG.badQuery, parsed.error.issues);
  const input = parsed.data;
  const scope = await resolveStatsScope(ctx, input);
  const now = ctx.clock().getTime();
  const where = sql`h.status in ('reported', 'rectifying', 'review') and h.level = 'major' and ${scope.where('h')}`;
  const [items, [{ n }]] = await Promise.all([
    ctx.db.all<{ id: number; code: string; description: string; status: string; enterprise_id: number; enterprise_name: string; grid_id: number; town_id: number; reported_at: number; deadline_at: number | null }>(sql`
      select h.id, h.code, h.description, h.status, h.enterprise_id, e.name as enterprise_name, h.grid_id, h.town_id, h.reported_at, h.deadline_at
      from (select h.id from hazards h where ${where} order by h.id asc limit ${input.limit}) top
      join hazards h on h.id = top.id join enterprises e on e.id = h.enterprise_id
      order by h.id asc`),
    ctx.db.all<{ n: number }>(sql`select count(*) as n from hazards h where ${where}`),
  ]);
  return {
    scope: { label: scope.label },
    total: n,
    items: items.map((h) => ({
      id: h.id, code: h.code, description: h.description, status: h.status,
      enterpriseId: h.enterprise_id, enterpriseName: h.enterprise_name, gridId: h.grid_id, townId: h.town_id,
      reportedAt: new Date(h.reported_at).toISOString(),
      deadlineAt: h.deadline_at == null ? null : new Date(h.deadline_at).toISOString(),
      overdue: h.deadline_at != null && h.deadline_at < now,
    })),
  };
}
