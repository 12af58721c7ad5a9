import { denyEnterpriseContact } from '../core/enterprise-role.js';
import { z } from '@hono/zod-openapi';
import { and, eq, sql } from 'drizzle-orm';
import { departments, hazardDepartments } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { conflict, forbidden, notFound, retryable } from '../core/errors.js';
import { alertSafely } from './alerts.js';
import { eventAfterChange } from './events.js';
import { nextStatus } from './lifecycle.js';
import { loadVisibleHazard, reloadView, type HazardRef } from './load.js';
import { MSG } from './messages.js';
import { runBatch, touchIfUnchanged } from './transition.js';
import type { HazardView } from './view.js';
import { parseInput } from './input.js';

export const WhistleHazardInput = z
  .object({
    departmentId: z.number().int().positive(),
    note: z.string().trim().min(1).max(1000).optional(),
  })
  .strict()
  .openapi('WhistleHazardInput');
export type WhistleHazardInputT = z.infer<typeof WhistleHazardInput>;

/** 吹哨: the grid's worker or an admin hands an open hazard to a department; it is alerted at once. */
export async function whistleHazard(ctx: Ctx, ref: HazardRef, raw: WhistleHazardInputT): Promise<HazardView> {
  const input = parseInput(WhistleHazardInput, raw);
  const h = await loadVisibleHazard(ctx, ref);
  denyEnterpriseContact(ctx.actor);
  if (ctx.actor.role === 'department') throw forbidden(MSG.workerOrAdminOnly);
  nextStatus(h.status, 'whistle');
  const dept = await ctx.db.select({ id: departments.id }).from(departments).where(eq(departments.id, input.departmentId)).get();
  if (!dept) throw notFound(MSG.department);
  const existing = await ctx.db
    .select({ at: hazardDepartments.whistledAt })
    .from(hazardDepartments)
    .where(and(eq(hazardDepartments.hazardId, h.id), eq(hazardDepartments.departmentId, dept.id)))
    .get();
  if (existing) throw conflict(MSG.alreadyWhistled);

  const now = ctx.clock();
  // Order matters: the hazard must still be as checked (touch), then the link is added only if the touch
  // matched, then the event only if the link was new. A lost race writes no link and no event.
  const touch = touchIfUnchanged(ctx, h, now);
  const link = ctx.db.run(sql`
    insert into hazard_departments (hazard_id, department_id, whistled_at, whistled_by)
    select ${h.id}, ${dept.id}, ${now.getTime()}, ${ctx.actor.personId} where changes() = 1
    on conflict do nothing`);
  const event = eventAfterChange(ctx, {
    hazardId: h.id, action: 'whistle', fromStatus: h.status, toStatus: h.status, at: now, note: input.note, data: { departmentId: dept.id },
  });
  const [touched, linked] = await runBatch(ctx, [touch, link, event], [], { action: 'whistle', hazardId: h.id });
  if (touched.rowsAffected === 0) throw retryable(conflict(MSG.changedMeanwhile));
  if (linked.rowsAffected === 0) throw conflict(MSG.alreadyWhistled);
  await alertSafely(ctx, { kind: 'whistle', hazardId: h.id });
  return reloadView(ctx, h.id);
}
