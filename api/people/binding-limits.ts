import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { bindingAttempts, bindingCodes } from '../../db/schema/index.js';
import type { Deps } from '../core/context.js';

/**
 * How binding guesses are limited; all counts live in the database, so a restart, a new dialog or
 * a second bot process forget nothing. There is no platform-wide limit: a stranger only ever slows
 * themself down and burns the codes they aim at, never blocks other people's codes.
 */
export type BindingLimits = {
  /** Attempts a sender may make without waiting. */
  freeAttempts: number;
  /** After those, each further attempt waits baseDelayMs, doubling per attempt up to maxDoublings. */
  baseDelayMs: number;
  maxDoublings: number;
  /** A sender quiet this long starts again with free attempts. */
  forgetAfterMs: number;
  /** Guesses checked against one code before it is dead (the admin issues a new one). */
  perCodeChecks: number;
};

export const DEFAULT_BINDING_LIMITS: BindingLimits = {
  freeAttempts: 5,
  baseDelayMs: 60_000,
  maxDoublings: 8, // at most ~4 h between attempts
  forgetAfterMs: 24 * 60 * 60_000,
  perCodeChecks: 5,
};

const int = (n: number) => sql.raw(String(Math.trunc(n)));

/** Milliseconds a sender with `attempts` counted attempts waits after the last one. */
export function senderDelayMs(limits: BindingLimits, attempts: number): number {
  if (attempts < limits.freeAttempts) return 0;
  return limits.baseDelayMs * 2 ** Math.min(attempts - limits.freeAttempts, limits.maxDoublings);
}

/**
 * Counts one attempt for a sender, in the database, before anything is looked up; one statement,
 * so concurrent attempts of one sender cannot both slip under the limit. Returns the wait in ms
 * when the sender must wait (nothing was counted then), else 0.
 */
export async function countSenderAttempt(deps: Deps, limits: BindingLimits, platform: string, externalId: string, now: Date): Promise<number> {
  const t = now.getTime();
  const a = bindingAttempts;
  const [counted] = await deps.writer.batch([
    deps.db.insert(a).values({ platform, externalId, attempts: 1, lastAttemptAt: now })
      .onConflictDoUpdate({
        target: [a.platform, a.externalId],
        set: { attempts: sql`case when ${a.lastAttemptAt} <= ${t - limits.forgetAfterMs} then 1 else ${a.attempts} + 1 end`, lastAttemptAt: now },
        // Integer literals: libsql binds JS numbers as REAL, and `<<` needs integers.
        setWhere: sql`${a.lastAttemptAt} <= ${t - limits.forgetAfterMs} or ${a.attempts} < ${int(limits.freeAttempts)}
          or ${a.lastAttemptAt} + (${int(limits.baseDelayMs)} << min(${a.attempts} - ${int(limits.freeAttempts)}, ${int(limits.maxDoublings)})) <= ${t}`,
      })
      .returning({ attempts: a.attempts }),
    // Senders quiet for longer than they are remembered leave no row behind (indexed; usually none).
    deps.db.delete(a).where(lt(a.lastAttemptAt, new Date(t - limits.forgetAfterMs))),
  ]);
  if (counted.length > 0) return 0;
  const row = await deps.db.select().from(a).where(and(eq(a.platform, platform), eq(a.externalId, externalId))).get();
  // The row can only be missing if someone deleted it in between: then the next attempt is free.
  return row ? Math.max(1, row.lastAttemptAt.getTime() + senderDelayMs(limits, row.attempts) - t) : 1;
}

export type CheckedCode = { id: number; personId: number; codeHash: string };

/**
 * The live codes a guess with this selector may be checked against, each with one check counted
 * in the same statement: a code past its checks is not returned, so it is never compared again,
 * however many guesses arrive at once.
 */
export async function reserveCodeChecks(deps: Deps, limits: BindingLimits, selector: string, now: Date): Promise<CheckedCode[]> {
  const c = bindingCodes;
  const [rows] = await deps.writer.batch([
    deps.db.update(c)
      .set({ attempts: sql`${c.attempts} + 1` })
      .where(and(eq(c.selector, selector), isNull(c.usedAt), gt(c.expiresAt, now), lt(c.attempts, limits.perCodeChecks)))
      .returning({ id: c.id, personId: c.personId, codeHash: c.codeHash }),
  ]);
  return rows;
}

/** A bound sender's attempts are forgotten (the statement joins the binding's batch). */
export const forgetSender = (deps: Deps, platform: string, externalId: string) =>
  deps.db.delete(bindingAttempts).where(and(eq(bindingAttempts.platform, platform), eq(bindingAttempts.externalId, externalId)));
