import type { MessageHandler } from '../port.js';
import type { CallbackHandler } from './handler.js';
import { createOpenApi } from '../adapters/dingtalk/openapi.js';
import { normalise } from '../adapters/dingtalk/normalise.js';
import { parseRobotMessage } from '../adapters/dingtalk/robot-message.js';
import { replyViaSessionWebhook } from '../adapters/dingtalk/session-reply.js';
import { DomainError, errorBody, unauthorized } from '../../api/core/errors.js';
import { verifyDingTalkSign } from './dingtalk-sign.js';
import { lineLogger } from '../../lib/log.js';


export type DingTalkCallbackOptions = {
  /** The app secret (DINGTALK_CLIENT_SECRET): the HMAC key of the `sign` header and, with the client id, the OpenAPI login. */
  clientSecret: string;
  /** Needed only to fetch pictures through the OpenAPI. */
  clientId?: string;
  robotCode?: string;
  apiBase?: string;
  /**
   * The inbox (wrapped for voice and media): records once per msgId, runs the dialog and sends the
   * reply itself (its `replyVia`), marking it replied only once DingTalk took it. It answers a
   * reply here only for a message it does not record (a request for text after a video).
   */
  handler: MessageHandler;
  /** Resolves when the replies being sent are out or given up (Inbox.settled): kept running after the 200. */
  settled: () => Promise<void>;
  now: () => Date;
  log?: (line: string) => void;
};

// A robot message is a few kilobytes; anything far larger is not one.
const MAX_BODY_BYTES = 64 * 1024;

const json = (body: unknown, status: number) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });

/**
 * `POST /callbacks/dingtalk`: DingTalk's HTTP mode for a robot, for deployments without a
 * long-lived Stream connection (a Worker). The signature is checked before anything is read or
 * written; a stale or bad one is 401 and nothing is recorded. The message then goes through the
 * same inbox as Stream mode, so a replayed request (same msgId, within the hour the timestamp
 * allows), or two copies arriving at once, is recorded once and answered once (the inbox's claim
 * on the row, in the database: it holds across restarts, processes and Worker isolates). The inbox
 * sends the answer through the session webhook (else proactively) and marks it replied only after
 * DingTalk accepted it; that work runs after the response (a Worker's waitUntil), so DingTalk gets
 * its 200 as soon as the message is recorded and handled.
 */
export function dingtalkCallback(opts: DingTalkCallbackOptions): CallbackHandler {
  const log = opts.log ?? lineLogger('dingtalk-callback', 'warn');
  const apiBase = (opts.apiBase ?? 'https://api.dingtalk.com').replace(/\/+$/, '');
  const api = createOpenApi({ apiBase, clientId: opts.clientId ?? '', clientSecret: opts.clientSecret, now: () => opts.now().getTime() });
  const robotCode = opts.robotCode ?? opts.clientId ?? '';
  // The signature covers only the timestamp, not the body: a captured request's headers can carry
  // any body for an hour. So the reply is never posted to a URL the body names unless it is
  // DingTalk's own (or the configured API base, which is where tests put the fake): a forged
  // sessionWebhook must not receive a 登录 link or anything else.
  const webhookOrigins = new Set(['https://oapi.dingtalk.com', 'https://api.dingtalk.com', new URL(apiBase).origin]);

  return async (request, background) => {
    const check = await verifyDingTalkSign(
      request.headers.get('timestamp') ?? undefined,
      request.headers.get('sign') ?? undefined,
      opts.clientSecret,
      opts.now().getTime(),
    );
    if (!check.ok) return json(errorBody(unauthorized(check.reason === 'stale' ? '回调时间戳已过期' : '回调签名无效')), 401);

    const declared = Number(request.headers.get('content-length') ?? 0);
    if (declared > MAX_BODY_BYTES) return json(errorBody(new DomainError('payload_too_large', '请求体过大')), 413);
    const text = await request.text();
    if (text.length > MAX_BODY_BYTES) return json(errorBody(new DomainError('payload_too_large', '请求体过大')), 413);
    const parsed = parseRobotMessage(text);
    if (!parsed.ok) return json(errorBody(new DomainError('validation_failed', `机器人消息格式无效：${parsed.error}`)), 400);

    if (!webhookOrigins.has(originOf(parsed.msg.sessionWebhook))) {
      return json(errorBody(new DomainError('validation_failed', '机器人消息的回复地址不是钉钉的地址')), 400);
    }
    const msg = normalise(parsed.msg, { api, robotCode, now: opts.now });
    let reply;
    try {
      reply = await opts.handler(msg);
    } catch (e) {
      // Not recorded: a 500 makes DingTalk deliver it again.
      log(`[钉钉回调] 消息未能记录：${e instanceof Error ? e.message : String(e)}`);
      return json(errorBody(new DomainError('internal', '消息暂时无法处理，请稍后重试')), 500);
    }
    // A recorded message's reply is the inbox's to send; only an unrecorded one comes back here.
    background(opts.settled());
    if (reply) {
      const atStaffId = msg.conversation.kind === 'group' ? parsed.msg.senderStaffId : undefined;
      background(
        replyViaSessionWebhook(msg.replyTo, reply, { group: msg.conversation.kind === 'group', atStaffId }).catch((e) =>
          log(`[钉钉回调] 回复发送失败：${e instanceof Error ? e.message : String(e)}`)),
      );
    }
    return json({}, 200);
  };
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}
