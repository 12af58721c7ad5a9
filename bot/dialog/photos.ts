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
        .raw(' and hazard_id is null and event_id is null and patrol_id is null order by received_at, id');
      const rows = await db.all<Unclaimed>(q.toSQL());
      return new Map(asked.map(([person, now], i) => [keys[i], rows
        .filter((r) => r.uploader_id === person && r.received_at >= now - PHOTO_WINDOW_MS && r.received_at <= now)
        .slice(0, MAX_PHOTOS)]));
    });
    loaders.set(db, load);
  }
  return load;
}

/** The sender's photos of the last 10 minutes that no record has claimed yet, oldest first. */
export async function recentPhotoIds(t: Turn): Promise<number[]> {
  const rows = (await unclaimedLoader(t.deps.db)(`${t.actor.personId}:${t.now.getTime()}`)) ?? [];
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
