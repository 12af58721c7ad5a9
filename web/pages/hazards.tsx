/** @jsxImportSource hono/jsx */
import { listHazards } from '../../api/hazards/list.js';
import { listTowns } from '../../api/org/list-towns.js';
import { listGrids } from '../../api/org/list-grids.js';
import { parseIsoDay } from '../../lib/time.js';
import { Layout } from '../layout.js';
import type { WebApp } from '../env.js';
import { HazardItems } from './hazard-list.js';
import { Pager } from './pager.js';

const STATUS = [['open', '未销号'], ['reported', '已上报'], ['rectifying', '整改中'], ['review', '待复查'], ['closed', '已销号'], ['void', '已作废']] as const;
const PAGE = 50;

const isoDay = (v: string | undefined) => (v && parseIsoDay(v) ? v : undefined);
const id = (v: string | undefined) => (v && /^[1-9]\d{0,9}$/.test(v) ? v : undefined);

/**
 * 隐患列表 with the API's filters (GET /v1/hazards: status, level, overdue, code or words, reported
 * between two Shanghai days, town, grid), paged, and the 台账 of the same filters, so a town office
 * downloads the ledger of a month or a grid as it files it. The verbs decide the scope: a town or
 * grid outside it lists nothing, and the selects offer only what listTowns / listGrids return.
 */
export function registerHazardList(web: WebApp) {
  web.get('/app/hazards', async (c) => {
    const q = c.req.query();
    const ctx = c.get('ctx');
    const { role } = c.get('user').actor;
    const filters = {
      status: STATUS.some(([v]) => v === q.status) ? (q.status as (typeof STATUS)[number][0]) : undefined,
      level: q.level === 'major' || q.level === 'general' ? (q.level as 'major' | 'general') : undefined,
      overdue: q.overdue === 'true' ? 'true' as const : undefined,
      q: q.q?.trim().slice(0, 100) || undefined,
      from: isoDay(q.from),
      to: isoDay(q.to),
      townId: id(q.townId),
      gridId: id(q.gridId),
    };
    const offset = Math.max(0, Math.floor(Number(q.offset) || 0));
    // A district-wide person picks a town; a town admin a grid of the town (a district has thousands).
    const [page, towns, grids] = await Promise.all([
      listHazards(ctx, { ...filters, limit: PAGE, offset }),
      role === 'district_admin' || role === 'department' ? listTowns(ctx, { limit: 500, offset: 0 }) : null,
      role === 'town_admin' ? listGrids(ctx, { limit: 500, offset: 0 }) : null,
    ]);
    const qs = new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][]).toString();
    return c.html(
      <Layout title="隐患" user={c.get('user')} here="/app/hazards">
        <h1>隐患 <span class="muted">{page.total} 条</span></h1>
        <form method="get" action="/app/hazards" class="card row">
          <div><label for="status">状态</label><select id="status" name="status"><option value="">全部</option>{STATUS.map(([v, l]) => <option value={v} selected={v === filters.status}>{l}</option>)}</select></div>
          <div><label for="level">等级</label><select id="level" name="level"><option value="">全部</option><option value="general" selected={filters.level === 'general'}>一般</option><option value="major" selected={filters.level === 'major'}>重大</option></select></div>
          {towns && (
            <div><label for="townId">镇（街道）</label><select id="townId" name="townId"><option value="">全部</option>{towns.items.map((t) => <option value={t.id} selected={String(t.id) === filters.townId}>{t.name}</option>)}</select></div>
          )}
          {grids && (
            <div><label for="gridId">网格</label><select id="gridId" name="gridId"><option value="">全部</option>{grids.items.map((g) => <option value={g.id} selected={String(g.id) === filters.gridId}>{g.name}</option>)}</select></div>
          )}
          <div><label for="from">上报日期起</label><input id="from" type="date" name="from" value={filters.from ?? ''} /></div>
          <div><label for="to">上报日期止</label><input id="to" type="date" name="to" value={filters.to ?? ''} /></div>
          <div><label for="hq">编号或描述</label><input id="hq" type="search" name="q" value={filters.q ?? ''} maxlength={100} /></div>
          <div><label><input type="checkbox" name="overdue" value="true" checked={!!filters.overdue} /> 只看逾期</label></div>
          <div class="shrink"><button type="submit" class="secondary">筛选</button></div>
        </form>
        <div class="card">
          <p><a href={`/app/exports/hazards.xlsx${qs ? `?${qs}` : ''}`}>下载台账（XLSX）</a> · <a href={`/app/exports/hazards.csv${qs ? `?${qs}` : ''}`}>CSV</a></p>
          <HazardItems items={page.items} />
          <Pager path="/app/hazards" qs={qs} offset={offset} size={PAGE} shown={page.items.length} total={page.total} />
        </div>
      </Layout>,
    );
  });
}
