import { denyEnterpriseContact } from '../core/enterprise-role.js';
import { z } from '@hono/zod-openapi';
import { and, eq, notInArray } from 'drizzle-orm';
import { enterprises, hazardEvents, hazards, HAZARD_LEVELS, type HazardLevel, type HazardStatus } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { conflict, forbidden, notFound, validationFailed, retryable } from '../core/errors.js';
import { coversPlace } from '../core/scope.js';
import { eventAfterChange } from './events.js';
import { deadlineDay, deadlineFields, oneDeadlineAtMost, resolveDeadline } from './deadline.js';
import { loadVisibleHazard, reloadView, type HazardRef } from './load.js';
import { MSG } from './messages.js';
import { runBatch } from './transition.js';
import type { HazardView } from './view.js';
import { parseInput } from './input.js';
import { alertSafely } from './alerts.js';

/** How long after reporting the reporter may still correct or withdraw a report by themselves. */
export const CORRECTION_WINDOW_MS = 10 * 60_000;

export const CorrectReportInput = z
  .object({
    level: z.enum(HAZARD_LEVELS).optional(),
    ...deadlineFields,
    fixNow: z.literal(true).optional(),
    enterpriseId: z.number().int().positive().optional().openapi({ description: '上报时选错的企业' }),
    withdraw: z.literal(true).optional().openapi({ description: '撤回本条上报' }),
  })
  .strict()
  .superRefine(oneDeadlineAtMost)
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: '请说明要更正的内容', path: ['level'] })
  .openapi('CorrectReportInput');
export type CorrectReportInputT = z.infer<typeof CorrectReportInput>;

// Steps that leave a report the reporter's own to correct: photos and notes added, earlier corrections.
const OWN_STEPS = ['report', 'attach', 'correct'] as const;

/**
 * The reporter corrects their own report shortly after sending it (level, deadline, enterprise) or
 * withdraws it, as long as nobody has acted on it. One guarded update and one append-only
 * 'correct' event holding what changed and what it was. A worker's deadline for a major hazard
 * stays a suggestion (SPEC §4), as on report.
 */
export async function correctReport(ctx: Ctx, ref: HazardRef, raw: CorrectReportInputT): Promise<HazardView> {
  const input = parseInput(CorrectReportInput, raw);
  denyEnterpriseContact(ctx.actor);
  const h = await loadVisibleHazard(ctx, ref);
  if (h.reporterId !== ctx.actor.personId) throw forbidden(MSG.correctOwnOnly);
  const now = ctx.clock();
  if (now.getTime() - h.reportedAt.getTime() > CORRECTION_WINDOW_MS) throw conflict(MSG.correctTooLate);
  const acted = await ctx.db.select({ id: hazardEvents.id }).from(hazardEvents)
    .where(and(eq(hazardEvents.hazardId, h.id), notInArray(hazardEvents.action, [...OWN_STEPS]))).limit(1);
  if (acted.length || (h.status !== 'reported' && h.status !== 'rectifying')) throw conflict(MSG.correctActedOn);

  const set: Partial<typeof hazards.$inferInsert> = {};
  const data: Record<string, unknown> = {};
  let status: HazardStatus = h.status;
  if (input.withdraw) {
    status = 'void';
    data.withdrawn = true;
  }
  if (input.enterpriseId !== undefined && input.enterpriseId !== h.enterpriseId) {
    const [ent] = await ctx.db.select({ id: enterprises.id, gridId: enterprises.gridId, townId: enterprises.townId }).from(enterprises)
      .where(eq(enterprises.id, input.enterpriseId));
    if (!ent || !coversPlace(ctx.actor, ent)) throw notFound(MSG.enterprise);
    Object.assign(set, { enterpriseId: ent.id, gridId: ent.gridId, townId: ent.townId });
    Object.assign(data, { enterpriseId: ent.id, previousEnterpriseId: h.enterpriseId });
  }
  const level: HazardLevel = input.level ?? h.level;
  if (input.level && input.level !== h.level) Object.assign(set, { level }), Object.assign(data, { level, previousLevel: h.level });
  const given = resolveDeadline(input, now);
  const suggestionOnly = level === 'major' && ctx.actor.role === 'worker';
  if (!input.withdraw && (given || set.level)) {
    // The deadline that now applies: the one given, else the current or suggested one re-read for the new level.
    const wanted = given ?? h.deadlineAt ?? (await suggestedDeadline(ctx, h.id));
    const deadlineAt = suggestionOnly ? null : wanted ?? null;
    if ((deadlineAt?.getTime() ?? null) !== (h.deadlineAt?.getTime() ?? null)) {
      set.deadlineAt = deadlineAt;
      data.previousDeadline = h.deadlineAt ? deadlineDay(h.deadlineAt) : null;
    }
    if (suggestionOnly && wanted) data.suggestedDeadline = wanted.toISOString();
    if (deadlineAt) data.deadline = deadlineAt.toISOString();
    status = deadlineAt ? 'rectifying' : 'reported';
  }
  if (Object.keys(data).length === 0) throw validationFailed(MSG.correctNothing, [{ path: 'level', code: 'unchanged' }]);

  const update = ctx.db.update(hazards).set({ ...set, status, updatedAt: now })
    .where(and(eq(hazards.id, h.id), eq(hazards.status, h.status), eq(hazards.updatedAt, h.updatedAt)));
  const event = eventAfterChange(ctx, { hazardId: h.id, action: 'correct', fromStatus: h.status, toStatus: status, at: now, data });
  const [changed] = await runBatch(ctx, [update, event], [], { action: 'correct', hazardId: h.id });
  if (changed.rowsAffected === 0) throw retryable(conflict(MSG.changedMeanwhile));
  await correctionFollowUps(ctx, h, { level, status, movedEnterprise: set.enterpriseId !== undefined, at: now.getTime() });
  return reloadView(ctx, h.id);
}

/**
 * The admins hear what a correction changes about an alarm (SPEC §5): a report corrected to 重大 alerts them at
 * once, as a major report would (the outbox dedupes by hazard, so one alerted before is not alerted twice); a
 * major report made general, withdrawn or moved to another enterprise after its alert went out is announced to
 * the same people, so nobody acts on an alarm the reporter took back.
 */
async function correctionFollowUps(
  ctx: Ctx,
  before: { id: number; level: HazardLevel },
  after: { level: HazardLevel; status: HazardStatus; movedEnterprise: boolean; at: number },
): Promise<void> {
  if (after.level === 'major' && before.level !== 'major' && after.status !== 'void') {
    await alertSafely(ctx, { kind: 'major_hazard', hazardId: before.id });
  } else if (before.level === 'major' && (after.level !== 'major' || after.status === 'void' || after.movedEnterprise)) {
    await alertSafely(ctx, { kind: 'major_corrected', hazardId: before.id, at: after.at });
  }
}

/** The worker's deadline kept as a suggestion on the report (or a later correction) event. */
async function suggestedDeadline(ctx: Ctx, hazardId: number): Promise<Date | undefined> {
  const rows = await ctx.db.select({ data: hazardEvents.data }).from(hazardEvents)
    .where(and(eq(hazardEvents.hazardId, hazardId))).orderBy(hazardEvents.id);
  const last = rows.map((r) => r.data?.suggestedDeadline).filter((v): v is string => typeof v === 'string').pop();
  return last ? new Date(last) : undefined;
}
