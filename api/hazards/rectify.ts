import { z } from '@hono/zod-openapi';
import type { Ctx } from '../core/context.js';
import { nextStatus } from './lifecycle.js';
import { loadVisibleHazard, type HazardRef } from './load.js';
import { MSG } from './messages.js';
import { checkPhotos, PhotoIds } from './photos.js';
import { applyTransition } from './transition.js';
import type { HazardView } from './view.js';
import { parseInput } from './input.js';

export const RectifyHazardInput = z
  .object({
    note: z.string().trim().min(1).max(1000).optional().openapi({ example: '杂物已清理' }),
    photoIds: PhotoIds.optional(),
  })
  .strict()
  .refine((v) => v.note !== undefined || (v.photoIds?.length ?? 0) > 0, { message: MSG.evidenceRequired, path: ['note'] })
  .openapi('RectifyHazardInput');
export type RectifyHazardInputT = z.infer<typeof RectifyHazardInput>;

/**
 * 整改完成: evidence (a note or photos) moves the hazard to review. Everyone who can see the hazard
 * may submit it: the grid's worker, admins in scope and (their scope being "whistled to us") a
 * whistled department.
 */
export async function rectifyHazard(ctx: Ctx, ref: HazardRef, raw: RectifyHazardInputT): Promise<HazardView> {
  const input = parseInput(RectifyHazardInput, raw);
  const h = await loadVisibleHazard(ctx, ref);
  nextStatus(h.status, 'rectify');
  const photoIds = await checkPhotos(ctx, input.photoIds);
  return applyTransition(ctx, h, { action: 'rectify', note: input.note, photoIds, data: { photoIds } });
}
