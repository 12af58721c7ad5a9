import type { IncomingMessage, MessageHandler, OutgoingMessage } from './port.js';
import { clip, escapeMarkdown } from './present/reply.js';

// What the bot says about a message it cannot read. Short, polite, and never silence.
export const UNREADABLE: Record<NonNullable<IncomingMessage['unreadable']>, string> = {
  voice: '抱歉，这条语音没有识别出文字。请直接发送文字，例如：上报 华美 消防通道堵塞',
  video: '抱歉，暂时无法查看视频。请用文字描述，并可附上照片，例如：上报 华美 消防通道堵塞',
  file: '抱歉，暂时无法读取文件。请直接发送文字或照片，例如：上报 华美 消防通道堵塞',
};
const UNREADABLE_TITLE = '请发送文字';

/** The first line of a reply to a voice message: what was heard, so a misheard name is noticed at once. */
export const heardLine = (text: string) => `（语音）${clip(text, 80)}`;

/**
 * The one place voice and unreadable media are handled, between an adapter and the inbox:
 * - a voice message (the platform's speech recognition as text) is handled as text; its reply
 *   begins with `（语音）…` echoing what was heard (added by the inbox, bot/inbox.ts, before the
 *   reply is stored: a reply the inbox sends itself, or again after a crash, shows it too);
 * - a message the bot cannot read (voice without recognition, video, a non-image file) gets a
 *   short request for text; in a group only when addressed to the bot. It is not recorded: it
 *   carries nothing to keep, and answering it twice is harmless.
 */
export function withVoiceAndMedia(handler: MessageHandler): MessageHandler {
  return async (msg) => {
    if (msg.unreadable && !msg.text && msg.images.length === 0) {
      if (msg.conversation.kind === 'group' && !msg.mentioned) return null;
      const text = UNREADABLE[msg.unreadable];
      return { title: UNREADABLE_TITLE, text, ...(msg.platform === 'dingtalk' ? { markdown: text } : {}) };
    }
    return handler(msg);
  };
}

/** The reply to a voice message, beginning with what was heard. */
export function withHeard(reply: OutgoingMessage, heard: string): OutgoingMessage {
  const line = heardLine(heard);
  return {
    ...reply,
    text: `${line}\n${reply.text}`,
    ...(reply.markdown !== undefined ? { markdown: `${escapeMarkdown(line)}\n\n${reply.markdown}` } : {}),
  };
}
