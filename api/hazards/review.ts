import { noticeSafely } from './alerts.js';
import { denyEnterpriseContact } from '../core/enterprise-role.js';
import { z } from '@hono/zod-openapi';
import type { Ctx } from '../core/context.js';
import { forbidden } from '../core/errors.js';
import { isAdmin } from '../core/scope.js';
import { deadlineFields, oneDeadlineAtMost, resolveDeadline } from './deadline.js';
import { nextStatus } from './lifecycle.js';
import { loadVisibleHazard, type HazardRef } from './load.js';
import { MSG } from './messages.js';
import { applyTransition } from './transition.js';
import type { HazardView, HazardWithEnterprise } from './view.js';
import { parseInput } from './input.js';

export const ReviewHazardInput = z
  .object({
    pass: z.boolean(),
    reason: z.string().trim().min(1).max(1000).optional().openapi({ description: '不通过时必填', example: '仍有杂物' }),
    ...deadlineFields,
  })
  .strict()
  .superRefine(oneDeadlineAtMost)
  .superRefine((v, c) => {
    if (!v.pass && v.reason === undefined) c.addIssue({ code: 'custom', message: MSG.reviewReasonRequired, path: ['reason'] });
    if (v.pass && (v.deadline !== undefined || v.deadlineDays !== undefined)) {
      c.addIssue({ code: 'custom', message: MSG.reviewPassNoDeadline, path: ['deadline'] });
    }
  })
  .openapi('ReviewHazardInput');
export type ReviewHazardInputT = z.infer<typeof ReviewHazardInput>;

/**
 * SPEC §4 reviewers: a general hazard by the grid's worker or an admin in scope; a major one only
 * by admins or a whistled department (a worker cannot sign off a 重大隐患 on their own).
 */
function assertMayReview(ctx: Ctx, h: HazardWithEnterprise) {
  const { actor } = ctx;
  // The enterprise rectifies; it never signs off its own rectification.
  denyEnterpriseContact(actor);
  if (h.level === 'major') {
    if (!isAdmin(actor) && actor.role !== 'department') throw forbidden(MSG.majorReviewOnly);
  } else if (actor.role === 'department') {
    throw forbidden(MSG.generalReviewOnly);
  }
}

/** 复查: pass closes the hazard (销号); fail sends it back to rectification, optionally with a new deadline. */
export async function reviewHazard(ctx: Ctx, ref: HazardRef, raw: ReviewHazardInputT): Promise<HazardView> {
  const input = parseInput(ReviewHazardInput, raw);
  const h = await loadVisibleHazard(ctx, ref);
  assertMayReview(ctx, h);
  if (input.pass) {
    nextStatus(h.status, 'review_pass');
    return applyTransition(ctx, h, { action: 'review_pass', set: { closedAt: ctx.clock() }, note: input.reason });
  }
  nextStatus(h.status, 'review_fail');
  const deadlineAt = resolveDeadline(input, ctx.clock());
  const view = await applyTransition(ctx, h, {
    action: 'review_fail',
    set: deadlineAt ? { deadlineAt } : {},
    note: input.reason,
    data: { reason: input.reason, ...(deadlineAt ? { deadline: deadlineAt.toISOString() } : {}) },
  });
  await noticeSafely(ctx, { kind: 'review_fail', hazardId: h.id, reason: input.reason });
  return view;
}
