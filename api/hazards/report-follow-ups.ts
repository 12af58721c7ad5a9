import { eq } from 'drizzle-orm';
import { enterprises, hazards } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { alertSafely, noticeSafely } from './alerts.js';

type Reported = { id: number; level: string; riskColor: string | null; deadlineAt: Date | null };

/**
 * What follows a recorded report (SPEC §5): the urgent alert for a major hazard or a red
 * enterprise, the deadline notice to the enterprise. The outbox dedupes each by hazard, so calling
 * it again for a report already announced enqueues nothing twice.
 */
export async function reportFollowUps(ctx: Ctx, h: Reported): Promise<void> {
  if (h.level === 'major') await alertSafely(ctx, { kind: 'major_hazard', hazardId: h.id });
  else if (h.riskColor === 'red') await alertSafely(ctx, { kind: 'red_enterprise_hazard', hazardId: h.id });
  if (h.deadlineAt != null) await noticeSafely(ctx, { kind: 'deadline', hazardId: h.id });
}

/**
 * The follow-ups again for a hazard whose report committed with its Idempotency-Key before the
 * process stopped, possibly before they were enqueued: the retry completes them (the outbox
 * drops what was already there).
 */
export async function completeFollowUps(ctx: Ctx, hazardId: number): Promise<void> {
  const h = await ctx.db.select({ id: hazards.id, level: hazards.level, riskColor: enterprises.riskColor, deadlineAt: hazards.deadlineAt })
    .from(hazards).innerJoin(enterprises, eq(enterprises.id, hazards.enterpriseId)).where(eq(hazards.id, hazardId)).get();
  if (h) await reportFollowUps(ctx, h);
}
