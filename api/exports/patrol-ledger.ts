import { z } from '@hono/zod-openapi';
import { and, asc, eq, gt, gte, lt, sql, type SQL } from 'drizzle-orm';
import { enterprises, grids, patrols, people, towns } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { patrolScope } from '../core/scope.js';
import { endOfShanghaiDay, parseIsoDay, startOfShanghaiDay } from '../../lib/time.js';
import { RESULT_LABEL, keysetPages, minuteCell, type Ledger } from './format.js';
import { ledgerTitle } from './title.js';

const Id = z.coerce.number().int().positive();
const IsoDay = z.string().refine((s) => parseIsoDay(s) !== null, { message: '日期格式应为 YYYY-MM-DD' });

export const PatrolLedgerQuery = z
  .object({
    townId: Id.optional(),
    gridId: Id.optional(),
    result: z.enum(['normal', 'issues']).optional(),
    from: IsoDay.optional().openapi({ description: '巡查日期起（含）' }),
    to: IsoDay.optional().openapi({ description: '巡查日期止（含）' }),
  })
  .strict();
export type PatrolLedgerQueryT = z.infer<typeof PatrolLedgerQuery>;

const HEADERS = ['序号', '巡查时间', '镇（街道）', '网格', '企业名称', '网格员', '巡查结果', '发现隐患数', '备注', '照片数'];
const WIDTHS = [7, 17, 12, 12, 28, 10, 10, 10, 40, 7];

/** The patrol ledger (巡查台账) in the actor's scope, paged by id like the hazard ledger. */
export function patrolLedger(ctx: Ctx, q: PatrolLedgerQueryT): Ledger {
  const where: (SQL | undefined)[] = [
    patrolScope(ctx.actor),
    q.townId ? eq(patrols.townId, q.townId) : undefined,
    q.gridId ? eq(patrols.gridId, q.gridId) : undefined,
    q.result ? eq(patrols.result, q.result) : undefined,
    q.from ? gte(patrols.patrolledAt, startOfShanghaiDay(parseIsoDay(q.from)!)) : undefined,
    q.to ? lt(patrols.patrolledAt, endOfShanghaiDay(parseIsoDay(q.to)!)) : undefined,
  ];

  const fetch = (after: number, limit: number) =>
    ctx.db
      .select({
        id: patrols.id, patrolledAt: patrols.patrolledAt, town: towns.name, grid: grids.name, enterprise: enterprises.name,
        worker: people.name, result: patrols.result, note: patrols.note,
        hazardCount: sql<number>`(select count(*) from hazards h where h.patrol_id = ${patrols.id})`,
        photos: sql<number>`(select count(*) from attachments a where a.patrol_id = ${patrols.id})`,
      })
      .from(patrols)
      .innerJoin(enterprises, eq(enterprises.id, patrols.enterpriseId))
      .leftJoin(grids, eq(grids.id, patrols.gridId))
      .leftJoin(towns, eq(towns.id, patrols.townId))
      .leftJoin(people, eq(people.id, patrols.workerId))
      .where(and(...where, gt(patrols.id, after)))
      .orderBy(asc(patrols.id))
      .limit(limit);
  const pages = keysetPages(fetch, (p, position) => [
    position, minuteCell(p.patrolledAt), p.town ?? '', p.grid ?? '', p.enterprise, p.worker ?? '',
    RESULT_LABEL[p.result], p.hazardCount, p.note ?? '', p.photos,
  ]);
  return { sheetName: '巡查台账', headers: HEADERS, widths: WIDTHS, pages, title: () => ledgerTitle(ctx, '巡查台账', q) };
}
