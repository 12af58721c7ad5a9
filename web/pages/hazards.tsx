/** @jsxImportSource hono/jsx */
import { listHazards } from '../../api/hazards/list.js';
import { Layout } from '../layout.js';
import type { WebApp } from '../env.js';
import { HazardItems } from './hazard-list.js';

const STATUS = [['open', '未销号'], ['reported', '已上报'], ['rectifying', '整改中'], ['review', '待复查'], ['closed', '已销号'], ['void', '已作废']] as const;

/** 隐患列表 with the API's filters (GET /v1/hazards), and the 台账 of the same filters. */
export function registerHazardList(web: WebApp) {
  web.get('/app/hazards', async (c) => {
    const q = c.req.query();
    const filters = {
      status: STATUS.some(([v]) => v === q.status) ? (q.status as (typeof STATUS)[number][0]) : undefined,
      level: q.level === 'major' || q.level === 'general' ? (q.level as 'major' | 'general') : undefined,
      overdue: q.overdue === 'true' ? 'true' as const : undefined,
      q: q.q?.trim() || undefined,
    };
    const page = await listHazards(c.get('ctx'), { ...filters, limit: 50, offset: Math.max(0, Number(q.offset) || 0) });
    const qs = new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][]).toString();
    return c.html(
      <Layout title="隐患" user={c.get('user')} here="/app/hazards">
        <h1>隐患 <span class="muted">{page.total} 条</span></h1>
        <form method="get" action="/app/hazards" class="card row">
          <div><label for="status">状态</label><select id="status" name="status"><option value="">全部</option>{STATUS.map(([v, l]) => <option value={v} selected={v === filters.status}>{l}</option>)}</select></div>
          <div><label for="level">等级</label><select id="level" name="level"><option value="">全部</option><option value="general" selected={filters.level === 'general'}>一般</option><option value="major" selected={filters.level === 'major'}>重大</option></select></div>
          <div><label for="hq">编号或描述</label><input id="hq" type="search" name="q" value={filters.q ?? ''} /></div>
          <div><label><input type="checkbox" name="overdue" value="true" checked={!!filters.overdue} /> 只看逾期</label></div>
          <div class="shrink"><button type="submit" class="secondary">筛选</button></div>
        </form>
        <div class="card">
          <p><a href={`/app/exports/hazards.xlsx${qs ? `?${qs}` : ''}`}>下载台账（XLSX）</a> · <a href={`/app/exports/hazards.csv${qs ? `?${qs}` : ''}`}>CSV</a></p>
          <HazardItems items={page.items} />
        </div>
      </Layout>,
    );
  });
}
