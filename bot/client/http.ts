import type { Actor } from '../../api/core/context.js';
import { DomainError, ERROR_CODES, type ErrorCode } from '../../api/core/errors.js';
import type { HazardRef, HazardView, ActorVerbs, MessageOrigin, VerbClient } from './types.js';
import { sha256Hex } from '../../lib/hash.js';

// The same verbs over HTTP, for a bot running as its own process next to a remote API (API_URL).
// Requests are exactly what any other API client sends; error bodies become the DomainErrors the
// in-process verbs would have thrown, so the dialog cannot tell the two transports apart.

export type TokenFor = (personId: number) => string | Promise<string>;
type Query = Record<string, string | number | boolean | undefined>;

const REQUEST_TIMEOUT_MS = 15_000;

/**
 * The Idempotency-Key of the n-th POST to `path` made while handling one chat message. A crash
 * after the API wrote but before the message was marked handled makes the inbox handle the message
 * again (start-up replay, or the platform's redelivery): the same calls in the same order get the
 * same keys, so the API answers them from what it stored instead of writing a second time (a second
 * 整改 event, note, 吹哨, photo). Hashed: message ids are long and the key is at most 200 characters.
 */
export const chatIdempotencyKey = (origin: MessageOrigin, path: string, n: number) =>
  `chat:${sha256Hex(`${origin.platform}\n${origin.messageId}\n${path}\n${n}`).slice(0, 48)}`;

class ApiCaller {
  private readonly posts = new Map<string, number>();
  constructor(
    private readonly base: string,
    private readonly token: () => Promise<string>,
    private readonly channel: string,
    private readonly origin?: MessageOrigin,
  ) {}

  async call<T>(method: 'GET' | 'POST', path: string, opts: { query?: Query; json?: unknown; bytes?: Uint8Array; mime?: string } = {}): Promise<T> {
    const url = new URL(path, this.base);
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    // The chat platform the message came from, so the API records it on every event (SPEC §4).
    const headers: Record<string, string> = { authorization: `Bearer ${await this.token()}`, accept: 'application/json', 'x-gridsafe-channel': this.channel };
    if (method === 'POST' && this.origin) {
      const n = (this.posts.get(path) ?? 0) + 1;
      this.posts.set(path, n);
      headers['idempotency-key'] = chatIdempotencyKey(this.origin, path, n);
    }
    let body: BodyInit | undefined;
    if (opts.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.json);
    } else if (opts.bytes) {
      headers['content-type'] = opts.mime ?? 'application/octet-stream';
      body = opts.bytes as Uint8Array<ArrayBuffer>;
    }
    const res = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const text = await res.text();
    const parsed = text ? safeJson(text) : undefined;
    if (res.ok) return parsed as T;
    const err = (parsed as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    // A 5xx is the API's problem, not the user's: it propagates as a plain error and the inbox apologises.
    if (res.status < 500 && err?.code && err.code in ERROR_CODES && err.message) {
      throw new DomainError(err.code as ErrorCode, err.message, err.details);
    }
    throw new Error(`API ${method} ${url.pathname} answered ${res.status}`);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `tokenFor(personId)` supplies each person's API token (minted by an admin for the bot). */
export function httpClient(apiUrl: string, tokenFor: TokenFor): VerbClient {
  const base = apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`;
  return { as: (actor, channel, origin) => httpVerbs(new ApiCaller(base, async () => tokenFor(actor.personId), channel, origin), actor) };
}

function httpVerbs(api: ApiCaller, actor: Actor): ActorVerbs {
  const enc = encodeURIComponent;
  // Lifecycle routes are addressed by id; chat names hazards by code, so a code is looked up first.
  const idOf = async (ref: HazardRef) => ('id' in ref ? ref.id : (await api.call<HazardView>('GET', `v1/hazards/${enc(ref.code)}`)).id);
  const action = async (ref: HazardRef, name: string, json: unknown) =>
    api.call<HazardView>('POST', `v1/hazards/${await idOf(ref)}/${name}`, { json });

  return {
    actor,
    report: (input) => api.call('POST', 'v1/hazards', { json: input }),
    patrol: (input) => api.call('POST', 'v1/patrols', { json: input }),
    rectify: (ref, input) => action(ref, 'rectify', input),
    review: (ref, input) => action(ref, 'review', input),
    assign: (ref, input) => action(ref, 'assign', input),
    void: (ref, input) => action(ref, 'void', input),
    whistle: (ref, input) => action(ref, 'whistle', input),
    acknowledge: (ref) => action(ref, 'acknowledge', {}),
    addNote: (ref, input) => action(ref, 'notes', input),
    correct: (ref, input) => action(ref, 'correct', input),
    getHazard: (ref) => api.call('GET', `v1/hazards/${'id' in ref ? ref.id : enc(ref.code)}`),
    hazards: (query) => api.call('GET', 'v1/hazards', { query: query as Query }),
    matchEnterprises: async (q, limit) => (await api.call<{ items: Awaited<ReturnType<ActorVerbs['matchEnterprises']>> }>('GET', 'v1/enterprises/match', { query: { q, limit } })).items,
    enterpriseNames: () => api.call('GET', 'v1/enterprises/names'),
    getEnterprise: (id) => api.call('GET', `v1/enterprises/${id}`),
    enterprises: (query) => api.call('GET', 'v1/enterprises', { query: query as Query }),
    tasks: () => api.call('GET', 'v1/me/tasks'),
    stats: (input) => api.call('GET', 'v1/stats/summary', { query: input }),
    overdue: (input) => api.call('GET', 'v1/stats/overdue', { query: input }),
    major: (input) => api.call('GET', 'v1/stats/major', { query: input }),
    ranking: (input) => api.call('GET', 'v1/stats/assessment', { query: input }),
    noteUnrecognised: (text) => api.call('POST', 'v1/chat/unrecognised', { json: { text } }),
    storePhoto: (input) => api.call('POST', 'v1/photos', { bytes: input.bytes, mime: input.mime?.startsWith('image/') ? input.mime : 'image/jpeg' }),
    departments: async () => (await api.call<{ items: Awaited<ReturnType<ActorVerbs['departments']>> }>('GET', 'v1/departments')).items,
    towns: async () => (await api.call<{ items: Awaited<ReturnType<ActorVerbs['towns']>> }>('GET', 'v1/towns', { query: { limit: 500 } })).items,
    grids: async () => (await api.call<{ items: Awaited<ReturnType<ActorVerbs['grids']>> }>('GET', 'v1/grids', { query: { limit: 500 } })).items,
  };
}
