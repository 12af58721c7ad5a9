import { and, eq, gt, isNull } from 'drizzle-orm';
import { bindingCodes } from '../../db/schema/index.js';
import type { Deps } from '../core/context.js';
import { DAY_MS } from '../../lib/time.js';
import { newBindingCode } from '../../lib/hash.js';
import { isUniqueViolation } from '../core/unique-violation.js';
import { bindingCodeHash } from './binding-secret.js';
import { BINDING_CODE_DIGITS, selectorOf } from './binding-code-format.js';

// Three days, not seven: a code is meant to be typed the day it is handed over, and every day it
// lives is a day it can be guessed at.
export const BINDING_CODE_TTL_DAYS = 3;
const ATTEMPTS = 8;

/**
 * Mints a binding code for a person without any permission check: the verb (issue-binding-code)
 * and the operator CLI (scripts/token.ts) decide who may. Only its HMAC is stored (binding-secret.ts),
 * with the non-secret selector. The person's earlier unused codes are deleted, so at most one code
 * per person is ever live.
 */
export async function createBindingCode(deps: Deps, personId: number): Promise<{ code: string; expiresAt: Date }> {
  const now = deps.clock();
  const expiresAt = new Date(now.getTime() + BINDING_CODE_TTL_DAYS * DAY_MS);
  // The hash index is unique over all codes ever issued: a dead code with the same hash is
  // removed and a live one (another person's) makes us draw again (10^10 codes: practically never).
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const code = newBindingCode(BINDING_CODE_DIGITS);
    const codeHash = await bindingCodeHash(deps, code);
    const live = await deps.db
      .select({ id: bindingCodes.id })
      .from(bindingCodes)
      .where(and(eq(bindingCodes.codeHash, codeHash), isNull(bindingCodes.usedAt), gt(bindingCodes.expiresAt, now)))
      .get();
    if (live) continue;
    try {
      await deps.writer.batch([
        deps.db.delete(bindingCodes).where(and(eq(bindingCodes.personId, personId), isNull(bindingCodes.usedAt))),
        deps.db.delete(bindingCodes).where(eq(bindingCodes.codeHash, codeHash)),
        deps.db.insert(bindingCodes).values({ personId, selector: selectorOf(code), codeHash, expiresAt, createdAt: now }),
      ]);
      return { code, expiresAt };
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  }
  throw new Error('could not draw a free binding code');
}
