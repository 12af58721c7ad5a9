import type { Message } from 'wechaty';
import type { IncomingImage, IncomingMessage } from '../../port.js';

// wechaty message types we act on (wechaty-puppet types.Message): Text 7, Image 6; and those the
// bot cannot read but must not meet with silence in a direct chat: Audio 2 (no recognised text
// reaches a bot), Video 15, Attachment 1 (a file).
const TEXT = 7;
const IMAGE = 6;
const UNREADABLE: Record<number, 'voice' | 'video' | 'file'> = { 2: 'voice', 15: 'video', 1: 'file' };

// A WeChat quote-reply arrives as one text: the quoted message in 「…」, a line of spaced dashes,
// then what the person typed. Only the typed part is the message (a numbered answer "2" must stay "2").
const QUOTE = /^「[\s\S]*」\s*\n\s*(?:-\s*){6,}\n/;
export const stripQuote = (text: string) => text.replace(QUOTE, '');

export const replyToRoom = (id: string) => `room:${id}`;
export const replyToContact = (id: string) => `contact:${id}`;

/**
 * Turns a wechaty message into the bot's normalised message, or null when the bot should not see
 * it at all (its own messages, unsupported types, group chatter that neither mentions the bot nor
 * carries a photo — photos in a group may precede an @-mentioned report).
 */
export async function normaliseWechatMessage(msg: Message): Promise<IncomingMessage | null> {
  if (msg.self()) return null;
  const type = msg.type();
  const room = msg.room();
  const talker = msg.talker();
  const unreadable = UNREADABLE[type];
  // In a group such a message cannot mention the bot: it is chatter, not for the bot.
  if (unreadable && !room) return { ...base(msg, talker.id, talker.name()), text: '', images: [], unreadable };
  if (type !== TEXT && type !== IMAGE) return null;
  const mentioned = room ? await msg.mentionSelf() : false;
  if (room && type === TEXT && !mentioned) return null;

  // mentionText() drops the "@安全助手" part; in direct chats the raw text is the message.
  const text = type === TEXT ? stripQuote((room ? await msg.mentionText() : msg.text()).trim()).trim() : '';
  const images: IncomingImage[] = type === IMAGE
    ? [{
        ref: msg.id,
        fetch: async () => {
          const box = await msg.toFileBox();
          return { bytes: new Uint8Array(await box.toBuffer()), mime: box.mediaType || 'image/jpeg' };
        },
      }]
    : [];
  return {
    platform: 'wechat',
    messageId: msg.id,
    senderId: `wechat:${talker.id}`,
    senderName: talker.name(),
    text,
    images,
    conversation: room ? { kind: 'group', id: room.id, title: await room.topic() } : { kind: 'direct' },
    mentioned: room ? mentioned : true,
    receivedAt: msg.date(),
    replyTo: room ? replyToRoom(room.id) : replyToContact(talker.id),
  };
}

/** A direct-chat message with no content the bot reads (see UNREADABLE). */
function base(msg: Message, talkerId: string, talkerName: string) {
  return {
    platform: 'wechat' as const,
    messageId: msg.id,
    senderId: `wechat:${talkerId}`,
    senderName: talkerName,
    conversation: { kind: 'direct' as const },
    mentioned: true,
    receivedAt: msg.date(),
    replyTo: replyToContact(talkerId),
  };
}
