import { z } from '@hono/zod-openapi';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { hazardDepartments } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { conflict, forbidden, retryable } from '../core/errors.js';
import { eventAfterChange } from './events.js';
import { nextStatus } from './lifecycle.js';
import { loadVisibleHazard, reloadView, type HazardRef } from './load.js';
import { MSG } from './messages.js';
import { runBatch, touchIfUnchanged } from './transition.js';
import type { HazardView } from './view.js';
import { parseInput } from './input.js';

export const AcknowledgeHazardInput = z
  .object({ note: z.string().trim().min(1).max(1000).optional() })
  .strict()
  .openapi('AcknowledgeHazardInput');
export type AcknowledgeHazardInputT = z.infer<typeof AcknowledgeHazardInput>;

/** 报到: a whistled department reports in (stops the 24 h report-in reminder). Once per department. */
export async function acknowledgeHazard(ctx: Ctx, ref: HazardRef, raw: AcknowledgeHazardInputT): Promise<HazardView> {
  const input = parseInput(AcknowledgeHazardInput, raw);
  const { actor } = ctx;
  if (actor.role !== 'department' || actor.departmentId == null) {
    // Still read first: a stranger must not learn from the error whether the hazard exists.
    await loadVisibleHazard(ctx, ref);
    throw forbidden(MSG.notWhistled);
  }
  const h = await loadVisibleHazard(ctx, ref);
  nextStatus(h.status, 'acknowledge');
  const link = and(eq(hazardDepartments.hazardId, h.id), eq(hazardDepartments.departmentId, actor.departmentId));
  const current = await ctx.db.select({ at: hazardDepartments.acknowledgedAt }).from(hazardDepartments).where(link).get();
  if (!current) throw forbidden(MSG.notWhistled);
  if (current.at) throw conflict(MSG.alreadyAcknowledged);

  const now = ctx.clock();
  const touch = touchIfUnchanged(ctx, h, now);
  const ack = ctx.db
    .update(hazardDepartments)
    .set({ acknowledgedAt: now, acknowledgedBy: actor.personId })
    .where(and(link, isNull(hazardDepartments.acknowledgedAt), sql`changes() = 1`));
  const event = eventAfterChange(ctx, {
    hazardId: h.id, action: 'acknowledge', fromStatus: h.status, toStatus: h.status, at: now, note: input.note,
    data: { departmentId: actor.departmentId },
  });
  const [touched, acked] = await runBatch(ctx, [touch, ack, event], [], { action: 'acknowledge', hazardId: h.id });
  if (touched.rowsAffected === 0) throw retryable(conflict(MSG.changedMeanwhile));
  if (acked.rowsAffected === 0) throw conflict(MSG.alreadyAcknowledged);
  return reloadView(ctx, h.id);
}
