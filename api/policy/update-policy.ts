import { z } from '@hono/zod-openapi';
import { and, eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { patrolPolicy, ENTERPRISE_CLASSES, RISK_COLORS } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { requireRole } from '../core/scope.js';
import { validationFailed } from '../core/errors.js';
import { loadPolicy, type PatrolPolicy } from '../patrols/policy.js';

const Interval = z.number().int().min(1).max(365);

export const PatrolPolicySchema = z
  .object({
    byClass: z.record(z.string(), z.number().int()).openapi({ example: { key: 30, above: 60, below: 90 } }),
    colorCap: z.record(z.string(), z.number().int()).openapi({ example: { red: 7, orange: 14 } }),
  })
  .openapi('PatrolPolicy');

export const UpdatePolicyInput = z
  .object({
    byClass: z.object({ key: Interval, above: Interval, below: Interval }).partial().strict().optional(),
    // null removes a colour's cap (the class interval then applies unchanged).
    colorCap: z.object({ red: Interval.nullable(), orange: Interval.nullable(), yellow: Interval.nullable(), blue: Interval.nullable() })
      .partial().strict().optional(),
  })
  .strict()
  .openapi('UpdatePolicyInput');
export type UpdatePolicyInputT = z.infer<typeof UpdatePolicyInput>;

/** District safety office edits the patrol intervals; due days everywhere follow at once (derived). */
export async function updatePolicy(ctx: Ctx, raw: UpdatePolicyInputT): Promise<PatrolPolicy> {
  requireRole(ctx.actor, 'district_admin');
  const parsed = UpdatePolicyInput.safeParse(raw);
  if (!parsed.success) throw validationFailed('巡查周期应为 1–365 天的整数', parsed.error.issues);
  const input = parsed.data;
  const writes: BatchItem<'sqlite'>[] = [];
  for (const cls of ENTERPRISE_CLASSES) {
    const days = input.byClass?.[cls];
    if (days !== undefined) writes.push(upsert('class', cls, days));
  }
  for (const color of RISK_COLORS) {
    const days = input.colorCap?.[color];
    if (days === undefined) continue;
    writes.push(days === null
      ? ctx.db.delete(patrolPolicy).where(and(eq(patrolPolicy.kind, 'color'), eq(patrolPolicy.key, color)))
      : upsert('color', color, days));
  }
  if (writes.length === 0) throw validationFailed('请至少修改一项巡查周期');
  await ctx.writer.batch(writes as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  return loadPolicy(ctx.db);

  function upsert(kind: 'class' | 'color', key: string, intervalDays: number) {
    return ctx.db
      .insert(patrolPolicy)
      .values({ kind, key, intervalDays })
      .onConflictDoUpdate({ target: [patrolPolicy.kind, patrolPolicy.key], set: { intervalDays: sql`excluded.interval_days` } });
  }
}
