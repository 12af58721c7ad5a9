import { and, asc, eq, gte, inArray, isNull, lte } from 'drizzle-orm';
import { attachments, hazards } from '../../db/schema/index.js';
import type { Reply } from '../present/reply.js';
import type { Turn } from './turn.js';
import { errorReply } from './turn.js';
import { M } from './messages.js';

// Chat apps send a photo and its words as separate messages, in either order: photos within this
// window before a report attach to it, and photos within it after a report are added to it.
export const PHOTO_WINDOW_MS = 10 * 60_000;
export const MAX_PHOTOS = 9;

/** The sender's photos of the last 10 minutes that no record has claimed yet, oldest first. */
export async function recentPhotoIds(t: Turn): Promise<number[]> {
  const rows = await t.deps.db
    .select({ id: attachments.id })
    .from(attachments)
    .where(
      and(
        eq(attachments.uploaderId, t.actor.personId),
        gte(attachments.receivedAt, new Date(t.now.getTime() - PHOTO_WINDOW_MS)),
        lte(attachments.receivedAt, t.now),
        isNull(attachments.hazardId),
        isNull(attachments.eventId),
        isNull(attachments.patrolId),
      ),
    )
    .orderBy(asc(attachments.receivedAt), asc(attachments.id))
    .limit(MAX_PHOTOS);
  const ids = rows.map((r) => r.id);
  // This message's own photos count even if the clock put them a moment past `now`.
  for (const id of t.photoIds) if (!ids.includes(id) && ids.length < MAX_PHOTOS) ids.push(id);
  return ids;
}

/** After a report (or rectification), later photos within the window go to that hazard. */
export async function markPhotoTarget(t: Turn, hazard: { id: number; code: string }) {
  await t.drafts.save(t.actor.personId, { intent: 'attach', slots: { hazardId: hazard.id, code: hazard.code }, awaiting: null }, t.now, PHOTO_WINDOW_MS);
}

/**
 * This message's photos that no record has claimed. Two messages of one sender run concurrently:
 * a report sent right after a photo may already have taken it (it was stored, and so found, first).
 */
async function stillFree(t: Turn): Promise<{ free: number[]; takenBy: string | null }> {
  const rows = await t.deps.db
    .select({ id: attachments.id, hazardId: attachments.hazardId, patrolId: attachments.patrolId, code: hazards.code })
    .from(attachments)
    .leftJoin(hazards, eq(hazards.id, attachments.hazardId))
    .where(inArray(attachments.id, t.photoIds));
  const free = rows.filter((r) => r.hazardId == null && r.patrolId == null).map((r) => r.id);
  return { free, takenBy: rows.find((r) => r.code)?.code ?? null };
}

/** A message that is only photos: add them to the hazard just reported, or keep them for the next report. */
export async function photosOnly(t: Turn, target: { hazardId: number; code: string } | null): Promise<Reply> {
  const { free, takenBy } = await stillFree(t);
  if (free.length === 0) return { title: '照片已收到', lines: [takenBy ? M.photosAlreadyOn(t.photoIds.length, takenBy) : M.photosAttachedElsewhere] };
  if (!target) return { title: '照片已收到', lines: [M.photoReceived(free.length)] };
  const photoIds = free.slice(0, MAX_PHOTOS);
  try {
    await t.verbs.addNote({ id: target.hazardId }, { photoIds });
  } catch (e) {
    return errorReply(e);
  }
  return { title: '照片已补充', lines: [M.photosAdded(photoIds.length, target.code)] };
}
