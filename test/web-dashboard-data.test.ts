import { sessionCookie } from './helpers/web-sign-in.js';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createApp } from '../api/app.js';
import { hazards, RISK_COLORS } from '../db/schema/index.js';
import { issueLoginTicket } from '../web/auth/issue-ticket.js';
import { statsSummary } from '../api/stats/summary.js';
import { foundClosedSeries } from '../api/stats/found-closed-series.js';
import { riskCounts } from '../api/enterprises/risk-counts.js';
import { listEnterprises } from '../api/enterprises/list-enterprises.js';
import { addDays, endOfShanghaiDay, shanghaiDate, startOfShanghaiDay } from '../lib/time.js';
import { chartMemo } from '../web/charts/memo.js';
import { testDeps } from './helpers/deps.js';
import { ctxFor, makeEnterprise, makeWorld } from './helpers/fixtures.js';
import { makeHazard, sh } from './helpers/jobs-fixtures.js';
import { whistleDirect } from './helpers/hazards-fixtures.js';

const DAY = 86_400_000;

/** Hazards reported (and some closed, some void) over the last eight weeks in two towns. */
async function world() {
  const t = await testDeps({ now: sh(26, 10, 0).toISOString() });
  const w = await makeWorld(t.db);
  const entA3 = await makeEnterprise(t.db, w.gridA1, { riskColor: 'orange' });
  const now = t.clock().getTime();
  const ents = [w.entA1, w.entA2, entA3, w.entB1];
  for (let i = 0; i < 40; i++) {
    const reportedAt = new Date(now - (i * 37 % 56) * DAY - (i % 5) * 3_600_000);
    const h = await makeHazard(t.db, ents[i % ents.length], w.workerA1.id, {
      reportedAt, status: i % 7 === 0 ? 'void' : i % 3 === 0 ? 'closed' : 'rectifying', description: `隐患${i}`,
      deadlineAt: new Date(reportedAt.getTime() + 5 * DAY),
    });
    if (i % 3 === 0 && i % 7 !== 0) {
      await t.db.update(hazards).set({ closedAt: new Date(Math.min(now - 1, reportedAt.getTime() + (i % 9) * DAY)) }).where(eq(hazards.id, h.id));
    }
    if (i % 4 === 0) await whistleDirect(t.db, h.id, w.fireDept.id, w.district.id);
  }
  return { t, w };
}

function lastWeeks(now: Date, n: number) {
  const today = shanghaiDate(now);
  const start = addDays(today, -7 * n + 1);
  return Array.from({ length: n }, (_, i) => ({ from: startOfShanghaiDay(addDays(start, 7 * i)), to: endOfShanghaiDay(addDays(start, 7 * i + 6)) }));
}

describe('dashboard data through one query each', () => {
  it('foundClosedSeries equals statsSummary for every week, in every scope (rollup and direct paths)', async () => {
    const { t, w } = await world();
    const weeks = lastWeeks(t.clock(), 8);
    const asked: [number, { townId?: number; gridId?: number }][] = [
      [w.district.id, {}], [w.district.id, { townId: w.townA.id }], [w.adminA.id, {}], [w.adminA.id, { gridId: w.gridA1.id }],
      [w.deptUser.id, {}], [w.workerA1.id, {}],
    ];
    let nonZero = 0;
    for (const [personId, place] of asked) {
      const ctx = await ctxFor(t.deps, personId);
      const series = await foundClosedSeries(ctx, { ...place, periods: weeks });
      for (const [i, wk] of weeks.entries()) {
        const s = await statsSummary(ctx, { ...place, ...wk });
        expect(series[i], `person ${personId} ${JSON.stringify(place)} week ${i}`).toEqual({ found: s.hazards.found, closed: s.hazards.closed });
        nonZero += s.hazards.found + s.hazards.closed;
      }
    }
    expect(nonZero).toBeGreaterThan(0);
    // A period that does not start at a Shanghai midnight counts the rows directly, with the same result.
    const ctx = await ctxFor(t.deps, w.adminA.id);
    const odd = { from: new Date(weeks[3].from.getTime() + 3_600_000), to: weeks[6].to };
    expect(await foundClosedSeries(ctx, { periods: [odd] })).toEqual([{ found: (await statsSummary(ctx, odd)).hazards.found, closed: (await statsSummary(ctx, odd)).hazards.closed }]);
    t.close();
  });

  it('foundClosedSeries refuses another town and a bad range like 统计 does', async () => {
    const { t, w } = await world();
    const ctx = await ctxFor(t.deps, w.adminA.id);
    const weeks = lastWeeks(t.clock(), 2);
    await expect(foundClosedSeries(ctx, { townId: w.townB.id, periods: weeks })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(foundClosedSeries(ctx, { periods: [{ from: weeks[1].to, to: weeks[0].from }] })).rejects.toMatchObject({ code: 'validation_failed' });
    t.close();
  });

  it('riskCounts equals listEnterprises totals per colour in each scope', async () => {
    const { t, w } = await world();
    for (const personId of [w.district.id, w.adminA.id, w.workerA1.id, w.deptUser.id]) {
      const ctx = await ctxFor(t.deps, personId);
      for (const townId of personId === w.district.id ? [undefined, w.townA.id] : [undefined]) {
        const counts = await riskCounts(ctx, { townId });
        for (const riskColor of RISK_COLORS) {
          expect(counts[riskColor]).toBe((await listEnterprises(ctx, { townId, riskColor, limit: 1, offset: 0 })).total);
        }
      }
    }
    t.close();
  });

  it('the dashboard shows the summary figures and redraws the weekly chart when a figure changes', async () => {
    const { t, w } = await world();
    const app = createApp(t.deps);
    const { ticket } = await issueLoginTicket(t.deps, w.adminA.id, t.clock());
    const cookie = await sessionCookie(app, ticket);
    chartMemo.clear();
    const page = async () => (await app.request('/app/dashboard', { headers: { cookie } })).text();
    const weeklyChart = (html: string) => /<div class="card chart">([\s\S]*?)<\/div>/.exec(html)![1];
    const first = await page();
    const api = await statsSummary(await ctxFor(t.deps, w.adminA.id), { from: startOfShanghaiDay({ ...shanghaiDate(t.clock()), day: 1 }), to: endOfShanghaiDay(addDays(shanghaiDate(t.clock()), 40)) });
    expect(first).toContain(`id="fig-open">${api.hazards.open}<`);
    // Same figures: the same pictures, from the memo.
    const rendered = chartMemo.size();
    expect(await page()).toBe(first);
    expect(chartMemo.size()).toBe(rendered);
    // A report this week changes the weekly figures: that chart is drawn anew, never the old picture.
    await makeHazard(t.db, w.entA1, w.workerA1.id, { reportedAt: new Date(t.clock().getTime() - 3_600_000), description: '新隐患' });
    const second = await page();
    expect(weeklyChart(second)).not.toBe(weeklyChart(first));
    expect(second).toContain(`id="fig-open">${api.hazards.open + 1}<`);
    t.close();
  });
});
