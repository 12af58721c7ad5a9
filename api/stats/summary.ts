import { z } from '@hono/zod-openapi';
import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../core/context.js';
import { validationFailed } from '../core/errors.js';
import { loadPolicy } from '../patrols/policy.js';
import { DAY_MS, shanghaiIsoDay, shanghaiMidnight } from '../../lib/time.js';
import { dueByTownSql, dueKeySql } from './due-sql.js';
import { periodCounts } from './period-counts.js';
import { dueRollupSql, isShanghaiMidnight } from './due-rollup.js';
import { openRollupSql } from './open-rollup.js';
import { memoDueByTown } from './due-memo.js';
import { coalesce } from './coalesce.js';
import { groupKey, resolveStatsScope, type StatsScope } from './stats-scope.js';
import { MSG } from './messages.js';

/*
 * Definitions (the numbers behind 统计; every figure is for the scope asked about):
 *
 * - Period [from, to), Shanghai midnights. asOf = min(to, tomorrow 00:00): the future is not yet due.
 * - patrols.done      = patrols with patrolled_at in [from, to).
 * - patrols.onTime    = of those, patrols whose Shanghai day is not after the due day set by the
 *                       enterprise's previous patrol (or its registration day when never patrolled).
 * - patrols.due       = done + outstanding, where outstanding = enterprises whose current due day
 *                       (policy interval from enterprises.last_patrol_at, or registration) falls
 *                       before asOf, i.e. on or before the period's last day, and that have had no
 *                       patrol since. Each obligation is thus counted once: in the period it was met
 *                       (late or not), or as outstanding while unmet. For a past period an obligation
 *                       met after the period shows as a late patrol in the later period instead.
 * - patrols.completionRate = min(1, onTime ÷ due); 1 when nothing was due.
 * - hazards.found     = hazards reported in the period, not voided.
 * - hazards.closed    = hazards closed (销号) in the period; closedOnTime = closed by their deadline (or having none).
 *                       (closed_at is written only by 销号 and closed is final, so no status test.)
 * - hazards.open / overdue / majorOpen are a snapshot at now (open = reported, rectifying or review;
 *   overdue = open with the deadline passed; SPEC §4: derived, never stored).
 */

export const StatsSummaryInput = z
  .object({
    townId: z.number().int().positive().optional(),
    gridId: z.number().int().positive().optional(),
    from: z.date(),
    to: z.date(),
    label: z.string().optional(),
  })
  .strict();
export type StatsSummaryInputT = z.infer<typeof StatsSummaryInput>;

const Figures = z.object({
  patrols: z.object({ due: z.number(), done: z.number(), onTime: z.number(), completionRate: z.number() }),
  hazards: z.object({ found: z.number(), closed: z.number(), open: z.number(), overdue: z.number(), majorOpen: z.number(), closedOnTime: z.number() }),
});
export const StatsSummarySchema = Figures.extend({
  scope: z.object({ label: z.string(), townId: z.number().nullable(), gridId: z.number().nullable() }),
  period: z.object({ from: z.string(), to: z.string(), label: z.string() }),
  breakdown: z.enum(['town', 'grid']).nullable(),
  rows: z.array(Figures.extend({ id: z.number(), name: z.string() })),
}).openapi('StatsSummary');
export type StatsSummary = z.infer<typeof StatsSummarySchema>;
type FiguresT = z.infer<typeof Figures>;

const MAX_SPAN_MS = 367 * DAY_MS;

export async function statsSummary(ctx: Ctx, input: StatsSummaryInputT): Promise<StatsSummary> {
  const { from, to } = input;
  if (!(from < to) || to.getTime() - from.getTime() > MAX_SPAN_MS) throw validationFailed(MSG.badRange);
  const scope = await resolveStatsScope(ctx, input);
  const key = [scope.key, from.getTime(), to.getTime(), input.label ?? '', Math.floor(ctx.clock().getTime() / 60_000)].join('|');
  return coalesce(ctx.db, key, () => summaryFor(ctx, scope, input));
}

