import { z } from '@hono/zod-openapi';
import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import { notifications, NOTIFICATION_STATUSES, people } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { forbidden, validationFailed } from '../core/errors.js';

export const ListNotificationsQuery = z
  .object({
    status: z.enum(NOTIFICATION_STATUSES).optional().openapi({ description: 'pending 待发送 / sent 已发送 / failed 发送失败 / dropped 过期未发' }),
    kind: z.string().trim().min(1).max(40).optional().openapi({ description: 'digest、town_escalation、urgent_major_hazard …' }),
    personId: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export type ListNotificationsQueryT = z.input<typeof ListNotificationsQuery>;

export const NotificationSchema = z
  .object({
    id: z.number(), dedupeKey: z.string(), personId: z.number().nullable(), personName: z.string().nullable(),
    platform: z.string().nullable(), target: z.string().nullable(), kind: z.string(), urgent: z.boolean(),
    title: z.string(), text: z.string(), status: z.enum(NOTIFICATION_STATUSES), attempts: z.number(),
    notBefore: z.string(), expiresAt: z.string().nullable(), lastError: z.string().nullable(),
    sentAt: z.string().nullable(), createdAt: z.string(),
  })
  .openapi('Notification');
export type NotificationView = z.infer<typeof NotificationSchema>;

/**
 * Who sees which messages: the district admin all of them (failures included, so a failed send is
 * never lost silently), a town admin those to people of their town (admins, and workers holding
 * a grid there), everyone else their own.
 */
export function notificationScope(ctx: Ctx): SQL | undefined {
  const { actor } = ctx;
  if (actor.role === 'district_admin') return undefined;
  if (actor.role === 'town_admin' && actor.townId != null) {
    return sql`(${people.townId} = ${actor.townId} or exists (select 1 from grids g where g.worker_id = ${notifications.personId} and g.town_id = ${actor.townId}))`;
  }
  return eq(notifications.personId, actor.personId);
}

export async function listNotifications(ctx: Ctx, query: ListNotificationsQueryT) {
  const parsed = ListNotificationsQuery.safeParse(query);
  if (!parsed.success) throw validationFailed('查询条件不正确', parsed.error.issues);
  const f = parsed.data;
  const isAdmin = ctx.actor.role === 'district_admin' || ctx.actor.role === 'town_admin';
  if (f.personId && !isAdmin && f.personId !== ctx.actor.personId) throw forbidden('只能查看发给自己的提醒');
  const where = and(
    notificationScope(ctx),
    f.status ? eq(notifications.status, f.status) : undefined,
    f.kind ? eq(notifications.kind, f.kind) : undefined,
    f.personId ? eq(notifications.personId, f.personId) : undefined,
  );
  const [{ total }] = await ctx.db.select({ total: count() }).from(notifications).leftJoin(people, eq(people.id, notifications.personId)).where(where);
  const rows = await ctx.db
    .select({ n: notifications, personName: people.name })
    .from(notifications)
    .leftJoin(people, eq(people.id, notifications.personId))
    .where(where)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(f.limit)
    .offset(f.offset);
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const items: NotificationView[] = rows.map(({ n, personName }) => ({
    id: n.id, dedupeKey: n.dedupeKey, personId: n.personId, personName, platform: n.platform, target: n.target,
    kind: n.kind, urgent: n.urgent, title: n.title, text: n.text, status: n.status, attempts: n.attempts,
    notBefore: n.notBefore.toISOString(), expiresAt: iso(n.expiresAt), lastError: n.lastError, sentAt: iso(n.sentAt),
    createdAt: n.createdAt.toISOString(),
  }));
  return { items, total, limit: f.limit, offset: f.offset };
}
