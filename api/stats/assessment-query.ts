import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { loadPolicy } from '../patrols/policy.js';
import { DAY_MS, shanghaiMidnight, startOfShanghaiDay } from '../../lib/time.js';
import { dueKeySql, onTimeSql } from './due-sql.js';
import { completionRate } from './summary.js';
import type { Assessment, AssessmentWeights } from './assessment.js';

/*
 * The figures behind 考核 (排名 in chat, GET /v1/stats/assessment, the monthly job's message), per
 * worker and month. Definitions are those of assessment() and statsSummary:
 *
 * - patrolsDone   = the worker's patrols with patrolled_at in the month.
 * - patrolsOnTime = of those, patrols on or before the due day they answered (patrols.due_at).
 * - patrolsDue    = patrolsDone + enterprises in the grids the worker holds now whose due day falls
 *                   before asOf and that have had no patrol since (still outstanding).
 * - completionRate = min(1, onTime ÷ due), 1 when nothing was due (按期巡查率).
 * - majorVerified = major hazards the worker reported in the month that an admin took up
 *                   (rectifying, review or closed); falseReports = reports voided as 不属实 (by the
 *                   void event's reason).
 * - score = completion × rate + majorBonus × majorVerified − falsePenalty × falseReports, 0.1 steps.
 *
 * A town's scope is its workers (living there or holding a grid there) and only what happened in
 * that town (patrols, enterprises and hazards by their town_id); the district's is every active
 * worker and everything. Each count is a sum over towns, so one pass grouped by (town, worker)
 * yields every scope at once: the monthly job pays four queries for a whole city, not four per town.
 */

export type AssessmentRowT = Assessment['rows'][number];
/** [from, to) are the month's Shanghai midnights; obligations count as due before asOf. */
export type AssessmentWindow = { month: string; from: number; to: number; asOf: number };

/** The window of a 'YYYY-MM' month (already validated) as seen at `now`: the future is not yet due. */
export function assessmentWindow(month: string, now: Date): AssessmentWindow {
  const [year, m] = month.split('-').map(Number);
  const from = startOfShanghaiDay({ year, month: m, day: 1 }).getTime();
  const to = startOfShanghaiDay({ year, month: m + 1, day: 1 }).getTime();
  return { month, from, to, asOf: Math.min(to, shanghaiMidnight(now).getTime() + DAY_MS) };
}

type Counts = { done: number; onTime: number; outstanding: number; major: number; falseReports: number };
type Person = { id: number; name: string };
/** Town (or 0 when not split by town) → worker → counts. */
type CountsByTown = Map<number, Map<number, Counts>>;

/** One scope's rows, best first, exactly as assessment() returns them. */
export async function assessmentRows(db: Db, w: AssessmentWindow, townId: number | null, weights: AssessmentWeights): Promise<AssessmentRowT[]> {
  const [workers, counts] = await Promise.all([
    db.all<Person>(sql`select w.id, w.name from people w where w.role = 'worker' and w.active = 1
      and (${townId == null ? sql`1 = 1` : sql`w.town_id = ${townId} or exists (select 1 from grids g where g.worker_id = w.id and g.town_id = ${townId})`})
      order by w.id`),
    countWorkers(db, w, townId, false),
  ]);
  const c = counts.get(0);
  return ranked(workers.map((p) => scoreRow(p, c?.get(p.id), weights)));
}

/**
 * The district's rows and every town's rows, each equal to assessmentRows for that scope, from
 * one pass grouped by (town, worker).
 */
export async function assessmentRowsByScope(db: Db, w: AssessmentWindow, weights: AssessmentWeights): Promise<{ district: AssessmentRowT[]; towns: Map<number, AssessmentRowT[]> }> {
  const [workers, counts] = await Promise.all([
    db.all<Person & { town_id: number | null; grid_towns: string | null }>(sql`select w.id, w.name, w.town_id,
        (select group_concat(g.town_id) from grids g where g.worker_id = w.id) as grid_towns
      from people w where w.role = 'worker' and w.active = 1 order by w.id`),
    countWorkers(db, w, null, true),
  ]);
  const total = new Map<number, Counts>();
  for (const perWorker of counts.values()) {
    for (const [id, c] of perWorker) {
      const sum = total.get(id);
      if (sum) for (const k of Object.keys(sum) as (keyof Counts)[]) sum[k] += c[k];
      else total.set(id, { ...c });
    }
  }
  const towns = new Map<number, AssessmentRowT[]>();
  for (const p of workers) {
    const scopes = new Set([p.town_id, ...(p.grid_towns?.split(',').map(Number) ?? [])]);
    for (const t of scopes) {
      if (t == null) continue;
      const row = scoreRow(p, counts.get(t)?.get(p.id), weights);
      (towns.get(t) ?? towns.set(t, []).get(t)!).push(row);
    }
  }
  for (const rows of towns.values()) ranked(rows);
  return { district: ranked(workers.map((p) => scoreRow(p, total.get(p.id), weights))), towns };
}

