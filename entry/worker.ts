import { drizzle as drizzleD1 } from 'drizzle-orm/d1';
import { drizzle as drizzleLibsql } from 'drizzle-orm/libsql';
import { createClient } from '@libsql/client/web';
import * as schema from '../db/schema/index.js';
import type { Db } from '../db/client.js';
import { createApp } from '../api/app.js';
import type { Deps } from '../api/core/context.js';
import { memoryFileStore } from '../api/core/file-store.js';
import { dbWriter } from '../api/core/write.js';
import { systemClock } from '../lib/clock.js';
import { shanghaiCronToUtc } from '../jobs/cron.js';
import { schedules } from '../jobs/schedules.js';
import { runDueJobs, type RunReport } from '../jobs/run-due.js';
import { outboxNotifier } from '../jobs/urgent-alert.js';

// Thin Worker entry: fetch = the same Hono app, scheduled = the same jobs as node-cron runs.
// Jobs enqueue into the outbox; the Node process that holds the chat connections drains it.

type Env = {
  /** Cloudflare D1 binding (wrangler.toml). */
  DB?: unknown;
  /** Or a libsql server (Turso / sqld) over HTTP. */
  DATABASE_URL?: string;
  DATABASE_AUTH_TOKEN?: string;
};
type ScheduledEvent = { cron: string; scheduledTime: number };
type ExecutionContext = { waitUntil(p: Promise<unknown>): void };

function openDb(env: Env): Db {
  // D1 and libsql share drizzle's SQLite dialect and batch(); the jobs and verbs only use those.
  if (env.DB) return drizzleD1(env.DB as Parameters<typeof drizzleD1>[0], { schema }) as unknown as Db;
  if (!env.DATABASE_URL) throw new Error('配置错误：需要 D1 绑定 DB 或 DATABASE_URL');
  return drizzleLibsql(createClient({ url: env.DATABASE_URL, authToken: env.DATABASE_AUTH_TOKEN }), { schema }) as unknown as Db;
}

function deps(env: Env): Deps {
  const db = openDb(env);
  return {
    db,
    writer: dbWriter(db),
    clock: systemClock,
    notifier: outboxNotifier({ db, clock: systemClock }),
    // Photos need durable storage (R2) on Workers; until then uploads live for the request only.
    files: memoryFileStore(),
  };
}

export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext) {
    return createApp(deps(env)).fetch(request, env, ctx as never);
  },
  scheduled(event: ScheduledEvent, env: Env, ctx: ExecutionContext) {
    const only = schedules.filter((s) => shanghaiCronToUtc(s.cron) === event.cron).map((s) => s.name);
    const db = openDb(env);
    const now = new Date(event.scheduledTime);
    const log = (reports: RunReport[]) => {
      for (const r of reports) console.log(`[jobs] ${r.job} ${r.slot}: ${r.error ?? `计划 ${r.planned} 条，新入队 ${r.enqueued} 条`}`);
    };
    // The jobs of this cron first; then a catch-up pass over the rest, so a run missed or killed
    // earlier today is picked up at the next (hourly) trigger, as the Node scheduler does.
    ctx.waitUntil(runDueJobs({ db, now, only }).then(log).then(() => runDueJobs({ db, now })).then(log));
  },
};
