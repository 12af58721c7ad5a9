import { DomainError } from '../../api/core/errors.js';

export type DingTalkAuth = { clientId: string; clientSecret: string; apiBase: string; oapiBase: string };

// Each call to DingTalk is bounded: a sign-in page must not hang on an unreachable OpenAPI.
const CALL_TIMEOUT_MS = 10_000;
const unavailable = () => new DomainError('internal', '钉钉接口暂时不可用，请稍后重试');

/** fetch with a time bound; a network failure or timeout reads as DingTalk being unavailable. */
async function call(url: string, body: unknown): Promise<Response> {
  try {
    return await fetch(url, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
  } catch {
    throw unavailable();
  }
}

/**
 * H5 微应用免登: the app's access token from the v1.0 OpenAPI, then the code → the user's userid
 * (their staffId) from topapi/v2/user/getuserinfo. Only fetch, so Node and the Worker run the same
 * code. Neither token nor code ever reaches a log or a reply.
 */
export async function dingTalkUserId(auth: DingTalkAuth, code: string): Promise<string> {
  const tokenRes = await call(`${auth.apiBase.replace(/\/+$/, '')}/v1.0/oauth2/accessToken`, { appKey: auth.clientId, appSecret: auth.clientSecret });
  const token = (await tokenRes.json().catch(() => ({}))) as { accessToken?: string };
  if (!tokenRes.ok || typeof token.accessToken !== 'string') throw unavailable();
  const res = await call(`${auth.oapiBase.replace(/\/+$/, '')}/topapi/v2/user/getuserinfo?access_token=${encodeURIComponent(token.accessToken)}`, { code });
  const body = (await res.json().catch(() => ({}))) as { errcode?: number; result?: { userid?: string } };
  if (!res.ok || body.errcode !== 0 || typeof body.result?.userid !== 'string') throw new DomainError('unauthorized', '钉钉免登失败，请重新打开应用');
  return body.result.userid;
}