function scoreRow(p: Person, c: Counts | undefined, weights: AssessmentWeights): AssessmentRowT {
  const patrolsDone = c?.done ?? 0, patrolsOnTime = c?.onTime ?? 0;
  const patrolsDue = patrolsDone + (c?.outstanding ?? 0);
  const rate = completionRate(patrolsOnTime, patrolsDue);
  const majorVerified = c?.major ?? 0, falseReports = c?.falseReports ?? 0;
  const score = Math.round((weights.completion * rate + weights.majorBonus * majorVerified - weights.falsePenalty * falseReports) * 10) / 10;
  return { personId: p.id, name: p.name, patrolsDue, patrolsDone, patrolsOnTime, completionRate: rate, majorVerified, falseReports, score };
}

const ranked = (rows: AssessmentRowT[]) => rows.sort((a, b) => b.score - a.score || a.personId - b.personId);

/** The counts, for one town or all (townId null), keyed by town when byTown and by 0 otherwise. */
async function countWorkers(db: Db, w: AssessmentWindow, townId: number | null, byTown: boolean): Promise<CountsByTown> {
  const policy = await loadPolicy(db);
  const inTown = (alias: string) => (townId == null ? sql`1 = 1` : sql`${sql.raw(alias)}.town_id = ${townId}`);
  const town = (alias: string) => (byTown ? sql.raw(`${alias}.town_id`) : sql`0`);
  // Grouping by the worker alone keeps the covering (worker, time) index order for one scope.
  const groupBy = (worker: string) => sql.raw(byTown ? `group by 1, ${worker}` : `group by ${worker}`);
  type Row = { t: number; w: number; n: number; on_time?: number | null; major?: number | null; false_reports?: number | null };

  const [done, outstanding, reports] = await Promise.all([
    db.all<Row>(sql`select ${town('p')} as t, p.worker_id as w, count(*) as n, sum(${onTimeSql()}) as on_time
      from patrols p
      where ${inTown('p')} and p.patrolled_at >= ${w.from} and p.patrolled_at < ${w.to} ${groupBy('p.worker_id')}`),
    db.all<Row>(sql`select ${town('e')} as t, g.worker_id as w, count(*) as n
      from enterprises e join grids g on g.id = e.grid_id
      where ${inTown('e')} and g.worker_id is not null and ${dueKeySql(policy)} < ${w.asOf} ${groupBy('g.worker_id')}`),
    // CASE, not AND: SQLite evaluates both sides of an AND in a value, which ran the event lookup
    // for every hazard of the month (0.6 s over a city's month instead of 0.3 s).
    db.all<Row>(sql`select ${town('h')} as t, h.reporter_id as w, count(*) as n,
        sum(h.level = 'major' and h.status in ('rectifying', 'review', 'closed')) as major,
        sum(case when h.status = 'void' then exists (select 1 from hazard_events ev where ev.hazard_id = h.id and ev.action = 'void'
          and json_extract(ev.data, '$.reason') = 'false_report') else 0 end) as false_reports
      from hazards h where ${inTown('h')} and h.reported_at >= ${w.from} and h.reported_at < ${w.to} ${groupBy('h.reporter_id')}`),
  ]);

  const out: CountsByTown = new Map();
  const at = (r: Row) => {
    const perWorker = out.get(r.t) ?? out.set(r.t, new Map()).get(r.t)!;
    return perWorker.get(r.w) ?? perWorker.set(r.w, { done: 0, onTime: 0, outstanding: 0, major: 0, falseReports: 0 }).get(r.w)!;
  };
  for (const r of done) Object.assign(at(r), { done: r.n, onTime: r.on_time ?? 0 });
  for (const r of outstanding) at(r).outstanding = r.n;
  for (const r of reports) Object.assign(at(r), { major: r.major ?? 0, falseReports: r.false_reports ?? 0 });
  return out;
}
