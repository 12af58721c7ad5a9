import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../core/hono-env.js';
import { z } from '@hono/zod-openapi';
import { bearer, errorResponses, IdParam, json, page } from '../core/schemas.js';
import { resendNotification } from './resend.js';
import { listNotifications, ListNotificationsQuery, NotificationSchema } from './list.js';

const listRoute = createRoute({
  method: 'get', path: '/v1/notifications', tags: ['notifications'],
  summary: '提醒发送记录（可按状态筛选，查看发送失败的提醒）', security: bearer,
  request: { query: ListNotificationsQuery },
  responses: { 200: json(page(NotificationSchema)), ...errorResponses },
});

const resendRoute = createRoute({
  method: 'post', path: '/v1/notifications/{id}/resend', tags: ['notifications'],
  summary: '重新发送一条发送失败的提醒（管理员）', security: bearer,
  request: { params: IdParam },
  responses: { 200: json(z.object({ id: z.number(), status: z.literal('pending') })), ...errorResponses },
});

export function registerNotificationRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => c.json(await listNotifications(c.get('ctx'), c.req.valid('query')), 200));
  app.openapi(resendRoute, async (c) => c.json(await resendNotification(c.get('ctx'), c.req.valid('param').id), 200));
}
