import { TOPIC_ROBOT } from 'dingtalk-stream';
import type { ChatAdapter, MessageHandler, OutgoingMessage, SendResult } from '../../port.js';
import { createOpenApi } from './openapi.js';
import { sendBatch, sendGroup, resultFor, type BatchResult } from './proactive.js';
import { robotListener } from './receive.js';
import { DEFAULT_BACKOFF, superviseConnection, type BackoffOptions } from './reconnect.js';
import { StreamClient } from './stream-client.js';
import { lineLogger } from '../../../lib/log.js';
import { replyToRecorded } from './session-reply.js';
import { dingTalkPictures, oapiBaseFor } from './picture.js';

export type DingTalkAdapterOptions = {
  clientId: string;
  clientSecret: string;
  /** The robot's code for OpenAPI calls; DingTalk's default robot uses the client id. */
  robotCode?: string;
  /** Base of the gateway open call and every OpenAPI call (tests, private deployments). */
  apiBase?: string;
  reconnect?: Partial<BackoffOptions>;
  /** Operator log, one line per event; default the process log (lib/log.ts), component dingtalk. */
  log?: (line: string) => void;
  /** Time a message is received (IncomingMessage.receivedAt) and token expiry; default the system clock. */
  now?: () => Date;
};

export type DingTalkAdapter = ChatAdapter & {
  /** Direct messages to many staff ids (no prefix), 20 per OpenAPI call; for the reminder jobs. */
  sendBatch(userIds: string[], message: OutgoingMessage): Promise<BatchResult>;
};

export const DEFAULT_API_BASE = 'https://api.dingtalk.com';

export function createDingTalkAdapter(options: DingTalkAdapterOptions): DingTalkAdapter {
  const apiBase = (options.apiBase ?? DEFAULT_API_BASE).replace(/\/+$/, '');
  const robotCode = options.robotCode ?? options.clientId;
  const log = options.log ?? lineLogger('dingtalk');
  const now = options.now ?? (() => new Date());
  const api = createOpenApi({ apiBase, clientId: options.clientId, clientSecret: options.clientSecret, now: () => now().getTime() });
  let handler: MessageHandler | null = null;
  const sendPicture = dingTalkPictures(api, robotCode, oapiBaseFor(apiBase));
  /** The text first, then its chart picture; the text's outcome is the message's (the picture is extra). */
  const withPicture = async (to: { userId: string } | { groupId: string }, message: OutgoingMessage, textResult: SendResult) => {
    if (textResult.ok && message.image) {
      const r = await sendPicture(to, message.image);
      if (!r.ok) log(`picture not sent: ${r.error}`);
    }
    return textResult;
  };

  const client = new StreamClient({
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    apiBase,
    onLost: (code) => supervisor.lost(code),
    log,
  });
  const supervisor = superviseConnection({
    client,
    clientId: options.clientId,
    backoff: { ...DEFAULT_BACKOFF, ...options.reconnect },
    log,
  });
  client.registerCallbackListener(
    TOPIC_ROBOT,
    robotListener({
      api,
      robotCode,
      now,
      handler: () => handler,
      ack: (frameId, result) => client.socketCallBackResponse(frameId, result),
      log,
      sendPrivately: async (staffId, message) => {
        const r = await sendBatch(api, robotCode, [staffId], message);
        if (r.failed.length || r.retryable.length) throw new Error(`private reply not sent: ${r.failed[0]?.error ?? 'throttled'}`);
        await withPicture({ userId: staffId }, message, { ok: true });
      },
      sendPicture,
    }),
  );

  return {
    platform: 'dingtalk',
    start: () => supervisor.start(),
    stop: () => supervisor.stop(),
    onMessage(h) {
      handler = h;
    },
    async send(to, message): Promise<SendResult> {
      if ('groupId' in to) return withPicture(to, message, await sendGroup(api, robotCode, to.groupId, message));
      return withPicture(to, message, resultFor(to.userId, await sendBatch(api, robotCode, [to.userId], message)));
    },
    async sendBatch(userIds, message) {
      const r = await sendBatch(api, robotCode, userIds, message);
      for (const userId of message.image ? r.sent : []) await withPicture({ userId }, message, { ok: true });
      return r;
    },
    reply: (msg, message) => replyToRecorded({ api, robotCode, now, log, sendPicture }, msg, message),
  };
}
