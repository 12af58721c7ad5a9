import { Hono, type Context } from 'hono';
import type { Actor, Ctx, Deps } from '../api/core/context.js';
import { DomainError } from '../api/core/errors.js';
import { WEB_MSG } from './messages.js';
import type { DocsAssetReader } from './docs-assets.js';

export type WebOptions = {
  /** Where people reach the pages (links in chat); also an accepted Origin behind a proxy. */
  publicUrl?: string;
  /** DingTalk H5 免登: the app's credentials and the OpenAPI base (faked on loopback in tests). */
  dingtalk?: { clientId: string; clientSecret: string; apiBase: string; oapiBase?: string; corpId?: string };
  /** Reads Swagger UI's files so /docs needs no CDN (Node: web/docs-assets-node.ts). */
  docsAssets?: DocsAssetReader;
};

export type WebUser = { actor: Actor; csrf: string; sessionId: number };
export type WebEnv = { Variables: { user: WebUser; ctx: Ctx } };
export type WebApp = Hono<WebEnv>;
export type WebContext = Context<WebEnv>;
export type WebDeps = { deps: Deps; options: WebOptions };

/**
 * A page's form: multipart or urlencoded, with the CSRF token checked before any verb runs.
 * Values repeated in the form (checkboxes, several photos) come back as arrays.
 */
export async function readForm(c: WebContext): Promise<Record<string, string | File | (string | File)[]>> {
  const body = await c.req.parseBody({ all: true });
  if (body._csrf !== c.get('user').csrf) throw new DomainError('forbidden', WEB_MSG.csrfFailed);
  return body;
}

export const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : Array.isArray(v) ? text(v[0]) : '');
export const files = (v: unknown): File[] =>
  (Array.isArray(v) ? v : [v]).filter((f): f is File => typeof f === 'object' && f !== null && 'arrayBuffer' in f && (f as File).size > 0);
export const positiveInt = (v: unknown): number | undefined => {
  const n = Number(text(v));
  return Number.isInteger(n) && n > 0 ? n : undefined;
};
