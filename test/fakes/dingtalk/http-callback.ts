import { createHmac } from 'node:crypto';

// DingTalk's HTTP mode as DingTalk itself speaks it: the robot message JSON POSTed to the
// configured URL with headers `timestamp` (epoch ms) and `sign` = base64(HMAC-SHA256(key =
// appSecret, timestamp + "\n" + appSecret)). Written apart from bot/callbacks/dingtalk-sign.ts
// (node:crypto, not Web Crypto), so the app's check is tested against an independent signer.

export function dingtalkHttpSign(timestamp: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(`${timestamp}\n${appSecret}`).digest('base64');
}

/** The request DingTalk would send at `atMs` (what a captured request replays byte for byte). */
export function callbackRequest(url: string, message: Record<string, unknown>, opts: { appSecret: string; atMs?: number }): Request {
  const timestamp = String(opts.atMs ?? Date.now());
  return new Request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', timestamp, sign: dingtalkHttpSign(timestamp, opts.appSecret) },
    body: JSON.stringify(message),
  });
}

/** A captured request sent again: same headers, same body (`new Request(copy)` keeps both). */
export const replayOf = async (captured: Request): Promise<Request> =>
  new Request(captured.url, { method: 'POST', headers: captured.headers, body: await captured.clone().text() });
