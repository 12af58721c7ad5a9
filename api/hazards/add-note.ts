import { denyEnterpriseContact } from '../core/enterprise-role.js';
import { z } from '@hono/zod-openapi';
import type { Ctx } from '../core/context.js';
import { conflict, retryable } from '../core/errors.js';
import { eventAfterChange } from './events.js';
import { nextStatus } from './lifecycle.js';
import { loadVisibleHazard, reloadView, type HazardRef } from './load.js';
import { MSG } from './messages.js';
import { checkPhotos, PhotoIds } from './photos.js';
import { runBatch, touchIfUnchanged } from './transition.js';
import type { HazardView } from './view.js';
import { parseInput } from './input.js';

export const AddHazardNoteInput = z
  .object({
    note: z.string().trim().min(1).max(1000).optional(),
    photoIds: PhotoIds.optional(),
  })
  .strict()
  .refine((v) => v.note !== undefined || (v.photoIds?.length ?? 0) > 0, { message: MSG.noteOrPhotoRequired, path: ['note'] })
  .openapi('AddHazardNoteInput');
export type AddHazardNoteInputT = z.infer<typeof AddHazardNoteInput>;

/**
 * Adds a note and/or photos to an open hazard without changing its status: the reporter chose
 * "add to the existing one" after the duplicate guard, or photos arrived after the report. Anyone
 * who can see the hazard may add (for a department that means it was whistled to them).
 */
export async function addHazardNote(ctx: Ctx, ref: HazardRef, raw: AddHazardNoteInputT): Promise<HazardView> {
  denyEnterpriseContact(ctx.actor);
  const input = parseInput(AddHazardNoteInput, raw);
  const h = await loadVisibleHazard(ctx, ref);
  nextStatus(h.status, 'attach');
  const photoIds = await checkPhotos(ctx, input.photoIds, h.patrolId ?? undefined);
  const now = ctx.clock();
  const event = eventAfterChange(ctx, {
    hazardId: h.id, action: 'attach', fromStatus: h.status, toStatus: h.status, at: now, note: input.note, data: { photoIds },
  });
  const [touched] = await runBatch(ctx, [touchIfUnchanged(ctx, h, now), event], photoIds, { action: 'attach', hazardId: h.id });
  if (touched.rowsAffected === 0) throw retryable(conflict(MSG.changedMeanwhile));
  return reloadView(ctx, h.id);
}
