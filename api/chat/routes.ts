import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import type { AppEnv } from '../core/hono-env.js';
import { bearer, errorResponses, json, page } from '../core/schemas.js';
import { listUnrecognised, ListUnrecognisedQuery, noteUnrecognised, NoteUnrecognisedInput, UnrecognisedSchema } from './unrecognised.js';

const tags = ['chat'];
const listRoute = createRoute({
  method: 'get', path: '/v1/chat/unrecognised', tags, summary: '机器人没看懂的消息（仅文字，区安委办管理员）', security: bearer,
  request: { query: ListUnrecognisedQuery },
  responses: { 200: json(page(UnrecognisedSchema)), ...errorResponses },
});
const noteRoute = createRoute({
  method: 'post', path: '/v1/chat/unrecognised', tags, summary: '记录一条没看懂的消息（机器人代发送人调用）', security: bearer,
  request: { body: { content: { 'application/json': { schema: NoteUnrecognisedInput } }, required: true } },
  responses: { 201: json(z.object({ kept: z.literal(true) }), '已记录'), ...errorResponses },
});

export function registerChatRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => c.json(await listUnrecognised(c.get('ctx'), c.req.valid('query')), 200));
  app.openapi(noteRoute, async (c) => c.json(await noteUnrecognised(c.get('ctx'), c.req.valid('json')), 201));
}
