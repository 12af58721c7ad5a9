import { z } from '@hono/zod-openapi';
import type { BatchItem } from 'drizzle-orm/batch';
import { eq } from 'drizzle-orm';
import { enterprises, towns } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { notFound, validationFailed } from '../core/errors.js';
import { coversTown, requireRole } from '../core/scope.js';
import { uniqueAsConflict } from '../core/unique-violation.js';
import { parseIsoDay, startOfShanghaiDay } from '../../lib/time.js';
import { assertCreditCodeFree } from './credit-code-free.js';
import { getEnterprise } from './get-enterprise.js';
import { ENTERPRISE_MSG } from './messages.js';
import { resolvePlace } from './place.js';
import { pinyinKeys } from './pinyin-keys.js';
import { EnterpriseFields, type EnterpriseView } from './schemas.js';
import { followEnterprisePlace } from './follow-place.js';
import { colorChangeWrites } from './risk-color-change.js';

export const UpdateEnterpriseInput = z
  .object(EnterpriseFields)
  .partial()
  .extend({ townId: z.number().int().positive().optional() })
  .strict()
  .openapi('UpdateEnterpriseInput');
export type UpdateEnterpriseInputT = z.input<typeof UpdateEnterpriseInput>;

/**
 * Changes an enterprise; moving it to another grid needs that grid to be the actor's too. A new risk
 * colour is recorded and told to the contacts and the supervising department in the same batch.
 */
export async function updateEnterprise(ctx: Ctx, enterpriseId: number, raw: UpdateEnterpriseInputT): Promise<EnterpriseView> {
  requireRole(ctx.actor, 'district_admin', 'town_admin');
  const input = UpdateEnterpriseInput.parse(raw);
  const current = await ctx.db.select().from(enterprises).where(eq(enterprises.id, enterpriseId)).get();
  if (!current || !coversTown(ctx.actor, current.townId)) throw notFound(ENTERPRISE_MSG.enterprise);
  const { townId, registeredOn, gridId, ...fields } = input;
  const patch: Partial<typeof enterprises.$inferInsert> = Object.fromEntries(
    Object.entries(fields).filter(([, v]) => v !== undefined),
  );
  if (gridId !== undefined || townId !== undefined) Object.assign(patch, await resolvePlace(ctx, gridId ?? current.gridId, townId));
  if (registeredOn !== undefined) patch.registeredAt = startOfShanghaiDay(parseIsoDay(registeredOn)!);
  if (patch.aliases) patch.aliases = [...new Set(patch.aliases)];
  // A new name keeps the stored pinyin true in the same statement (else the trigger of 0012 clears it).
  if (patch.name !== undefined || patch.shortName !== undefined || patch.aliases) {
    patch.pinyin = pinyinKeys({ name: patch.name ?? current.name, shortName: patch.shortName !== undefined ? patch.shortName : current.shortName, aliases: patch.aliases ?? current.aliases });
  }
  if (Object.keys(patch).length === 0) throw validationFailed(ENTERPRISE_MSG.nothingToUpdate);
  if (patch.creditCode) await assertCreditCodeFree(ctx, patch.creditCode, enterpriseId);
  const colour = patch.riskColor && patch.riskColor !== current.riskColor
    ? await colorChangeWrites(ctx, [{
      enterpriseId, enterprise: patch.name ?? current.name, industry: patch.industry !== undefined ? patch.industry : current.industry,
      town: (await ctx.db.select({ name: towns.name }).from(towns).where(eq(towns.id, patch.townId ?? current.townId)).get())?.name ?? '',
      class: patch.class ?? current.class, from: current.riskColor, to: patch.riskColor,
    }])
    : { before: [], after: [] };
  await uniqueAsConflict(
    ctx.writer.batch([
      ...colour.before,
      ctx.db.update(enterprises).set(patch).where(eq(enterprises.id, enterpriseId)),
      ...(patch.gridId !== undefined && patch.gridId !== current.gridId ? followEnterprisePlace(ctx.db, [enterpriseId]) : []),
      ...colour.after,
    ] as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]),
    ENTERPRISE_MSG.creditCodeTaken(patch.creditCode ?? ''),
  );
  return getEnterprise(ctx, enterpriseId);
}
