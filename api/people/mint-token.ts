import { z } from '@hono/zod-openapi';
import type { Ctx } from '../core/context.js';
import { forbidden, validationFailed } from '../core/errors.js';
import { createApiToken, type MintedToken } from './create-api-token.js';
import { loadPerson } from './load-person.js';
import { PEOPLE_MSG } from './messages.js';

export const MintTokenInput = z
  .object({ label: z.string().trim().max(60).default('') })
  .strict()
  .openapi('MintTokenInput');
export type MintTokenInputT = z.input<typeof MintTokenInput>;

/** A new API token for a person: district admins for anyone, everyone else only for themselves. */
export async function mintToken(ctx: Ctx, personId: number, input: MintTokenInputT = {}): Promise<MintedToken> {
  if (ctx.actor.role !== 'district_admin' && ctx.actor.personId !== personId) throw forbidden();
  const person = await loadPerson(ctx.db, personId);
  if (!person.active) throw validationFailed(PEOPLE_MSG.personInactive);
  return createApiToken(ctx, personId, input.label?.trim() ?? '');
}
