// DingTalk OpenAPI (api.dingtalk.com v1.0) with a cached access token. Tokens and secrets never
// appear in errors or logs: errors carry the path, the HTTP status and DingTalk's error code only.

export class DingTalkApiError extends Error {
  constructor(
    readonly path: string,
    readonly status: number,
    readonly code: string,
    /** Throttled (HTTP 429, errcode 130101) or DingTalk itself failing (5xx): may succeed later. */
    readonly retryable: boolean,
  ) {
    super(`${path} → HTTP ${status}${code ? ` (${code})` : ''}`);
  }
}

export type OpenApiOptions = {
  apiBase: string;
  clientId: string;
  clientSecret: string;
  /** Milliseconds since the epoch; injectable so token expiry can be tested. */
  now?: () => number;
};

export type OpenApi = {
  /** POSTs JSON with the access token; a 401 refreshes the token once and retries. */
  post<T>(path: string, body: unknown): Promise<T>;
  /**
   * POSTs a multipart form to a legacy oapi.dingtalk.com URL (media upload), which takes the same
   * access token as a query parameter and answers errors as 200 with an errcode.
   */
  postForm<T>(url: string, form: FormData): Promise<T>;
};

// Refresh this long before DingTalk's expireIn (7200 s) runs out, so no call carries a dying token.
const TOKEN_MARGIN_MS = 5 * 60_000;
// 130101: a group robot sent more than 20 messages a minute and is blocked for a while. The
// monthly quota (90020) is not listed: retrying within the month cannot succeed.
const THROTTLED_CODES = new Set(['130101']);

export function createOpenApi(opts: OpenApiOptions): OpenApi {
  const now = opts.now ?? Date.now;
  const base = opts.apiBase.replace(/\/+$/, '');
  let cached: { token: string; until: number } | null = null;
  // Concurrent callers share one token request instead of each fetching their own.
  let pending: Promise<string> | null = null;

  async function fetchToken(): Promise<string> {
    const path = '/v1.0/oauth2/accessToken';
    const res = await fetch(base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ appKey: opts.clientId, appSecret: opts.clientSecret }),
    });
    const body = (await res.json().catch(() => ({}))) as { accessToken?: unknown; expireIn?: unknown };
    if (!res.ok || typeof body.accessToken !== 'string') throw errorOf(path, res.status, body);
    const ttlMs = (typeof body.expireIn === 'number' ? body.expireIn : 7200) * 1000;
    cached = { token: body.accessToken, until: now() + Math.max(ttlMs - TOKEN_MARGIN_MS, ttlMs / 2) };
    return body.accessToken;
  }

  async function token(): Promise<string> {
    if (cached && now() < cached.until) return cached.token;
    pending ??= fetchToken().finally(() => (pending = null));
    return pending;
  }

  async function once(path: string, body: unknown, accessToken: string) {
    return fetch(base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-acs-dingtalk-access-token': accessToken },
      body: JSON.stringify(body),
    });
  }

  return {
    async post<T>(path: string, body: unknown): Promise<T> {
      let res = await once(path, body, await token());
      if (res.status === 401) {
        cached = null;
        res = await once(path, body, await token());
      }
      const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      // The v1.0 API answers errors with an HTTP error status; a few throttles still arrive as
      // 200 with a legacy errcode, so both are checked.
      const legacy = json.errcode;
      if (!res.ok || (legacy !== undefined && legacy !== 0)) throw errorOf(path, res.status, json);
      return json as T;
    },
    async postForm<T>(url: string, form: FormData): Promise<T> {
      const target = new URL(url);
      target.searchParams.set('access_token', await token());
      const res = await fetch(target, { method: 'POST', body: form, signal: AbortSignal.timeout(30_000) });
      const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      // The path only: the URL now carries the token.
      if (!res.ok || (json.errcode !== undefined && json.errcode !== 0)) throw errorOf(target.pathname, res.status, json);
      return json as T;
    },
  };
}

function errorOf(path: string, status: number, body: Record<string, unknown>): DingTalkApiError {
  const code = String(body.errcode ?? body.code ?? '');
  return new DingTalkApiError(path, status, code, status === 429 || status >= 500 || THROTTLED_CODES.has(code));
}
