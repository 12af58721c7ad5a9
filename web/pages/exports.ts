import { validationFailed } from '../../api/core/errors.js';
import { attachmentDisposition } from '../../api/exports/format.js';
import { HazardLedgerQuery, hazardLedger } from '../../api/exports/hazard-ledger.js';
import { PatrolLedgerQuery, patrolLedger } from '../../api/exports/patrol-ledger.js';
import { ledgerCsv, ledgerXlsx } from '../../api/exports/render.js';
import { shanghaiIsoDay } from '../../lib/time.js';
import type { WebApp } from '../env.js';

const TYPES = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;
const TITLES = { hazards: '隐患台账', patrols: '巡查台账' } as const;

/** 台账 downloads for a signed-in page: the API's ledger verbs and query schemas, behind the session. */
export function registerExportPages(web: WebApp) {
  web.get('/app/exports/:file{(hazards|patrols)\\.(csv|xlsx)}', (c) => {
    const [kind, ext] = c.req.param('file').split('.') as ['hazards' | 'patrols', 'csv' | 'xlsx'];
    const ctx = c.get('ctx');
    const parsed = (kind === 'hazards' ? HazardLedgerQuery : PatrolLedgerQuery).safeParse(c.req.query());
    if (!parsed.success) throw validationFailed('筛选条件不正确');
    const ledger = kind === 'hazards' ? hazardLedger(ctx, parsed.data as never) : patrolLedger(ctx, parsed.data as never);
    const day = shanghaiIsoDay(ctx.clock());
    return c.body((ext === 'csv' ? ledgerCsv : ledgerXlsx)(ledger), 200, {
      'content-type': TYPES[ext],
      'content-disposition': attachmentDisposition(`${TITLES[kind]}-${day}.${ext}`, `${kind}-${day}.${ext}`),
      'cache-control': 'no-store',
    });
  });
}
