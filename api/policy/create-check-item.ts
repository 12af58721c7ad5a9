import { eq, max } from 'drizzle-orm';
import { checkItems } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { forgetCheckItems } from '../hazards/check-item.js';
import { requireRole } from '../core/scope.js';
import { conflict, validationFailed } from '../core/errors.js';
import { CreateCheckItemInput, type CheckItemView, type CreateCheckItemInputT } from './check-item-schemas.js';

export async function createCheckItem(ctx: Ctx, raw: CreateCheckItemInputT): Promise<CheckItemView> {
  requireRole(ctx.actor, 'district_admin');
  const parsed = CreateCheckItemInput.safeParse(raw);
  if (!parsed.success) throw validationFailed('检查项内容不正确', parsed.error.issues);
  const input = parsed.data;
  const taken = await ctx.db.select({ id: checkItems.id }).from(checkItems).where(eq(checkItems.code, input.code)).get();
  if (taken) throw conflict(`检查项编号 ${input.code} 已存在`);
  // New items go to the end of the list unless placed explicitly.
  const [{ last }] = await ctx.db.select({ last: max(checkItems.sort) }).from(checkItems);
  const [rows] = await ctx.writer.batch([
    ctx.db.insert(checkItems).values({ ...input, sort: input.sort ?? (last ?? 0) + 1, active: true }).returning(),
  ]);
  forgetCheckItems(ctx.db);
  return rows[0];
}
