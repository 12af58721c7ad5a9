import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { jobRuns } from '../db/schema/index.js';
import { defaultJobsConfig, type JobsConfig } from './config.js';
import { lastFiringToday } from './cron.js';
import { schedules, type Schedule } from './schedules.js';
import { shanghaiStamp } from './shanghai-window.js';
import type { OutboxSink } from './types.js';
import type { Writer } from '../api/core/write.js';
import { dbOutbox } from './outbox/enqueue.js';
import { writeOne, type JobStore } from './write.js';

export type RunDueOptions = {
  db: Db;
  now: Date;
  config?: JobsConfig;
  /** Only these jobs (the Worker runs the ones whose cron fired). */
  only?: string[];
  outbox?: OutboxSink;
  /** The process's writer for the slot claims and the outbox (jobs/write.ts); else writes run on `db`. */
  writer?: Writer;
  table?: Schedule[];
};

export type RunReport = { job: string; slot: string; planned: number; enqueued: number; error?: string };

/**
 * Claims a slot: the insert-or-ignore decides which of two schedulers runs it. A run that started
 * but never finished (the process died) is taken over once its lease has passed; re-running is
 * safe because every message is keyed in the outbox.
 */
export async function claimSlot(store: JobStore, job: string, slot: string, now: Date, leaseSeconds: number): Promise<boolean> {
  const { db } = store;
  const fresh = await writeOne<unknown[]>(store, db.insert(jobRuns).values({ job, slot, startedAt: now }).onConflictDoNothing().returning({ job: jobRuns.job }));
  if (fresh.length) return true;
  const stale = await writeOne<unknown[]>(store, db
    .update(jobRuns)
    .set({ startedAt: now })
    .where(and(eq(jobRuns.job, job), eq(jobRuns.slot, slot), isNull(jobRuns.finishedAt),
      sql`${jobRuns.startedAt} <= ${+now - leaseSeconds * 1000}`))
    .returning({ job: jobRuns.job }));
  return stale.length > 0;
}

/**
 * Runs every scheduled job whose latest firing today (Asia/Shanghai) has passed and whose slot has
 * no run yet: the cron tick itself, and the catch-up after downtime. Only today's latest firing
 * counts, so a service that was down yesterday does not send yesterday's digests now.
 */
export async function runDueJobs(opts: RunDueOptions): Promise<RunReport[]> {
  const { db, now } = opts;
  const config = opts.config ?? defaultJobsConfig;
  const store: JobStore = { db, writer: opts.writer };
  const outbox = opts.outbox ?? (opts.writer ? dbOutbox(db, opts.writer) : undefined);
  const reports: RunReport[] = [];
  for (const s of opts.table ?? schedules) {
    if (opts.only && !opts.only.includes(s.name)) continue;
    const fired = lastFiringToday(s.cron, now);
    if (!fired) continue;
    const slot = shanghaiStamp(fired);
    if (!(await claimSlot(store, s.name, slot, now, config.runLeaseSeconds))) continue;
    let res;
    try {
      res = await s.run({ db, now, config, outbox });
    } catch (e) {
      // The slot stays unfinished: the next catch-up after the lease re-runs it, and the outbox
      // keys make that re-run add only what the failed one had not enqueued yet.
      reports.push({ job: s.name, slot, planned: 0, enqueued: 0, error: e instanceof Error ? e.message : String(e) });
      continue;
    }
    const report: RunReport = { job: s.name, slot, planned: res.planned.length, enqueued: res.enqueued };
    await writeOne(store, db.update(jobRuns).set({ finishedAt: now, result: report }).where(and(eq(jobRuns.job, s.name), eq(jobRuns.slot, slot))));
    reports.push(report);
  }
  return reports;
}
