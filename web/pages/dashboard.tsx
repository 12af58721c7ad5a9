/** @jsxImportSource hono/jsx */
import { raw } from 'hono/html';
import type { Ctx } from '../../api/core/context.js';
import { validationFailed } from '../../api/core/errors.js';
import { riskCounts } from '../../api/enterprises/risk-counts.js';
import { statsSummary, type StatsSummary } from '../../api/stats/summary.js';
import { overdueList } from '../../api/stats/overdue.js';
import { majorOpen } from '../../api/stats/major-open.js';
import { foundClosedSeries } from '../../api/stats/found-closed-series.js';
import { parsePeriod } from '../../lib/period.js';
import { addDays, endOfShanghaiDay, shanghaiDate, shanghaiWeekday, startOfShanghaiDay } from '../../lib/time.js';
import { completionByPlace, enterprisesByRisk, foundClosedByWeek } from '../charts/dashboard-charts.js';
import { Layout } from '../layout.js';
import { positiveInt, type WebApp } from '../env.js';
import { dayLabel, percent, timeLabel } from './format.js';

const WEEKS = 8;

/**
 * Found and closed per Shanghai week (Monday to Sunday), the last eight weeks: one series query
 * with 统计's definitions (foundClosedSeries), not one full summary per week.
 */
async function weekly(ctx: Ctx, townId: number | undefined) {
  const today = shanghaiDate(ctx.clock());
  const monday = addDays(today, -((shanghaiWeekday(ctx.clock()) + 6) % 7));
  const starts = Array.from({ length: WEEKS }, (_, i) => addDays(monday, -7 * (WEEKS - 1 - i)));
  const counts = await foundClosedSeries(ctx, { townId, periods: starts.map((start) => ({ from: startOfShanghaiDay(start), to: endOfShanghaiDay(addDays(start, 6)) })) });
  return starts.map((start, i) => ({ label: `${start.month}/${start.day}`, ...counts[i] }));
}

const Figure = ({ id, label, value }: { id: string; label: string; value: string | number }) => (
  <div class="figure"><span class="muted">{label}</span><b id={id}>{value}</b></div>
);

const Figures = ({ s }: { s: StatsSummary }) => (
  <div class="figures">
    <Figure id="fig-patrols-due" label="应巡查" value={s.patrols.due} />
    <Figure id="fig-patrols-done" label="已巡查" value={s.patrols.done} />
    <Figure id="fig-patrols-ontime" label="按时巡查" value={s.patrols.onTime} />
    <Figure id="fig-completion" label="巡查完成率" value={percent(s.patrols.completionRate)} />
    <Figure id="fig-found" label="发现隐患" value={s.hazards.found} />
    <Figure id="fig-closed" label="销号" value={s.hazards.closed} />
    <Figure id="fig-open" label="未销号" value={s.hazards.open} />
    <Figure id="fig-overdue" label="逾期" value={s.hazards.overdue} />
    <Figure id="fig-major" label="重大未销号" value={s.hazards.majorOpen} />
    <Figure id="fig-ontime" label="按期销号" value={s.hazards.closedOnTime} />
  </div>
);

/** 总览: the same figures as `统计` and GET /v1/stats/summary (same verb, same period words, same scope). */
/**
 * A city town has 100+ grids: a bar for each made a 3,600 px, 90 KB chart. The chart shows the
 * weakest places (the order 统计 lists them in); the table below keeps every row.
 */
const CHART_MAX = 15;
const charted = <R extends { patrols: { completionRate: number }; hazards: { overdue: number } }>(rows: R[]) =>
  rows.length <= CHART_MAX ? rows
    : [...rows].sort((a, b) => a.patrols.completionRate - b.patrols.completionRate || b.hazards.overdue - a.hazards.overdue).slice(0, CHART_MAX);

