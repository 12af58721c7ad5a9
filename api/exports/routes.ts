import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../core/hono-env.js';
import { bearer, errorResponses } from '../core/schemas.js';
import { shanghaiIsoDay } from '../../lib/time.js';
import { attachmentDisposition, type Ledger } from './format.js';
import { HazardLedgerQuery, hazardLedger } from './hazard-ledger.js';
import { PatrolLedgerQuery, patrolLedger } from './patrol-ledger.js';
import { ledgerCsv, ledgerXlsx } from './render.js';

const tags = ['台账导出'];
const FORMATS = {
  csv: { type: 'text/csv; charset=utf-8', render: ledgerCsv },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', render: ledgerXlsx },
} as const;
type Ext = keyof typeof FORMATS;
const TITLES = { hazards: '隐患台账', patrols: '巡查台账' } as const;
type Kind = keyof typeof TITLES;

function exportRoute<Q extends typeof HazardLedgerQuery | typeof PatrolLedgerQuery>(kind: Kind, ext: Ext, query: Q) {
  return createRoute({
    method: 'get', path: `/v1/exports/${kind}.${ext}`, tags, summary: `导出${TITLES[kind]}（${ext.toUpperCase()}）`, security: bearer,
    request: { query },
    responses: { 200: { description: TITLES[kind], content: { [FORMATS[ext].type]: { schema: z.string().openapi({ format: 'binary' }) } } }, ...errorResponses },
  });
}

/** Streams the ledger; the file is named for the ledger and the Shanghai day, e.g. 隐患台账-2026-11-23.csv. */
function send(c: Context<AppEnv>, kind: Kind, ext: Ext, ledger: Ledger) {
  const day = shanghaiIsoDay(c.get('ctx').clock());
  return c.body(FORMATS[ext].render(ledger), 200, {
    'content-type': FORMATS[ext].type,
    'content-disposition': attachmentDisposition(`${TITLES[kind]}-${day}.${ext}`, `${kind}-${day}.${ext}`),
    'cache-control': 'no-store',
  });
}

export function registerExportRoutes(app: OpenAPIHono<AppEnv>) {
  for (const ext of ['csv', 'xlsx'] as const) {
    app.openapi(exportRoute('hazards', ext, HazardLedgerQuery), (c) =>
      send(c, 'hazards', ext, hazardLedger(c.get('ctx'), c.req.valid('query'))));
    app.openapi(exportRoute('patrols', ext, PatrolLedgerQuery), (c) =>
      send(c, 'patrols', ext, patrolLedger(c.get('ctx'), c.req.valid('query'))));
  }
}
