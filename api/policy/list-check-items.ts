import { asc, eq } from 'drizzle-orm';
import { checkItems } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import type { CheckItemView } from './check-item-schemas.js';

/** The checklist in display order; retired items only on request (admins editing the list). */
export async function listCheckItems(ctx: Ctx, opts: { includeInactive?: boolean } = {}): Promise<CheckItemView[]> {
  const q = ctx.db.select().from(checkItems);
  return (opts.includeInactive ? q : q.where(eq(checkItems.active, true))).orderBy(asc(checkItems.sort), asc(checkItems.id));
}
