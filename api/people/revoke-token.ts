import { and, eq, isNull } from 'drizzle-orm';
import { apiTokens } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { notFound } from '../core/errors.js';
import { PEOPLE_MSG } from './messages.js';

/** Revokes a token: district admins any, everyone else their own. Revoking twice is harmless. */
export async function revokeToken(ctx: Ctx, tokenId: number): Promise<{ id: number; revokedAt: Date }> {
  const row = await ctx.db.select().from(apiTokens).where(eq(apiTokens.id, tokenId)).get();
  // Someone else's token id is not revealed to exist.
  if (!row || (ctx.actor.role !== 'district_admin' && row.personId !== ctx.actor.personId)) throw notFound(PEOPLE_MSG.token);
  if (row.revokedAt) return { id: row.id, revokedAt: row.revokedAt };
  const revokedAt = ctx.clock();
  await ctx.writer.batch([
    ctx.db.update(apiTokens).set({ revokedAt }).where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt))),
  ]);
  return { id: row.id, revokedAt };
}
