import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../core/hono-env.js';
import { bearer, errorResponses, IdParam, json, page } from '../core/schemas.js';
import { LogPatrolInput, logPatrol } from './log.js';
import { ListPatrolsQuery, listPatrols } from './list.js';
import { getPatrol, PatrolDetailSchema } from './get.js';
import { PatrolSchema } from './view.js';
import { HazardViewSchema } from '../hazards/view.js';
import { resumeResource } from '../core/idempotency.js';

const tags = ['巡查'];

const LogPatrolResultSchema = z
  .object({
    patrol: PatrolDetailSchema,
    hazards: z.array(HazardViewSchema),
    created: z.boolean(),
    nextDueDay: z.string().openapi({ example: '2026-12-23' }),
  })
  .openapi('LogPatrolResult');

export function registerPatrolRoutes(app: OpenAPIHono<AppEnv>) {
  // A patrol with hazards is several batches; a retry after a crash finishes it (logPatrol dedupes by the key).
  resumeResource('patrol');
  app.openapi(
    createRoute({
      method: 'post', path: '/v1/patrols', tags, summary: '登记巡查（可同时上报发现的隐患）', security: bearer,
      request: { body: { content: { 'application/json': { schema: LogPatrolInput } }, required: true } },
      responses: { 201: json(LogPatrolResultSchema, '已登记'), 200: json(LogPatrolResultSchema, '重复消息，返回已有记录'), ...errorResponses },
    }),
    async (c) => {
      const r = await logPatrol(c.get('ctx'), c.req.valid('json'));
      return r.created ? c.json(r, 201) : c.json(r, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get', path: '/v1/patrols', tags, summary: '巡查记录列表', security: bearer,
      request: { query: ListPatrolsQuery }, responses: { 200: json(page(PatrolSchema)), ...errorResponses },
    }),
    async (c) => c.json(await listPatrols(c.get('ctx'), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get', path: '/v1/patrols/{id}', tags, summary: '巡查记录详情', security: bearer,
      request: { params: IdParam }, responses: { 200: json(PatrolDetailSchema), ...errorResponses },
    }),
    async (c) => c.json(await getPatrol(c.get('ctx'), c.req.valid('param').id), 200),
  );
}
