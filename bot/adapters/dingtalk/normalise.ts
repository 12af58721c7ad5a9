import type { IncomingImage, IncomingMessage } from '../../port.js';
import type { OpenApi } from './openapi.js';
import { richRuns, type RobotMessageT } from './robot-message.js';

export type NormaliseDeps = { api: OpenApi; robotCode: string; now: () => Date };

/** The robot message as the rest of the bot sees it; no SDK or DingTalk type leaves this file. */
export function normalise(raw: RobotMessageT, deps: NormaliseDeps): IncomingMessage {
  const { text, downloadCodes, voice, unreadable } = contentOf(raw);
  const group = raw.conversationType === '2';
  return {
    platform: 'dingtalk',
    messageId: raw.msgId,
    senderId: `dingtalk:${raw.senderStaffId ?? raw.senderId}`,
    senderName: raw.senderNick,
    // In a group the text starts with a space where the @mention of the robot was.
    text: text.trim(),
    images: downloadCodes.map((code) => image(code, deps)),
    conversation: group ? { kind: 'group', id: raw.conversationId, title: raw.conversationTitle } : { kind: 'direct' },
    mentioned: raw.isInAtList === true,
    ...(voice ? { voice } : {}),
    ...(unreadable ? { unreadable } : {}),
    receivedAt: deps.now(),
    replyTo: raw.sessionWebhook,
    ...(raw.sessionWebhookExpiredTime ? { replyExpiresAt: new Date(raw.sessionWebhookExpiredTime) } : {}),
  };
}

const IMAGE_FILE = /\.(jpe?g|png|webp|heic)$/i;

type Content = { text: string; downloadCodes: string[]; voice?: boolean; unreadable?: IncomingMessage['unreadable'] };

function contentOf(raw: RobotMessageT): Content {
  switch (raw.msgtype) {
    case 'text':
      return { text: raw.text.content, downloadCodes: [] };
    case 'picture':
      return { text: '', downloadCodes: [raw.content.downloadCode] };
    case 'richText': {
      const { texts, pictures } = richRuns(raw.content.richText);
      return { text: texts.join(''), downloadCodes: pictures };
    }
    case 'audio':
      // DingTalk's own speech recognition: the worker spoke the report instead of typing it. The
      // reply echoes what was heard (bot/voice-and-media.ts); without recognition, text is asked for.
      return raw.content.recognition.trim()
        ? { text: raw.content.recognition, downloadCodes: [], voice: true }
        : { text: '', downloadCodes: [], unreadable: 'voice' };
    case 'file':
      // A photo sent "as a file" keeps its original resolution; other files are not fetched, their
      // name is not read as a command, and the sender is asked for text instead.
      return IMAGE_FILE.test(raw.content.fileName)
        ? { text: '', downloadCodes: [raw.content.downloadCode] }
        : { text: '', downloadCodes: [], unreadable: 'file' };
    case 'video':
      return { text: '', downloadCodes: [], unreadable: 'video' };
  }
}

function image(downloadCode: string, deps: NormaliseDeps): IncomingImage {
  return {
    ref: downloadCode,
    async fetch() {
      const { downloadUrl } = await deps.api.post<{ downloadUrl?: string }>('/v1.0/robot/messageFiles/download', {
        downloadCode,
        robotCode: deps.robotCode,
      });
      if (!downloadUrl) throw new Error('messageFiles/download returned no downloadUrl');
      // The URL is short-lived and carries its own signature: fetched at once, without the token.
      const res = await fetch(downloadUrl);
      if (!res.ok) throw new Error(`picture download → HTTP ${res.status}`);
      const mime = res.headers.get('content-type')?.split(';')[0]?.trim() || 'image/jpeg';
      return { bytes: new Uint8Array(await res.arrayBuffer()), mime };
    },
  };
}
