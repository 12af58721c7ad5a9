import type { Reply } from '../present/reply.js';
import { hazardResultReply } from '../present/hazard.js';
import type { DeadlineSlot, IntentOf } from './intents.js';
import { markPhotoTarget, recentPhotoIds } from './photos.js';
import { ask, attempt, deadlineInput, slotText, type Slots, type Turn } from './turn.js';
import { M } from './messages.js';
import { shanghaiIsoDay } from '../../lib/time.js';
import { hazardPage, withLink } from './page-links.js';

// 整改 and 复查 / 销号 on a hazard named by its code. A missing code, result or reason is one question.

export function startRectify(t: Turn, p: IntentOf<'rectify'>): Promise<Reply> {
  return continueRectify(t, { code: p.code, note: p.note });
}

export async function continueRectify(t: Turn, slots: Slots): Promise<Reply> {
  const c = slotText(slots, 'code');
  if (!c) return ask(t, 'rectify', slots, 'code', M.askCode);
  const photoIds = await recentPhotoIds(t);
  const note = slotText(slots, 'note');
  if (!note && photoIds.length === 0) return ask(t, 'rectify', slots, 'evidence', M.askRectifyEvidence);
  return attempt(
    () => t.verbs.rectify({ code: c }, { ...(note ? { note } : {}), ...(photoIds.length ? { photoIds } : {}) }),
    async (h) => {
      // Photos of the fixed site often come right after the words: they go to this hazard too.
      await markPhotoTarget(t, h, photoIds.length);
      return withLink(hazardResultReply(M.rectifiedTitle(h.code), h, t.actor.role, photoIds.length ? [M.photosAttached(photoIds.length)] : []), hazardPage(h.code));
    },
  );
}

export function startReview(t: Turn, p: IntentOf<'review'>): Promise<Reply> {
  return continueReview(t, { code: p.code, pass: p.pass, reason: p.reason, deadline: p.deadline });
}

/** 销号 is the admin's word for a passed review. */
export function startClose(t: Turn, p: IntentOf<'close'>): Promise<Reply> {
  return continueReview(t, { code: p.code, pass: true });
}

export async function continueReview(t: Turn, slots: Slots): Promise<Reply> {
  const c = slotText(slots, 'code');
  if (!c) return ask(t, 'review', slots, 'code', M.askCode);
  if (typeof slots.pass !== 'boolean') return ask(t, 'review', slots, 'review_result', M.askReviewResult);
  const reason = slotText(slots, 'reason');
  if (!slots.pass && !reason) return ask(t, 'review', slots, 'reason', M.askFailReason);
  const { fixNow, ...deadline } = slots.pass ? {} : deadlineInput(slots.deadline as DeadlineSlot | undefined, t.now);
  // Review has no "fix now": a failed review told 立即整改 gets today as its new deadline.
  const input = { pass: slots.pass, ...(reason ? { reason } : {}), ...(fixNow ? { deadline: shanghaiIsoDay(t.now) } : deadline) };
  return attempt(() => t.verbs.review({ code: c }, input), (h) =>
    withLink(hazardResultReply(M.reviewedTitle(h.code, slots.pass === true), h, t.actor.role), hazardPage(h.code)));
}
