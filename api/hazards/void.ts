import { z } from '@hono/zod-openapi';
import type { Ctx } from '../core/context.js';
import { DomainError, forbidden, validationFailed } from '../core/errors.js';
import { isAdmin } from '../core/scope.js';
import { nextStatus } from './lifecycle.js';
import { loadVisibleHazard, type HazardRef } from './load.js';
import { MSG } from './messages.js';
import { applyTransition } from './transition.js';
import type { HazardView } from './view.js';
import { parseInput } from './input.js';

export const VOID_REASONS = ['false_report', 'duplicate'] as const;

export const VoidHazardInput = z
  .object({
    reason: z.enum(VOID_REASONS).openapi({ description: 'false_report 不属实；duplicate 重复' }),
    duplicateOfId: z.number().int().positive().optional(),
    note: z.string().trim().min(1).max(1000).optional(),
  })
  .strict()
  .refine((v) => v.reason !== 'duplicate' || v.duplicateOfId !== undefined, { message: MSG.duplicateOfRequired, path: ['duplicateOfId'] })
  .openapi('VoidHazardInput');
export type VoidHazardInputT = z.infer<typeof VoidHazardInput>;

/**
 * 作废 by an admin in scope. The reason stays in the event data: the monthly assessment counts
 * reports voided as 不属实 against the reporter, while a duplicate costs nothing.
 */
export async function voidHazard(ctx: Ctx, ref: HazardRef, raw: VoidHazardInputT): Promise<HazardView> {
  const input = parseInput(VoidHazardInput, raw);
  const h = await loadVisibleHazard(ctx, ref);
  if (!isAdmin(ctx.actor)) throw forbidden(MSG.adminOnly);
  nextStatus(h.status, 'void');
  const duplicateOfId = input.reason === 'duplicate' ? input.duplicateOfId : undefined;
  if (duplicateOfId !== undefined) {
    if (duplicateOfId === h.id) throw validationFailed(MSG.duplicateOfSelf, [{ path: 'duplicateOfId', code: 'self' }]);
    await loadVisibleHazard(ctx, { id: duplicateOfId }).catch((e: unknown) => {
      if (e instanceof DomainError && e.code === 'not_found') {
        throw validationFailed(MSG.duplicateOfUnknown, [{ path: 'duplicateOfId', code: 'not_found' }]);
      }
      throw e;
    });
  }
  return applyTransition(ctx, h, {
    action: 'void',
    set: duplicateOfId !== undefined ? { duplicateOfId } : {},
    note: input.note,
    data: { reason: input.reason, duplicateOfId: duplicateOfId ?? null },
  });
}
