import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../core/hono-env.js';
import { bearer, errorResponses, json } from '../core/schemas.js';
import { XLSX_MIME } from './read-table.js';
import { IMPORT_KINDS, runImport } from './run-import.js';

const ImportResult = z
  .object({
    kind: z.enum(IMPORT_KINDS),
    dryRun: z.boolean(),
    rows: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    contacts: z.object({ created: z.number().int(), updated: z.number().int() }).optional()
      .openapi({ description: '企业导入：按联系人列新建/更新的企业联系人' }),
    riskColorChanges: z.number().int().optional().openapi({ description: '企业导入：风险等级发生变化的企业数（已通知企业联系人和主管部门）' }),
  })
  .openapi('ImportResult');

const file = z.string().openapi({ format: 'binary' });

const importRoute = createRoute({
  method: 'post',
  path: '/v1/imports/{kind}',
  tags: ['imports'],
  summary: '批量导入镇（街道）、网格、人员或企业（CSV/XLSX，全部通过才写入）',
  description:
    '请求体为文件本身：CSV（UTF-8 或 GBK）或 XLSX。任何一行有错误时返回 400，details.rows 列出每行的问题（行号、列名、原因），且不写入任何数据。dryRun=true 只校验不写入。',
  security: bearer,
  request: {
    params: z.object({ kind: z.enum(IMPORT_KINDS).openapi({ param: { name: 'kind', in: 'path' } }) }),
    query: z.object({ dryRun: z.enum(['true', 'false']).optional() }),
    body: { content: { 'text/csv': { schema: file }, [XLSX_MIME]: { schema: file } }, required: true },
  },
  responses: { 200: json(ImportResult, '导入结果（dryRun 时为预计结果）'), ...errorResponses },
});

export function registerImportRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(importRoute, async (c) => {
    const result = await runImport(c.get('ctx'), {
      kind: c.req.valid('param').kind,
      bytes: new Uint8Array(await c.req.arrayBuffer()),
      contentType: c.req.header('content-type') ?? '',
      dryRun: c.req.valid('query').dryRun === 'true',
    });
    return c.json(result, 200);
  });
}
