import type { OutgoingMessage, SendResult } from '../../port.js';
import { createOpenApi } from './openapi.js';
import { resultFor, sendBatch, sendGroup, type BatchResult } from './proactive.js';

export type DingTalkSenderOptions = { clientId: string; clientSecret: string; robotCode?: string; apiBase?: string; now?: () => Date };

export type DingTalkSender = {
  readonly platform: 'dingtalk';
  send(to: { userId: string } | { groupId: string }, message: OutgoingMessage): Promise<SendResult>;
  sendBatch(userIds: string[], message: OutgoingMessage): Promise<BatchResult>;
};

/**
 * Proactive DingTalk messages through the OpenAPI alone (fetch, no Stream SDK, no Node API), for
 * the outbox where no Stream connection runs: a Worker-only deployment drains its outbox with it.
 * The same calls the Stream adapter makes (proactive.ts).
 */
export function createDingTalkSender(opts: DingTalkSenderOptions): DingTalkSender {
  const apiBase = (opts.apiBase ?? 'https://api.dingtalk.com').replace(/\/+$/, '');
  const robotCode = opts.robotCode ?? opts.clientId;
  const now = opts.now ?? (() => new Date());
  const api = createOpenApi({ apiBase, clientId: opts.clientId, clientSecret: opts.clientSecret, now: () => now().getTime() });
  return {
    platform: 'dingtalk',
    async send(to, message) {
      if ('groupId' in to) return sendGroup(api, robotCode, to.groupId, message);
      return resultFor(to.userId, await sendBatch(api, robotCode, [to.userId], message));
    },
    sendBatch: (userIds, message) => sendBatch(api, robotCode, userIds, message),
  };
}
