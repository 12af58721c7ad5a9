import { z } from '@hono/zod-openapi';
import { and, asc, eq, ne, or, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { chatIdentities, PLATFORMS, type Platform } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { conflict, validationFailed } from '../core/errors.js';
import { requireRole } from '../core/scope.js';
import { uniqueAsConflict } from '../core/unique-violation.js';
import { loadManageablePerson } from './load-person.js';
import { PEOPLE_MSG } from './messages.js';

const ExternalId = z.string().trim().min(1).max(128);

// Per platform: a string sets that identity, null removes it, an absent key leaves it alone — so an
// admin setting a DingTalk staffId never unbinds the WeChat identity the worker linked themselves.
export const SetIdentitiesInput = z
  .object({ dingtalk: ExternalId.nullish(), wechat: ExternalId.nullish(), wecom: ExternalId.nullish(), terminal: ExternalId.nullish() })
  .strict()
  .openapi('SetIdentitiesInput');
export type SetIdentitiesInputT = z.infer<typeof SetIdentitiesInput>;

export type IdentityT = { platform: Platform; externalId: string };

/** Sets a person's chat identities (DingTalk staffId from the org directory); admins within reach. */
export async function setIdentities(ctx: Ctx, personId: number, input: SetIdentitiesInputT): Promise<{ identities: IdentityT[] }> {
  requireRole(ctx.actor, 'district_admin', 'town_admin');
  await loadManageablePerson(ctx.db, ctx.actor, personId); // throws unless the person is within reach
  const touched = PLATFORMS.filter((p) => input[p] !== undefined);
  if (touched.length === 0) throw validationFailed(PEOPLE_MSG.nothingToUpdate);
  const wanted = touched.flatMap((p) => (input[p] ? [{ platform: p, externalId: input[p] as string }] : []));

  const takenBy: SQL[] = wanted.map((w) => and(eq(chatIdentities.platform, w.platform), eq(chatIdentities.externalId, w.externalId))!);
  if (takenBy.length) {
    const other = await ctx.db
      .select({ platform: chatIdentities.platform })
      .from(chatIdentities)
      .where(and(or(...takenBy), ne(chatIdentities.personId, personId)))
      .get();
    if (other) throw conflict(PEOPLE_MSG.identityTaken(other.platform));
  }

  const now = ctx.clock();
  const statements: BatchItem<'sqlite'>[] = touched.map((p) =>
    ctx.db.delete(chatIdentities).where(and(eq(chatIdentities.personId, personId), eq(chatIdentities.platform, p))),
  );
  if (wanted.length) {
    statements.push(ctx.db.insert(chatIdentities).values(wanted.map((w) => ({ ...w, personId, createdAt: now }))));
  }
  await uniqueAsConflict(
    ctx.writer.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]),
    PEOPLE_MSG.identityTaken(wanted[0]?.platform ?? ''),
  );
  const identities = await ctx.db
    .select({ platform: chatIdentities.platform, externalId: chatIdentities.externalId })
    .from(chatIdentities)
    .where(eq(chatIdentities.personId, personId))
    .orderBy(asc(chatIdentities.platform));
  return { identities };
}
