import { sql } from 'drizzle-orm';
import { DAY_MS, shanghaiIsoDay } from '../lib/time.js';
import { districtEscalationMessage, type HazardItem } from './messages.js';
import { dbOutbox } from './outbox/enqueue.js';
import { endOfSendingDay, todayStart } from './shanghai-window.js';
import type { Job, PlannedNotification } from './types.js';

type Row = { code: string; ent: string; deadline: number | null; level: string };
const item = (r: Row): HazardItem => ({ code: r.code, enterprise: r.ent, deadlineAt: r.deadline, level: r.level });

/** 08:30 district 督办: hazards overdue ≥ 7 days and open major hazards, per town and the worst few. */
export const districtEscalation: Job = async ({ db, now, config, outbox = dbOutbox(db) }) => {
  const days = config.escalation.districtHazardOverdueDays;
  const cut = +todayStart(now) - (days - 1) * DAY_MS;
  const top = config.digest.topItems;
  const open = sql`h.status in ('reported', 'rectifying', 'review')`;
  // Unary + keeps SQLite from walking a town or reported_at index over all 2,000,000 hazards to
  // save a sort: the open ones, found through the status index, are a few percent of them.

  const byTown = await db.all<{ town: string; overdue: number; major: number }>(sql`
    select tw.name as town, x.overdue, x.major from (
      select +h.town_id as t, sum(h.deadline_at <= ${cut}) as overdue, sum(h.level = 'major') as major
      from hazards h where ${open} and (h.deadline_at <= ${cut} or h.level = 'major') group by 1
    ) x join towns tw on tw.id = x.t order by x.overdue + x.major desc, tw.name`);
  if (!byTown.length) return { planned: [], enqueued: 0 };

  const worst = await db.all<Row>(sql`
    select h.code, coalesce(e.short_name, e.name) as ent, h.deadline_at as deadline, h.level
    from hazards h join enterprises e on e.id = h.enterprise_id
    where ${open} and h.deadline_at <= ${cut} order by h.deadline_at, h.id limit ${top}`);
  const majors = await db.all<Row>(sql`
    select h.code, coalesce(e.short_name, e.name) as ent, h.deadline_at as deadline, h.level
    from hazards h join enterprises e on e.id = h.enterprise_id
    where ${open} and h.level = 'major' order by +h.reported_at, h.id limit ${top}`);
  const msg = districtEscalationMessage(now, {
    overdueCount: byTown.reduce((s, t) => s + t.overdue, 0),
    majorOpenCount: byTown.reduce((s, t) => s + t.major, 0),
    hazards: worst.map(item),
    majors: majors.filter((m) => !worst.some((w) => w.code === m.code)).map(item),
    byTown,
  }, days);

  const admins = await db.all<{ id: number }>(sql`select id from people where role = 'district_admin' and active = 1`);
  const day = shanghaiIsoDay(now);
  const expiresAt = endOfSendingDay(now, config);
  const planned: PlannedNotification[] = admins.map((a) => ({
    dedupeKey: `escalation:district:${a.id}:${day}`, personId: a.id, kind: 'district_escalation', urgent: false, ...msg, expiresAt,
  }));
  return { planned, enqueued: await outbox.enqueue(planned, now) };
};
