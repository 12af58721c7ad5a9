import type { IncomingMessage, OutgoingMessage, SendResult } from '../../port.js';
import { lineLogger } from '../../../lib/log.js';
import { replyToRecorded } from './session-reply.js';
import { createOpenApi } from './openapi.js';
import { resultFor, sendBatch, sendGroup, type BatchResult } from './proactive.js';

export type DingTalkSenderOptions = { clientId: string; clientSecret: string; robotCode?: string; apiBase?: string; now?: () => Date; log?: (line: string) => void };

export type DingTalkSender = {
  readonly platform: 'dingtalk';
  send(to: { userId: string } | { groupId: string }, message: OutgoingMessage): Promise<SendResult>;
  sendBatch(userIds: string[], message: OutgoingMessage): Promise<BatchResult>;
  /**
   * Answers a recorded message (ChatAdapter.reply): its session webhook while valid, else the
   * proactive send; text only (the chart picture needs Node's renderer, and the text says the same).
   */
  reply(msg: IncomingMessage, message: OutgoingMessage): Promise<SendResult>;
};

/**
 * Proactive DingTalk messages through the OpenAPI alone (fetch, no Stream SDK, no Node API), for
 * the outbox where no Stream connection runs: a Worker-only deployment drains its outbox with it.
 * The same calls the Stream adapter makes (proactive.ts). It also answers the HTTP callback's
 * messages (entry/http-chat.ts), through the inbox, which records when a reply went out.
 */
export function createDingTalkSender(opts: DingTalkSenderOptions): DingTalkSender {
  const apiBase = (opts.apiBase ?? 'https://api.dingtalk.com').replace(/\/+$/, '');
  const robotCode = opts.robotCode ?? opts.clientId;
  const now = opts.now ?? (() => new Date());
  const api = createOpenApi({ apiBase, clientId: opts.clientId, clientSecret: opts.clientSecret, now: () => now().getTime() });
  const log = opts.log ?? lineLogger('dingtalk', 'warn');
  return {
    platform: 'dingtalk',
    async send(to, message) {
      if ('groupId' in to) return sendGroup(api, robotCode, to.groupId, message);
      return resultFor(to.userId, await sendBatch(api, robotCode, [to.userId], message));
    },
    sendBatch: (userIds, message) => sendBatch(api, robotCode, userIds, message),
    reply: (msg, message) => replyToRecorded({ api, robotCode, now, log }, msg, message),
  };
}
