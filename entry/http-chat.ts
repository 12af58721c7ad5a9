import type { Deps } from '../api/core/context.js';
import type { CallbackHandler } from '../bot/callbacks/handler.js';
import { dingtalkCallback } from '../bot/callbacks/dingtalk.js';
import { createDingTalkSender, type DingTalkSender } from '../bot/adapters/dingtalk/openapi-sender.js';
import { createInbox, type Inbox } from '../bot/inbox.js';
import { createDialog } from '../bot/dialog/handle.js';
import { withVoiceAndMedia } from '../bot/voice-and-media.js';
import { parseConfig } from '../lib/config.js';
import type { Senders } from '../jobs/outbox/senders.js';

export type HttpChatEnv = {
  DINGTALK_CLIENT_ID?: string;
  DINGTALK_CLIENT_SECRET?: string;
  DINGTALK_ROBOT_CODE?: string;
  DINGTALK_API_BASE?: string;
};

export type HttpChatOptions = {
  /**
   * Inbox.earlierClaimsAbandoned: true for a long-lived process (Node), which takes over at start
   * what its previous run left; false in a Worker, whose inbox lives for one request or cron run.
   */
  earlierClaimsAbandoned?: boolean;
  /** Waits between attempts of a refused reply (tests). */
  retryDelaysMs?: number[];
};

export type HttpChat = {
  callbacks: Record<string, CallbackHandler>;
  /** The callback's inbox (absent without DINGTALK_CLIENT_SECRET): its replay answers what a crash left. */
  inbox?: Inbox;
};

/**
 * The chat parts that need no long-lived connection: DingTalk's HTTP callback (POST
 * /callbacks/dingtalk) into the same inbox and dialog, and the outbox's DingTalk sender over the
 * OpenAPI. Used by the Worker (entry/worker.ts) and the Node API (entry/node.ts); Worker-safe
 * imports only (no Stream SDK, wechaty or WeCom SDK).
 */
export function httpChat(env: HttpChatEnv) {
  const config = parseConfig({
    DINGTALK_CLIENT_ID: env.DINGTALK_CLIENT_ID,
    DINGTALK_CLIENT_SECRET: env.DINGTALK_CLIENT_SECRET,
    DINGTALK_ROBOT_CODE: env.DINGTALK_ROBOT_CODE,
    DINGTALK_API_BASE: env.DINGTALK_API_BASE,
  });
  const senders: Senders = {};
  if (config.DINGTALK_CLIENT_ID && config.DINGTALK_CLIENT_SECRET) {
    senders.dingtalk = createDingTalkSender({
      clientId: config.DINGTALK_CLIENT_ID,
      clientSecret: config.DINGTALK_CLIENT_SECRET,
      robotCode: config.DINGTALK_ROBOT_CODE,
      apiBase: config.DINGTALK_API_BASE,
    });
  }

  function open(deps: Deps, opts: HttpChatOptions = {}): HttpChat {
    if (!config.DINGTALK_CLIENT_SECRET) return { callbacks: {} };
    // Replies go through the session webhook (else the proactive send, which needs the client id):
    // the inbox sends them and records replied_at only after DingTalk accepted one (ChatAdapter.reply).
    const replier: DingTalkSender = createDingTalkSender({
      clientId: config.DINGTALK_CLIENT_ID ?? '',
      clientSecret: config.DINGTALK_CLIENT_SECRET,
      robotCode: config.DINGTALK_ROBOT_CODE,
      apiBase: config.DINGTALK_API_BASE,
      now: deps.clock,
    });
    const inbox = createInbox({
      deps,
      handle: createDialog({ deps }),
      replyVia: { dingtalk: (msg, reply) => replier.reply(msg, reply) },
      earlierClaimsAbandoned: opts.earlierClaimsAbandoned,
      ...(opts.retryDelaysMs ? { retryDelaysMs: opts.retryDelaysMs } : {}),
    });
    return {
      inbox,
      callbacks: {
        dingtalk: dingtalkCallback({
          clientSecret: config.DINGTALK_CLIENT_SECRET,
          clientId: config.DINGTALK_CLIENT_ID,
          robotCode: config.DINGTALK_ROBOT_CODE,
          apiBase: config.DINGTALK_API_BASE,
          handler: withVoiceAndMedia((msg) => inbox.receive(msg)),
          settled: () => inbox.settled(),
          now: deps.clock,
        }),
      },
    };
  }

  return {
    senders,
    open,
    callbacks: (deps: Deps, opts?: HttpChatOptions): Record<string, CallbackHandler> => open(deps, opts).callbacks,
  };
}
