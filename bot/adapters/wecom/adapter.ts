import { lineLogger } from '../../../lib/log.js';
import { generateReqId, type TemplateCard, type WSClient, type WsFrame } from '@wecom/aibot-node-sdk';
import type { ChartPicture, ChatAdapter, MessageHandler, OutgoingMessage, SendResult } from '../../port.js';
import { DEFAULT_WECOM_BACKOFF, wecomConnection, type WecomBackoff } from './connection.js';
import { L, NOT_RECORDED, WELCOME, WORKING } from './messages.js';
import { chatIdOf, normaliseWecom, replyToGroup, replyToUser, type WecomBody } from './normalise.js';
import { contentOf, sendFailure } from './outgoing.js';
import { chartPng, CHART_FILE_NAME } from '../chart-png.js';

export const DEFAULT_WECOM_WS_URL = 'wss://openws.work.weixin.qq.com';

export type WecomAdapterOptions = {
  botId: string;
  secret: string;
  /** Default: the official endpoint; tests point it at a fake on loopback. */
  wsUrl?: string;
  /** The bot's name as people type it after @ in a group. */
  botName?: string;
  reconnect?: Partial<WecomBackoff>;
  /** Wait after being replaced by another connection of the same bot before taking over again. */
  supersededDelayMs?: number;
  authTimeoutMs?: number;
  heartbeatMs?: number;
  /** When the answer is not ready by then, an interim "正在处理" frame opens the reply stream. */
  interimAfterMs?: number;
  log?: (line: string) => void;
  now?: () => Date;
};

export type WecomAdapter = ChatAdapter & {
  /** True while an authenticated connection is up. */
  readonly connected: boolean;
};

/**
 * The WeCom 智能机器人 adapter over the official `@wecom/aibot-node-sdk` long connection: the
 * only module that imports the SDK (with connection.ts). WeCom has no ACK: a message is handed to
 * the inbox, which records it once per msgid, and is answered on the reply stream of its req_id.
 */
