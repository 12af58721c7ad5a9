import type { OutgoingMessage, SendResult } from '../../port.js';
import { TRUNCATED_SUFFIX } from './messages.js';

// A markdown message (proactive) carries at most 4096 bytes of content; a stream reply more, but
// the same cut keeps one rule for both.
export const MAX_CONTENT_BYTES = 4000;

const encoder = new TextEncoder();
const bytes = (s: string) => encoder.encode(s).byteLength;

/** What WeCom shows: the plain text (DingTalk's markdown carries dtmd:// links WeCom cannot open). */
export function contentOf(message: OutgoingMessage, maxBytes = MAX_CONTENT_BYTES): string {
  const text = message.text;
  if (bytes(text) <= maxBytes) return text;
  // Code points, so a cut never splits a character.
  const chars = Array.from(text);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (bytes(chars.slice(0, mid).join('') + TRUNCATED_SUFFIX) <= maxBytes) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join('') + TRUNCATED_SUFFIX;
}

// 45009: API frequency limit; -1: system busy; 6000: data version conflict (transient).
const RETRYABLE_CODES = new Set([45009, -1, 6000]);

/** A refused or failed SDK call as an outbox result; the refusal stays visible in the error text. */
export function sendFailure(e: unknown): SendResult {
  if (e && typeof e === 'object' && 'errcode' in e) {
    const code = Number((e as { errcode: unknown }).errcode);
    const msg = String((e as { errmsg?: unknown }).errmsg ?? '');
    const error = `企业微信拒绝发送 (errcode ${code}${msg ? `: ${msg}` : ''})`;
    return { ok: false, retryable: RETRYABLE_CODES.has(code), error };
  }
  // Ack timeout, socket closed mid-send: may succeed on the next connection.
  return { ok: false, retryable: true, error: e instanceof Error ? e.message : String(e) };
}
