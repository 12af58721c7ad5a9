import { and, eq } from 'drizzle-orm';
import { enterprises } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { notFound } from '../core/errors.js';
import { enterpriseScope } from '../core/scope.js';
import { loadPolicy } from '../patrols/policy.js';
import { ENTERPRISE_MSG } from './messages.js';
import { openHazardCount } from './open-hazards.js';
import { toEnterpriseView, type EnterpriseView } from './schemas.js';

/**
 * One enterprise within the actor's scope, with what `查询 华美` shows: class, risk colour, last
 * patrol, next due day, overdue and the open hazard count. Out of scope reads as not found.
 */
export async function getEnterprise(ctx: Ctx, enterpriseId: number): Promise<EnterpriseView> {
  const [found, policy] = await Promise.all([
    ctx.db
      .select({ row: enterprises, openHazards: openHazardCount })
      .from(enterprises)
      .where(and(eq(enterprises.id, enterpriseId), enterpriseScope(ctx.actor)))
      .get(),
    loadPolicy(ctx.db),
  ]);
  if (!found) throw notFound(ENTERPRISE_MSG.enterprise);
  return toEnterpriseView(found.row, policy, ctx.clock(), found.openHazards);
}