export function registerDashboard(web: WebApp) {
  web.get('/app/dashboard', async (c) => {
    const ctx = c.get('ctx');
    const townId = positiveInt(c.req.query('townId'));
    const periodWord = c.req.query('period') || undefined;
    const period = parsePeriod(periodWord, ctx.clock());
    if (!period) throw validationFailed('统计期间不正确，例如：本月、上月、本周、近7天');
    const [s, overdue, major, weeks, risks] = await Promise.all([
      statsSummary(ctx, { townId, from: period.from, to: period.to, label: period.label }),
      overdueList(ctx, { townId, limit: 10 }),
      majorOpen(ctx, { townId, limit: 10 }),
      weekly(ctx, townId),
      riskCounts(ctx, { townId }),
    ]);
    const by = s.breakdown === 'town' ? '镇' : '网格';
    return c.html(
      <Layout title="总览" user={c.get('user')} here="/app/dashboard">
        <h1>{s.scope.label} · {s.period.label}</h1>
        <form method="get" action="/app/dashboard" class="card row">
          <div><label for="period">期间</label>
            <select id="period" name="period">
              {['本月', '上月', '本周', '上周', '近7天', '近30天', '本季度', '今年'].map((p) => <option selected={p === (periodWord ?? '本月')}>{p}</option>)}
            </select>
          </div>
          {townId && <input type="hidden" name="townId" value={townId} />}
          <div class="shrink"><button type="submit" class="secondary">查看</button></div>
        </form>
        <section class="card"><Figures s={s} /></section>
        <section class="cols">
          <div class="card chart">{raw(foundClosedByWeek(weeks))}</div>
          <div class="card chart">{raw(enterprisesByRisk(risks))}</div>
        </section>
        {s.rows.length > 0 && (
          <section class="card">
            <h2>按{by}</h2>
            <div class="chart">{raw(completionByPlace(charted(s.rows).map((r) => ({ name: r.name, rate: r.patrols.completionRate })), by))}</div>
            {s.rows.length > CHART_MAX && <p class="muted">图中为按期巡查率最低的 {CHART_MAX} 个{by}，全部 {s.rows.length} 个见下表。</p>}
            <div class="scroll">
              <table>
                <thead><tr><th>{by}</th><th>应巡查</th><th>已巡查</th><th>完成率</th><th>发现</th><th>销号</th><th>未销号</th><th>逾期</th><th>重大</th></tr></thead>
                <tbody>
                  {s.rows.map((r) => (
                    <tr>
                      <td>{s.breakdown === 'town' ? <a href={`/app/dashboard?townId=${r.id}`}>{r.name}</a> : r.name}</td>
                      <td>{r.patrols.due}</td><td>{r.patrols.done}</td><td>{percent(r.patrols.completionRate)}</td>
                      <td>{r.hazards.found}</td><td>{r.hazards.closed}</td><td>{r.hazards.open}</td><td>{r.hazards.overdue}</td><td>{r.hazards.majorOpen}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        )}
        <section class="cols">
          <div class="card">
            <h2>逾期隐患 <span class="muted">{overdue.hazards.total} 条</span></h2>
            <ul class="list">{overdue.hazards.items.map((h) => (
              <li><a href={`/app/hazards/${h.code}`}>{h.code}</a> <span class="tag overdue">逾期 {h.overdueDays} 天</span><div>{h.enterpriseName}：{h.description}</div></li>
            ))}</ul>
            <h2>逾期未巡查企业 <span class="muted">{overdue.patrols.total} 家</span></h2>
            <ul class="list">{overdue.patrols.items.map((p) => (
              <li><a href={`/app/enterprises/${p.enterpriseId}`}>{p.enterpriseName}</a> <span class="muted">应于 {dayLabel(p.dueDay)} 巡查，逾期 {p.overdueDays} 天</span></li>
            ))}</ul>
          </div>
          <div class="card">
            <h2>重大隐患（未销号） <span class="muted">{major.total} 条</span></h2>
            <ul class="list">{major.items.map((h) => (
              <li><a href={`/app/hazards/${h.code}`}>{h.code}</a> {h.overdue && <span class="tag overdue">逾期</span>}<div>{h.enterpriseName}：{h.description}</div><div class="muted">上报于 {timeLabel(h.reportedAt)}</div></li>
            ))}</ul>
          </div>
        </section>
      </Layout>,
    );
  });
}
