import { z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import type { Ctx } from '../core/context.js';
import { forbidden, validationFailed } from '../core/errors.js';
import { isAdmin } from '../core/scope.js';
import { loadPolicy } from '../patrols/policy.js';
import { DAY_MS, shanghaiMidnight, startOfShanghaiDay } from '../../lib/time.js';
import { dueKeySql, onTimeSql } from './due-sql.js';
import { completionRate } from './summary.js';
import { MSG } from './messages.js';

/**
 * 考核 weights (SPEC §5): completion of patrols done on time ÷ patrols due, plus marks for verified
 * major hazards reported, minus marks for reports voided as 不属实. Deliberately nothing for log-ins,
 * online time or message counts: the 2023 central directive against 指尖上的形式主义 forbids forced
 * check-ins and point rankings for their own sake, so the score measures work done. A district may
 * pass its own weights; these are the defaults.
 */
export const DEFAULT_ASSESSMENT_WEIGHTS = {
  /** Points for a 100% completion rate (scaled linearly). */
  completion: 100,
  /** Per major hazard the worker reported in the month that was confirmed (assigned or further). */
  majorBonus: 5,
  /** Per report voided as 不属实 (false_report). */
  falsePenalty: 10,
} as const;
export type AssessmentWeights = { completion: number; majorBonus: number; falsePenalty: number };

export const AssessmentInput = z
  .object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/), townId: z.number().int().positive().optional() })
  .strict();
export type AssessmentInputT = z.infer<typeof AssessmentInput>;

const AssessmentRow = z.object({
  personId: z.number(), name: z.string(),
  patrolsDue: z.number(), patrolsDone: z.number(), patrolsOnTime: z.number(), completionRate: z.number(),
  majorVerified: z.number(), falseReports: z.number(), score: z.number(),
});
export const AssessmentSchema = z
  .object({ month: z.string(), townId: z.number().nullable(), weights: z.object({ completion: z.number(), majorBonus: z.number(), falsePenalty: z.number() }), rows: z.array(AssessmentRow) })
  .openapi('Assessment');
export type Assessment = z.infer<typeof AssessmentSchema>;

/**
 * Monthly assessment per worker, with the same due/on-time definitions as statsSummary: due = the
 * worker's patrols in the month + enterprises in the grids they now hold still outstanding at month
 * end (or today); on time = patrol day not after the due day.
 */
export async function assessment(ctx: Ctx, raw: AssessmentInputT, weights: AssessmentWeights = DEFAULT_ASSESSMENT_WEIGHTS): Promise<Assessment> {
  const parsed = AssessmentInput.safeParse(raw);
  if (!parsed.success) throw validationFailed(MSG.badMonth, parsed.error.issues);
  const input = parsed.data;
  const { actor } = ctx;
  if (!isAdmin(actor)) throw forbidden(MSG.adminsOnly);
  if (actor.role === 'town_admin' && (actor.townId == null || (input.townId && input.townId !== actor.townId))) throw forbidden(MSG.townAdminOnlyOwnTown);
  const townId = actor.role === 'town_admin' ? actor.townId! : input.townId ?? null;

  const [year, month] = input.month.split('-').map(Number);
  const from = startOfShanghaiDay({ year, month, day: 1 }).getTime();
  const to = startOfShanghaiDay({ year, month: month + 1, day: 1 }).getTime();
  const asOf = Math.min(to, shanghaiMidnight(ctx.clock()).getTime() + DAY_MS);
  const policy = await loadPolicy(ctx.db);
  const inTown = (alias: string) => (townId == null ? sql`1 = 1` : sql`${sql.raw(alias)}.town_id = ${townId}`);

  const [workers, done, outstanding, reports] = await Promise.all([
    ctx.db.all<{ id: number; name: string }>(sql`select w.id, w.name from people w where w.role = 'worker' and w.active = 1
      and (${townId == null ? sql`1 = 1` : sql`w.town_id = ${townId} or exists (select 1 from grids g where g.worker_id = w.id and g.town_id = ${townId})`})
      order by w.id`),
    ctx.db.all<{ w: number; n: number; on_time: number }>(sql`select p.worker_id as w, count(*) as n, sum(${onTimeSql()}) as on_time
      from patrols p
      where ${inTown('p')} and p.patrolled_at >= ${from} and p.patrolled_at < ${to} group by p.worker_id`),
    ctx.db.all<{ w: number; n: number }>(sql`select g.worker_id as w, count(*) as n
      from enterprises e join grids g on g.id = e.grid_id
      where ${inTown('e')} and g.worker_id is not null and ${dueKeySql(policy)} < ${asOf} group by g.worker_id`),
    ctx.db.all<{ w: number; major: number; false_reports: number }>(sql`select h.reporter_id as w,
        sum(h.level = 'major' and h.status in ('rectifying', 'review', 'closed')) as major,
        sum(h.status = 'void' and exists (select 1 from hazard_events ev where ev.hazard_id = h.id and ev.action = 'void'
          and json_extract(ev.data, '$.reason') = 'false_report')) as false_reports
      from hazards h where ${inTown('h')} and h.reported_at >= ${from} and h.reported_at < ${to} group by h.reporter_id`),
  ]);

  const byWorker = <T extends { w: number }>(rows: T[]) => new Map(rows.map((r) => [r.w, r]));
  const doneBy = byWorker(done), outBy = byWorker(outstanding), repBy = byWorker(reports);
  const rows = workers.map((w) => {
    const d = doneBy.get(w.id), r = repBy.get(w.id);
    const patrolsDone = d?.n ?? 0, patrolsOnTime = d?.on_time ?? 0;
    const patrolsDue = patrolsDone + (outBy.get(w.id)?.n ?? 0);
    const rate = completionRate(patrolsOnTime, patrolsDue);
    const majorVerified = r?.major ?? 0, falseReports = r?.false_reports ?? 0;
    const score = Math.round((weights.completion * rate + weights.majorBonus * majorVerified - weights.falsePenalty * falseReports) * 10) / 10;
    return { personId: w.id, name: w.name, patrolsDue, patrolsDone, patrolsOnTime, completionRate: rate, majorVerified, falseReports, score };
  });
  rows.sort((a, b) => b.score - a.score || a.personId - b.personId);
  return { month: input.month, townId, weights: { ...weights }, rows };
}
