import { and, desc, eq } from 'drizzle-orm';
import { HAZARD_ACTIONS, hazardEvents } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { rebuildResource } from '../core/idempotency.js';
import { alertSafely, noticeSafely } from './alerts.js';
import { reloadView } from './load.js';

// A lifecycle step (交办, 复查, 吹哨, 报到, 补充, 更正, …) committed with its Idempotency-Key, then the
// process stopped before the response was stored, maybe before the step's alert or notice was
// enqueued. The retry gets the hazard as it now stands, and the follow-up again: the outbox's dedupe
// key (per hazard and deadline, whistle instant, …) makes a second enqueue a no-op.

type FollowUp = (ctx: Ctx, hazardId: number) => Promise<void>;

const reviewFailReason = async (ctx: Ctx, hazardId: number) => (await ctx.db.select({ note: hazardEvents.note }).from(hazardEvents)
  .where(and(eq(hazardEvents.hazardId, hazardId), eq(hazardEvents.action, 'review_fail'))).orderBy(desc(hazardEvents.id)).limit(1).get())?.note ?? null;

const FOLLOW_UPS: Record<string, FollowUp | undefined> = {
  assign: (ctx, id) => noticeSafely(ctx, { kind: 'deadline', hazardId: id }),
  review_fail: async (ctx, id) => noticeSafely(ctx, { kind: 'review_fail', hazardId: id, reason: await reviewFailReason(ctx, id) }),
  whistle: (ctx, id) => alertSafely(ctx, { kind: 'whistle', hazardId: id }),
};

/** Registers the rebuild of every step's answer (the routes answer 200 with the hazard's view). */
export function rebuildHazardSteps() {
  for (const action of HAZARD_ACTIONS.filter((a) => a !== 'report')) {
    rebuildResource(`hazard_${action}`, async (ctx, id) => {
      await FOLLOW_UPS[action]?.(ctx, id);
      return { status: 200, body: await reloadView(ctx, id) };
    });
  }
}
