import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../core/hono-env.js';
import { bearer, errorResponses, IdParam, json, page } from '../core/schemas.js';
import { Enterprise } from './schemas.js';
import { CreateEnterpriseInput, createEnterprise } from './create-enterprise.js';
import { UpdateEnterpriseInput, updateEnterprise } from './update-enterprise.js';
import { getEnterprise } from './get-enterprise.js';
import { ListEnterprisesInput, listEnterprises } from './list-enterprises.js';
import { matchEnterprises } from './match.js';
import { enterpriseNamesInScope } from './names-in-scope.js';
import { listEnterpriseContacts } from '../people/enterprise-contacts.js';
import { PLATFORMS } from '../../db/schema/index.js';

const Contact = z
  .object({ id: z.number().int(), name: z.string(), phone: z.string().nullable(), boundPlatforms: z.array(z.enum(PLATFORMS)) })
  .openapi('EnterpriseContact');

const Candidate = z
  .object({ id: z.number().int(), name: z.string(), shortName: z.string().nullable(), score: z.number(), exact: z.boolean() })
  .openapi('EnterpriseCandidate');
const MatchQuery = z
  .object({ q: z.string().trim().min(1).max(100), limit: z.coerce.number().int().min(1).max(20).default(5) })
  .strict();

const body = <T extends z.ZodTypeAny>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});
const tags = ['enterprises'];

const routes = {
  create: createRoute({
    method: 'post', path: '/v1/enterprises', tags, summary: '登记企业', security: bearer,
    request: body(CreateEnterpriseInput), responses: { 201: json(Enterprise, '已创建'), ...errorResponses },
  }),
  update: createRoute({
    method: 'patch', path: '/v1/enterprises/{id}', tags, summary: '修改企业信息', security: bearer,
    request: { params: IdParam, ...body(UpdateEnterpriseInput) }, responses: { 200: json(Enterprise), ...errorResponses },
  }),
  list: createRoute({
    method: 'get', path: '/v1/enterprises', tags, summary: '范围内的企业（可按镇、网格、类别、风险、名称、应巡查日筛选）', security: bearer,
    request: { query: ListEnterprisesInput }, responses: { 200: json(page(Enterprise)), ...errorResponses },
  }),
  match: createRoute({
    method: 'get', path: '/v1/enterprises/match', tags, summary: '按简称、别名或全称模糊查找企业', security: bearer,
    request: { query: MatchQuery }, responses: { 200: json(z.object({ items: z.array(Candidate) })), ...errorResponses },
  }),
  names: createRoute({
    method: 'get', path: '/v1/enterprises/names', tags, security: bearer,
    summary: '范围内企业的全称、简称和别名（聊天识别用；范围超过 3000 家时为空，complete 为 false）',
    responses: { 200: json(z.object({ names: z.array(z.string()), complete: z.boolean() }).openapi('EnterpriseNames')), ...errorResponses },
  }),
  get: createRoute({
    method: 'get', path: '/v1/enterprises/{id}', tags, summary: '企业详情（类别、风险、巡查、隐患）', security: bearer,
    request: { params: IdParam }, responses: { 200: json(Enterprise), ...errorResponses },
  }),
  contacts: createRoute({
    method: 'get', path: '/v1/enterprises/{id}/contacts', tags, summary: '企业安全联系人及其聊天绑定情况（网格员、管理员）', security: bearer,
    request: { params: IdParam }, responses: { 200: json(z.object({ items: z.array(Contact) })), ...errorResponses },
  }),
};

export function registerEnterpriseRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(routes.create, async (c) => c.json(await createEnterprise(c.get('ctx'), c.req.valid('json')), 201));
  app.openapi(routes.update, async (c) =>
    c.json(await updateEnterprise(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 200));
  app.openapi(routes.list, async (c) => c.json(await listEnterprises(c.get('ctx'), c.req.valid('query')), 200));
  app.openapi(routes.match, async (c) => {
    const { q, limit } = c.req.valid('query');
    return c.json({ items: await matchEnterprises(c.get('ctx'), q, limit) }, 200);
  });
  app.openapi(routes.names, async (c) => c.json(await enterpriseNamesInScope(c.get('ctx')), 200));
  app.openapi(routes.get, async (c) => c.json(await getEnterprise(c.get('ctx'), c.req.valid('param').id), 200));
  app.openapi(routes.contacts, async (c) => c.json(await listEnterpriseContacts(c.get('ctx'), c.req.valid('param').id), 200));
}
