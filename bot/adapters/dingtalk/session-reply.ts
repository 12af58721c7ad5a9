import type { IncomingMessage, OutgoingMessage, SendResult } from '../../port.js';
import { L } from './messages.js';
import type { OpenApi } from './openapi.js';
import { webhookBody, type ReplyTarget } from './outgoing.js';
import { resultFor, sendBatch, sendGroup } from './proactive.js';
import type { PictureSender } from './picture.js';

/**
 * Answers through the message's sessionWebhook (no token needed, valid 90 minutes). The URL
 * carries a session secret, so it is never put in an error or a log line.
 */
export async function replyViaSessionWebhook(webhook: string, message: OutgoingMessage, to: ReplyTarget): Promise<void> {
  const res = await fetch(webhook, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(webhookBody(message, to)),
    signal: AbortSignal.timeout(15_000),
  });
  const body = (await res.json().catch(() => ({}))) as { errcode?: unknown };
  // The webhook answers 200 with a non-zero errcode when it refuses (expired session, throttled).
  if (!res.ok || (body.errcode !== undefined && body.errcode !== 0)) {
    throw new Error(`sessionWebhook → HTTP ${res.status}${body.errcode !== undefined ? ` errcode ${String(body.errcode)}` : ''}`);
  }
}

// DingTalk's session webhook lives 90 minutes (PLATFORMS.md); one not yet expired but about to be is
// not trusted, as the POST might arrive after it closed.
export const SESSION_LIFETIME_MS = 90 * 60_000;
const SESSION_MARGIN_MS = 60_000;

export type LateReplyDeps = { api: OpenApi; robotCode: string; now: () => Date; log: (line: string) => void; sendPicture?: PictureSender };

/**
 * Answers a recorded message outside its live delivery (after a restart, on a redelivery): through
 * its session webhook while that is valid, else through the robot's proactive send — to the group
 * the message came from, or to the sender's staff id in a direct chat.
 */
export async function replyToRecorded(deps: LateReplyDeps, msg: IncomingMessage, message: OutgoingMessage): Promise<SendResult> {
  const result = await replyText(deps, msg, message);
  if (!result.ok) return result;
  // Sent once the text is: a picture that fails is logged, and the text (which says the same) stands.
  const staffId = staffIdOf(msg.senderId);
  if (message.image && deps.sendPicture) {
    const to = msg.conversation.kind === 'group' ? { groupId: msg.conversation.id } : staffId ? { userId: staffId } : null;
    const r = to ? await deps.sendPicture(to, message.image) : { ok: false as const, error: 'sender has no staff id' };
    if (!r.ok) deps.log(L.replyFailed(msg.messageId, r.error));
  }
  // In a group the text was only a note ("已私信发给您"): the answer itself goes to the sender alone.
  // A failure is logged, not retried: a retry would post the group's note a second time.
  if (message.privately && msg.conversation.kind === 'group') {
    const r = staffId ? resultFor(staffId, await sendBatch(deps.api, deps.robotCode, [staffId], message.privately)) : { ok: false as const, error: 'sender has no staff id' };
    if (!r.ok) deps.log(L.replyFailed(msg.messageId, r.error));
    else if (message.privately.image && deps.sendPicture && staffId) {
      const p = await deps.sendPicture({ userId: staffId }, message.privately.image);
      if (!p.ok) deps.log(L.replyFailed(msg.messageId, p.error));
    }
  }
  return result;
}

async function replyText(deps: LateReplyDeps, msg: IncomingMessage, message: OutgoingMessage): Promise<SendResult> {
  const staffId = staffIdOf(msg.senderId);
  const group = msg.conversation.kind === 'group' ? msg.conversation : null;
  const expiresAt = msg.replyExpiresAt?.getTime() ?? msg.receivedAt.getTime() + SESSION_LIFETIME_MS;
  if (deps.now().getTime() < expiresAt - SESSION_MARGIN_MS) {
    try {
      await replyViaSessionWebhook(msg.replyTo, message, { group: group !== null, atStaffId: group ? staffId : undefined });
      return { ok: true };
    } catch (e) {
      // The session may have ended early (the webhook refused it): the proactive send still reaches them.
      deps.log(L.replyFailed(msg.messageId, e instanceof Error ? e.message : String(e)));
    }
  }
  if (group) return sendGroup(deps.api, deps.robotCode, group.id, message);
  if (!staffId) return { ok: false, retryable: false, error: 'sender has no staff id for a proactive send' };
  return resultFor(staffId, await sendBatch(deps.api, deps.robotCode, [staffId], message));
}

/** The staff id in `dingtalk:<staffId>`; senders outside the organisation have only an opaque `$:LWCP…` id. */
function staffIdOf(senderId: string): string | undefined {
  const id = senderId.startsWith('dingtalk:') ? senderId.slice('dingtalk:'.length) : '';
  return id && !id.startsWith('$:') ? id : undefined;
}
