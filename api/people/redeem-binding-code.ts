import { z } from '@hono/zod-openapi';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { bindingCodes, chatIdentities, people } from '../../db/schema/index.js';
import type { Deps } from '../core/context.js';
import { DomainError, type ErrorCode } from '../core/errors.js';
import { sameDigest } from '../../lib/hash.js';
import { PEOPLE_MSG } from './messages.js';
import { PlatformSchema } from './schemas.js';
import { bindingCodeHash } from './binding-secret.js';
import { normaliseBindingCode, selectorOf } from './binding-code-format.js';
import { countSenderAttempt, DEFAULT_BINDING_LIMITS, forgetSender, reserveCodeChecks, type BindingLimits } from './binding-limits.js';

export type BindingFailure = 'unknown' | 'used' | 'expired' | 'inactive' | 'burned' | 'throttled';

/** A refused binding code; `reason` lets the bot choose its reply, `message` is already Chinese. */
export class BindingCodeError extends DomainError {
  constructor(readonly reason: BindingFailure, retryAfterSeconds = 60) {
    super(...BindingCodeError.describe(reason, retryAfterSeconds));
    this.name = 'BindingCodeError';
  }

  private static describe(reason: BindingFailure, retryAfterSeconds: number): [ErrorCode, string, unknown] {
    switch (reason) {
      case 'throttled':
        return ['rate_limited', PEOPLE_MSG.bindingThrottled(Math.max(1, Math.ceil(retryAfterSeconds / 60))), { reason, retryAfterSeconds }];
      case 'unknown': return ['validation_failed', PEOPLE_MSG.bindingUnknown, { reason }];
      case 'used': return ['validation_failed', PEOPLE_MSG.bindingUsed, { reason }];
      case 'expired': return ['validation_failed', PEOPLE_MSG.bindingExpired, { reason }];
      case 'inactive': return ['validation_failed', PEOPLE_MSG.bindingInactive, { reason }];
      case 'burned': return ['validation_failed', PEOPLE_MSG.bindingBurned, { reason }];
    }
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
 *
 * Order matters (binding-limits.ts): the sender's attempt is counted and committed first, then
 * the codes sharing the guess's selector are read with one check counted on each in the same
 * statement, and only then compared. A crash or a concurrent guess can only over-count.
 */
export async function redeemBindingCode(deps: Deps, input: RedeemBindingCodeInputT, limits: BindingLimits = DEFAULT_BINDING_LIMITS): Promise<Redeemed> {
  const now = input.now ?? deps.clock();
  const { platform, externalId } = input;
  const waitMs = await countSenderAttempt(deps, limits, platform, externalId, now);
  if (waitMs > 0) throw new BindingCodeError('throttled', Math.ceil(waitMs / 1000));
  const code = normaliseBindingCode(input.code);
  if (!code) throw new BindingCodeError('unknown');
  const codeHash = await bindingCodeHash(deps, code);
  const candidates = await reserveCodeChecks(deps, limits, selectorOf(code), now);
  const match = candidates.find((r) => sameDigest(r.codeHash, codeHash));
  if (!match) throw new BindingCodeError(await whyNotLive(deps, limits, codeHash, now));
  const person = await deps.db.select({ name: people.name, active: people.active }).from(people).where(eq(people.id, match.personId)).get();
  if (!person?.active) throw new BindingCodeError('inactive');

  // Every statement is conditioned on the code still being unused, and the code is marked last:
  // of two concurrent redeems, the second batch changes nothing and learns so from `claimed`.
  const stillUnused = sql`exists (select 1 from binding_codes bc where bc.id = ${match.id} and bc.used_at is null)`;
  const [, , , claimed] = await deps.writer.batch([
    deps.db.delete(chatIdentities).where(and(eq(chatIdentities.personId, match.personId), eq(chatIdentities.platform, platform), stillUnused)),
    deps.db.delete(chatIdentities).where(and(eq(chatIdentities.platform, platform), eq(chatIdentities.externalId, externalId), stillUnused)),
    deps.db.run(sql`insert into ${chatIdentities} (person_id, platform, external_id, created_at)
      select ${match.personId}, ${platform}, ${externalId}, ${now.getTime()} where ${stillUnused}`),
    deps.db
      .update(bindingCodes)
      .set({ usedAt: now })
      .where(and(eq(bindingCodes.id, match.id), isNull(bindingCodes.usedAt)))
      .returning({ id: bindingCodes.id }),
    forgetSender(deps, platform, externalId),
  ]);
  if (claimed.length === 0) throw new BindingCodeError('used');
  return { personId: match.personId, name: person.name };
}

/**
 * Why a code that was not among the live candidates failed. Looked up by the full code's HMAC, so
 * the answer says something only to whoever already holds the right code (a used, expired or
 * burned one), and nothing about the code space.
 */
async function whyNotLive(deps: Deps, limits: BindingLimits, codeHash: string, now: Date): Promise<BindingFailure> {
  const row = await deps.db
    .select({ usedAt: bindingCodes.usedAt, expiresAt: bindingCodes.expiresAt, attempts: bindingCodes.attempts })
    .from(bindingCodes)
    .where(eq(bindingCodes.codeHash, codeHash))
    .get();
  if (!row) return 'unknown';
  if (row.usedAt) return 'used';
  if (row.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (row.attempts >= limits.perCodeChecks) return 'burned';
  return 'unknown';
}
