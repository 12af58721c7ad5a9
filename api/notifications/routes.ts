import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../core/hono-env.js';
import { bearer, errorResponses, json, page } from '../core/schemas.js';
import { listNotifications, ListNotificationsQuery, NotificationSchema } from './list.js';

const listRoute = createRoute({
  method: 'get', path: '/v1/notifications', tags: ['notifications'],
  summary: '提醒发送记录（可按状态筛选，查看发送失败的提醒）', security: bearer,
  request: { query: ListNotificationsQuery },
  responses: { 200: json(page(NotificationSchema)), ...errorResponses },
});

export function registerNotificationRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => c.json(await listNotifications(c.get('ctx'), c.req.valid('query')), 200));
}
