import { apiTokens, type TokenKind } from '../../db/schema/index.js';
import type { Deps } from '../core/context.js';
import { newApiToken, sha256Hex } from '../../lib/hash.js';
import { DAY_MS } from '../../lib/time.js';

/** Tokens live this long unless the mint says otherwise (the API's `ttlDays`, the CLI's --days). */
export const TOKEN_TTL_DAYS = 90;
export const MAX_TOKEN_TTL_DAYS = 3650;

export type MintedToken = { id: number; personId: number; label: string; kind: TokenKind; token: string; createdAt: Date; expiresAt: Date };
export type MintOptions = { kind?: TokenKind; ttlDays?: number };

/**
 * Mints an API token without any permission check: the verb (mint-token) and the operator CLI
 * (scripts/token.ts) decide who may. Only the sha256 is stored; the plaintext is returned once.
 */
export async function createApiToken(deps: Deps, personId: number, label: string, opts: MintOptions = {}): Promise<MintedToken> {
  const token = newApiToken();
  const kind = opts.kind ?? 'person';
  const createdAt = deps.clock();
  const expiresAt = new Date(createdAt.getTime() + (opts.ttlDays ?? TOKEN_TTL_DAYS) * DAY_MS);
  const [[row]] = await deps.writer.batch([
    deps.db.insert(apiTokens).values({ personId, tokenHash: sha256Hex(token), label, kind, createdAt, expiresAt }).returning({ id: apiTokens.id }),
  ]);
  return { id: row.id, personId, label, kind, token, createdAt, expiresAt };
}
