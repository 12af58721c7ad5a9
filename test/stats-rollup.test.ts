import { describe, it, expect, beforeAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { testApp } from './helpers/deps.js';
import { ctxFor, makeEnterprise, makeWorld } from './helpers/fixtures.js';
import { sh } from './helpers/stats-world.js';
import { directCounts, periodCounts, rollupCounts, type PeriodCount } from '../api/stats/period-counts.js';
import { resolveStatsScope } from '../api/stats/stats-scope.js';
import { dueByTownSql } from '../api/stats/due-sql.js';
import { dueRollupSql } from '../api/stats/due-rollup.js';
import { openRollupSql } from '../api/stats/open-rollup.js';
import { memoDueByTown } from '../api/stats/due-memo.js';
import { overdueList } from '../api/stats/overdue.js';
import { dueKeySql } from '../api/stats/due-sql.js';
import { loadPolicy } from '../api/patrols/policy.js';
import { DAY_MS, shanghaiMidnight } from '../lib/time.js';

type T = Awaited<ReturnType<typeof testApp>>;

// The stats_daily rollup (migration 0004) must give exactly what counting the rows gives, after
// the writes the product really makes: reports, 交办 / 整改 / 复查 (pass and fail, on time and late),
// voids, patrols (on time and late, back-dated) and an enterprise moving town with its history.
describe('stats_daily rollup', () => {
  let t: T;
  let now = sh('2026-11-18T09:00');
  const at = (local: string) => { now = sh(local); };
  let w: Awaited<ReturnType<typeof makeWorld>>;

  const call = async (auth: Record<string, string>, method: string, path: string, body?: unknown) => {
    const res = await t.app.request(path, { method, headers: { ...auth, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = await res.json();
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const report = async (auth: Record<string, string>, enterpriseId: number, description: string) =>
    (await call(auth, 'POST', '/v1/hazards', { enterpriseId, description, force: true })).hazard.id as number;
  const act = (auth: Record<string, string>, id: number, action: string, body: unknown) => call(auth, 'POST', `/v1/hazards/${id}/${action}`, body);
  const close = async (id: number) => {
    await act(w.workerA1.auth, id, 'rectify', { note: '已整改' });
    await act(w.adminA.auth, id, 'review', { pass: true });
  };

  beforeAll(async () => {
    t = await testApp({ clock: () => now });
    w = await makeWorld(t.db);
    const entA1b = await makeEnterprise(t.db, w.gridA1, { registeredAt: sh('2026-10-01T09:00') });

    at('2026-11-18T09:00');
    const h1 = await report(w.workerA1.auth, w.entA1.id, '配电房堆放杂物');
    const h2 = await report(w.workerA1.auth, entA1b.id, '消防通道堵塞');
    const h3 = await report(w.workerB1.auth, w.entB1.id, '灭火器过期');
    await call(w.workerA1.auth, 'POST', '/v1/patrols', { enterpriseId: w.entA1.id, patrolledAt: sh('2026-11-17T15:00').toISOString() });
    await act(w.adminA.auth, h1, 'assign', { deadline: '2026-11-19' });
    await act(w.adminA.auth, h2, 'assign', { deadline: '2026-11-25' });

    at('2026-11-19T10:00');
    await close(h2); // on time
    const h4 = await report(w.workerA1.auth, entA1b.id, '楼梯扶手松动');
    await act(w.adminA.auth, h4, 'void', { reason: 'false_report' });
    await call(w.workerB1.auth, 'POST', '/v1/patrols', { enterpriseId: w.entB1.id });

    at('2026-11-21T11:00');
    await close(h1); // late: deadline 11-19
    const h5 = await report(w.workerA2.auth, w.entA2.id, '井盖缺失');
    await act(w.adminA.auth, h5, 'assign', { deadline: '2026-11-22' });
    await call(w.workerA2.auth, 'POST', '/v1/patrols', { enterpriseId: w.entA2.id });

    at('2026-11-22T12:00');
    // A failed review sends it back to 整改 (closed_at stays empty); the second review closes it.
    await act(w.workerA2.auth, h5, 'rectify', { note: '已整改' });
    await act(w.adminA.auth, h5, 'review', { pass: false, reason: '仍有隐患' });
    await act(w.workerA2.auth, h5, 'rectify', { note: '再次整改' });
    await act(w.adminA.auth, h5, 'review', { pass: true });
    await act(w.adminB.auth, h3, 'void', { reason: 'false_report' });

    at('2026-11-23T10:00');
    // entA2 (with its patrol and hazard) moves to town B: both follow it, so do the counts.
    await call(w.district.auth, 'PATCH', `/v1/enterprises/${w.entA2.id}`, { gridId: w.gridB1.id });
    const h6 = await report(w.workerA1.auth, w.entA1.id, '电线私拉乱接');
    await act(w.adminA.auth, h6, 'assign', { deadline: '2026-11-24' });
    const h7 = (await call(w.workerB1.auth, 'POST', '/v1/hazards', { enterpriseId: w.entB1.id, description: '液氨储罐泄漏报警失灵', level: 'major', force: true })).hazard.id as number;
    await act(w.adminB.auth, h7, 'assign', { deadline: '2026-11-30' });
    await report(w.workerB1.auth, w.entB1.id, '安全出口指示灯损坏');
    // Class and colour changes move an enterprise between the due rollup's arms; a new one enters it.
    await call(w.district.auth, 'PATCH', `/v1/enterprises/${w.entB1.id}`, { riskColor: 'red', class: 'key' });
    await makeEnterprise(t.db, w.gridB1, { registeredAt: sh('2026-11-20T16:00') });
    await makeEnterprise(t.db, w.gridA1, { registeredAt: sh('2026-08-02T08:00') });
  });

  const normal = (rows: PeriodCount[]) => rows
    .filter((r) => r.done || r.onTime || r.found || r.closed || r.closedOnTime)
    .sort((a, b) => a.k - b.k);

  it('matches a direct count for every day and for the month', async () => {
    const ctx = await ctxFor(t.deps, w.district.id);
    const scope = await resolveStatsScope(ctx, {});
    expect(scope.wholeDistrict).toBe(true);
    const days = ['2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24'];
    const periods = [...days.slice(0, -1).map((d, i) => [d, days[i + 1]]), ['2026-11-01', '2026-12-01'], ['2026-11-18', '2026-11-22']];
    let seen = 0;
    for (const [a, b] of periods) {
      const from = sh(`${a}T00:00`);
      const to = sh(`${b}T00:00`);
      const rollup = normal(await rollupCounts(ctx, from, to));
      expect(rollup).toEqual(normal(await directCounts(ctx, scope, from, to)));
      seen += rollup.reduce((n, r) => n + r.done + r.found + r.closed, 0);
    }
    // The writes above really landed in the periods compared (not two empty answers).
    const month = normal(await periodCounts(ctx, scope, sh('2026-11-01T00:00'), sh('2026-12-01T00:00')));
    const townB = month.find((r) => r.k === w.townB.id)!;
    expect(townB).toMatchObject({ done: 2, found: 3, closed: 1 }); // entB1's patrol and two reports; entA2's moved patrol, hazard and close
    expect(month.find((r) => r.k === w.townA.id)).toMatchObject({ done: 1, onTime: 0, found: 3, closed: 2, closedOnTime: 1 });
    expect(seen).toBeGreaterThan(0);
  });

  it('holds exactly the rows a recount from scratch gives', async () => {
    const day = (c: string) => sql.raw(`(((${c}) + 28800000) / 86400000) * 86400000 - 28800000`);
    const recount = await t.db.all<Record<string, number>>(sql`
      select town_id, day, sum(pd) as pd, sum(pt) as pt, sum(hf) as hf, sum(hc) as hc, sum(ht) as ht from (
        select town_id, ${day('patrolled_at')} as day, 1 as pd, coalesce(patrolled_at < due_at + 86400000, 0) as pt, 0 as hf, 0 as hc, 0 as ht from patrols
        union all select town_id, ${day('reported_at')}, 0, 0, status <> 'void', 0, 0 from hazards
        union all select town_id, ${day('closed_at')}, 0, 0, 0, 1, deadline_at is null or closed_at <= deadline_at from hazards where closed_at is not null)
      group by town_id, day having sum(pd) + sum(pt) + sum(hf) + sum(hc) + sum(ht) > 0 order by town_id, day`);
    const stored = await t.db.all<Record<string, number>>(sql`
      select town_id, day, patrols_done as pd, patrols_on_time as pt, hazards_found as hf, hazards_closed as hc, hazards_closed_on_time as ht
      from stats_daily where patrols_done + patrols_on_time + hazards_found + hazards_closed + hazards_closed_on_time > 0 order by town_id, day`);
    expect(stored).toEqual(recount);
    expect(stored.length).toBeGreaterThan(3);
  });

  it('falls back to counting rows for a period that does not start at midnight', async () => {
    const ctx = await ctxFor(t.deps, w.district.id);
    const scope = await resolveStatsScope(ctx, {});
    const from = sh('2026-11-19T12:00');
    const to = sh('2026-11-24T00:00');
    // The rollup cannot split a day; the direct count can, and periodCounts must use it.
    expect(normal(await periodCounts(ctx, scope, from, to))).toEqual(normal(await directCounts(ctx, scope, from, to)));
  });

  // Migration 0005: the due-patrol and open-hazard rollups against the queries they replace.
  const nonZero = (rows: Record<string, number | null>[]) => rows
    .map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v ?? 0])))
    .filter((r) => Object.entries(r).some(([k, v]) => k !== 'k' && v !== 0))
    .sort((a, b) => a.k - b.k);

  it('counts the enterprises due before every midnight exactly as the enterprise index does', async () => {
    const policy = await loadPolicy(t.db);
    let seen = 0;
    // Every third midnight from before the oldest registration to past every due day: 3 is prime to
    // the 8-day blocks, so every offset within a block comes up.
    for (let before = sh('2026-07-01T00:00').getTime(); before <= sh('2027-04-01T00:00').getTime(); before += 3 * DAY_MS) {
      const rollup = nonZero(await t.db.all(dueRollupSql(policy, before)));
      expect(rollup, new Date(before).toISOString()).toEqual(nonZero(await t.db.all(dueByTownSql(policy, before))));
      seen += rollup.reduce((n, r) => n + r.n, 0);
    }
    expect(seen).toBeGreaterThan(100);
    expect(() => dueRollupSql(policy, sh('2026-11-23T10:00').getTime())).toThrow();
  });

  it('counts open, overdue and major open hazards per town exactly as the hazards do', async () => {
    const open = sql`status in ('reported', 'rectifying', 'review')`;
    const instants = ['2026-11-18T00:00', '2026-11-19T23:59', '2026-11-20T00:00', '2026-11-22T12:00', '2026-11-23T00:00', '2026-11-26T00:00', '2027-01-01T00:00']
      .map((x) => sh(x).getTime());
    let overdue = 0;
    for (const now of instants) {
      const direct = await t.db.all<Record<string, number | null>>(sql`select town_id as k, count(*) as n, sum(level = 'major') as major,
        sum(deadline_at < ${now}) as overdue from hazards where ${open} group by town_id`);
      const rollup = nonZero(await t.db.all(openRollupSql(now)));
      expect(rollup, new Date(now).toISOString()).toEqual(nonZero(direct));
      overdue += rollup.reduce((n, r) => n + r.overdue, 0);
    }
    expect(overdue).toBeGreaterThan(0);
  });

  it('holds exactly the stats_due and stats_open rows a recount from scratch gives', async () => {
    const k = 'coalesce(last_patrol_at, registered_at)';
    const bucket = (width: number) => sql.raw(`(((${k}) + 28800000) / ${width}) * ${width} - 28800000`);
    const recount = await t.db.all(sql`select * from (
        select class, risk_color, last_patrol_at is not null as patrolled, 0 as level, ${bucket(DAY_MS)} as start, town_id, count(*) as n from enterprises group by 1, 2, 3, 4, 5, 6
        union all select class, risk_color, last_patrol_at is not null, 1, ${bucket(8 * DAY_MS)}, town_id, count(*) from enterprises group by 1, 2, 3, 4, 5, 6
        union all select class, risk_color, last_patrol_at is not null, 2, 0, town_id, count(*) from enterprises group by 1, 2, 3, 4, 5, 6)
      order by 1, 2, 3, 4, 5, 6`);
    const stored = await t.db.all(sql`select class, risk_color, patrolled, level, start, town_id, n from stats_due where n <> 0 order by 1, 2, 3, 4, 5, 6`);
    expect(stored).toEqual(recount);
    const open = sql`status in ('reported', 'rectifying', 'review')`;
    expect(await t.db.all(sql`select town_id, open, major_open, dated from stats_open_town where open <> 0 order by town_id`)).toEqual(
      await t.db.all(sql`select town_id, count(*) as open, sum(level = 'major') as major_open, sum(deadline_at is not null) as dated from hazards where ${open} group by town_id order by town_id`));
    expect(await t.db.all(sql`select town_id, deadline_at, n from stats_open_deadline where n <> 0 order by 1, 2`)).toEqual(
      await t.db.all(sql`select town_id, deadline_at, count(*) as n from hazards where ${open} and deadline_at is not null group by 1, 2 order by 1, 2`));
  });

  it('keeps due counts per rollup version; an enterprise change makes a new version', async () => {
    const ctx = await ctxFor(t.deps, w.district.id);
    const policy = await loadPolicy(t.db);
    const before = sh('2026-12-01T00:00').getTime();
    const what = `${JSON.stringify(policy)}|${before}`;
    const direct = async () => nonZero(await t.db.all(dueByTownSql(policy, before)));
    const version = async () => (await t.db.all<{ v: number }>(sql`select v from stats_due_version`))[0].v;
    const first = await memoDueByTown(ctx, what, dueRollupSql(policy, before));
    expect(nonZero(first)).toEqual(await direct());
    expect(await memoDueByTown(ctx, what, dueRollupSql(policy, before))).toBe(first);
    const v0 = await version();
    // Yellow → red shortens entA1's interval: it changes arm, the version moves, the figures follow.
    await call(w.district.auth, 'PATCH', `/v1/enterprises/${w.entA1.id}`, { riskColor: w.entA1.riskColor === 'red' ? 'blue' : 'red' });
    expect(await version()).toBeGreaterThan(v0);
    const second = await memoDueByTown(ctx, what, dueRollupSql(policy, before));
    expect(second).not.toBe(first);
    expect(nonZero(second)).toEqual(await direct());
  });

  it('gives the district 逾期 totals from the rollups exactly as counting the rows', async () => {
    const ctx = await ctxFor(t.deps, w.district.id);
    const policy = await loadPolicy(t.db);
    const list = await overdueList(ctx, {});
    const nowMs = now.getTime();
    const today = shanghaiMidnight(nowMs).getTime();
    const [{ hz }] = await t.db.all<{ hz: number }>(sql`select count(*) as hz from hazards where status in ('reported', 'rectifying', 'review') and deadline_at < ${nowMs}`);
    const [{ ent }] = await t.db.all<{ ent: number }>(sql`select count(*) as ent from enterprises e where ${dueKeySql(policy)} < ${today}`);
    expect(list.hazards.total).toBe(hz);
    expect(list.patrols.total).toBe(ent);
    expect(hz + ent).toBeGreaterThan(0);
  });
});
