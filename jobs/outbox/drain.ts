import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { ChatPlatform, SendResult } from '../../bot/port.js';
import { defaultJobsConfig, type JobsConfig } from '../config.js';
import { renderFor } from '../messages.js';
import { inQuietHours, quietHoursEnd } from '../shanghai-window.js';
import { loadRoutes, pickRoute, type Route } from './recipients.js';
import { realPacing, type Pacing, type Senders } from './senders.js';
import { failRows, retryRows, markSent, type Outcome } from './settle.js';

export type DrainOptions = {
  db: Db;
  senders: Senders;
  now: Date;
  config?: JobsConfig;
  pacing?: Pacing;
};

export type DrainReport = { sent: number; retried: number; failed: number; dropped: number; held: number; waiting: number };

type Row = { id: number; personId: number | null; platform: string | null; target: string | null; urgent: number; title: string; text: string };
type Send = { rows: Row[]; platform: ChatPlatform; to: Route['userId'][]; group?: string };

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
  const config = opts.config ?? defaultJobsConfig;
  const pacing = opts.pacing ?? realPacing;
  const o = config.outbox;
  const report: DrainReport = { sent: 0, retried: 0, failed: 0, dropped: 0, held: 0, waiting: 0 };

  report.dropped = (await db.run(sql`update notifications set status = 'dropped', last_error = '已过当日发送时段，未发送'
    where status = 'pending' and urgent = 0 and expires_at is not null and expires_at <= ${+now}`)).rowsAffected;
  if (inQuietHours(now, config)) {
    report.held = (await db.run(sql`update notifications set not_before = ${+quietHoursEnd(now, config)}
      where status = 'pending' and urgent = 0 and not_before <= ${+now}`)).rowsAffected;
  }
  if (!Object.keys(senders).length) return report;

  const due = await db.all<Row>(sql`
    select id, person_id as "personId", platform, target, urgent, title, text from notifications
    where status = 'pending' and not_before <= ${+now} order by urgent desc, not_before, id limit ${o.claimBatch}`);
  if (!due.length) return report;

  const routes = await loadRoutes(db, due.flatMap((r) => (r.personId == null ? [] : [r.personId])));
  const unreachable: Row[] = [];
  const plan: Send[] = [];
  const batches = new Map<string, Send>();
  let groupBudget = o.groupRobotPerMinute - (await groupSendsLastMinute(db, now));
  let wechatBudget = o.wechatPerDrain;
  for (const r of due) {
    if (r.target) {
      const p = r.platform as ChatPlatform;
      if (!senders[p] || (p === 'dingtalk' && groupBudget-- <= 0)) continue;
      plan.push({ rows: [r], platform: p, to: [], group: r.target });
      continue;
    }
    const route = pickRoute(routes.get(r.personId!), (p) => !!senders[p] && (p !== 'wechat' || wechatBudget > 0));
    if (route === 'unreachable') unreachable.push(r);
    if (!route || route === 'unreachable') continue;
    if (route.platform === 'wechat') wechatBudget--;
    if (route.platform === 'dingtalk' && senders.dingtalk?.sendBatch) {
      // One batchSend carries one text to ≤ 20 users: group rows with identical title and text.
      const key = `${r.title}\u0000${r.text}`;
      let b = batches.get(key);
      if (!b || b.to.length >= o.dingtalkBatchSize) batches.set(key, (b = { rows: [], platform: 'dingtalk', to: [] })), plan.push(b);
      b.rows.push(r);
      b.to.push(route.userId);
      continue;
    }
    plan.push({ rows: [r], platform: route.platform, to: [route.userId] });
  }
  report.failed += await failRows(db, unreachable.map((r) => r.id), '未绑定任何聊天账号');

  const claimed = await claim(db, plan.flatMap((s) => s.rows.map((r) => r.id)), now, o.leaseSeconds);
  report.waiting = due.length - claimed.size - unreachable.length;
  let wechatSent = 0;
  for (const s of plan) {
    const rows = s.rows.filter((r) => claimed.has(r.id));
    if (!rows.length) continue;
    if (s.platform === 'wechat' && wechatSent++ > 0) {
      await pacing.sleep(o.wechatGapMs.min + pacing.random() * (o.wechatGapMs.max - o.wechatGapMs.min));
    }
    const outcome = await deliver(senders, s, rows);
    await settle(db, outcome, s.platform, now, config, report);
  }
  return report;
}

async function groupSendsLastMinute(db: Db, now: Date): Promise<number> {
  const [r] = await db.all<{ n: number }>(sql`select count(*) as n from notifications
    where status = 'sent' and target is not null and platform = 'dingtalk' and sent_at > ${+now - 60_000}`);
  return r?.n ?? 0;
}

async function claim(db: Db, ids: number[], now: Date, leaseSeconds: number): Promise<Set<number>> {
  const got = new Set<number>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await db.all<{ id: number }>(sql`update notifications set not_before = ${+now + leaseSeconds * 1000}
      where id in (${sql.join(chunk.map((id) => sql`${id}`), sql`, `)}) and status = 'pending' and not_before <= ${+now}
      returning id`);
    for (const r of rows) got.add(r.id);
  }
  return got;
}

/** One platform call; a thrown error counts as retryable (network, token expiry …). */
async function deliver(senders: Senders, s: Send, rows: Row[]): Promise<Outcome> {
  const sender = senders[s.platform]!;
  const users = rows.map((r) => s.to[s.rows.indexOf(r)]);
  const ids = rows.map((r) => r.id);
  const message = renderFor(s.platform, rows[0]);
  const fromResult = (res: SendResult): Outcome =>
    res.ok ? { sent: ids, retry: [], retryError: '', failed: [] }
      : res.retryable ? { sent: [], retry: ids, retryError: res.error, failed: [] }
        : { sent: [], retry: [], retryError: '', failed: ids.map((id) => ({ id, error: res.error })) };
  try {
    if (s.group) return fromResult(await sender.send({ groupId: s.group }, message));
    if (!sender.sendBatch) return fromResult(await sender.send({ userId: users[0] }, message));
    const res = await sender.sendBatch(users, message);
    const sent = new Set(res.sent);
    const failed = new Map(res.failed.map((f) => [f.userId, f.error]));
    const out: Outcome = { sent: [], retry: [], retryError: '钉钉限流，稍后重试', failed: [] };
    // A user the platform did not mention is retried rather than assumed delivered.
    rows.forEach((r, i) => {
      const u = users[i];
      if (sent.has(u)) out.sent.push(r.id);
      else if (failed.has(u)) out.failed.push({ id: r.id, error: failed.get(u)! });
      else out.retry.push(r.id);
    });
    return out;
  } catch (e) {
    return { sent: [], retry: ids, retryError: e instanceof Error ? e.message : String(e), failed: [] };
  }
}

async function settle(db: Db, out: Outcome, platform: ChatPlatform, now: Date, config: JobsConfig, report: DrainReport) {
  report.sent += await markSent(db, out.sent, platform, now);
  report.retried += await retryRows(db, out.retry, out.retryError, now, config);
  for (const f of out.failed) report.failed += await failRows(db, [f.id], f.error);
}
