import type { IncomingMessage } from '../port.js';

/** The message as stored: no functions, so it can be replayed after a crash. */
export function payloadOf(msg: IncomingMessage): Record<string, unknown> {
  return {
    platform: msg.platform,
    messageId: msg.messageId,
    senderId: msg.senderId,
    senderName: msg.senderName,
    text: msg.text,
    images: msg.images.map((i) => ({ ref: i.ref })),
    conversation: msg.conversation,
    mentioned: msg.mentioned,
    receivedAt: msg.receivedAt.toISOString(),
    replyTo: msg.replyTo,
    ...(msg.replyExpiresAt ? { replyExpiresAt: msg.replyExpiresAt.toISOString() } : {}),
  };
}

export function messageFromPayload(p: Record<string, unknown>): IncomingMessage {
  return {
    ...(p as unknown as IncomingMessage),
    // Platform download links have expired by now; photos stored before the crash are already in
    // attachments and are found by the dialog's time window.
    images: [],
    receivedAt: new Date(String(p.receivedAt)),
    ...(p.replyExpiresAt ? { replyExpiresAt: new Date(String(p.replyExpiresAt)) } : {}),
  };
}
