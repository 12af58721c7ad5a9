import { sql } from 'drizzle-orm';
import { loadPolicy } from '../api/patrols/policy.js';
import { DAY_MS, shanghaiIsoDay } from '../lib/time.js';
import { digestMessage, type EnterpriseItem, type HazardItem } from './messages.js';
import { dueAtSql } from './queries/patrol-due.js';
import { dbOutbox } from './outbox/enqueue.js';
import { endOfSendingDay, todayStart } from './shanghai-window.js';
import type { Job, PlannedNotification } from './types.js';

type Acc = {
  patrolDue: number; patrolOverdue: number; enterprises: EnterpriseItem[];
  hazardDue: number; hazardOverdue: number; hazards: HazardItem[];
  reviews: number; reviewItems: HazardItem[];
};
const empty = (): Acc => ({ patrolDue: 0, patrolOverdue: 0, enterprises: [], hazardDue: 0, hazardOverdue: 0, hazards: [], reviews: 0, reviewItems: [] });

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
  // for hazards it keeps the small status/deadline index range as the driver.
  const patrols = await db.all<{ w: number; name: string; due: number; cnt: number; late: number }>(sql`
    select x.w, coalesce(e.short_name, e.name) as name, x.due, x.cnt, x.late from (
      select w, eid, due, row_number() over (partition by w order by due, eid) as rn,
             count(*) over (partition by w) as cnt, sum(due < ${today}) over (partition by w) as late
      from (select g.worker_id as w, e.id as eid, ${dueAtSql(policy)} as due
            from enterprises e join grids g on g.id = +e.grid_id where g.worker_id is not null)
      where due <= ${today}
    ) x join enterprises e on e.id = x.eid join people p on p.id = x.w and p.active = 1
    where x.rn <= ${top} order by x.w, x.rn`);
  for (const r of patrols) {
    const a = of(r.w);
    a.patrolDue = r.cnt;
    a.patrolOverdue = r.late;
    a.enterprises.push({ name: r.name, dueAt: r.due });
  }

  // Deadlines: hazards still being fixed. Rectified ones (status review) are listed as reviews:
  // the worker's next step there is the review, not the deadline.
  const hazards = await db.all<{ w: number; code: string; ent: string; deadline: number; level: string; cnt: number; late: number }>(sql`
    select x.w, h.code, coalesce(e.short_name, e.name) as ent, h.deadline_at as deadline, h.level, x.cnt, x.late from (
      select g.worker_id as w, h.id as hid, row_number() over (partition by g.worker_id order by h.deadline_at, h.id) as rn,
             count(*) over (partition by g.worker_id) as cnt, sum(h.deadline_at < ${+now}) over (partition by g.worker_id) as late
      from hazards h join grids g on g.id = +h.grid_id
      where h.status in ('reported', 'rectifying') and h.deadline_at <= ${soon} and g.worker_id is not null
    ) x join hazards h on h.id = x.hid join enterprises e on e.id = h.enterprise_id join people p on p.id = x.w and p.active = 1
    where x.rn <= ${top} order by x.w, x.rn`);
  for (const r of hazards) {
    const a = of(r.w);
    a.hazardOverdue = r.late;
    a.hazardDue = r.cnt - r.late;
    a.hazards.push({ code: r.code, enterprise: r.ent, deadlineAt: r.deadline, level: r.level });
  }

  // Major hazards are reviewed by admins or a whistled department (SPEC §4), so only general ones wait on the worker.
  const reviews = await db.all<{ w: number; code: string; ent: string; cnt: number }>(sql`
    select x.w, h.code, coalesce(e.short_name, e.name) as ent, x.cnt from (
      select g.worker_id as w, h.id as hid, row_number() over (partition by g.worker_id order by h.updated_at, h.id) as rn,
             count(*) over (partition by g.worker_id) as cnt
      from hazards h join grids g on g.id = +h.grid_id
      where h.status = 'review' and h.level = 'general' and g.worker_id is not null
    ) x join hazards h on h.id = x.hid join enterprises e on e.id = h.enterprise_id join people p on p.id = x.w and p.active = 1
    where x.rn <= ${top} order by x.w, x.rn`);
  for (const r of reviews) {
    const a = of(r.w);
    a.reviews = r.cnt;
    a.reviewItems.push({ code: r.code, enterprise: r.ent, deadlineAt: null });
  }

  const day = shanghaiIsoDay(now);
  const expiresAt = endOfSendingDay(now, config);
  const planned: PlannedNotification[] = [];
  for (const [personId, a] of acc) {
    const msg = digestMessage(now, {
      patrolDue: a.patrolDue, patrolOverdue: a.patrolOverdue, enterprises: a.enterprises,
      hazardOverdue: a.hazardOverdue, hazardDueSoon: a.hazardDue, hazards: a.hazards,
      reviews: a.reviews, reviewItems: a.reviewItems,
    });
    planned.push({ dedupeKey: `digest:worker:${personId}:${day}`, personId, kind: 'digest', urgent: false, ...msg, expiresAt });
  }
  return { planned, enqueued: await outbox.enqueue(planned, now) };
};
