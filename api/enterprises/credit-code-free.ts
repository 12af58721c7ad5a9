import { eq } from 'drizzle-orm';
import { enterprises } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { conflict } from '../core/errors.js';
import { ENTERPRISE_MSG } from './messages.js';

/** A credit code identifies one legal entity: held by another enterprise → conflict. */
export async function assertCreditCodeFree(ctx: Ctx, creditCode: string, selfId?: number): Promise<void> {
  const other = await ctx.db.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.creditCode, creditCode)).get();
  if (other && other.id !== selfId) throw conflict(ENTERPRISE_MSG.creditCodeTaken(creditCode));
}
