import { DomainError } from '../../api/core/errors.js';
import type { HazardView } from '../../api/hazards/view.js';
import type { Reply } from '../present/reply.js';
import { clip } from '../present/reply.js';
import { hazardResultReply, reportedReply } from '../present/hazard.js';
import type { DeadlineSlot, HazardLevel, IntentOf } from './intents.js';
import { needEnterprise, type PickedEnterprise } from './enterprise.js';
import { markPhotoTarget, recentPhotoIds, recentPhotos } from './photos.js';
import { echoOf } from './echo.js';
import { ask, deadlineInput, errorReply, slotText, source, type Slots, type Turn } from './turn.js';
import { M } from './messages.js';
import { hazardPage, withLink } from './page-links.js';
import { saysNothing } from './patrol-verdict.js';

// 上报: enterprise → description → (duplicate?) → hazard. Each missing piece is one question.

type ExistingHazard = { id: number; code: string; description: string };

export function startReport(t: Turn, p: IntentOf<'report'>): Promise<Reply> {
  return continueReport(t, { enterpriseText: p.enterprise, description: p.description, level: p.level, levelReason: p.levelReason, deadline: p.deadline });
}

export async function continueReport(t: Turn, slots: Slots): Promise<Reply> {
  const e = await needEnterprise(t, 'report', slots);
  if ('reply' in e) return e.reply;
  // A greeting or a bare form label (上报 华美 您好, 隐患：) is no description: it is asked for.
  const description = slotText(e.slots, 'description');
  if (!description || saysNothing(description)) {
    return ask(t, 'report', { ...e.slots, description: undefined }, 'description', M.askDescription);
  }
  return submitReport(t, e.slots, false);
}

async function submitReport(t: Turn, slots: Slots, force: boolean): Promise<Reply> {
  const enterprise = slots.enterprise as PickedEnterprise;
  const { ids: photoIds, rest } = await recentPhotos(t);
  try {
    const { hazard } = await t.verbs.report({
      enterpriseId: enterprise.id,
      description: String(slots.description).trim(),
      level: slots.level as 'general' | 'major' | undefined,
      ...deadlineInput(slots.deadline as DeadlineSlot | undefined, t.now),
      ...(photoIds.length ? { photoIds } : {}),
      source: source(t),
      ...(force ? { force: true } : {}),
    });
    await markPhotoTarget(t, hazard, photoIds.length, true);
    const said = { level: slots.level as HazardLevel | undefined, levelReason: slots.levelReason as string | undefined, deadline: slots.deadline as DeadlineSlot | undefined };
    const echo = await echoOf(t, hazard, said, photoIds.length, rest);
    return withLink(reportedReply(hazard, t.actor.role, echo), hazardPage(hazard.code));
  } catch (e) {
    const existing = duplicateOf(e);
    if (existing) {
      return ask(t, 'report', { ...slots, existing }, 'duplicate', M.duplicate(existing.code, clip(existing.description, 40)), '可能是重复隐患');
    }
    return errorReply(e);
  }
}

/** The existing hazard when the verb's duplicate guard fired. */
function duplicateOf(e: unknown): ExistingHazard | null {
  if (!(e instanceof DomainError) || e.code !== 'conflict') return null;
  const d = e.details as { reason?: string; hazard?: ExistingHazard } | undefined;
  return d?.reason === 'possible_duplicate' && d.hazard ? d.hazard : null;
}

/** 是 → the words and photos are added to the existing hazard; 否 → reported as a new one. */
export async function answerDuplicate(t: Turn, slots: Slots, yes: boolean): Promise<Reply> {
  if (!yes) return submitReport(t, slots, true);
  const existing = slots.existing as ExistingHazard;
  const photoIds = await recentPhotoIds(t);
  let hazard: HazardView;
  try {
    hazard = await t.verbs.addNote({ id: existing.id }, { note: String(slots.description).trim(), ...(photoIds.length ? { photoIds } : {}) });
  } catch (e) {
    return errorReply(e);
  }
  await markPhotoTarget(t, hazard, photoIds.length);
  return withLink(hazardResultReply(M.supplementedTitle(hazard.code), hazard, t.actor.role, photoIds.length ? [M.photosAttached(photoIds.length)] : []), hazardPage(hazard.code));
}
