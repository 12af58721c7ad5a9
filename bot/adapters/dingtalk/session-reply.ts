import type { OutgoingMessage } from '../../port.js';
import { webhookBody } from './outgoing.js';

/**
 * Answers through the message's sessionWebhook (no token needed, valid 90 minutes). The URL
 * carries a session secret, so it is never put in an error or a log line.
 */
export async function replyViaSessionWebhook(webhook: string, message: OutgoingMessage, atStaffId?: string): Promise<void> {
  const res = await fetch(webhook, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(webhookBody(message, atStaffId)),
    signal: AbortSignal.timeout(15_000),
  });
  const body = (await res.json().catch(() => ({}))) as { errcode?: unknown };
  // The webhook answers 200 with a non-zero errcode when it refuses (expired session, throttled).
  if (!res.ok || (body.errcode !== undefined && body.errcode !== 0)) {
    throw new Error(`sessionWebhook → HTTP ${res.status}${body.errcode !== undefined ? ` errcode ${String(body.errcode)}` : ''}`);
  }
}
