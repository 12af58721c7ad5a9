import { z } from '@hono/zod-openapi';
import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import { checkItems, enterprises, grids, hazards, people, towns, OPEN_STATUSES } from '../../db/schema/index.js';
import type { Ctx } from '../core/context.js';
import { hazardScope } from '../core/scope.js';
import { hazardFilters, ListHazardsQuery } from '../hazards/list.js';
import { DAY_MS, shanghaiMidnight } from '../../lib/time.js';
import { LEVEL_LABEL, STATUS_LABEL, dayCell, keysetPages, minuteCell, type Ledger } from './format.js';
import { ledgerTitle } from './title.js';

/** The hazard list's filters (GET /v1/hazards), minus paging: an export is the whole filtered ledger. */
export const HazardLedgerQuery = ListHazardsQuery.omit({ limit: true, offset: true });
export type HazardLedgerQueryT = z.output<typeof HazardLedgerQuery>;

const HEADERS = ['序号', '隐患编号', '镇（街道）', '网格', '企业名称', '统一社会信用代码', '隐患描述', '隐患类别', '隐患等级', '状态',
  '上报人', '上报时间', '整改期限', '是否逾期', '逾期天数', '责任人', '吹哨部门', '整改措施', '整改完成时间',
  '复查结果', '复查意见', '复查人', '复查时间', '销号时间', '照片数', '整改提交人'];
const WIDTHS = [6, 18, 12, 12, 26, 20, 36, 10, 8, 8, 9, 16, 11, 8, 8, 10, 16, 30, 16, 8, 24, 9, 16, 16, 7, 18];
const REVIEW_LABEL: Record<string, string> = { review_pass: '通过', review_fail: '不通过' };
// Who submitted the latest rectification: the enterprise itself or the grid's people (考核 still
// counts only the worker's own patrols and reports; this column only tells the two apart).
const SUBMITTER_ROLE: Record<string, string> = { enterprise: '企业', worker: '网格员', town_admin: '镇管理员', district_admin: '区管理员', department: '行业部门' };

/**
 * The hazard ledger (隐患台账) in the actor's scope. Rows are read a page at a time by id (keyset,
 * never OFFSET) so a district-wide export of millions of rows runs in bounded memory.
 */
export function hazardLedger(ctx: Ctx, q: HazardLedgerQueryT): Ledger {
  const now = ctx.clock();
  const where: (SQL | undefined)[] = [hazardScope(ctx.actor), ...hazardFilters(q, now)];
  const today = shanghaiMidnight(now).getTime();

  const fetch = (after: number, limit: number) =>
    ctx.db
      .select({
        id: hazards.id, code: hazards.code, town: towns.name, grid: grids.name, enterprise: enterprises.name, creditCode: enterprises.creditCode,
        description: hazards.description, category: checkItems.category, level: hazards.level, status: hazards.status,
        reporter: people.name, reportedAt: hazards.reportedAt, deadlineAt: hazards.deadlineAt, responsible: hazards.responsible,
        closedAt: hazards.closedAt,
        departments: sql<string | null>`(select group_concat(d.name, '、') from hazard_departments hd join departments d on d.id = hd.department_id where hd.hazard_id = ${hazards.id})`,
        // The latest rectification (its time, measure and who submitted it) and the latest review: one indexed probe each.
        rectified: sql<string | null>`(select json_array(ev.at, ev.note, rp.role || '|' || rp.name) from hazard_events ev left join people rp on rp.id = ev.actor_id
          where ev.hazard_id = ${hazards.id} and ev.action = 'rectify' order by ev.at desc, ev.id desc limit 1)`,
        reviewed: sql<string | null>`(select json_array(ev.at, ev.action, ev.note, rp.name) from hazard_events ev left join people rp on rp.id = ev.actor_id
          where ev.hazard_id = ${hazards.id} and ev.action in ('review_pass', 'review_fail') order by ev.at desc, ev.id desc limit 1)`,
        photos: sql<number>`(select count(*) from attachments a where a.hazard_id = ${hazards.id})`,
      })
      .from(hazards)
      .innerJoin(enterprises, eq(enterprises.id, hazards.enterpriseId))
      .leftJoin(grids, eq(grids.id, hazards.gridId))
      .leftJoin(towns, eq(towns.id, hazards.townId))
      .leftJoin(checkItems, eq(checkItems.id, hazards.checkItemId))
      .leftJoin(people, eq(people.id, hazards.reporterId))
      .where(and(...where, gt(hazards.id, after)))
      .orderBy(asc(hazards.id))
      .limit(limit);
  const pages = keysetPages(fetch, (h, position) => {
    const late = OPEN_STATUSES.includes(h.status) && h.deadlineAt != null && h.deadlineAt.getTime() < now.getTime();
    // A deadline is stored as 24:00 of its day; the ledger shows the day itself.
    const deadlineDayStart = h.deadlineAt ? shanghaiMidnight(h.deadlineAt.getTime() - 1).getTime() : null;
    const [rectifiedAt, measure, rectifiedBy] = h.rectified ? (JSON.parse(h.rectified) as [number, string | null, string | null]) : [null, null, null];
    const [reviewedAt, review, opinion, reviewer] = h.reviewed ? (JSON.parse(h.reviewed) as [number, string, string | null, string | null]) : [null, null, null, null];
    return [
      position, h.code, h.town ?? '', h.grid ?? '', h.enterprise, h.creditCode ?? '', h.description, h.category ?? '其他',
      LEVEL_LABEL[h.level], STATUS_LABEL[h.status], h.reporter ?? '', minuteCell(h.reportedAt),
      h.deadlineAt ? dayCell(h.deadlineAt.getTime() - 1) : null, late ? '是' : '否',
      late && deadlineDayStart != null ? Math.max(1, Math.round((today - deadlineDayStart) / DAY_MS)) : 0,
      h.responsible ?? '', h.departments ?? '', measure ?? '', minuteCell(rectifiedAt),
      review ? REVIEW_LABEL[review] : '', opinion ?? '', reviewer ?? '', minuteCell(reviewedAt), minuteCell(h.closedAt), h.photos, submitter(rectifiedBy),
    ];
  });
  return { sheetName: '隐患台账', headers: HEADERS, widths: WIDTHS, pages, title: () => ledgerTitle(ctx, '隐患台账', q) };
}

function submitter(roleAndName: string | null): string {
  if (!roleAndName) return '';
  const [role, ...name] = roleAndName.split('|');
  return `${SUBMITTER_ROLE[role] ?? role}：${name.join('|')}`;
}
