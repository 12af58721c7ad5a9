import { sql } from 'drizzle-orm';
import { loadPolicy } from '../api/patrols/policy.js';
import { DAY_MS, shanghaiIsoDay } from '../lib/time.js';
import { digestMessage, withPageLine, type EnterpriseItem, type HazardItem } from './messages.js';
import { dueAtSql } from './queries/patrol-due.js';
import { dbOutbox } from './outbox/enqueue.js';
import { endOfSendingDay, todayStart } from './shanghai-window.js';
import type { Job, PlannedNotification } from './types.js';
import { pendingSummary } from '../bot/dialog/pending-summary.js';

type Acc = {
  patrolDue: number; patrolOverdue: number; enterprises: EnterpriseItem[];
  hazardDue: number; hazardOverdue: number; hazards: HazardItem[];
  reviews: number; reviewItems: HazardItem[];
  expiredDrafts: string[];
};
/** Whole-partition frame on the ranking window: counts share its one sort instead of a second one. */
const ALL = sql.raw('rows between unbounded preceding and unbounded following');
/** A JSON array of [rank, …] tuples, in rank order (aggregate order is not guaranteed in SQL). */
const ranked = <T extends [number, ...unknown[]]>(json: string): T[] => (JSON.parse(json) as T[]).sort((a, b) => a[0] - b[0]);
const empty = (): Acc => ({ patrolDue: 0, patrolOverdue: 0, enterprises: [], hazardDue: 0, hazardOverdue: 0, hazards: [], reviews: 0, reviewItems: [], expiredDrafts: [] });

/**
 * 08:30 daily digest (SPEC §5): one message per worker with something due, none otherwise. Each
 * query aggregates per worker inside SQLite (counts + the `topItems` most urgent rows by a window
 * function), so memory grows with the number of workers, not with enterprises or hazards.
 */
export const workerDigest: Job = async ({ db, now, config, outbox = dbOutbox(db) }) => {
  const policy = await loadPolicy(db);
  const today = +todayStart(now);
  const soon = today + (config.digest.hazardDueWithinDays + 1) * DAY_MS;
  const top = config.digest.topItems;
  const acc = new Map<number, Acc>();
  const of = (w: number) => acc.get(w) ?? acc.set(w, empty()).get(w)!;

  // `+x.grid_id` (no index on the join column) makes SQLite scan enterprises once in table order
  // and look grids up by key, instead of walking grid → enterprise index entries 400,000 times;
  // for hazards it keeps the small status/deadline index range as the driver. Each query returns
  // ONE row per worker (its top items as JSON): moving rows into JavaScript is the dear part.
  const patrols = await db.all<{ w: number; cnt: number; late: number; items: string }>(sql`
    select x.w, x.cnt, x.late, json_group_array(json_array(x.rn, coalesce(e.short_name, e.name), x.due)) as items from (
      select w, eid, due, row_number() over win as rn, count(*) over (win ${ALL}) as cnt, sum(due < ${today}) over (win ${ALL}) as late
      from (select g.worker_id as w, e.id as eid, ${dueAtSql(policy)} as due
            from enterprises e join grids g on g.id = +e.grid_id where g.worker_id is not null)
      where due <= ${today}
      window win as (partition by w order by due, eid)
    ) x join enterprises e on e.id = x.eid join people p on p.id = x.w and p.active = 1
    where x.rn <= ${top} group by x.w`);
  for (const r of patrols) {
    const a = of(r.w);
    a.patrolDue = r.cnt;
    a.patrolOverdue = r.late;
    a.enterprises = ranked<[number, string, number]>(r.items).map(([, name, dueAt]) => ({ name, dueAt }));
  }

  // Deadlines: hazards still being fixed. Rectified ones (status review) are listed as reviews:
  // the worker's next step there is the review, not the deadline.
  const hazards = await db.all<{ w: number; cnt: number; late: number; items: string }>(sql`
    select x.w, x.cnt, x.late, json_group_array(json_array(x.rn, h.code, coalesce(e.short_name, e.name), h.deadline_at, h.level)) as items from (
      select g.worker_id as w, h.id as hid, row_number() over win as rn,
             count(*) over (win ${ALL}) as cnt, sum(h.deadline_at < ${+now}) over (win ${ALL}) as late
      from hazards h join grids g on g.id = +h.grid_id
      where h.status in ('reported', 'rectifying') and h.deadline_at <= ${soon} and g.worker_id is not null
      window win as (partition by g.worker_id order by h.deadline_at, h.id)
    ) x join hazards h on h.id = x.hid join enterprises e on e.id = h.enterprise_id join people p on p.id = x.w and p.active = 1
    where x.rn <= ${top} group by x.w`);
  for (const r of hazards) {
    const a = of(r.w);
    a.hazardOverdue = r.late;
    a.hazardDue = r.cnt - r.late;
    a.hazards = ranked<[number, string, string, number, string]>(r.items)
      .map(([, code, enterprise, deadlineAt, level]) => ({ code, enterprise, deadlineAt, level }));
  }

  // Major hazards are reviewed by admins or a whistled department (SPEC §4), so only general ones wait on the worker.
  const reviews = await db.all<{ w: number; cnt: number; items: string }>(sql`
    select x.w, x.cnt, json_group_array(json_array(x.rn, h.code, coalesce(e.short_name, e.name))) as items from (
      select g.worker_id as w, h.id as hid, row_number() over win as rn, count(*) over (win ${ALL}) as cnt
      from hazards h join grids g on g.id = +h.grid_id
      where h.status = 'review' and h.level = 'general' and g.worker_id is not null
      window win as (partition by g.worker_id order by h.updated_at, h.id)
    ) x join hazards h on h.id = x.hid join enterprises e on e.id = h.enterprise_id join people p on p.id = x.w and p.active = 1
    where x.rn <= ${top} group by x.w`);
  for (const r of reviews) {
    const a = of(r.w);
    a.reviews = r.cnt;
    a.reviewItems = ranked<[number, string, string]>(r.items).map(([, code, enterprise]) => ({ code, enterprise, deadlineAt: null }));
  }

  // A chat question that expired since the last digest, the worker having written nothing since
  // (their next message would have announced it and removed the draft): said here, never silently
  // dropped. Each is said in one digest only: the window is the day before this one.
  const expired = await db.all<{ w: number; intent: string; slots: string }>(sql`
    select d.person_id as w, d.intent, d.slots from drafts d join people p on p.id = d.person_id and p.active = 1 and p.role = 'worker'
    where d.awaiting is not null and d.expires_at <= ${+now} and d.expires_at > ${+now - DAY_MS}`);
  for (const r of expired) of(r.w).expiredDrafts.push(pendingSummary({ intent: r.intent, slots: JSON.parse(r.slots) as Record<string, unknown> }));

  const day = shanghaiIsoDay(now);
  const expiresAt = endOfSendingDay(now, config);
  const planned: PlannedNotification[] = [];
  for (const [personId, a] of acc) {
    const msg = withPageLine(digestMessage(now, {
      patrolDue: a.patrolDue, patrolOverdue: a.patrolOverdue, enterprises: a.enterprises,
      hazardOverdue: a.hazardOverdue, hazardDueSoon: a.hazardDue, hazards: a.hazards,
      reviews: a.reviews, reviewItems: a.reviewItems, expiredDrafts: a.expiredDrafts,
    }), config.publicUrl, '打开我的任务', '/app');
    planned.push({ dedupeKey: `digest:worker:${personId}:${day}`, personId, kind: 'digest', urgent: false, ...msg, expiresAt });
  }
  return { planned, enqueued: await outbox.enqueue(planned, now) };
};
