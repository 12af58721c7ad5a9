import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../core/hono-env.js';
import { bearer, errorResponses, IdParam, json, page } from '../core/schemas.js';
import { Identity, Person, PersonDetail } from './schemas.js';
import { CreatePersonInput, createPerson } from './create-person.js';
import { UpdatePersonInput, updatePerson } from './update-person.js';
import { deactivatePerson } from './deactivate-person.js';
import { ListPeopleInput, listPeople } from './list-people.js';
import { getPerson } from './get-person.js';
import { SetIdentitiesInput, setIdentities } from './set-identities.js';
import { issueBindingCode } from './issue-binding-code.js';
import { MintTokenInput, mintToken } from './mint-token.js';
import { revokeToken } from './revoke-token.js';
import { listTokens } from './list-tokens.js';
import { BINDING_CODE_TTL_DAYS } from './create-binding-code.js';
import { TOKEN_TTL_DAYS } from './create-api-token.js';
import { DEFAULT_BINDING_LIMITS } from './binding-limits.js';

const Me = z
  .object({
    personId: z.number().int(),
    name: z.string(),
    role: z.enum(['worker', 'town_admin', 'district_admin', 'department', 'enterprise']),
    townId: z.number().int().nullable(),
    gridIds: z.array(z.number().int()),
    departmentId: z.number().int().nullable(),
    enterpriseId: z.number().int().nullable().optional(),
  })
  .openapi('Me');

const BindingCode = z
  .object({
    personId: z.number().int(),
    code: z.string().openapi({ example: '3917482913', description: '10 位绑定码，发送“绑定 3917482913”给机器人' }),
    expiresAt: z.string(),
    validDays: z.number().int().openapi({ example: BINDING_CODE_TTL_DAYS }),
    maxWrongAttempts: z.number().int().openapi({ description: '针对此码的错误尝试达到该次数后作废，需重新签发' }),
  })
  .openapi('BindingCode');
const MintedToken = z
  .object({
    id: z.number().int(), personId: z.number().int(), label: z.string(), kind: z.enum(['person', 'bot']), token: z.string(),
    createdAt: z.string(), expiresAt: z.string().openapi({ description: `默认签发后 ${TOKEN_TTL_DAYS} 天过期` }),
  })
  .openapi('MintedToken');
const TokenInfo = z
  .object({
    id: z.number().int(), label: z.string(), kind: z.enum(['person', 'bot']), createdAt: z.string(),
    expiresAt: z.string().nullable(), lastUsedAt: z.string().nullable().openapi({ description: '最近使用时间（精确到小时）' }),
    revokedAt: z.string().nullable(),
  })
  .openapi('TokenInfo');
const RevokedToken = z.object({ id: z.number().int(), revokedAt: z.string() }).openapi('RevokedToken');

const body = <T extends z.ZodTypeAny>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});
const tags = ['people'];

