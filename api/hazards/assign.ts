import { z } from '@hono/zod-openapi';
import type { Ctx } from '../core/context.js';
import { forbidden } from '../core/errors.js';
import { isAdmin } from '../core/scope.js';
import { deadlineFields, defaultDeadline, oneDeadlineAtMost, resolveDeadline } from './deadline.js';
import { nextStatus } from './lifecycle.js';
import { loadVisibleHazard, type HazardRef } from './load.js';
import { MSG } from './messages.js';
import { applyTransition } from './transition.js';
import { noticeSafely } from './alerts.js';
import type { HazardView } from './view.js';
import { parseInput } from './input.js';

export const AssignHazardInput = z
  .object({
    ...deadlineFields,
    responsible: z.string().trim().min(1).max(100).optional().openapi({ description: '整改责任人/单位' }),
    note: z.string().trim().min(1).max(1000).optional(),
  })
  .strict()
  .superRefine(oneDeadlineAtMost)
  .openapi('AssignHazardInput');
export type AssignHazardInputT = z.infer<typeof AssignHazardInput>;

/** 交办: a town or district admin sets the deadline (default 7 days general, 30 days major) and who fixes it. */
export async function assignHazard(ctx: Ctx, ref: HazardRef, raw: AssignHazardInputT): Promise<HazardView> {
  const input = parseInput(AssignHazardInput, raw);
  const h = await loadVisibleHazard(ctx, ref);
  if (!isAdmin(ctx.actor)) throw forbidden(MSG.adminOnly);
  nextStatus(h.status, 'assign');
  const now = ctx.clock();
  const deadlineAt = resolveDeadline(input, now) ?? defaultDeadline(h.level, now);
  const responsible = input.responsible ?? h.responsible;
  const view = await applyTransition(ctx, h, {
    action: 'assign',
    set: { deadlineAt, responsible },
    note: input.note,
    data: { deadline: deadlineAt.toISOString(), responsible, defaulted: input.deadline === undefined && input.deadlineDays === undefined },
  });
  await noticeSafely(ctx, { kind: 'deadline', hazardId: h.id });
  return view;
}
