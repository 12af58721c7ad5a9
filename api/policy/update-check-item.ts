import { eq } from 'drizzle-orm';
import { checkItems } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { forgetCheckItems } from '../hazards/check-item.js';
import { requireRole } from '../core/scope.js';
import { notFound, validationFailed } from '../core/errors.js';
import { UpdateCheckItemInput, type CheckItemView, type UpdateCheckItemInputT } from './check-item-schemas.js';

/** Edits or retires (active: false) a check item; its code stays fixed because imports refer to it. */
export async function updateCheckItem(ctx: Ctx, id: number, raw: UpdateCheckItemInputT): Promise<CheckItemView> {
  requireRole(ctx.actor, 'district_admin');
  const parsed = UpdateCheckItemInput.safeParse(raw);
  if (!parsed.success) throw validationFailed('检查项内容不正确', parsed.error.issues);
  const input = parsed.data;
  if (Object.keys(input).length === 0) throw validationFailed('请至少修改一项内容');
  const existing = await ctx.db.select({ id: checkItems.id }).from(checkItems).where(eq(checkItems.id, id)).get();
  if (!existing) throw notFound('检查项');
  const [rows] = await ctx.writer.batch([ctx.db.update(checkItems).set(input).where(eq(checkItems.id, id)).returning()]);
  forgetCheckItems(ctx.db);
  return rows[0];
}
