import { WechatyBuilder, type Wechaty, type WechatyOptions } from 'wechaty';
import qrcodeTerminal from 'qrcode-terminal';
import { FileBox } from 'file-box';
import type { ChartPicture, ChatAdapter, MessageHandler, OutgoingMessage, SendResult } from '../../port.js';
import { chartPng, CHART_FILE_NAME } from '../chart-png.js';
import { normaliseWechatMessage, replyToContact, replyToRoom } from './normalise.js';
import { createSlowQueue, type SlowQueueOptions } from './slow-queue.js';
import { lineLogger } from '../../../lib/log.js';

export type WechatAdapterOptions = {
  /** Puppet package name (e.g. wechaty-puppet-wechat4u, wechaty-puppet-service) or a puppet instance (tests). */
  puppet: WechatyOptions['puppet'];
  puppetToken?: string;
  name?: string;
  queue?: Partial<SlowQueueOptions>;
  log?: (line: string) => void;
  /** Where the login QR goes; defaults to the terminal. */
  onQr?: (qr: string) => void;
};

// Personal-account sends: 2–5 s apart by default. Slow on purpose (see slow-queue.ts).
const DEFAULT_QUEUE: SlowQueueOptions = { minGapMs: 2000, jitterMs: 3000 };

export function createWechatAdapter(opts: WechatAdapterOptions): ChatAdapter & { readonly bot: Wechaty } {
  const log = opts.log ?? lineLogger('wechat');
  const bot = WechatyBuilder.build({
    name: opts.name ?? 'gridsafe',
    puppet: opts.puppet,
    ...(opts.puppetToken ? { puppetOptions: { token: opts.puppetToken } } : {}),
  } as WechatyOptions);
  const queue = createSlowQueue({ ...DEFAULT_QUEUE, ...opts.queue });
  let handler: MessageHandler | null = null;

  bot.on('scan', (qr, status) => {
    log(`请用微信扫码登录 (status ${status})`);
    if (opts.onQr) opts.onQr(qr);
    else qrcodeTerminal.generate(qr, { small: true });
  });
  bot.on('login', (user) => log(`已登录：${user.name()}`));
  bot.on('logout', (user) => log(`已退出登录：${user.name()}`));
  bot.on('error', (e) => log(`错误：${e instanceof Error ? e.message : String(e)}`));
  bot.on('message', async (msg) => {
    // Never let a handler failure become an unhandled rejection that kills the process.
    try {
      const incoming = await normaliseWechatMessage(msg);
      if (!incoming || !handler) return;
      const reply = await handler(incoming);
      if (reply) await deliver(incoming.replyTo, reply, incoming.conversation.kind === 'group' ? msg.talker().id : undefined);
      // Answers naming people or enterprises asked in a group go to the sender directly.
      if (reply?.privately && incoming.conversation.kind === 'group') await deliver(replyToContact(msg.talker().id), reply.privately);
    } catch (e) {
      log(`处理消息失败：${e instanceof Error ? e.message : String(e)}`);
    }
  });

  async function deliver(replyTo: string, message: OutgoingMessage, mentionId?: string): Promise<void> {
    const [kind, id] = [replyTo.slice(0, replyTo.indexOf(':')), replyTo.slice(replyTo.indexOf(':') + 1)];
    await queue.push(async () => {
      if (kind === 'room') {
        const room = await bot.Room.find({ id });
        if (!room) throw new Error(`room not found: ${id}`);
        const mention = mentionId ? await bot.Contact.find({ id: mentionId }) : undefined;
        // WeChat shows plain text only: markdown is for DingTalk.
        if (mention) await room.say(message.text, mention);
        else await room.say(message.text);
      } else {
        const contact = await bot.Contact.find({ id });
        if (!contact) throw new Error(`contact not found: ${id}`);
        await contact.say(message.text);
      }
    });
    if (message.image) await deliverPicture(kind, id, message.image).catch((e: unknown) => log(`图表未发送：${e instanceof Error ? e.message : String(e)}`));
  }

  /** The chart as a PNG file after its text, paced like any message; the text says the same if it fails. */
  async function deliverPicture(kind: string, id: string, picture: ChartPicture): Promise<void> {
    // Base64, not a buffer FileBox: the mock puppet (and some puppets) cannot serialise the latter.
    const file = FileBox.fromBase64(Buffer.from(chartPng(picture)).toString('base64'), CHART_FILE_NAME);
    await queue.push(async () => {
      const target = kind === 'room' ? await bot.Room.find({ id }) : await bot.Contact.find({ id });
      if (!target) throw new Error(`${kind} not found: ${id}`);
      await target.say(file);
    });
  }

  return {
    platform: 'wechat',
    bot,
    async start() {
      await bot.start();
    },
    async stop() {
      await bot.stop();
    },
    onMessage(h) {
      handler = h;
    },
    send: (to, message) => sendResult(() => deliver('groupId' in to ? replyToRoom(to.groupId) : replyToContact(to.userId), message)),
    // The contact or room of a message stays valid across restarts of the same login.
    // In a group, the answer itself (a list naming enterprises) goes to the sender directly, after
    // the group's note; a failure there is logged, not retried (that would repeat the note).
    reply: (msg, message) =>
      sendResult(async () => {
        const sender = msg.senderId.slice('wechat:'.length);
        await deliver(msg.replyTo, message, msg.conversation.kind === 'group' ? sender : undefined);
        if (message.privately && msg.conversation.kind === 'group') {
          await deliver(replyToContact(sender), message.privately).catch((e: unknown) => log(`私信未发送：${e instanceof Error ? e.message : String(e)}`));
        }
      }),
  };
}

async function sendResult(send: () => Promise<void>): Promise<SendResult> {
  try {
    await send();
    return { ok: true };
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    // An unknown contact/room will not appear by retrying; anything else (logged out, network) may.
    return /not found/.test(error) ? { ok: false, retryable: false, error } : { ok: false, retryable: true, error };
  }
}
