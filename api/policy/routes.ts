import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../core/hono-env.js';
import { bearer, errorResponses, IdParam, json } from '../core/schemas.js';
import { isAdmin } from '../core/scope.js';
import { loadPolicy } from '../patrols/policy.js';
import { PatrolPolicySchema, UpdatePolicyInput, updatePolicy } from './update-policy.js';
import { CheckItemSchema, CreateCheckItemInput, UpdateCheckItemInput } from './check-item-schemas.js';
import { listCheckItems } from './list-check-items.js';
import { createCheckItem } from './create-check-item.js';
import { updateCheckItem } from './update-check-item.js';

const tags = ['巡查策略与检查纲要'];
const body = <T extends z.ZodTypeAny>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });

export function registerPolicyRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    createRoute({ method: 'get', path: '/v1/policy', tags, summary: '查看巡查周期策略', security: bearer,
      responses: { 200: json(PatrolPolicySchema), ...errorResponses } }),
    async (c) => c.json(await loadPolicy(c.get('ctx').db), 200),
  );
  app.openapi(
    createRoute({ method: 'put', path: '/v1/policy', tags, summary: '修改巡查周期（区安委办）', security: bearer,
      request: { body: body(UpdatePolicyInput) }, responses: { 200: json(PatrolPolicySchema), ...errorResponses } }),
    async (c) => c.json(await updatePolicy(c.get('ctx'), c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({ method: 'get', path: '/v1/check-items', tags, summary: '检查纲要', security: bearer,
      request: { query: z.object({ includeInactive: z.enum(['true', 'false']).optional() }) },
      responses: { 200: json(z.object({ items: z.array(CheckItemSchema) })), ...errorResponses } }),
    async (c) => {
      const ctx = c.get('ctx');
      const includeInactive = c.req.valid('query').includeInactive === 'true' && isAdmin(ctx.actor);
      return c.json({ items: await listCheckItems(ctx, { includeInactive }) }, 200);
    },
  );
  app.openapi(
    createRoute({ method: 'post', path: '/v1/check-items', tags, summary: '新增检查项（区安委办）', security: bearer,
      request: { body: body(CreateCheckItemInput) }, responses: { 201: json(CheckItemSchema), ...errorResponses } }),
    async (c) => c.json(await createCheckItem(c.get('ctx'), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({ method: 'patch', path: '/v1/check-items/{id}', tags, summary: '修改或停用检查项（区安委办）', security: bearer,
      request: { params: IdParam, body: body(UpdateCheckItemInput) }, responses: { 200: json(CheckItemSchema), ...errorResponses } }),
    async (c) => c.json(await updateCheckItem(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
}
