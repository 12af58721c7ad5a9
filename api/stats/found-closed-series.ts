import { z } from '@hono/zod-openapi';
import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../core/context.js';
import { validationFailed } from '../core/errors.js';
import { DAY_MS, shanghaiMidnight } from '../../lib/time.js';
import { resolveStatsScope, type StatsScope } from './stats-scope.js';
import { MSG } from './messages.js';

const MAX_SPAN_MS = 367 * DAY_MS;

export const FoundClosedSeriesInput = z
  .object({
    townId: z.number().int().positive().optional(),
    gridId: z.number().int().positive().optional(),
    // A year of weeks at most: every period becomes two columns of one aggregate query.
    periods: z.array(z.object({ from: z.date(), to: z.date() })).min(1).max(53),
  })
  .strict();
export type FoundClosedSeriesInputT = z.infer<typeof FoundClosedSeriesInput>;
export type FoundClosed = { found: number; closed: number };

/**
 * hazards.found and hazards.closed of 统计 for several periods at once (the dashboard's weekly
 * chart): each entry equals statsSummary's figures for that period and scope (same definitions,
 * same scope resolution; test/web-dashboard-data.test.ts compares them). One query for all the
 * periods, where a summary per period also recounted the outstanding patrols and the open-hazard
 * snapshot each time, which the chart does not show.
 *
 * A town or the whole district over whole Shanghai days reads the per-town, per-day rollup
 * (stats_daily, migration 0004, exact by triggers): ~60 rows for eight weeks of a town. Any other
 * scope (a grid, a worker's grids, a department's whistled hazards) counts the rows.
 */
export async function foundClosedSeries(ctx: Ctx, raw: FoundClosedSeriesInputT): Promise<FoundClosed[]> {
  const parsed = FoundClosedSeriesInput.safeParse(raw);
  if (!parsed.success) throw validationFailed(MSG.badQuery, parsed.error.issues);
  const { periods } = parsed.data;
  for (const p of periods) {
    if (!(p.from < p.to) || p.to.getTime() - p.from.getTime() > MAX_SPAN_MS) throw validationFailed(MSG.badRange);
  }
  const scope = await resolveStatsScope(ctx, parsed.data);
  const from = Math.min(...periods.map((p) => p.from.getTime()));
  const to = Math.max(...periods.map((p) => p.to.getTime()));
  const wholeDays = periods.every((p) => isMidnight(p.from) && isMidnight(p.to));
  return scope.rollupTown !== undefined && wholeDays
    ? fromRollup(ctx, scope.rollupTown, periods, from, to)
    : direct(ctx, scope, periods, from, to);
}

const isMidnight = (d: Date) => shanghaiMidnight(d).getTime() === d.getTime();
// Integer literals: the bounds are our own numbers, libsql would bind them as REAL, and D1 takes
// at most 100 bound parameters (53 periods × 2 bounds × 2 figures would not fit).
const int = (n: number) => sql.raw(String(Math.trunc(n)));
const inPeriod = (col: SQL, p: { from: Date; to: Date }) => sql`(${col} >= ${int(p.from.getTime())} and ${col} < ${int(p.to.getTime())})`;

async function fromRollup(ctx: Ctx, townId: number | null, periods: { from: Date; to: Date }[], from: number, to: number): Promise<FoundClosed[]> {
  const days = await ctx.db.all<{ day: number; found: number | null; closed: number | null }>(sql`
    select s.day, sum(s.hazards_found) as found, sum(s.hazards_closed) as closed from stats_daily s
    where s.day >= ${int(from)} and s.day < ${int(to)} ${townId === null ? sql`` : sql`and s.town_id = ${townId}`}
    group by s.day`);
  return periods.map((p) => {
    const out = { found: 0, closed: 0 };
    for (const d of days) {
      if (d.day >= p.from.getTime() && d.day < p.to.getTime()) {
        out.found += d.found ?? 0;
        out.closed += d.closed ?? 0;
      }
    }
    return out;
  });
}

async function direct(ctx: Ctx, scope: StatsScope, periods: { from: Date; to: Date }[], from: number, to: number): Promise<FoundClosed[]> {
  const h = (name: string) => sql.raw(`h.${name}`);
  const sums = (col: SQL) => sql.join(periods.map((p, i) => sql`sum(${inPeriod(col, p)}) as ${sql.raw(`p${i}`)}`), sql`, `);
  const [[found], [closed]] = await Promise.all([
    ctx.db.all<Record<string, number | null>>(sql`select ${sums(h('reported_at'))} from hazards h
      where ${scope.where('h')} and h.reported_at >= ${int(from)} and h.reported_at < ${int(to)} and h.status <> 'void'`),
    ctx.db.all<Record<string, number | null>>(sql`select ${sums(h('closed_at'))} from hazards h
      where ${scope.where('h')} and h.closed_at >= ${int(from)} and h.closed_at < ${int(to)}`),
  ]);
  return periods.map((_, i) => ({ found: found?.[`p${i}`] ?? 0, closed: closed?.[`p${i}`] ?? 0 }));
}
