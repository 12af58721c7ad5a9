import { and, eq, sql } from 'drizzle-orm';
import { resourceSql } from '../core/idempotency.js';
import type { BatchItem } from 'drizzle-orm/batch';
import { hazards } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { conflict, retryable } from '../core/errors.js';
import { eventAfterChange } from './events.js';
import { nextStatus, type HazardTransitionAction } from './lifecycle.js';
import { reloadView } from './load.js';
import { MSG } from './messages.js';
import { claimPhotosForLastEvent } from './photos.js';
import type { HazardView, HazardWithEnterprise } from './view.js';

type HazardChanges = Partial<Pick<typeof hazards.$inferInsert, 'deadlineAt' | 'responsible' | 'closedAt' | 'duplicateOfId'>>;

export type TransitionSpec = {
  action: HazardTransitionAction;
  set?: HazardChanges;
  note?: string | null;
  data?: Record<string, unknown>;
  photoIds?: number[];
};

/**
 * Applies one lifecycle step as a single batch: the status update guarded by the status the verb
 * saw, the event and any photo claims guarded by that update. If someone else moved the hazard
 * first, nothing is written and the caller gets a conflict to retry on fresh data.
 */
export async function applyTransition(ctx: Ctx, h: HazardWithEnterprise, spec: TransitionSpec): Promise<HazardView> {
  const to = nextStatus(h.status, spec.action);
  const now = ctx.clock();
  const update = ctx.db
    .update(hazards)
    .set({ ...spec.set, status: to, updatedAt: now })
    .where(and(eq(hazards.id, h.id), eq(hazards.status, h.status)));
  const event = eventAfterChange(ctx, {
    hazardId: h.id, action: spec.action, fromStatus: h.status, toStatus: to, at: now, note: spec.note, data: spec.data,
  });
  const [changed] = await runBatch(ctx, [update, event], spec.photoIds, { action: spec.action, hazardId: h.id });
  if (changed.rowsAffected === 0) throw retryable(conflict(MSG.changedMeanwhile));
  return reloadView(ctx, h.id);
}

/**
 * For actions that keep the status (whistle, acknowledge, attach): bumps updated_at only while the
 * hazard is still in the (open) status the verb checked, so the statements guarded by it, and the
 * event's from/to status, are only written for the state they were decided on.
 */
export function touchIfUnchanged(ctx: Ctx, h: Pick<HazardWithEnterprise, 'id' | 'status'>, now: Date) {
  return ctx.db
    .update(hazards)
    .set({ updatedAt: now })
    .where(and(eq(hazards.id, h.id), eq(hazards.status, h.status)));
}

type Statements = [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]];

/**
 * Runs a verb's statements as its one batch, the photo claim last (it must directly follow the
 * event whose id it takes). Callers read only rowsAffected: none of these statements returns rows.
 * `step` names the step for the request's Idempotency-Key (`hazard_<action>:<id>`), so a retry after
 * a crash gets the hazard as it now stands and the step's alert or notice (api/hazards/step-rebuild.ts).
 */
export async function runBatch(ctx: Ctx, stmts: Statements, photoIds: number[] = [], step?: { action: string; hazardId: number }): Promise<{ rowsAffected: number }[]> {
  const claim = ctx.idempotency;
  if (step && claim && !claim.committed && !claim.resource) claim.resource = resourceSql(`hazard_${step.action}`, sql.raw(String(Math.trunc(step.hazardId))));
  const all: Statements = photoIds.length ? [...stmts, claimPhotosForLastEvent(ctx, photoIds)] : stmts;
  return (await ctx.writer.batch(all)) as unknown as { rowsAffected: number }[];
}

