import type { OutgoingMessage } from '../../port.js';
import { escapeMarkdown } from '../../present/reply.js';
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

// A link the DingTalk client turns into a message of the user's own: tapped, it sends `content`.
const SEND_LINK = /\[([^\]]*)\]\(dtmd:\/\/dingtalkclient\/sendMessage\?content=([^)]*)\)/g;

/** Said under a group's copy of a reply whose tap-to-send links were turned into text. */
export const GROUP_ANSWER_HINT = '群聊中请 @我 再回复（例如“@我 1”）：不带 @ 的消息我收不到。';

const decoded = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/**
 * A reply as it is shown in a group. A dtmd://dingtalkclient/sendMessage link makes the tapping
 * user send its text as an ordinary message in the chat it is shown in; in a group DingTalk
 * delivers a robot only the messages that @-mention it, and a tap mentions nobody, so the bot
 * would never hear the answer (interactive cards would call back, but need a card template made
 * in DingTalk's card builder and, over HTTP, a registered callback route). So in a group each
 * link becomes what to reply, and the reply says to @ the bot: a numbered choice keeps its label
 * (`1. 华美化工` already says to answer 1), any other link says its text. In a direct chat every
 * message reaches the bot, and the links stay.
 */
export function forGroup(message: OutgoingMessage): OutgoingMessage {
  if (message.markdown === undefined || !message.markdown.includes('](dtmd://dingtalkclient/sendMessage?')) return message;
  const markdown = message.markdown.replace(SEND_LINK, (_, label: string, content: string) => {
    const said = decoded(content);
    return label === said || label.startsWith(`${said}.`) ? label : `${label}（@我 回复“${escapeMarkdown(said)}”）`;
  });
  return { ...message, markdown: `${markdown}\n\n${GROUP_ANSWER_HINT}` };
}

/** Where a webhook reply goes: a group (links turned into text), with the sender @-mentioned when known. */
export type ReplyTarget = { group: boolean; atStaffId?: string };

/** The body for a sessionWebhook reply; in a group the sender is @-mentioned. */
export function webhookBody(original: OutgoingMessage, to: ReplyTarget = { group: false }): Record<string, unknown> {
  const message = to.group ? forGroup(original) : original;
  const atStaffId = to.group ? to.atStaffId : undefined;
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
