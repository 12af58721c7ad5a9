import { z } from '@hono/zod-openapi';
import type { Ctx } from '../core/context.js';
import { forbidden, validationFailed } from '../core/errors.js';
import { isAdmin } from '../core/scope.js';
import { assessmentRows, assessmentWindow } from './assessment-query.js';
import { MSG } from './messages.js';

/**
 * 考核 weights (SPEC §5): completion of patrols done on time ÷ patrols due, plus marks for verified
 * major hazards reported, minus marks for reports voided as 不属实. Deliberately nothing for log-ins,
 * online time or message counts: the 2023 central directive against 指尖上的形式主义 forbids forced
 * check-ins and point rankings for their own sake, so the score measures work done. A district may
 * pass its own weights; these are the defaults.
 */
export const DEFAULT_ASSESSMENT_WEIGHTS = {
  /** Points for a 100% completion rate (scaled linearly). */
  completion: 100,
  /** Per major hazard the worker reported in the month that was confirmed (assigned or further). */
  majorBonus: 5,
  /** Per report voided as 不属实 (false_report). */
  falsePenalty: 10,
} as const;
export type AssessmentWeights = { completion: number; majorBonus: number; falsePenalty: number };

export const AssessmentInput = z
  .object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/), townId: z.number().int().positive().optional() })
  .strict();
export type AssessmentInputT = z.infer<typeof AssessmentInput>;

const AssessmentRow = z.object({
  personId: z.number(), name: z.string(),
  patrolsDue: z.number(), patrolsDone: z.number(), patrolsOnTime: z.number(), completionRate: z.number(),
  majorVerified: z.number(), falseReports: z.number(), score: z.number(),
});
export const AssessmentSchema = z
  .object({ month: z.string(), townId: z.number().nullable(), weights: z.object({ completion: z.number(), majorBonus: z.number(), falsePenalty: z.number() }), rows: z.array(AssessmentRow) })
  .openapi('Assessment');
export type Assessment = z.infer<typeof AssessmentSchema>;

/**
 * Monthly assessment per worker (definitions in assessment-query.ts, shared with the monthly 考核
 * job), for the district or one town; a town admin sees only their own town.
 */
export async function assessment(ctx: Ctx, raw: AssessmentInputT, weights: AssessmentWeights = DEFAULT_ASSESSMENT_WEIGHTS): Promise<Assessment> {
  const parsed = AssessmentInput.safeParse(raw);
  if (!parsed.success) throw validationFailed(MSG.badMonth, parsed.error.issues);
  const input = parsed.data;
  const { actor } = ctx;
  if (!isAdmin(actor)) throw forbidden(MSG.adminsOnly);
  if (actor.role === 'town_admin' && (actor.townId == null || (input.townId && input.townId !== actor.townId))) throw forbidden(MSG.townAdminOnlyOwnTown);
  const townId = actor.role === 'town_admin' ? actor.townId! : input.townId ?? null;

  const rows = await assessmentRows(ctx.db, assessmentWindow(input.month, ctx.clock()), townId, weights);
  return { month: input.month, townId, weights: { ...weights }, rows };
}