async function summaryFor(ctx: Ctx, scope: StatsScope, input: StatsSummaryInputT): Promise<StatsSummary> {
  const { from, to } = input;
  const now = ctx.clock();
  const asOf = new Date(Math.min(to.getTime(), shanghaiMidnight(now).getTime() + DAY_MS));
  const policy = await loadPolicy(ctx.db);
  const open = sql`h.status in ('reported', 'rectifying', 'review')`;
  const snapshotCols = sql`count(*) as n, sum(h.deadline_at < ${now.getTime()}) as overdue, sum(h.level = 'major') as major`;

  // The whole district reads the rollups of migration 0005 (exactly equal, test/stats-rollup.test.ts).
  const [outstanding, counts, snapshot] = await Promise.all([
    scope.wholeDistrict
      ? (isShanghaiMidnight(asOf.getTime()) ? memoDueByTown(ctx, `${JSON.stringify(policy)}|${asOf.getTime()}`, dueRollupSql(policy, asOf.getTime())) : rows(ctx, dueByTownSql(policy, asOf.getTime())))
      : rows(ctx, sql`select ${groupKey(scope, 'e')} as k, count(*) as n from enterprises e
          where ${scope.where('e')} and ${dueKeySql(policy)} < ${asOf.getTime()} group by k`),
    periodCounts(ctx, scope, from, to),
    scope.wholeDistrict
      ? rows(ctx, openRollupSql(now.getTime()))
      : rows(ctx, sql`select ${groupKey(scope, 'h')} as k, ${snapshotCols} from hazards h where ${scope.where('h')} and ${open} group by k`),
  ]);

  const byKey = new Map<number, FiguresT>();
  const at = (key: number) => byKey.get(key) ?? byKey.set(key, emptyFigures()).get(key)!;
  for (const r of outstanding) at(r.k).patrols.due += r.n;
  for (const c of counts) {
    const f = at(c.k);
    Object.assign(f.patrols, { done: c.done, onTime: c.onTime, due: f.patrols.due + c.done });
    Object.assign(f.hazards, { found: c.found, closed: c.closed, closedOnTime: c.closedOnTime });
  }
  for (const r of snapshot) Object.assign(at(r.k).hazards, { open: r.n, overdue: r.overdue ?? 0, majorOpen: r.major ?? 0 });

  const total = emptyFigures();
  for (const f of byKey.values()) add(total, f);
  return {
    scope: { label: scope.label, townId: scope.townId, gridId: scope.gridId },
    period: { from: from.toISOString(), to: to.toISOString(), label: input.label ?? `${shanghaiIsoDay(from)}至${shanghaiIsoDay(to.getTime() - 1)}` },
    ...withRate(total),
    breakdown: scope.breakdown,
    rows: breakdownRows(scope, byKey),
  };
}

type Row = { k: number; n: number; overdue?: number | null; major?: number | null };
const rows = (ctx: Ctx, q: SQL) => ctx.db.all<Row>(q);

const emptyFigures = (): FiguresT => ({
  patrols: { due: 0, done: 0, onTime: 0, completionRate: 1 },
  hazards: { found: 0, closed: 0, open: 0, overdue: 0, majorOpen: 0, closedOnTime: 0 },
});

function add(into: FiguresT, f: FiguresT) {
  for (const key of ['due', 'done', 'onTime'] as const) into.patrols[key] += f.patrols[key];
  for (const key of Object.keys(into.hazards) as (keyof FiguresT['hazards'])[]) into.hazards[key] += f.hazards[key];
}

/** Completion capped at 1: early patrols of enterprises not yet due must not push it past 100%. */
export const completionRate = (onTime: number, due: number) => (due === 0 ? 1 : Math.min(1, Math.round((onTime / due) * 1000) / 1000));

function withRate(f: FiguresT): FiguresT {
  return { ...f, patrols: { ...f.patrols, completionRate: completionRate(f.patrols.onTime, f.patrols.due) } };
}

function breakdownRows(scope: StatsScope, byKey: Map<number, FiguresT>) {
  if (!scope.breakdown) return [];
  return scope.groups.map((g) => ({ id: g.id, name: g.name, ...withRate(byKey.get(g.id) ?? emptyFigures()) }));
}
