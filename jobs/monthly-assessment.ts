import { sql } from 'drizzle-orm';
import { loadPolicy } from '../api/patrols/policy.js';
import { shanghaiDate, startOfShanghaiDay } from '../lib/time.js';
import { monthlyAssessmentMessage, type AssessmentRow } from './messages.js';
import { dueAtSql } from './queries/patrol-due.js';
import { dbOutbox } from './outbox/enqueue.js';
import { endOfSendingDay, todayStart } from './shanghai-window.js';
import type { Job, PlannedNotification } from './types.js';

const SHOWN = 5;

/**
 * 1st of the month 09:00: 考核 of the previous month per worker (SPEC §5), transparent: 按期率
 * (share of the worker's enterprises not overdue at the month's end, in points) + a bonus per
 * verified major hazard reported − a penalty per report voided as 不属实. No clock-ins, no online time.
 */
export const monthlyAssessment: Job = async ({ db, now, config, outbox = dbOutbox(db) }) => {
  const end = +todayStart(now);
  const d = shanghaiDate(now);
  const start = +startOfShanghaiDay({ year: d.year, month: d.month - 1, day: 1 });
  const prev = shanghaiDate(start);
  const month = `${prev.year}-${String(prev.month).padStart(2, '0')}`;
  const policy = await loadPolicy(db);
  const { majorHazardBonus: bonus, voidedUntruePenalty: penalty } = config.assessment;

  const rows = await db.all<{ id: number; name: string; t: number; ents: number; ontime: number; patrols: number; majors: number; untrue: number }>(sql`
    with ent as (
      select g.worker_id as w, min(g.town_id) as t, count(*) as ents, sum(${dueAtSql(policy)} >= ${end}) as ontime
      from enterprises e join grids g on g.id = +e.grid_id where g.worker_id is not null group by g.worker_id
    ), pat as (
      select worker_id as w, count(*) as n from patrols where town_id in (select id from towns) and patrolled_at >= ${start} and patrolled_at < ${end} group by worker_id
    ), rep as (
      -- Same rules as api/stats/assessment.ts: a major hazard counts once an admin has taken it up,
      -- a false report by the void's recorded reason (not by the wording of its note).
      select reporter_id as w, sum(level = 'major' and status in ('rectifying', 'review', 'closed')) as majors,
             sum(status = 'void' and exists (select 1 from hazard_events ev where ev.hazard_id = hazards.id
                 and ev.action = 'void' and json_extract(ev.data, '$.reason') = 'false_report')) as untrue
      from hazards where reported_at >= ${start} and reported_at < ${end} group by reporter_id
    )
    select p.id, p.name, ent.t, ent.ents, ent.ontime, coalesce(pat.n, 0) as patrols,
           coalesce(rep.majors, 0) as majors, coalesce(rep.untrue, 0) as untrue
    from ent join people p on p.id = ent.w and p.active = 1 left join pat on pat.w = ent.w left join rep on rep.w = ent.w`);

  const towns = new Map<number, AssessmentRow[]>();
  const all: AssessmentRow[] = [];
  for (const r of rows) {
    const pct = r.ents ? Math.round((100 * r.ontime) / r.ents) : 100;
    const row: AssessmentRow = {
      name: r.name, patrols: r.patrols, enterprises: r.ents, onTime: r.ontime, majors: r.majors, untrue: r.untrue,
      score: pct + bonus * r.majors - penalty * r.untrue,
    };
    all.push(row);
    (towns.get(r.t) ?? towns.set(r.t, []).get(r.t)!).push(row);
  }
  if (!all.length) return { planned: [], enqueued: 0 };

  const names = new Map((await db.all<{ id: number; name: string }>(sql`select id, name from towns`)).map((t) => [t.id, t.name]));
  const admins = await db.all<{ id: number; role: string; t: number | null }>(sql`
    select id, role, town_id as t from people where role in ('town_admin', 'district_admin') and active = 1`);
  const expiresAt = endOfSendingDay(now, config);
  const planned: PlannedNotification[] = [];
  for (const a of admins) {
    const scoped = a.role === 'district_admin' ? all : towns.get(a.t ?? -1);
    if (!scoped?.length) continue;
    const msg = monthlyAssessmentMessage(a.role === 'district_admin' ? '全区' : names.get(a.t!) ?? '', month, scoped, SHOWN);
    planned.push({ dedupeKey: `assessment:${a.id}:${month}`, personId: a.id, kind: 'monthly_assessment', urgent: false, ...msg, expiresAt });
  }
  return { planned, enqueued: await outbox.enqueue(planned, now) };
};
