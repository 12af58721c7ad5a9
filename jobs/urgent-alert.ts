import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { Clock } from '../lib/clock.js';
import type { Notifier, UrgentAlert } from '../api/core/notifier.js';
import type { Writer } from '../api/core/write.js';
import { majorCorrectedMessage, urgentAlertMessage } from './messages.js';
import { planEnterpriseNotice } from './enterprise-notices.js';
import { dbOutbox } from './outbox/enqueue.js';
import type { OutboxSink, PlannedNotification } from './types.js';
import { errorFields, logger } from '../lib/log.js';

export type OutboxNotifierDeps = {
  db: Db;
  /** The process's writer: an alert raised during an import queues behind it (jobs/write.ts). */
  writer?: Writer;
  clock: Clock;
  outbox?: OutboxSink;
  /** Called after new urgent rows are in the outbox (the scheduler drains at once). */
  onEnqueued?: () => void;
  log?: (msg: string, e: unknown) => void;
};

/** Who hears about it: the hazard's town admins and the district admins always; departments when whistled. */
async function recipients(db: Db, hazardId: number, townId: number, whistleAt: number | null) {
  const rows = await db.all<{ id: number }>(sql`
    select id from people where active = 1 and (
      role = 'district_admin' or (role = 'town_admin' and town_id = ${townId})
      or (role = 'department' and department_id in (
        select department_id from hazard_departments where hazard_id = ${hazardId}
          and (${whistleAt} is null or whistled_at = ${whistleAt})))
    ) order by id`);
  return rows.map((r) => r.id);
}

/** Plans the urgent messages for one alert (exported for the CLI and tests). */
export async function planUrgentAlert(db: Db, alert: UrgentAlert): Promise<PlannedNotification[]> {
  const [h] = await db.all<{ code: string; ent: string; town: string; townId: number; description: string; major: number }>(sql`
    select h.code, coalesce(e.short_name, e.name) as ent, tw.name as town, h.town_id as "townId", h.description,
      (h.level = 'major' or e.risk_color = 'red') as major
    from hazards h join enterprises e on e.id = h.enterprise_id join towns tw on tw.id = h.town_id where h.id = ${alert.hazardId}`);
  if (!h) return [];
  // A whistle alert concerns the departments of that whistle (the latest); its instant keys the dedupe,
  // so a later whistle to another department alerts again while a retried call does not.
  let whistleAt: number | null = null;
  let departments: string[] = [];
  if (alert.kind === 'whistle') {
    const ds = await db.all<{ name: string; at: number }>(sql`
      select d.name, hd.whistled_at as at from hazard_departments hd join departments d on d.id = hd.department_id
      where hd.hazard_id = ${alert.hazardId} and hd.whistled_at = (select max(whistled_at) from hazard_departments where hazard_id = ${alert.hazardId})`);
    if (!ds.length) return [];
    whistleAt = ds[0].at;
    departments = ds.map((d) => d.name);
  }
  if (alert.kind === 'major_corrected') return planCorrection(db, alert, h);
  const msg = urgentAlertMessage(alert.kind, { code: h.code, enterprise: h.ent, town: h.town, description: h.description, departments });
  const key = alert.kind === 'whistle' ? `urgent:whistle:${alert.hazardId}:${whistleAt}` : `urgent:${alert.kind}:${alert.hazardId}`;
  // SPEC §5: only a major hazard or a red enterprise breaks quiet hours. A whistle on a general
  // hazard still goes out at once by day, but waits for 08:00 at night like any routine message.
  const urgent = alert.kind !== 'whistle' || h.major === 1;
  return (await recipients(db, alert.hazardId, h.townId, whistleAt)).map((personId) => ({
    dedupeKey: `${key}:${personId}`, personId, kind: `urgent_${alert.kind}`, urgent, ...msg, expiresAt: null,
  }));
}

/**
 * The Notifier port over the outbox: verbs call urgent() after their write committed; the alert
 * is enqueued with urgent = true (quiet hours do not hold it) and the drain is kicked at once.
 * Never throws into the verb: a failure is logged and the hazard stays reported.
 */
export function outboxNotifier(deps: OutboxNotifierDeps): Notifier {
  const outbox = deps.outbox ?? dbOutbox(deps.db, deps.writer);
  const log = deps.log ?? ((m, e) => logger('jobs').error(m, errorFields(e)));
  return {
    async urgent(alert) {
      try {
        const planned = await planUrgentAlert(deps.db, alert);
        if (planned.length && (await outbox.enqueue(planned, deps.clock())) > 0) deps.onEnqueued?.();
      } catch (e) {
        log(`[jobs] 紧急提醒入队失败 hazard ${alert.hazardId}`, e);
      }
    },
    async notice(n) {
      try {
        const planned = await planEnterpriseNotice(deps.db, n);
        if (planned.length && (await outbox.enqueue(planned, deps.clock())) > 0 && planned.some((p) => p.urgent)) deps.onEnqueued?.();
      } catch (e) {
        log(`[jobs] 企业通知入队失败 hazard ${n.hazardId}`, e);
      }
    },
  };
}

/**
 * A major alert taken back by its reporter (made general, withdrawn, moved to another enterprise): told to
 * exactly those the alert was queued for, at once (an alarm's correction must not wait for the morning).
 * Nothing when no alert was queued (a notifier that drops alerts, or the report was never major).
 */
async function planCorrection(
  db: Db, alert: UrgentAlert, h: { code: string; ent: string; town: string; description: string },
): Promise<PlannedNotification[]> {
  const prefix = `urgent:major_hazard:${alert.hazardId}:`;
  // A range on the unique dedupe key index (LIKE would not be served by it).
  const alerted = await db.all<{ person_id: number }>(sql`
    select person_id from notifications where dedupe_key >= ${prefix} and dedupe_key < ${`${prefix.slice(0, -1)};`} order by person_id`);
  if (!alerted.length) return [];
  const [now] = await db.all<{ level: string; status: string }>(sql`select level, status from hazards where id = ${alert.hazardId}`);
  const msg = majorCorrectedMessage({ code: h.code, enterprise: h.ent, town: h.town, description: h.description,
    withdrawn: now?.status === 'void', level: now?.level ?? 'general' });
  return alerted.map(({ person_id: personId }) => ({
    dedupeKey: `urgent:major_corrected:${alert.hazardId}:${alert.at ?? 0}:${personId}`, personId, kind: 'urgent_major_corrected',
    urgent: true, ...msg, expiresAt: null,
  }));
}
