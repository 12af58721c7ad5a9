import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { ChatPlatform } from '../../bot/port.js';
import { defaultJobsConfig, type JobsConfig } from '../config.js';
import { inQuietHours, quietHoursEnd } from '../shanghai-window.js';
import { deliver } from './deliver.js';
import { planSends, type OutboxRow } from './plan.js';
import { loadRoutes } from './recipients.js';
import { realPacing, type Pacing, type Senders } from './senders.js';
import { claim, failRows, groupSendsLastMinute, markSent, postpone, retryRows, type Outcome } from './row-updates.js';
import { affected } from '../db-result.js';
import { writeOne, type JobStore } from '../write.js';
import type { Writer } from '../../api/core/write.js';

export type DrainOptions = {
  db: Db;
  /** The process's writer (jobs/write.ts); without one, writes run on `db`. */
  writer?: Writer;
  senders: Senders;
  now: Date;
  config?: JobsConfig;
  pacing?: Pacing;
};

export type DrainReport = { sent: number; retried: number; failed: number; dropped: number; held: number; waiting: number };

/**
 * Delivers due outbox rows. Order of a round: drop routine rows whose day has passed; in quiet
 * hours move routine rows to 08:00; pick the due rows, choose one platform per person (preferred
 * first); plan the calls within the platforms' limits; claim exactly those rows; send; settle.
 *
 * Claiming moves not_before a lease into the future in one UPDATE guarded by `not_before <= now`,
 * so a second drainer never picks the same row. Each call is settled right after it returns: a
 * crash between a send and its settle resends only that call's rows (one message, or one
 * batchSend of ≤ 20 users with the same text) after the lease — the one duplicate we accept.
 */
export async function drainOutbox(opts: DrainOptions): Promise<DrainReport> {
  const { db, senders, now } = opts;
  const store: JobStore = { db, writer: opts.writer };
  const config = opts.config ?? defaultJobsConfig;
  const pacing = opts.pacing ?? realPacing;
  const o = config.outbox;
  const report: DrainReport = { sent: 0, retried: 0, failed: 0, dropped: 0, held: 0, waiting: 0 };

  report.dropped = affected(await writeOne(store, db.run(sql`update notifications set status = 'dropped', last_error = '已过当日发送时段，未发送'
    where status = 'pending' and urgent = 0 and expires_at is not null and expires_at <= ${+now}`)));
  if (inQuietHours(now, config)) {
    report.held = affected(await writeOne(store, db.run(sql`update notifications set not_before = ${+quietHoursEnd(now, config)}
      where status = 'pending' and urgent = 0 and not_before <= ${+now}`)));
  }
  if (!Object.keys(senders).length) return report;

  const due = await db.all<OutboxRow>(sql`
    select id, person_id as "personId", platform, target, urgent, title, text, image from notifications
    where status = 'pending' and not_before <= ${+now} order by urgent desc, not_before, id limit ${o.claimBatch}`);
  if (!due.length) return report;

  const routes = await loadRoutes(db, due.flatMap((r) => (r.personId == null ? [] : [r.personId])));
  const { plan, unreachable, later } = planSends(due, routes, senders, {
    groupRobot: o.groupRobotPerMinute - (await groupSendsLastMinute(db, now)),
    wechat: o.wechatPerDrain,
    dingtalkBatchSize: o.dingtalkBatchSize,
  });
  report.failed += await failRows(store, unreachable.map((r) => r.id), '未绑定任何聊天账号');
  await postpone(store, later.noSender, now, +now + o.noSenderDelaySeconds * 1000);
  await postpone(store, later.budget, now, +now + 60_000);

  const claimed = await claim(store, plan.flatMap((s) => s.rows.map((r) => r.id)), now, o.leaseSeconds);
  report.waiting = later.noSender.length + later.budget.length;
  let wechatSent = 0;
  for (const s of plan) {
    const rows = s.rows.filter((r) => claimed.has(r.id));
    if (!rows.length) continue;
    if (s.platform === 'wechat' && wechatSent++ > 0) {
      await pacing.sleep(o.wechatGapMs.min + pacing.random() * (o.wechatGapMs.max - o.wechatGapMs.min));
    }
    const outcome = await deliver(senders, s, rows);
    await settle(store, outcome, s.platform, now, config, report);
  }
  return report;
}

async function settle(store: JobStore, out: Outcome, platform: ChatPlatform, now: Date, config: JobsConfig, report: DrainReport) {
  report.sent += await markSent(store, out.sent, platform, now);
  report.retried += await retryRows(store, out.retry, out.retryError, now, config);
  for (const f of out.failed) report.failed += await failRows(store, [f.id], f.error);
}
