import { desc, eq } from 'drizzle-orm';
import { apiTokens, type TokenKind } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { forbidden } from '../core/errors.js';
import { loadPerson } from './load-person.js';

export type TokenInfo = {
  id: number; label: string; kind: TokenKind;
  createdAt: Date; expiresAt: Date | null; lastUsedAt: Date | null; revokedAt: Date | null;
};

/**
 * A person's tokens without their secrets, newest first: who may mint them may see them (district
 * admins anyone's, everyone else their own). `lastUsedAt` is exact to the hour (core/token-use.ts).
 */
export async function listTokens(ctx: Ctx, personId: number): Promise<TokenInfo[]> {
  if (ctx.actor.role !== 'district_admin' && ctx.actor.personId !== personId) throw forbidden();
  await loadPerson(ctx.db, personId);
  return ctx.db
    .select({
      id: apiTokens.id, label: apiTokens.label, kind: apiTokens.kind, createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.personId, personId))
    .orderBy(desc(apiTokens.id));
}
