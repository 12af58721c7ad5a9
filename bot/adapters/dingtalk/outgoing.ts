import type { OutgoingMessage } from '../../port.js';
import { TRUNCATED_SUFFIX } from './messages.js';

// DingTalk rejects a proactive message whose msgParam (a JSON string) exceeds 15,000 bytes.
export const MSG_PARAM_MAX_BYTES = 15_000;

// TextEncoder rather than Buffer: the outbox also sends from a Worker (openapi-sender.ts).
const encoder = new TextEncoder();
const bytes = (s: string) => encoder.encode(s).byteLength;

/** msgKey + msgParam for the robot OpenAPI, cut politely to the size limit. */
export function robotMsgParam(message: OutgoingMessage, maxBytes = MSG_PARAM_MAX_BYTES): { msgKey: string; msgParam: string } {
  if (message.markdown !== undefined) {
    const param = (text: string) => JSON.stringify({ title: message.title, text });
    return { msgKey: 'sampleMarkdown', msgParam: param(fitText(message.markdown, (t) => bytes(param(t)) <= maxBytes)) };
  }
  const param = (content: string) => JSON.stringify({ content });
  return { msgKey: 'sampleText', msgParam: param(fitText(message.text, (t) => bytes(param(t)) <= maxBytes)) };
}

/** The longest prefix of text (plus the truncation notice) that fits; the whole text if it fits. */
function fitText(text: string, fits: (t: string) => boolean): string {
  if (fits(text)) return text;
  // Code points, not UTF-16 units, so a cut never splits an emoji into a lone surrogate.
  const chars = Array.from(text);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(chars.slice(0, mid).join('') + TRUNCATED_SUFFIX)) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join('') + TRUNCATED_SUFFIX;
}

/** The body for a sessionWebhook reply; in a group the sender is @-mentioned. */
export function webhookBody(message: OutgoingMessage, atStaffId?: string): Record<string, unknown> {
  const at = atStaffId ? { at: { atUserIds: [atStaffId] } } : {};
  // DingTalk highlights an @ only when the text itself names the user as well.
  // In markdown it goes last, so a leading heading still renders as one.
  if (message.markdown !== undefined) {
    const text = atStaffId ? `${message.markdown}\n\n@${atStaffId}` : message.markdown;
    return { msgtype: 'markdown', markdown: { title: message.title, text }, ...at };
  }
  const content = atStaffId ? `@${atStaffId} ${message.text}` : message.text;
  return { msgtype: 'text', text: { content }, ...at };
}
