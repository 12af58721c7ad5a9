import { eq, inArray } from 'drizzle-orm';
import { attachments, hazards } from '../../db/schema/index.js';
import type { Db } from '../../db/client.js';
import { SqlText } from '../../db/sql-text.js';
import { batchLoader } from '../../lib/batch-loader.js';
import type { Reply } from '../present/reply.js';
import type { Turn } from './turn.js';
import { errorReply } from './turn.js';
import { M } from './messages.js';

// Chat apps send a photo and its words as separate messages, in either order: photos within this
// window before a report attach to it, and photos within it after a report are added to it.
export const PHOTO_WINDOW_MS = 10 * 60_000;
export const MAX_PHOTOS = 9;

type Unclaimed = { id: number; uploader_id: number; received_at: number };

// Per database handle: the messages handled in one turn look for their senders' photos with one query.
const loaders = new WeakMap<Db, (key: string) => Promise<Unclaimed[] | undefined>>();

/**
 * Unclaimed photos of several uploaders, each within the window before its own message's `now`
 * (key `personId:nowMs`), oldest first. One read on attachments_uploader_time_idx spans every
 * key's window; each key then keeps only its own, as its own query would have returned.
 */
function unclaimedLoader(db: Db) {
  let load = loaders.get(db);
  if (!load) {
    load = batchLoader(async (keys: string[]) => {
      const asked = keys.map((k) => k.split(':').map(Number) as [number, number]);
      const q = new SqlText().raw('select id, uploader_id, received_at from attachments where uploader_id in (')
        .ints([...new Set(asked.map(([p]) => p))])
        .raw(') and received_at >= ').int(Math.min(...asked.map(([, now]) => now)) - PHOTO_WINDOW_MS)
        .raw(' and received_at <= ').int(Math.max(...asked.map(([, now]) => now)))
        // A photo uploaded by a page form that was then refused is that form's, not the next chat report's.
        .raw(" and hazard_id is null and event_id is null and patrol_id is null and (source_platform is null or source_platform <> 'web') order by received_at, id");
      const rows = await db.all<Unclaimed>(q.toSQL());
      return new Map(asked.map(([person, now], i) => [keys[i], rows
        .filter((r) => r.uploader_id === person && r.received_at >= now - PHOTO_WINDOW_MS && r.received_at <= now)]));
    });
    loaders.set(db, load);
  }
  return load;
}

/** The sender's photos of the last 10 minutes that no record has claimed yet, oldest first (at most MAX_PHOTOS). */
export async function recentPhotoIds(t: Turn): Promise<number[]> {
  return (await recentPhotos(t)).ids;
}

/** The photos a record made now takes (at most MAX_PHOTOS), and how many more are waiting. */
export async function recentPhotos(t: Turn): Promise<{ ids: number[]; rest: number }> {
  const rows = (await unclaimedLoader(t.deps.db)(`${t.actor.personId}:${t.now.getTime()}`)) ?? [];
  const all = rows.map((r) => r.id);
  // This message's own photos count even if the clock put them a moment past `now`.
  for (const id of t.photoIds) if (!all.includes(id)) all.push(id);
  return { ids: all.slice(0, MAX_PHOTOS), rest: Math.max(0, all.length - MAX_PHOTOS) };
}

/** Where later photos go: the hazard just reported or rectified, since when, and how many that step has. */
export type PhotoTarget = { hazardId: number; code: string; count: number; since: number; reported?: boolean };

/** After a report (or rectification), later photos within the window go to that hazard's step. */
export async function markPhotoTarget(t: Turn, hazard: { id: number; code: string }, attached = 0, reported = false) {
  // `reported`: the sender's own report just made, which they may still correct (corrections.ts).
  const target: PhotoTarget = { hazardId: hazard.id, code: hazard.code, count: attached, since: t.now.getTime(), ...(reported ? { reported } : {}) };
  await t.drafts.save(t.actor.personId, { intent: 'attach', slots: target, awaiting: null }, t.now, PHOTO_WINDOW_MS);
}

/** The photo target of a draft. */
export function photoTarget(slots: Record<string, unknown>): PhotoTarget {
  return {
    hazardId: Number(slots.hazardId), code: String(slots.code), count: Number(slots.count ?? 0) || 0, since: Number(slots.since ?? 0) || 0,
    ...(slots.reported === true ? { reported: true } : {}),
  };
}

/** The sender's unclaimed photos received since `since` (within the window), oldest first, this message's own included. */
async function unclaimedSince(t: Turn, since: number): Promise<number[]> {
  const rows = (await unclaimedLoader(t.deps.db)(`${t.actor.personId}:${t.now.getTime()}`)) ?? [];
  const ids = rows.filter((r) => r.received_at >= since).map((r) => r.id);
  for (const id of t.photoIds) if (!ids.includes(id)) ids.push(id);
  return ids;
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

/** What follows a photo message from the same sender, already recorded: nothing, more photos, or words. */
export type NextMessage = 'none' | 'photos' | 'words';

/**
 * A message that is only photos. When a later message of the same sender is already waiting,
 * nothing is done or said now: the last photo message of a burst answers for all of them, and
 * photos followed by words are left for those words (a newer report takes them; they never go
 * across it to the older hazard). The last one adds the burst to the hazard just reported (at most
 * MAX_PHOTOS per step, with a word about the rest), or keeps it for the next report.
 */
export async function photosOnly(t: Turn, target: PhotoTarget | null, next: NextMessage, keep: (updated: PhotoTarget) => Promise<void>): Promise<Reply | null> {
  if (next !== 'none') return null;
  if (!target) {
    const { free, takenBy } = await stillFree(t);
    if (free.length === 0) return { title: '照片已收到', lines: [takenBy ? M.photosAlreadyOn(t.photoIds.length, takenBy) : M.photosAttachedElsewhere] };
    return { title: '照片已收到', lines: [M.photoReceived((await recentPhotoIds(t)).length)] };
  }
  const burst = await unclaimedSince(t, target.since);
  const { free, takenBy } = await stillFree(t);
  const waiting = burst.filter((id) => !t.photoIds.includes(id) || free.includes(id));
  if (waiting.length === 0) return { title: '照片已收到', lines: [takenBy ? M.photosAlreadyOn(t.photoIds.length, takenBy) : M.photosAttachedElsewhere] };
  const photoIds = waiting.slice(0, Math.max(0, MAX_PHOTOS - target.count));
  const refused = waiting.length - photoIds.length;
  if (photoIds.length) {
    try {
      await t.verbs.addNote({ id: target.hazardId }, { photoIds });
    } catch (e) {
      return errorReply(e);
    }
    // Kept where the target lives, its window still running from the report, not from the last photo.
    await keep({ ...target, count: target.count + photoIds.length });
  }
  const lines = photoIds.length ? [M.photosAdded(photoIds.length, target.code)] : [];
  if (refused > 0) lines.push(M.photosOverLimit(MAX_PHOTOS, refused));
  return { title: photoIds.length ? '照片已补充' : '照片未补充', lines };
}
