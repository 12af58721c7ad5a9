import { z } from '@hono/zod-openapi';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { bindingCodes, chatIdentities, people } from '../../db/schema/index.js';
import type { Deps } from '../core/context.js';
import { DomainError } from '../core/errors.js';
import { sha256Hex } from '../../lib/hash.js';
import { PEOPLE_MSG } from './messages.js';
import { PlatformSchema } from './schemas.js';

export type BindingFailure = 'unknown' | 'used' | 'expired' | 'inactive';

/** A refused binding code; `reason` lets the bot choose its reply, `message` is already Chinese. */
export class BindingCodeError extends DomainError {
  constructor(readonly reason: BindingFailure) {
    const messages = { unknown: PEOPLE_MSG.bindingUnknown, used: PEOPLE_MSG.bindingUsed, expired: PEOPLE_MSG.bindingExpired, inactive: PEOPLE_MSG.bindingInactive };
    super('validation_failed', messages[reason], { reason });
    this.name = 'BindingCodeError';
  }
}

export const RedeemBindingCodeInput = z
  .object({
    platform: PlatformSchema,
    externalId: z.string().trim().min(1).max(200),
    code: z.string().max(40),
    now: z.date().optional(),
  })
  .strict();
export type RedeemBindingCodeInputT = z.infer<typeof RedeemBindingCodeInput>;

export type Redeemed = { personId: number; name: string };

/**
 * Links a chat sender to the person a code was issued to. No actor: the sender is not bound yet.
 * The person's previous identity on the platform is replaced (WeChat ids change at every login).
 */
export async function redeemBindingCode(deps: Deps, input: RedeemBindingCodeInputT): Promise<Redeemed> {
  const now = input.now ?? deps.clock();
  // Full-width digits and stray spaces come straight from phone keyboards.
  const code = input.code.normalize('NFKC').replace(/\s+/g, '');
  if (!/^\d{6}$/.test(code)) throw new BindingCodeError('unknown');
  const row = await deps.db
    .select({ id: bindingCodes.id, personId: bindingCodes.personId, expiresAt: bindingCodes.expiresAt, usedAt: bindingCodes.usedAt, name: people.name, active: people.active })
    .from(bindingCodes)
    .innerJoin(people, eq(people.id, bindingCodes.personId))
    .where(eq(bindingCodes.codeHash, sha256Hex(code)))
    .get();
  if (!row) throw new BindingCodeError('unknown');
  if (row.usedAt) throw new BindingCodeError('used');
  if (row.expiresAt.getTime() <= now.getTime()) throw new BindingCodeError('expired');
  if (!row.active) throw new BindingCodeError('inactive');

  // Every statement is conditioned on the code still being unused, and the code is marked last:
  // of two concurrent redeems, the second batch changes nothing and learns so from `claimed`.
  const stillUnused = sql`exists (select 1 from binding_codes bc where bc.id = ${row.id} and bc.used_at is null)`;
  const { platform, externalId } = input;
  const [, , , claimed] = await deps.writer.batch([
    deps.db.delete(chatIdentities).where(and(eq(chatIdentities.personId, row.personId), eq(chatIdentities.platform, platform), stillUnused)),
    deps.db.delete(chatIdentities).where(and(eq(chatIdentities.platform, platform), eq(chatIdentities.externalId, externalId), stillUnused)),
    deps.db.run(sql`insert into ${chatIdentities} (person_id, platform, external_id, created_at)
      select ${row.personId}, ${platform}, ${externalId}, ${now.getTime()} where ${stillUnused}`),
    deps.db
      .update(bindingCodes)
      .set({ usedAt: now })
      .where(and(eq(bindingCodes.id, row.id), isNull(bindingCodes.usedAt)))
      .returning({ id: bindingCodes.id }),
  ]);
  if (claimed.length === 0) throw new BindingCodeError('used');
  return { personId: row.personId, name: row.name };
}
