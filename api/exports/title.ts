import { eq, inArray } from 'drizzle-orm';
import { districts, grids, towns } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { shanghaiMinute } from './format.js';

/**
 * The title row of a filed 台账: 区, 镇（街道）, the period it covers and when it was exported
 * (Shanghai time). The town is the one asked for, else the actor's own (a town admin's town, a
 * worker's grids' town); a district-wide export says 全区.
 */
export async function ledgerTitle(ctx: Ctx, name: string, q: { townId?: number; from?: string; to?: string }): Promise<string> {
  const [district] = await ctx.db.select({ name: districts.name }).from(districts).limit(1);
  let townIds: number[] = q.townId ? [q.townId] : ctx.actor.townId ? [ctx.actor.townId] : [];
  if (!townIds.length && ctx.actor.gridIds.length) {
    townIds = [...new Set((await ctx.db.select({ t: grids.townId }).from(grids).where(inArray(grids.id, ctx.actor.gridIds))).map((g) => g.t))];
  }
  const townNames = townIds.length
    ? (await ctx.db.select({ name: towns.name }).from(towns).where(townIds.length === 1 ? eq(towns.id, townIds[0]) : inArray(towns.id, townIds))).map((t) => t.name)
    : [];
  const place = townNames.length ? townNames.join('、') : '全区';
  const period = q.from || q.to ? `${q.from ?? '开始'} 至 ${q.to ?? '今'}` : '全部';
  return `${district?.name ?? ''} ${place} ${name}　期间：${period}　导出时间：${shanghaiMinute(ctx.clock())}（北京时间）`;
}
