import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../core/hono-env.js';
import { bearer, errorResponses, json } from '../core/schemas.js';
import { validationFailed } from '../core/errors.js';
import { parsePeriod, type Period } from '../../lib/period.js';
import { endOfShanghaiDay, parseIsoDay, startOfShanghaiDay } from '../../lib/time.js';
import { statsSummary, StatsSummarySchema } from './summary.js';
import { overdueList, OverdueListSchema } from './overdue.js';
import { majorOpen, MajorOpenSchema } from './major-open.js';
import { myTasks, MyTasksSchema } from './my-tasks.js';
import { assessment, AssessmentSchema } from './assessment.js';
import { MSG } from './messages.js';

const tags = ['统计'];
const Id = z.coerce.number().int().positive();
const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Place = { townId: Id.optional(), gridId: Id.optional() };
const Limit = z.coerce.number().int().min(1).max(200).default(20);

const SummaryQuery = z
  .object({
    ...Place,
    period: z.string().max(20).optional().openapi({ description: '今天、昨天、本周、上周、本月、上月、今年、近7天、2026-11、11月；默认本月' }),
    from: IsoDay.optional().openapi({ description: '开始日期（含），与 to 同用时代替 period' }),
    to: IsoDay.optional().openapi({ description: '结束日期（含）' }),
  })
  .strict();

/** from/to days (inclusive, Shanghai) win over a period word; neither means 本月. */
function periodOf(q: z.infer<typeof SummaryQuery>, now: Date): Period {
  if (q.from || q.to) {
    const from = q.from ? parseIsoDay(q.from) : null;
    const to = q.to ? parseIsoDay(q.to) : null;
    if (!from || !to) throw validationFailed(MSG.badRange);
    return { from: startOfShanghaiDay(from), to: endOfShanghaiDay(to), label: `${q.from}至${q.to}` };
  }
  const p = parsePeriod(q.period, now);
  if (!p) throw validationFailed(MSG.badPeriod);
  return p;
}

export function registerStatsRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    createRoute({ method: 'get', path: '/v1/stats/summary', tags, summary: '统计：巡查完成率与隐患情况', security: bearer,
      request: { query: SummaryQuery }, responses: { 200: json(StatsSummarySchema), ...errorResponses } }),
    async (c) => {
      const ctx = c.get('ctx');
      const q = c.req.valid('query');
      const p = periodOf(q, ctx.clock());
      return c.json(await statsSummary(ctx, { townId: q.townId, gridId: q.gridId, from: p.from, to: p.to, label: p.label }), 200);
    },
  );
  app.openapi(
    createRoute({ method: 'get', path: '/v1/stats/overdue', tags, summary: '逾期隐患与逾期未巡查企业', security: bearer,
      request: { query: z.object({ ...Place, limit: Limit }).strict() }, responses: { 200: json(OverdueListSchema), ...errorResponses } }),
    async (c) => c.json(await overdueList(c.get('ctx'), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({ method: 'get', path: '/v1/stats/major', tags, summary: '未销号的重大隐患', security: bearer,
      request: { query: z.object({ ...Place, limit: Limit }).strict() }, responses: { 200: json(MajorOpenSchema), ...errorResponses } }),
    async (c) => c.json(await majorOpen(c.get('ctx'), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({ method: 'get', path: '/v1/stats/assessment', tags, summary: '网格员月度考核（管理员）', security: bearer,
      request: { query: z.object({ month: z.string().openapi({ example: '2026-11' }), townId: Id.optional() }).strict() },
      responses: { 200: json(AssessmentSchema), ...errorResponses } }),
    async (c) => c.json(await assessment(c.get('ctx'), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({ method: 'get', path: '/v1/me/tasks', tags, summary: '我的任务（待办）', security: bearer,
      responses: { 200: json(MyTasksSchema), ...errorResponses } }),
    async (c) => c.json(await myTasks(c.get('ctx')), 200),
  );
}
