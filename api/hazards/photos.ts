import { z } from '@hono/zod-openapi';
import { and, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { attachments } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { validationFailed } from '../core/errors.js';
import { MSG } from './messages.js';

// SPEC §4: at most 9 photos per event.
export const MAX_PHOTOS = 9;
export const PhotoIds = z
  .array(z.number().int().positive())
  .max(MAX_PHOTOS)
  .openapi({ description: '照片附件 id（先上传，最多 9 张）' });

/**
 * Photos an event may claim: they exist, were uploaded by the actor, and belong to no hazard yet.
 * Only the uploader: ids are sequential, so letting anyone else claim an unattached photo would let
 * them pull another town's photo into their scope and download it. A patrol's own photos may go to a
 * hazard found on that patrol. Returns the ids without repeats.
 */
export async function checkPhotos(ctx: Ctx, ids: number[] | undefined, patrolId?: number): Promise<number[]> {
  const unique = [...new Set(ids ?? [])];
  if (unique.length === 0) return [];
  const rows = await ctx.db
    .select({
      id: attachments.id, uploaderId: attachments.uploaderId, hazardId: attachments.hazardId,
      eventId: attachments.eventId, patrolId: attachments.patrolId,
    })
    .from(attachments)
    .where(inArray(attachments.id, unique));
  const usable = new Set(
    rows
      .filter((a) => a.uploaderId === ctx.actor.personId)
      .filter((a) => a.hazardId == null && a.eventId == null && (a.patrolId == null || a.patrolId === patrolId))
      .map((a) => a.id),
  );
  const bad = unique.filter((id) => !usable.has(id));
  if (bad.length) throw validationFailed(MSG.photosUnavailable, [{ path: 'photoIds', code: 'unavailable', ids: bad }]);
  return unique;
}

/**
 * Links the photos to the event inserted just before in the same batch (last_insert_rowid() is the
 * only way a batch can carry a new id forward) and to that event's hazard. Guarded like the event:
 * if the event was not written, no photo moves; a photo claimed meanwhile by another report stays there.
 */
export function claimPhotosForLastEvent(ctx: Ctx, ids: number[]) {
  return ctx.db
    .update(attachments)
    .set({
      eventId: sql`last_insert_rowid()`,
      hazardId: sql`(select hazard_id from hazard_events where id = last_insert_rowid())`,
    })
    .where(and(inArray(attachments.id, ids), isNull(attachments.hazardId), sql`changes() = 1`));
}

/**
 * Links the photos to a hazard reported in the same batch and to its report event, where `hazardId`
 * is an SQL expression naming the new hazard (a multi-row insert leaves no last_insert_rowid() per
 * row). A photo claimed meanwhile by another report stays there.
 */
export function claimPhotosForReport(ctx: Ctx, ids: number[], hazardId: SQL) {
  return ctx.db
    .update(attachments)
    .set({
      hazardId,
      eventId: sql`(select id from hazard_events where hazard_id = ${hazardId} and action = 'report')`,
    })
    .where(and(inArray(attachments.id, ids), isNull(attachments.hazardId)));
}
