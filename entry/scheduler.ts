import cron from 'node-cron';
import type { Db } from '../db/client.js';
import type { Writer } from '../api/core/write.js';
import type { Clock } from '../lib/clock.js';
import { defaultJobsConfig, type JobsConfig } from '../jobs/config.js';
import { schedules } from '../jobs/schedules.js';
import { runDueJobs, type RunReport } from '../jobs/run-due.js';
import { drainOutbox } from '../jobs/outbox/drain.js';
import type { Senders } from '../jobs/outbox/senders.js';
import { lineLogger } from '../lib/log.js';

export type SchedulerOptions = {
  db: Db;
  /** The process's group-commit writer: job and outbox writes queue behind an import (jobs/write.ts). */
  writer?: Writer;
  clock: Clock;
  senders: Senders;
  config?: JobsConfig;
  /** Outbox drain period; urgent alerts also kick a drain at once (see kick()). */
  drainEveryMs?: number;
  log?: (line: string) => void;
};

/**
 * The Node trigger for jobs/schedules.ts: node-cron in Asia/Shanghai for each job, a catch-up at
 * start and every few minutes (a run that died mid-way is resumed after its lease), and a drain
 * loop for the outbox. Returns kick() (drain now, for urgent alerts) and stop().
 */
export function startScheduler(opts: SchedulerOptions) {
  const config = opts.config ?? defaultJobsConfig;
  const log = opts.log ?? lineLogger('jobs');
  const report = (reports: RunReport[]) => {
    for (const r of reports) log(`[jobs] ${r.job} ${r.slot}: ${r.error ? `失败 ${r.error}` : `计划 ${r.planned} 条，新入队 ${r.enqueued} 条`}`);
  };
  const runDue = (only?: string[]) =>
    runDueJobs({ db: opts.db, writer: opts.writer, now: opts.clock(), config, only }).then(report, (e) => log(`[jobs] 运行失败: ${String(e)}`));

  let draining: Promise<void> | null = null;
  let again = false;
  const drain = (): Promise<void> => {
    // One drain at a time in this process; a kick during a drain runs one more right after.
    if (draining) return (again = true), draining;
    draining = drainOutbox({ db: opts.db, writer: opts.writer, senders: opts.senders, now: opts.clock(), config })
      .then((r) => {
        if (r.sent || r.failed || r.retried || r.dropped) log(`[outbox] 已发送 ${r.sent}，重试 ${r.retried}，失败 ${r.failed}，过期 ${r.dropped}`);
      }, (e) => log(`[outbox] 发送出错: ${String(e)}`))
      .finally(() => {
        draining = null;
        if (again) (again = false), void drain();
      });
    return draining;
  };

  const tasks = schedules.map((s) =>
    cron.schedule(s.cron, () => void runDue([s.name]).then(drain), { timezone: 'Asia/Shanghai', name: s.name }),
  );
  const catchUp = setInterval(() => void runDue(), 5 * 60_000);
  const drainLoop = setInterval(() => void drain(), opts.drainEveryMs ?? 15_000);
  const ready = runDue().then(drain);
  if (!Object.keys(opts.senders).length) log('[outbox] 未配置聊天平台：提醒会保存在发件箱中，配置后自动发送');

  return {
    ready,
    kick: () => void drain(),
    async stop() {
      for (const t of tasks) await t.stop();
      clearInterval(catchUp);
      clearInterval(drainLoop);
      await draining;
    },
  };
}