const routes = {
  me: createRoute({
    method: 'get', path: '/v1/me', tags, summary: '当前令牌对应的人员与范围', security: bearer,
    responses: { 200: json(Me), 401: errorResponses[401] },
  }),
  create: createRoute({
    method: 'post', path: '/v1/people', tags, summary: '新增人员', security: bearer,
    request: body(CreatePersonInput), responses: { 201: json(Person, '已创建'), ...errorResponses },
  }),
  update: createRoute({
    method: 'patch', path: '/v1/people/{id}', tags, summary: '修改人员', security: bearer,
    request: { params: IdParam, ...body(UpdatePersonInput) }, responses: { 200: json(Person), ...errorResponses },
  }),
  deactivate: createRoute({
    method: 'post', path: '/v1/people/{id}/deactivate', tags, summary: '停用人员', security: bearer,
    request: { params: IdParam }, responses: { 200: json(Person), ...errorResponses },
  }),
  list: createRoute({
    method: 'get', path: '/v1/people', tags, summary: '范围内的人员', security: bearer,
    request: { query: ListPeopleInput }, responses: { 200: json(page(Person)), ...errorResponses },
  }),
  get: createRoute({
    method: 'get', path: '/v1/people/{id}', tags, summary: '人员详情（含聊天账号与负责网格）', security: bearer,
    request: { params: IdParam }, responses: { 200: json(PersonDetail), ...errorResponses },
  }),
  identities: createRoute({
    method: 'put', path: '/v1/people/{id}/identities', tags, summary: '设置聊天账号（如钉钉 staffId）', security: bearer,
    request: { params: IdParam, ...body(SetIdentitiesInput) },
    responses: { 200: json(z.object({ identities: z.array(Identity) })), ...errorResponses },
  }),
  bindingCode: createRoute({
    method: 'post', path: '/v1/people/{id}/binding-codes', tags, summary: `签发绑定码（仅显示一次，${BINDING_CODE_TTL_DAYS} 天有效）`, security: bearer,
    request: { params: IdParam }, responses: { 201: json(BindingCode, '已签发'), ...errorResponses },
  }),
  mintToken: createRoute({
    method: 'post', path: '/v1/people/{id}/tokens', tags, summary: `签发 API 令牌（仅显示一次，默认 ${TOKEN_TTL_DAYS} 天有效）`, security: bearer,
    request: { params: IdParam, body: { content: { 'application/json': { schema: MintTokenInput } }, required: false } },
    responses: { 201: json(MintedToken, '已签发'), ...errorResponses },
  }),
  listTokens: createRoute({
    method: 'get', path: '/v1/people/{id}/tokens', tags, summary: '人员的 API 令牌（不含令牌本身）：有效期与最近使用时间', security: bearer,
    request: { params: IdParam }, responses: { 200: json(z.object({ items: z.array(TokenInfo) })), ...errorResponses },
  }),
  revokeToken: createRoute({
    method: 'delete', path: '/v1/tokens/{id}', tags, summary: '吊销 API 令牌', security: bearer,
    request: { params: IdParam }, responses: { 200: json(RevokedToken), ...errorResponses },
  }),
};

export function registerPeopleRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(routes.me, (c) => c.json(c.get('actor'), 200));
  app.openapi(routes.create, async (c) => c.json(await createPerson(c.get('ctx'), c.req.valid('json')), 201));
  app.openapi(routes.update, async (c) =>
    c.json(await updatePerson(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 200));
  app.openapi(routes.deactivate, async (c) => c.json(await deactivatePerson(c.get('ctx'), c.req.valid('param').id), 200));
  app.openapi(routes.list, async (c) => c.json(await listPeople(c.get('ctx'), c.req.valid('query')), 200));
  app.openapi(routes.get, async (c) => c.json(await getPerson(c.get('ctx'), c.req.valid('param').id), 200));
  app.openapi(routes.identities, async (c) =>
    c.json(await setIdentities(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 200));
  app.openapi(routes.bindingCode, async (c) => {
    const issued = await issueBindingCode(c.get('ctx'), c.req.valid('param').id);
    // no-store: the code is shown once; caches and the idempotency record must not keep it.
    return c.json({ ...issued, expiresAt: issued.expiresAt.toISOString(), validDays: BINDING_CODE_TTL_DAYS, maxWrongAttempts: DEFAULT_BINDING_LIMITS.perCodeChecks }, 201, { 'cache-control': 'no-store' });
  });
  app.openapi(routes.mintToken, async (c) => {
    // The body is optional (a label only); the validator yields {} defaults when it is absent.
    const minted = await mintToken(c.get('ctx'), c.req.valid('param').id, c.req.valid('json') ?? {});
    return c.json({ ...minted, createdAt: minted.createdAt.toISOString(), expiresAt: minted.expiresAt.toISOString() }, 201, { 'cache-control': 'no-store' });
  });
  app.openapi(routes.listTokens, async (c) => {
    const iso = (d: Date | null) => d?.toISOString() ?? null;
    const items = await listTokens(c.get('ctx'), c.req.valid('param').id);
    return c.json({ items: items.map((t) => ({ ...t, createdAt: t.createdAt.toISOString(), expiresAt: iso(t.expiresAt), lastUsedAt: iso(t.lastUsedAt), revokedAt: iso(t.revokedAt) })) }, 200);
  });
  app.openapi(routes.revokeToken, async (c) => {
    const revoked = await revokeToken(c.get('ctx'), c.req.valid('param').id);
    return c.json({ ...revoked, revokedAt: revoked.revokedAt.toISOString() }, 200);
  });
}
