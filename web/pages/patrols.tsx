/** @jsxImportSource hono/jsx */
import { listPatrols } from '../../api/patrols/list.js';
import { parseIsoDay, startOfShanghaiDay } from '../../lib/time.js';
import { Layout } from '../layout.js';
import type { WebApp } from '../env.js';
import { timeLabel } from './format.js';
import { Pager } from './pager.js';

const PAGE = 50;
const DAY_MS = 86_400_000;
const RESULTS = [['normal', '正常'], ['issues', '发现隐患']] as const;

/** A Shanghai calendar day typed in a date field, or undefined when blank or not a real day. */
const isoDay = (v: string | undefined) => (v && parseIsoDay(v) ? v : undefined);

/**
 * 巡查记录 with the API's filters (GET /v1/patrols: result, date range in Shanghai days) and the
 * 巡查台账 of the same filters. The list verb decides the scope: a worker sees their grids' patrols.
 */
export function registerPatrolList(web: WebApp) {
  web.get('/app/patrols', async (c) => {
    const q = c.req.query();
    const filters = {
      result: RESULTS.some(([v]) => v === q.result) ? (q.result as 'normal' | 'issues') : undefined,
      from: isoDay(q.from),
      to: isoDay(q.to),
    };
    const offset = Math.max(0, Math.floor(Number(q.offset) || 0));
    const page = await listPatrols(c.get('ctx'), {
      result: filters.result,
      from: filters.from ? startOfShanghaiDay(parseIsoDay(filters.from)!).toISOString() : undefined,
      // The form's 止 day is inclusive; the verb's `to` is exclusive.
      to: filters.to ? new Date(startOfShanghaiDay(parseIsoDay(filters.to)!).getTime() + DAY_MS).toISOString() : undefined,
      limit: PAGE, offset,
    });
    const qs = new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][]).toString();
    return c.html(
      <Layout title="巡查记录" user={c.get('user')} here="/app/patrols">
        <h1>巡查记录 <span class="muted">{page.total} 次</span></h1>
        <form method="get" action="/app/patrols" class="card row">
          <div><label for="result">结果</label><select id="result" name="result"><option value="">全部</option>{RESULTS.map(([v, l]) => <option value={v} selected={v === filters.result}>{l}</option>)}</select></div>
          <div><label for="from">日期起</label><input id="from" type="date" name="from" value={filters.from ?? ''} /></div>
          <div><label for="to">日期止</label><input id="to" type="date" name="to" value={filters.to ?? ''} /></div>
          <div class="shrink"><button type="submit" class="secondary">筛选</button></div>
        </form>
        <div class="card">
          <p><a href={`/app/exports/patrols.xlsx${qs ? `?${qs}` : ''}`}>下载巡查台账（XLSX）</a> · <a href={`/app/exports/patrols.csv${qs ? `?${qs}` : ''}`}>CSV</a></p>
          {page.items.length === 0 ? <p class="muted">没有巡查记录</p> : (
            <ul class="list" id="patrol-items">{page.items.map((p) => (
              <li>
                <a href={`/app/enterprises/${p.enterpriseId}`}><b>{p.enterpriseName}</b></a>{' '}
                <span class={`tag ${p.result === 'issues' ? 'overdue' : 'closed'}`}>{p.result === 'issues' ? '发现隐患' : '正常'}</span>
                <div class="muted">{timeLabel(p.patrolledAt)} · {p.workerName}</div>
                {p.note && <div>{p.note}</div>}
              </li>
            ))}</ul>
          )}
          <Pager path="/app/patrols" qs={qs} offset={offset} size={PAGE} shown={page.items.length} total={page.total} />
        </div>
      </Layout>,
    );
  });
}
