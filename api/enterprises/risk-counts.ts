import { z } from '@hono/zod-openapi';
import { and, count, eq } from 'drizzle-orm';
import { enterprises, RISK_COLORS, type RiskColor } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { enterpriseScope } from '../core/scope.js';
import { validationFailed } from '../core/errors.js';

export const RiskCountsInput = z.object({ townId: z.number().int().positive().optional() }).strict();

/**
 * Enterprises per risk colour within the actor's scope (and the town asked about): the totals
 * listEnterprises({ riskColor }) reports, with the same scope filter, in one grouped count
 * instead of a page query and a count per colour.
 */
export async function riskCounts(ctx: Ctx, raw: z.input<typeof RiskCountsInput>): Promise<Record<RiskColor, number>> {
  const parsed = RiskCountsInput.safeParse(raw);
  if (!parsed.success) throw validationFailed('查询条件不正确', parsed.error.issues);
  const input = parsed.data;
  const rows = await ctx.db
    .select({ color: enterprises.riskColor, n: count() })
    .from(enterprises)
    .where(and(enterpriseScope(ctx.actor), input.townId === undefined ? undefined : eq(enterprises.townId, input.townId)))
    .groupBy(enterprises.riskColor);
  const out = Object.fromEntries(RISK_COLORS.map((c) => [c, 0])) as Record<RiskColor, number>;
  for (const r of rows) if (r.color in out) out[r.color] = r.n;
  return out;
}
