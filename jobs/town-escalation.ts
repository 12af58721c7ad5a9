import { sql } from 'drizzle-orm';
import { loadPolicy } from '../api/patrols/policy.js';
import { DAY_MS, shanghaiIsoDay } from '../lib/time.js';
import { townEscalationMessage, type TownEscalation } from './messages.js';
import { dueAtSql } from './queries/patrol-due.js';
import { dbOutbox } from './outbox/enqueue.js';
import { endOfSendingDay, todayStart } from './shanghai-window.js';
import type { Job, PlannedNotification } from './types.js';

/**
 * 08:30 督办 list for each town admin whose town has hazards overdue ≥ 3 days or patrols overdue
 * ≥ 14 days. "Overdue n days" counts calendar days after the deadline day: a hazard due 11-20 is
 * on its 3rd overdue day on 11-23. Closed hazards drop out, so escalation stops when one is closed.
 */
export const townEscalation: Job = async ({ db, now, config, outbox = dbOutbox(db) }) => {
  const { townHazardOverdueDays: hd, townPatrolOverdueDays: pd } = config.escalation;
  const today = +todayStart(now);
  const top = config.digest.topItems;
  // deadline_at is 24:00 of the deadline day, so "deadline day ≤ today − n" is deadline_at ≤ today − (n−1) days.
  const hazardCut = today - (hd - 1) * DAY_MS;
  const patrolCut = today - pd * DAY_MS;
  const towns = new Map<number, TownEscalation>();
  const of = (id: number, name: string) =>
    towns.get(id) ?? towns.set(id, { town: name, hazardCount: 0, hazards: [], patrolCount: 0, enterprises: [] }).get(id)!;

  // Unary + on town_id: SQLite would otherwise walk the town index (all hazards, all enterprises in
  // random order) to save a sort; the status/deadline index range or one table scan is far cheaper.
  const hazards = await db.all<{ t: number; town: string; code: string; ent: string; deadline: number; level: string; cnt: number }>(sql`
    select x.t, tw.name as town, h.code, coalesce(e.short_name, e.name) as ent, h.deadline_at as deadline, h.level, x.cnt from (
      select t, hid, row_number() over (partition by t order by d, hid) as rn, count(*) over (partition by t) as cnt
      from (select +h.town_id as t, h.id as hid, h.deadline_at as d from hazards h
            where h.status in ('reported', 'rectifying', 'review') and h.deadline_at <= ${hazardCut})
    ) x join hazards h on h.id = x.hid join enterprises e on e.id = h.enterprise_id join towns tw on tw.id = x.t
    where x.rn <= ${top} order by x.t, x.rn`);
  for (const r of hazards) {
    const t = of(r.t, r.town);
    t.hazardCount = r.cnt;
    t.hazards.push({ code: r.code, enterprise: r.ent, deadlineAt: r.deadline, level: r.level });
  }

  const policy = await loadPolicy(db);
  const patrols = await db.all<{ t: number; town: string; name: string; due: number; cnt: number }>(sql`
    select x.t, tw.name as town, coalesce(e.short_name, e.name) as name, x.due, x.cnt from (
      select t, eid, due, row_number() over (partition by t order by due, eid) as rn, count(*) over (partition by t) as cnt
      from (select +e.town_id as t, e.id as eid, ${dueAtSql(policy)} as due from enterprises e)
      where due <= ${patrolCut}
    ) x join enterprises e on e.id = x.eid join towns tw on tw.id = x.t
    where x.rn <= ${top} order by x.t, x.rn`);
  for (const r of patrols) {
    const t = of(r.t, r.town);
    t.patrolCount = r.cnt;
    t.enterprises.push({ name: r.name, dueAt: r.due });
  }

  const admins = towns.size
    ? await db.all<{ id: number; t: number }>(sql`
        select id, town_id as t from people where role = 'town_admin' and active = 1 and town_id is not null`)
    : [];
  const day = shanghaiIsoDay(now);
  const expiresAt = endOfSendingDay(now, config);
  const planned: PlannedNotification[] = [];
  for (const a of admins) {
    const e = towns.get(a.t);
    if (!e) continue;
    const msg = townEscalationMessage(now, e, hd, pd);
    planned.push({ dedupeKey: `escalation:town:${a.id}:${day}`, personId: a.id, kind: 'town_escalation', urgent: false, ...msg, expiresAt });
  }
  return { planned, enqueued: await outbox.enqueue(planned, now) };
};
