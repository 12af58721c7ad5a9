import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../core/hono-env.js';
import { bearer, errorResponses, IdParam, json, page } from '../core/schemas.js';
import { acknowledgeHazard, AcknowledgeHazardInput } from './acknowledge.js';
import { addHazardNote, AddHazardNoteInput } from './add-note.js';
import { assignHazard, AssignHazardInput } from './assign.js';
import { getHazard, HazardDetailSchema } from './get.js';
import { listHazards, ListHazardsQuery } from './list.js';
import { HazardRefParam, parseHazardRef, reloadView } from './load.js';
import { rebuildResource } from '../core/idempotency.js';
import { completeFollowUps } from './report-follow-ups.js';
import { rebuildHazardSteps } from './step-rebuild.js';
import { rectifyHazard, RectifyHazardInput } from './rectify.js';
import { reportHazard, ReportHazardInput } from './report.js';
import { reviewHazard, ReviewHazardInput } from './review.js';
import { HazardViewSchema } from './view.js';
import { voidHazard, VoidHazardInput } from './void.js';
import { whistleHazard, WhistleHazardInput } from './whistle.js';
import { correctReport, CorrectReportInput } from './correct.js';

const tags = ['hazards'];
const body = <T extends z.ZodTypeAny>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
const ReportResult = z.object({ hazard: HazardViewSchema, created: z.boolean() }).openapi('ReportHazardResult');

const reportRoute = createRoute({
  method: 'post', path: '/v1/hazards', tags, summary: '上报隐患', security: bearer,
  request: { body: body(ReportHazardInput) },
  responses: {
    201: json(ReportResult, '已创建'),
    200: json(ReportResult, '该聊天消息已上报过，返回原隐患'),
    ...errorResponses,
  },
});
const listRoute = createRoute({
  method: 'get', path: '/v1/hazards', tags, summary: '隐患列表（按范围、状态、等级、逾期等筛选）', security: bearer,
  request: { query: ListHazardsQuery },
  responses: { 200: json(page(HazardViewSchema)), ...errorResponses },
});
const getRoute = createRoute({
  method: 'get', path: '/v1/hazards/{idOrCode}', tags, summary: '隐患详情与处理过程（按 id 或编号）', security: bearer,
  request: { params: HazardRefParam },
  responses: { 200: json(HazardDetailSchema), ...errorResponses },
});

/** POST /v1/hazards/{id}/<action>: the same shape for every lifecycle step. */
function actionRoute<T extends z.ZodTypeAny>(action: string, summary: string, schema: T) {
  return createRoute({
    method: 'post', path: `/v1/hazards/{id}/${action}`, tags, summary, security: bearer,
    request: { params: IdParam, body: body(schema) },
    responses: { 200: json(HazardViewSchema), ...errorResponses },
  });
}

export function registerHazardRoutes(app: OpenAPIHono<AppEnv>) {
  // A report whose hazard committed with its Idempotency-Key before a crash: the retry gets it.
  // Its alert may not have been enqueued yet: completeFollowUps does it (once, by the outbox's dedupe key).
  rebuildResource('hazard', async (ctx, id) => {
    await completeFollowUps(ctx, id);
    return { status: 201, body: { hazard: await reloadView(ctx, id), created: true } };
  });
  rebuildHazardSteps();
  app.openapi(reportRoute, async (c) => {
    const r = await reportHazard(c.get('ctx'), c.req.valid('json'));
    return r.created ? c.json(r, 201) : c.json(r, 200);
  });
  app.openapi(listRoute, async (c) => c.json(await listHazards(c.get('ctx'), c.req.valid('query')), 200));
  app.openapi(getRoute, async (c) => c.json(await getHazard(c.get('ctx'), parseHazardRef(c.req.valid('param').idOrCode)), 200));

  app.openapi(actionRoute('assign', '交办（设定整改期限与责任人）', AssignHazardInput), async (c) =>
    c.json(await assignHazard(c.get('ctx'), { id: c.req.valid('param').id }, c.req.valid('json')), 200));
  app.openapi(actionRoute('rectify', '提交整改完成（需说明或照片）', RectifyHazardInput), async (c) =>
    c.json(await rectifyHazard(c.get('ctx'), { id: c.req.valid('param').id }, c.req.valid('json')), 200));
  app.openapi(actionRoute('review', '复查（通过则销号，不通过退回整改）', ReviewHazardInput), async (c) =>
    c.json(await reviewHazard(c.get('ctx'), { id: c.req.valid('param').id }, c.req.valid('json')), 200));
  app.openapi(actionRoute('void', '作废（不属实或重复）', VoidHazardInput), async (c) =>
    c.json(await voidHazard(c.get('ctx'), { id: c.req.valid('param').id }, c.req.valid('json')), 200));
  app.openapi(actionRoute('whistle', '吹哨（交行业部门）', WhistleHazardInput), async (c) =>
    c.json(await whistleHazard(c.get('ctx'), { id: c.req.valid('param').id }, c.req.valid('json')), 200));
  app.openapi(actionRoute('acknowledge', '部门报到', AcknowledgeHazardInput), async (c) =>
    c.json(await acknowledgeHazard(c.get('ctx'), { id: c.req.valid('param').id }, c.req.valid('json')), 200));
  app.openapi(actionRoute('notes', '补充说明或照片', AddHazardNoteInput), async (c) =>
    c.json(await addHazardNote(c.get('ctx'), { id: c.req.valid('param').id }, c.req.valid('json')), 200));
  app.openapi(actionRoute('correct', '上报人 10 分钟内更正或撤回自己的上报', CorrectReportInput), async (c) =>
    c.json(await correctReport(c.get('ctx'), { id: c.req.valid('param').id }, c.req.valid('json')), 200));
}
