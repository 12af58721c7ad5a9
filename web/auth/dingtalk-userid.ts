import { DomainError } from '../../api/core/errors.js';

export type DingTalkAuth = { clientId: string; clientSecret: string; apiBase: string; oapiBase: string };

/**
 * H5 微应用免登: the app's access token from the v1.0 OpenAPI, then the code → the user's userid
 * (their staffId) from topapi/v2/user/getuserinfo. Neither token nor code ever reaches a log or a reply.
 */
export async function dingTalkUserId(auth: DingTalkAuth, code: string): Promise<string> {
  const tokenRes = await fetch(`${auth.apiBase.replace(/\/+$/, '')}/v1.0/oauth2/accessToken`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ appKey: auth.clientId, appSecret: auth.clientSecret }),
  });
  const token = (await tokenRes.json().catch(() => ({}))) as { accessToken?: string };
  if (!tokenRes.ok || typeof token.accessToken !== 'string') throw new DomainError('internal', '钉钉接口暂时不可用');
  const res = await fetch(`${auth.oapiBase.replace(/\/+$/, '')}/topapi/v2/user/getuserinfo?access_token=${encodeURIComponent(token.accessToken)}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }),
  });
  const body = (await res.json().catch(() => ({}))) as { errcode?: number; result?: { userid?: string } };
  if (!res.ok || body.errcode !== 0 || typeof body.result?.userid !== 'string') throw new DomainError('unauthorized', '钉钉免登失败，请重新打开应用');
  return body.result.userid;
}
