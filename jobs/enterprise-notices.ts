import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { EnterpriseNotice } from '../api/core/notifier.js';
import { DAY_MS } from '../lib/time.js';
import { deadlineDay } from '../api/hazards/deadline.js';
import { dbOutbox } from './outbox/enqueue.js';
import { endOfSendingDay, todayStart } from './shanghai-window.js';
import type { Job, PlannedNotification } from './types.js';

// What an enterprise's safety contacts (role enterprise) are told about their own hazards: 整改通知
// when a deadline is set, a reminder two days before and on the deadline day, and a failed review.
// Each message's dedupe key names the hazard and the deadline it is about, so a retry or a second
// run sends nothing twice while a new deadline (re-assigned, failed review) is told again.

type HazardFacts = {
  id: number; code: string; description: string; level: string; status: string;
  deadline: number | null; ent: string; enterprise_id: number; item: string | null;
};

const facts = async (db: Db, hazardId: number) => (await db.all<HazardFacts>(sql`
  select h.id, h.code, h.description, h.level, h.status, h.deadline_at as deadline, e.name as ent, h.enterprise_id,
    ci.title as item
  from hazards h join enterprises e on e.id = h.enterprise_id left join check_items ci on ci.id = h.check_item_id
  where h.id = ${hazardId}`))[0];

/** The active safety contacts of an enterprise. */
async function contacts(db: Db, enterpriseId: number): Promise<number[]> {
  const rows = await db.all<{ id: number }>(sql`
    select id from people where role = 'enterprise' and active = 1 and enterprise_id = ${enterpriseId} order by id`);
  return rows.map((r) => r.id);
}

const link = (publicUrl: string | undefined, code: string) =>
  publicUrl ? `\n查看隐患：${publicUrl.replace(/\/+$/, '')}/app/hazards/${encodeURIComponent(code)}` : '';

function body(h: HazardFacts, lead: string, publicUrl?: string): string {
  const lines = [
    lead,
    `隐患编号：${h.code}`,
    `企业：${h.ent}`,
    `检查项目：${h.item ?? '（未归类）'}`,
    `隐患内容：${h.description}`,
    `整改期限：${h.deadline == null ? '未设定' : `${deadlineDay(new Date(h.deadline))} 前`}${h.level === 'major' ? '（重大隐患）' : ''}`,
    `请按期整改，完成后发送“整改 ${h.code} 整改情况”并附整改后照片，等待网格员复查。`,
  ];
  return lines.join('\n') + link(publicUrl, h.code);
}

const planFor = async (db: Db, h: HazardFacts, make: (personId: number) => PlannedNotification) =>
  (await contacts(db, h.enterprise_id)).map(make);

/** 整改通知 / 复查未通过 for one hazard (called by the outbox notifier after the verb committed). */
export async function planEnterpriseNotice(db: Db, n: EnterpriseNotice): Promise<PlannedNotification[]> {
  const h = await facts(db, n.hazardId);
  if (!h || h.deadline == null && n.kind === 'deadline') return [];
  // A major hazard's notice goes at once, even at night; a general one waits out quiet hours.
  const urgent = h.level === 'major';
  if (n.kind === 'deadline') {
    return planFor(db, h, (personId) => ({
      dedupeKey: `notice:hazard:${h.id}:deadline:${h.deadline}:${personId}`, personId, kind: 'enterprise_deadline', urgent,
      title: `整改通知 ${h.code}`, text: body(h, '【整改通知】贵单位存在以下安全隐患，请限期整改：', n.publicUrl), expiresAt: null,
    }));
  }
  const reason = n.reason?.trim() || '未说明';
  return planFor(db, h, (personId) => ({
    dedupeKey: `notice:hazard:${h.id}:review_fail:${h.deadline ?? 'none'}:${personId}`, personId, kind: 'enterprise_review_fail', urgent,
    title: `复查未通过 ${h.code}`,
    text: body(h, `【复查未通过】隐患 ${h.code} 的整改未通过复查。\n原因：${reason}\n请重新整改，新的期限如下：`, n.publicUrl),
    expiresAt: null,
  }));
}

/**
 * 08:30 daily: reminders to enterprise contacts for hazards still being fixed whose deadline is in
 * two days or today (Shanghai). Routine: they wait out quiet hours and expire with their day.
 */
export const enterpriseReminder: Job = async ({ db, now, config, outbox = dbOutbox(db) }) => {
  const today = +todayStart(now);
  const planned: PlannedNotification[] = [];
  for (const [daysLeft, lead] of [[2, '【整改提醒】以下隐患的整改期限还有 2 天：'], [0, '【整改提醒】以下隐患今天到期，请今天内完成整改：']] as const) {
    // deadline_at is the end of the deadline day (the next Shanghai midnight).
    const from = today + daysLeft * DAY_MS;
    const ids = await db.all<{ id: number }>(sql`
      select h.id from hazards h where h.status in ('reported', 'rectifying')
        and h.deadline_at > ${from} and h.deadline_at <= ${from + DAY_MS}
        and exists (select 1 from people p where p.role = 'enterprise' and p.active = 1 and p.enterprise_id = h.enterprise_id)
      order by h.id`);
    for (const { id } of ids) {
      const h = await facts(db, id);
      if (!h) continue;
      planned.push(...await planFor(db, h, (personId) => ({
        dedupeKey: `reminder:hazard:${h.id}:${h.deadline}:d${daysLeft}:${personId}`, personId, kind: 'enterprise_reminder', urgent: false,
        title: `整改提醒 ${h.code}`, text: body(h, lead, config.publicUrl), expiresAt: endOfSendingDay(now, config),
      })));
    }
  }
  const enqueued = planned.length ? await outbox.enqueue(planned, now) : 0;
  return { planned, enqueued };
};
