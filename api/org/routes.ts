import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../core/hono-env.js';
import { bearer, errorResponses, IdParam, json, page } from '../core/schemas.js';
import { Department, Grid, Town } from './schemas.js';
import { CreateTownInput, createTown } from './create-town.js';
import { UpdateTownInput, updateTown } from './update-town.js';
import { ListTownsInput, listTowns } from './list-towns.js';
import { getTown } from './get-town.js';
import { CreateGridInput, createGrid } from './create-grid.js';
import { UpdateGridInput, updateGrid } from './update-grid.js';
import { ListGridsInput, listGrids } from './list-grids.js';
import { CreateDepartmentInput, createDepartment } from './create-department.js';
import { UpdateDepartmentInput, updateDepartment } from './update-department.js';
import { listDepartments } from './list-departments.js';

const body = <T extends z.ZodTypeAny>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});
const tags = ['org'];

const routes = {
  createTown: createRoute({
    method: 'post', path: '/v1/towns', tags, summary: '新建镇（街道）', security: bearer,
    request: body(CreateTownInput), responses: { 201: json(Town, '已创建'), ...errorResponses },
  }),
  updateTown: createRoute({
    method: 'patch', path: '/v1/towns/{id}', tags, summary: '修改镇（街道）名称', security: bearer,
    request: { params: IdParam, ...body(UpdateTownInput) }, responses: { 200: json(Town), ...errorResponses },
  }),
  listTowns: createRoute({
    method: 'get', path: '/v1/towns', tags, summary: '范围内的镇（街道）', security: bearer,
    request: { query: ListTownsInput }, responses: { 200: json(page(Town)), ...errorResponses },
  }),
  getTown: createRoute({
    method: 'get', path: '/v1/towns/{id}', tags, summary: '镇（街道）详情', security: bearer,
    request: { params: IdParam }, responses: { 200: json(Town), ...errorResponses },
  }),
  createGrid: createRoute({
    method: 'post', path: '/v1/grids', tags, summary: '新建网格（可指定网格员）', security: bearer,
    request: body(CreateGridInput), responses: { 201: json(Grid, '已创建'), ...errorResponses },
  }),
  updateGrid: createRoute({
    method: 'patch', path: '/v1/grids/{id}', tags, summary: '修改网格或更换网格员', security: bearer,
    request: { params: IdParam, ...body(UpdateGridInput) }, responses: { 200: json(Grid), ...errorResponses },
  }),
  listGrids: createRoute({
    method: 'get', path: '/v1/grids', tags, summary: '范围内的网格', security: bearer,
    request: { query: ListGridsInput }, responses: { 200: json(page(Grid)), ...errorResponses },
  }),
  createDepartment: createRoute({
    method: 'post', path: '/v1/departments', tags, summary: '新建行业部门', security: bearer,
    request: body(CreateDepartmentInput), responses: { 201: json(Department, '已创建'), ...errorResponses },
  }),
  updateDepartment: createRoute({
    method: 'patch', path: '/v1/departments/{id}', tags, summary: '修改行业部门', security: bearer,
    request: { params: IdParam, ...body(UpdateDepartmentInput) }, responses: { 200: json(Department), ...errorResponses },
  }),
  listDepartments: createRoute({
    method: 'get', path: '/v1/departments', tags, summary: '行业部门及关键词', security: bearer,
    responses: { 200: json(z.object({ items: z.array(Department) })), ...errorResponses },
  }),
};

export function registerOrgRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(routes.createTown, async (c) => c.json(await createTown(c.get('ctx'), c.req.valid('json')), 201));
  app.openapi(routes.updateTown, async (c) =>
    c.json(await updateTown(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 200));
  app.openapi(routes.listTowns, async (c) => c.json(await listTowns(c.get('ctx'), c.req.valid('query')), 200));
  app.openapi(routes.getTown, async (c) => c.json(await getTown(c.get('ctx'), c.req.valid('param').id), 200));
  app.openapi(routes.createGrid, async (c) => c.json(await createGrid(c.get('ctx'), c.req.valid('json')), 201));
  app.openapi(routes.updateGrid, async (c) =>
    c.json(await updateGrid(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 200));
  app.openapi(routes.listGrids, async (c) => c.json(await listGrids(c.get('ctx'), c.req.valid('query')), 200));
  app.openapi(routes.createDepartment, async (c) =>
    c.json(await createDepartment(c.get('ctx'), c.req.valid('json')), 201));
  app.openapi(routes.updateDepartment, async (c) =>
    c.json(await updateDepartment(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 200));
  app.openapi(routes.listDepartments, async (c) => c.json(await listDepartments(c.get('ctx')), 200));
}
