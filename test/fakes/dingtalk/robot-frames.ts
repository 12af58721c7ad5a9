// Builders for what DingTalk pushes, shaped exactly as PLATFORMS.md shows.
import { randomUUID } from 'node:crypto';

export const TOPIC_ROBOT = '/v1.0/im/bot/messages/get';

export type RobotMessageInit = {
  staffId?: string;
  senderNick?: string;
  group?: { id: string; title: string } | null;
  mentioned?: boolean;
  msgId?: string;
  sessionWebhook: string;
  robotCode?: string;
};

/** The common envelope of a robot message (the CALLBACK frame's data). */
export function robotMessage(init: RobotMessageInit, body: Record<string, unknown>): Record<string, unknown> {
  const group = init.group ?? null;
  return {
    conversationId: group ? group.id : `cid${randomUUID()}==`,
    ...(group ? { conversationTitle: group.title } : {}),
    conversationType: group ? '2' : '1',
    chatbotCorpId: 'dingcorp',
    chatbotUserId: '$:LWCP_v1:$bot',
    msgId: init.msgId ?? `msg${randomUUID()}==`,
    senderNick: init.senderNick ?? '张三',
    isAdmin: false,
    ...(init.staffId ? { senderStaffId: init.staffId } : {}),
    senderId: `$:LWCP_v1:$${init.staffId ?? randomUUID()}`,
    senderCorpId: 'dingcorp',
    robotCode: init.robotCode ?? 'dingappclientid',
    isInAtList: init.mentioned ?? group !== null,
    ...(group ? { atUsers: [{ dingtalkId: '$:LWCP_v1:$bot' }] } : {}),
    sessionWebhook: init.sessionWebhook,
    sessionWebhookExpiredTime: Date.now() + 90 * 60_000,
    createAt: Date.now(),
    ...body,
  };
}

/** In a group the text begins with a space where the @mention of the robot was. */
export const textBody = (content: string, group: boolean) => ({ msgtype: 'text', text: { content: group ? ` ${content}` : content } });
export const pictureBody = (downloadCode: string) => ({ msgtype: 'picture', content: { downloadCode, pictureDownloadCode: `p${downloadCode}` } });
export const richTextBody = (runs: ({ text: string } | { picture: string })[]) => ({
  msgtype: 'richText',
  content: { richText: runs.map((r) => ('picture' in r ? { type: 'picture', downloadCode: r.picture } : { text: r.text })) },
});
export const audioBody = (recognition: string) => ({ msgtype: 'audio', content: { duration: 4000, downloadCode: `a${randomUUID()}`, recognition } });

export function callbackFrame(data: Record<string, unknown> | string, frameId = `cb${randomUUID()}`) {
  return {
    specVersion: '1.0',
    type: 'CALLBACK',
    headers: {
      appId: 'fake-app',
      connectionId: 'fake-conn',
      contentType: 'application/json',
      messageId: frameId,
      time: String(Date.now()),
      topic: TOPIC_ROBOT,
    },
    data: typeof data === 'string' ? data : JSON.stringify(data),
  };
}

export function systemFrame(topic: 'ping' | 'disconnect', data: Record<string, unknown>) {
  return {
    specVersion: '1.0',
    type: 'SYSTEM',
    headers: { topic, messageId: `sys${randomUUID()}`, contentType: 'application/json', time: String(Date.now()) },
    data: JSON.stringify(data),
  };
}
