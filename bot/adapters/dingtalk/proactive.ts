import type { OutgoingMessage, SendResult } from '../../port.js';
import { DingTalkApiError, type OpenApi } from './openapi.js';
import { forGroup, robotMsgParam } from './outgoing.js';

// oToMessages/batchSend accepts at most 20 staff ids per call.
export const BATCH_SIZE = 20;

export type BatchResult = {
  /** Accepted by DingTalk. */
  sent: string[];
  /** Throttled (flowControlledStaffIdList, 429, 130101): send these again later. */
  retryable: string[];
  /** Will not succeed as is (invalidStaffIdList, other errors). */
  failed: { userId: string; error: string }[];
};

/** A robot message already in DingTalk's shape (an image: sampleImageMsg with a media id). */
export type RobotMsg = { msgKey: string; msgParam: string };
const paramOf = (m: OutgoingMessage | RobotMsg) => ('msgKey' in m ? m : robotMsgParam(m));

type BatchSendResponse = { invalidStaffIdList?: string[]; flowControlledStaffIdList?: string[] };

/** Direct messages to many people (staff ids, no platform prefix), in chunks of 20. */
export async function sendBatch(api: OpenApi, robotCode: string, userIds: string[], message: OutgoingMessage | RobotMsg): Promise<BatchResult> {
  const result: BatchResult = { sent: [], retryable: [], failed: [] };
  const unique = [...new Set(userIds)];
  const { msgKey, msgParam } = paramOf(message);
  for (let i = 0; i < unique.length; i += BATCH_SIZE) {
    const chunk = unique.slice(i, i + BATCH_SIZE);
    try {
      const res = await api.post<BatchSendResponse>('/v1.0/robot/oToMessages/batchSend', { robotCode, userIds: chunk, msgKey, msgParam });
      const throttled = new Set(res.flowControlledStaffIdList ?? []);
      const invalid = new Set(res.invalidStaffIdList ?? []);
      for (const id of chunk) {
        if (throttled.has(id)) result.retryable.push(id);
        else if (invalid.has(id)) result.failed.push({ userId: id, error: 'invalid staff id' });
        else result.sent.push(id);
      }
    } catch (e) {
      // A throttled chunk is retried later; the remaining chunks are still attempted.
      if (isRetryable(e)) result.retryable.push(...chunk);
      else result.failed.push(...chunk.map((userId) => ({ userId, error: errorText(e) })));
    }
  }
  return result;
}

/** A message to a group the robot is in (openConversationId = the message's conversationId). */
export async function sendGroup(api: OpenApi, robotCode: string, groupId: string, message: OutgoingMessage | RobotMsg): Promise<SendResult> {
  // Tap-to-send links reach nobody in a group (outgoing.ts, forGroup).
  const { msgKey, msgParam } = paramOf('msgKey' in message ? message : forGroup(message));
  try {
    await api.post('/v1.0/robot/groupMessages/send', { robotCode, openConversationId: groupId, msgKey, msgParam });
    return { ok: true };
  } catch (e) {
    return failure(e);
  }
}

/** One person's outcome of a batch, as the port's SendResult. */
export function resultFor(userId: string, batch: BatchResult): SendResult {
  if (batch.sent.includes(userId)) return { ok: true };
  if (batch.retryable.includes(userId)) return { ok: false, retryable: true, error: 'flow controlled' };
  const failed = batch.failed.find((f) => f.userId === userId);
  return { ok: false, retryable: false, error: failed?.error ?? 'not sent' };
}

function failure(e: unknown): SendResult {
  return isRetryable(e) ? { ok: false, retryable: true, error: errorText(e) } : { ok: false, retryable: false, error: errorText(e) };
}

// fetch() throws a TypeError when the network fails (no answer at all): worth another try later.
const isRetryable = (e: unknown) => (e instanceof DingTalkApiError ? e.retryable : e instanceof TypeError);

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));