export function createWecomAdapter(opts: WecomAdapterOptions): WecomAdapter {
  const log = opts.log ?? lineLogger('wecom');
  const now = opts.now ?? (() => new Date());
  const interimAfterMs = opts.interimAfterMs ?? 3000;
  let handler: MessageHandler | null = null;

  const connection = wecomConnection({
    botId: opts.botId,
    secret: opts.secret,
    wsUrl: opts.wsUrl ?? DEFAULT_WECOM_WS_URL,
    backoff: { ...DEFAULT_WECOM_BACKOFF, ...opts.reconnect },
    supersededDelayMs: opts.supersededDelayMs ?? 60_000,
    authTimeoutMs: opts.authTimeoutMs ?? 10_000,
    heartbeatMs: opts.heartbeatMs ?? 30_000,
    log,
    // The SDK emits through an EventEmitter and ignores the result: every failure becomes a log line.
    onMessage: (client, frame) => void onFrame(client, frame).catch((e) => log(L.handlerFailed(msgIdOf(frame), errorText(e)))),
    onCardEvent: (client, frame) => void onCardClick(client, frame).catch((e) => log(L.handlerFailed(msgIdOf(frame), errorText(e)))),
    onEnterChat: (client, frame) =>
      void client.replyWelcome(frame, { msgtype: 'text', text: { content: WELCOME } }).catch((e) => log(L.replyFailed(msgIdOf(frame), errorText(e)))),
  });

  async function onFrame(client: WSClient, frame: WsFrame<WecomBody>): Promise<void> {
    const body = frame.body;
    if (!body) return;
    const msg = normaliseWecom(body, {
      botName: opts.botName,
      now,
      download: async (url, aesKey) => new Uint8Array((await client.downloadFile(url, aesKey)).buffer),
    });
    if (!msg || !handler) return;
    const streamId = generateReqId('stream');
    // WeCom expects the reply stream to start within seconds; a slow answer opens it with a notice.
    let interim: Promise<unknown> | null = null;
    const slow = setTimeout(() => {
      interim = client.replyStream(frame, streamId, WORKING, false).catch(() => {});
    }, interimAfterMs);
    let reply: OutgoingMessage | null;
    try {
      reply = await handler(msg);
    } catch (e) {
      // Not recorded, and WeCom does not deliver a message twice: the sender is asked to send it again.
      log(L.handlerFailed(body.msgid, errorText(e)));
      await finish(client, frame, streamId, NOT_RECORDED, msg.replyTo, body.msgid);
      return;
    } finally {
      clearTimeout(slow);
    }
    if (!reply) {
      if (interim) await finish(client, frame, streamId, '已收到。', msg.replyTo, body.msgid);
      return;
    }
    await finish(client, frame, streamId, contentOf(reply), msg.replyTo, body.msgid, reply.choices);
    if (reply.image) {
      const r = await sendPicture(chatIdOf(msg.replyTo), reply.image);
      if (!r.ok) log(L.replyFailed(body.msgid, r.error));
    }
  }

  /**
   * A button click on a choice card: the button's key (`1`) is the user's answer, handled like a
   * typed message (recorded once per event msgid) and answered proactively in the same chat.
   */
  async function onCardClick(client: WSClient, frame: WsFrame): Promise<void> {
    const body = frame.body as (WecomBody & { event?: { event_key?: string } }) | undefined;
    const key = body?.event?.event_key;
    if (!body?.msgid || !body.from?.userid || !key || !handler) return;
    const group = body.chattype === 'group' && !!body.chatid;
    const replyTo = group ? replyToGroup(body.chatid!) : replyToUser(body.from.userid);
    const reply = await handler({
      platform: 'wecom', messageId: body.msgid, senderId: `wecom:${body.from.userid}`, senderName: body.from.userid,
      // A click in a group addresses the bot as surely as an @-mention.
      text: key, images: [], conversation: group ? { kind: 'group', id: body.chatid! } : { kind: 'direct' }, mentioned: true,
      receivedAt: now(), replyTo,
    });
    if (!reply) return;
    const chatid = chatIdOf(replyTo);
    try {
      if (reply.choices?.length) await client.sendMessage(chatid, { msgtype: 'template_card', template_card: { ...choiceCard(body.msgid, reply.choices), sub_title_text: contentOf(reply, 1000) } });
      else await client.sendMessage(chatid, { msgtype: 'markdown', markdown: { content: contentOf(reply) } });
    } catch (e) {
      log(L.replyFailed(body.msgid, errorText(e)));
      return;
    }
    if (reply.image) {
      const r = await sendPicture(chatid, reply.image);
      if (!r.ok) log(L.replyFailed(body.msgid, r.error));
    }
  }

  /**
   * A chart picture after its text: uploaded over the long connection (the SDK's three-step
   * uploadMedia), then a proactive image message to the same chat. The stream reply has been
   * closed with the text by then, so the picture does not hold up the answer.
   */
  async function sendPicture(chatid: string, picture: ChartPicture): Promise<SendResult> {
    const client = connection.current();
    if (!client) return { ok: false, retryable: true, error: '企业微信未连接，稍后重试' };
    try {
      const { media_id } = await client.uploadMedia(Buffer.from(chartPng(picture)), { type: 'image', filename: CHART_FILE_NAME });
      await client.sendMediaMessage(chatid, 'image', media_id);
      return { ok: true };
    } catch (e) {
      return sendFailure(e);
    }
  }

  /** Closes the reply stream with the answer; a stream that can no longer be used falls back to a proactive send. */
  async function finish(client: WSClient, frame: WsFrame, streamId: string, content: string, replyTo: string, msgId: string, choices?: OutgoingMessage['choices']) {
    try {
      // A numbered question closes its stream with a button card: a click comes back as a
      // template_card_event whose key is the answer (onCardClick).
      if (choices?.length) await client.replyStreamWithCard(frame, streamId, content, true, { templateCard: choiceCard(msgId, choices) });
      else await client.replyStream(frame, streamId, content, true);
      return;
    } catch (e) {
      log(L.replyFailed(msgId, errorText(e)));
    }
    // The req_id belongs to the connection it came on: after a reconnect, or when it expired, the
    // answer goes out as a proactive message to the same chat.
    const current = connection.current();
    if (!current) return;
    log(L.replyFallback(msgId));
    await current.sendMessage(chatIdOf(replyTo), { msgtype: 'markdown', markdown: { content } }).catch((e) => log(L.replyFailed(msgId, errorText(e))));
  }

  return {
    platform: 'wecom',
    get connected() {
      return connection.current() !== null;
    },
    async start() {
      connection.start();
    },
    async stop() {
      connection.stop();
    },
    onMessage(h) {
      handler = h;
    },
    async send(to, message): Promise<SendResult> {
      const client = connection.current();
      if (!client) return { ok: false, retryable: true, error: '企业微信未连接，稍后重试' };
      const chatid = 'groupId' in to ? to.groupId : to.userId;
      try {
        // Proactive messages accept markdown or a template card, not plain text.
        await client.sendMessage(chatid, { msgtype: 'markdown', markdown: { content: contentOf(message) } });
      } catch (e) {
        return sendFailure(e);
      }
      // The text went out; a picture that fails is logged, the text says the same.
      if (message.image) {
        const r = await sendPicture(chatid, message.image);
        if (!r.ok) log(`picture not sent: ${r.error}`);
      }
      return { ok: true };
    },
  };
}

/** A button_interaction card: one button per answer (WeCom shows at most 6), its key the answer. */
function choiceCard(msgId: string, choices: NonNullable<OutgoingMessage['choices']>): TemplateCard {
  return {
    card_type: 'button_interaction',
    main_title: { title: '请选择' },
    // Letters, digits and _-@ only, unique per bot: the question's message id, cleaned.
    task_id: `choice_${msgId.replace(/[^A-Za-z0-9_@-]/g, '').slice(0, 100)}_${Date.now().toString(36)}`,
    button_list: choices.slice(0, 6).map((c) => ({ text: [...c.label].slice(0, 10).join(''), key: c.answer })),
  };
}

const msgIdOf = (frame: WsFrame) => String((frame.body as { msgid?: unknown } | undefined)?.msgid ?? '?');

function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (e && typeof e === 'object' && 'errcode' in e) return `errcode ${String((e as { errcode: unknown }).errcode)} ${String((e as { errmsg?: unknown }).errmsg ?? '')}`.trim();
  return String(e);
}
