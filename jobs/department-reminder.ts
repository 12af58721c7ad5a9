import { sql } from 'drizzle-orm';
import { departmentReminderMessage } from './messages.js';
import { dbOutbox } from './outbox/enqueue.js';
import type { Job, PlannedNotification } from './types.js';

/**
 * Runs hourly: a whistle not reported in after 24 h reminds the department's users and the town
 * admin, once per whistle (the dedupe key names hazard, department and person). It carries no
 * expiry: a reminder made at night is held until 08:00, never dropped, or it would never come.
 */
export const departmentReminder: Job = async ({ db, now, config, outbox = dbOutbox(db) }) => {
  const cut = +now - config.departmentReminderHours * 3600_000;
  // Recipients are resolved in SQL and those already in the outbox skipped, so hourly re-runs
  // plan only new reminders.
  const rows = await db.all<{ pid: number; hid: number; did: number; code: string; ent: string; dept: string; at: number }>(sql`
    with due as (
      select hd.hazard_id as hid, hd.department_id as did, hd.whistled_at as at, h.town_id as t, h.code,
             coalesce(e.short_name, e.name) as ent, d.name as dept
      from hazard_departments hd join hazards h on h.id = hd.hazard_id
      join enterprises e on e.id = h.enterprise_id join departments d on d.id = hd.department_id
      where hd.acknowledged_at is null and hd.whistled_at <= ${cut} and h.status in ('reported', 'rectifying', 'review')
    ), who as (
      select p.id as pid, due.* from due join people p on p.role = 'department' and p.department_id = due.did and p.active = 1
      union
      select p.id as pid, due.* from due join people p on p.role = 'town_admin' and p.town_id = due.t and p.active = 1
    )
    select * from who where not exists (
      select 1 from notifications n where n.dedupe_key = 'dept-reminder:' || who.hid || ':' || who.did || ':' || who.pid
    ) order by who.at, who.pid`);
  const planned: PlannedNotification[] = rows.map((r) => ({
    dedupeKey: `dept-reminder:${r.hid}:${r.did}:${r.pid}`,
    personId: r.pid,
    kind: 'department_reminder',
    urgent: false,
    ...departmentReminderMessage({ code: r.code, enterprise: r.ent, department: r.dept, whistledAt: r.at }),
    expiresAt: null,
  }));
  return { planned, enqueued: await outbox.enqueue(planned, now) };
};
