import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../core/hono-env.js';
import { bearer, errorResponses, json } from '../core/schemas.js';

const Me = z
  .object({
    personId: z.number().int(),
    name: z.string(),
    role: z.enum(['worker', 'town_admin', 'district_admin', 'department']),
    townId: z.number().int().nullable(),
    gridIds: z.array(z.number().int()),
    departmentId: z.number().int().nullable(),
  })
  .openapi('Me');

const getMe = createRoute({
  method: 'get',
  path: '/v1/me',
  tags: ['people'],
  summary: '当前令牌对应的人员与范围',
  security: bearer,
  responses: { 200: json(Me), 401: errorResponses[401] },
});

export function registerPeopleRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(getMe, (c) => c.json(c.get('actor'), 200));
}
