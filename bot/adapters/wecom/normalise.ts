import type { IncomingImage, IncomingMessage } from '../../port.js';
import { detectImageMime } from '../../../api/files/image-type.js';

/** The fields of a WeCom message callback body the adapter reads (SDK's BaseMessage and friends). */
export type WecomBody = {
  msgid: string;
  aibotid?: string;
  chattype: 'single' | 'group';
  chatid?: string;
  from: { userid: string };
  create_time?: number;
  msgtype: string;
  text?: { content: string };
  image?: { url: string; aeskey?: string };
  voice?: { content: string };
  mixed?: { msg_item: { msgtype: 'text' | 'image'; text?: { content: string }; image?: { url: string; aeskey?: string } }[] };
  file?: { url: string; aeskey?: string };
  video?: { url: string; aeskey?: string };
};

export type Download = (url: string, aesKey?: string) => Promise<Uint8Array>;

export type NormaliseDeps = {
  /** The bot's name as typed after @ in a group; without it any leading @name counts as the mention. */
  botName?: string;
  download: Download;
  now: () => Date;
};

/** How a reply or a proactive send addresses a chat: the user's userid in 1:1, the chatid in a group. */
export const replyToUser = (userid: string) => `user:${userid}`;
export const replyToGroup = (chatid: string) => `group:${chatid}`;
export const chatIdOf = (replyTo: string) => replyTo.slice(replyTo.indexOf(':') + 1);

/** The message as the rest of the bot sees it, or null for a body the bot does not act on. */
export function normaliseWecom(body: WecomBody, deps: NormaliseDeps): IncomingMessage | null {
  if (!body?.msgid || !body.from?.userid) return null;
  const group = body.chattype === 'group' && !!body.chatid;
  const content = contentOf(body, deps);
  if (!content) return null;
  // WeCom sends no list of mentions: the text keeps the "@机器人名" the user typed.
  const { text, mentioned } = group ? mention(content.text, deps.botName) : { text: content.text.trim(), mentioned: true };
  return {
    platform: 'wecom',
    messageId: body.msgid,
    senderId: `wecom:${body.from.userid}`,
    // WeCom's callback carries no display name; the userid is what the operator sees in the console.
    senderName: body.from.userid,
    text,
    images: content.images,
    conversation: group ? { kind: 'group', id: body.chatid! } : { kind: 'direct' },
    mentioned,
    ...(content.voice ? { voice: true } : {}),
    ...(content.unreadable ? { unreadable: content.unreadable } : {}),
    receivedAt: deps.now(),
    replyTo: group ? replyToGroup(body.chatid!) : replyToUser(body.from.userid),
  };
}

type Content = { text: string; images: IncomingImage[]; voice?: boolean; unreadable?: 'voice' | 'video' | 'file' };

function contentOf(body: WecomBody, deps: NormaliseDeps): Content | null {
  const img = (n: number, i: { url: string; aeskey?: string }) => image(`${body.msgid}#${n}`, i, deps.download);
  switch (body.msgtype) {
    case 'text':
      return { text: body.text?.content ?? '', images: [] };
    case 'image':
      return body.image?.url ? { text: '', images: [img(0, body.image)] } : null;
    case 'mixed': {
      const items = body.mixed?.msg_item ?? [];
      const texts = items.flatMap((i) => (i.msgtype === 'text' && i.text ? [i.text.content] : []));
      const images = items.flatMap((i, n) => (i.msgtype === 'image' && i.image?.url ? [img(n, i.image)] : []));
      return { text: texts.join('\n'), images };
    }
    case 'voice': {
      // WeCom's own speech recognition; the audio itself is not sent.
      const heard = (body.voice?.content ?? '').trim();
      return heard ? { text: heard, images: [], voice: true } : { text: '', images: [], unreadable: 'voice' };
    }
    case 'file':
      return { text: '', images: [], unreadable: 'file' };
    case 'video':
      return { text: '', images: [], unreadable: 'video' };
    default:
      return null;
  }
}

/** Removes the @mention of the bot; mentioned when the bot's name (or, unnamed, any leading @name) was typed. */
export function mention(raw: string, botName?: string): { text: string; mentioned: boolean } {
  if (botName) {
    const at = new RegExp(`[@＠]${botName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=\\s|$)`, 'g');
    const text = raw.replace(at, ' ');
    return { text: text.replace(/ {2,}/g, ' ').trim(), mentioned: text !== raw };
  }
  const lead = /^\s*(?:[@＠]\S+\s*)+/.exec(raw);
  return { text: (lead ? raw.slice(lead[0].length) : raw).trim(), mentioned: !!lead };
}

function image(ref: string, i: { url: string; aeskey?: string }, download: Download): IncomingImage {
  return {
    // The URL expires in five minutes and is useless afterwards: the message id names the picture instead.
    ref,
    async fetch() {
      const bytes = await download(i.url, i.aeskey);
      return { bytes, mime: detectImageMime(bytes) ?? 'image/jpeg' };
    },
  };
}
