// The chat port: adapters (bot/adapters/*) are the only files that import a chat SDK. Everything
// past this file sees normalised messages and platform-neutral replies.

export type ChatPlatform = 'dingtalk' | 'wechat' | 'wecom' | 'terminal';

export type IncomingImage = {
  /** Platform reference (DingTalk downloadCode, WeChat message id) kept for the record. */
  ref: string;
  /** Fetches the bytes now: platform download links expire, so the inbox stores them at once. */
  fetch: () => Promise<{ bytes: Uint8Array; mime: string }>;
};

export type IncomingMessage = {
  platform: ChatPlatform;
  /** Platform message id; (platform, messageId) is unique and makes redelivery harmless. */
  messageId: string;
  /** Platform-prefixed sender id, e.g. `dingtalk:staff0123`, `wechat:wxid_abc`. */
  senderId: string;
  senderName: string;
  /** Text with any @mention of the bot removed and trimmed; '' for a bare photo. */
  text: string;
  images: IncomingImage[];
  /** Direct chat, or a group (answered only when mentioned). */
  conversation: { kind: 'direct' } | { kind: 'group'; id: string; title?: string };
  mentioned: boolean;
  /** The text is the platform's speech recognition of a voice message (DingTalk audio, WeCom voice). */
  voice?: boolean;
  /** A message the bot cannot read (voice without recognised text, video, a non-image file): answered with a request for text. */
  unreadable?: 'voice' | 'video' | 'file';
  receivedAt: Date;
  /** Adapter-private reply handle (DingTalk sessionWebhook, WeChat contact/room id). */
  replyTo: string;
  /** Until when replyTo works, when the platform says (DingTalk's sessionWebhookExpiredTime). */
  replyExpiresAt?: Date;
};

/**
 * A chart picture as data (JSON, so a stored reply or an outbox row can carry it): adapters that can
 * show images draw it with the dashboard's chart code (web/charts) and send a PNG after the text;
 * the others (terminal, the Worker's OpenAPI sender) send the text alone, which says the same.
 */
export type ChartPicture = {
  chart: 'completion';
  /** Scope and period, drawn under the chart's title: `横林镇 · 2026年11月`. */
  subtitle: string;
  /** 镇 or 网格. */
  by: string;
  rows: { name: string; rate: number }[];
};

/** A platform-neutral reply; presenters render it per platform. */
export type OutgoingMessage = {
  title: string;
  /** Plain text lines (WeChat) — always present. */
  text: string;
  /** DingTalk markdown rendering, when the presenter has one. */
  markdown?: string;
  /**
   * In a group: the full answer, to be sent to the sender in a direct chat (figures that name
   * people or enterprises, asked where people outside the sender's scope read along); the
   * message itself is then only a short note for the group.
   */
  privately?: Omit<OutgoingMessage, 'privately'>;
  /** A chart sent as a picture after the text, where the platform shows pictures. */
  image?: ChartPicture;
  /** A numbered question's answers, for platforms with buttons (WeCom template cards); the text lists them too. */
  choices?: { label: string; answer: string }[];
};

export type MessageHandler = (msg: IncomingMessage) => Promise<OutgoingMessage | null>;

export interface ChatAdapter {
  readonly platform: ChatPlatform;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The handler returns after the message is durably recorded; only then does the adapter ACK. */
  onMessage(handler: MessageHandler): void;
  /**
   * Answers a recorded message after its live delivery is gone (a restart, a redelivery): through
   * replyTo while it is valid, else a proactive send to the sender or the group. An adapter with it
   * lets the inbox send every reply itself and record that it went out.
   */
  reply?(msg: IncomingMessage, message: OutgoingMessage): Promise<SendResult>;
  /** Proactive send to a person's platform id (without prefix) or to a group. */
  send(to: { userId: string } | { groupId: string }, message: OutgoingMessage): Promise<SendResult>;
}

export type SendResult =
  | { ok: true }
  /** Platform throttled this recipient: retry later (DingTalk flowControlledStaffIdList, 130101). */
  | { ok: false; retryable: true; error: string }
  | { ok: false; retryable: false; error: string };
