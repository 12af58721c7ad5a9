import { apiTokens } from '../../db/schema/index.js';
import type { Deps } from '../core/context.js';
import { newApiToken, sha256Hex } from '../../lib/hash.js';

export type MintedToken = { id: number; personId: number; label: string; token: string; createdAt: Date };

/**
 * Mints an API token without any permission check: the verb (mint-token) and the operator CLI
 * (scripts/token.ts) decide who may. Only the sha256 is stored; the plaintext is returned once.
 */
export async function createApiToken(deps: Deps, personId: number, label: string): Promise<MintedToken> {
  const token = newApiToken();
  const createdAt = deps.clock();
  const [[row]] = await deps.writer.batch([
    deps.db.insert(apiTokens).values({ personId, tokenHash: sha256Hex(token), label, createdAt }).returning({ id: apiTokens.id }),
  ]);
  return { id: row.id, personId, label, token, createdAt };
}
