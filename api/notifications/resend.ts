import { and, eq, sql } from 'drizzle-orm';
import { notifications, people } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { forbidden, notFound, validationFailed } from '../core/errors.js';
import { notificationScope } from './list.js';

export type ResendResult = { id: number; status: 'pending' };

/**
 * 重新发送: a failed outbox row goes back to pending, due now, with its attempts reset (the person may
 * have bound a chat account since, or the platform was down). An admin asked for it, so the day's
 * sending window no longer drops it; quiet hours still hold a routine message until morning. District
 * admins any row, town admins the rows they may list; only failed rows (a sent one is never resent).
 */
export async function resendNotification(ctx: Ctx, id: number): Promise<ResendResult> {
  if (ctx.actor.role !== 'district_admin' && ctx.actor.role !== 'town_admin') throw forbidden('只有管理员可以重新发送提醒');
  const [row] = await ctx.db.select({ status: notifications.status }).from(notifications)
    .leftJoin(people, eq(people.id, notifications.personId))
    .where(and(eq(notifications.id, id), notificationScope(ctx))).limit(1);
  if (!row) throw notFound('提醒');
  if (row.status !== 'failed') throw validationFailed('只能重新发送发送失败的提醒');
  await ctx.writer.batch([
    ctx.db.update(notifications)
      .set({ status: 'pending', attempts: 0, notBefore: ctx.clock(), expiresAt: null })
      .where(and(eq(notifications.id, id), sql`${notifications.status} = 'failed'`)),
  ]);
  return { id, status: 'pending' };
}
